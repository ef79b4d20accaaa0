#include "core/capture/HeaderSyntax.h"

namespace {

bool isTokenChar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

} // namespace

bool HeaderSyntax::isToken(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        if (!isTokenChar(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

qsizetype HeaderSyntax::forbiddenValueByte(const QByteArray &value)
{
    for (qsizetype i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value.at(i));
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return i;
    }
    return -1;
}

QString HeaderSyntax::controlName(uint c)
{
    switch (c) {
    case '\r':
        return QStringLiteral("a carriage return (CR)");
    case '\n':
        return QStringLiteral("a line feed (LF)");
    case 0:
        return QStringLiteral("a NUL byte");
    default:
        return QStringLiteral("the control character U+%1")
            .arg(QString::number(c, 16).toUpper().rightJustified(4, QLatin1Char('0')));
    }
}

QString HeaderSyntax::nameProblem(const QByteArray &name)
{
    if (name.isEmpty())
        return QStringLiteral("a header name cannot be empty");
    for (qsizetype i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name.at(i));
        if (isTokenChar(c))
            continue;
        QString what;
        if (c < 0x20 || c == 0x7f)
            what = controlName(c);
        else if (c >= 0x80)
            what = QStringLiteral("the byte 0x%1").arg(QString::number(c, 16).toUpper());
        else
            what = QStringLiteral("'%1'").arg(QLatin1Char(char(c)));
        return QStringLiteral("a header name cannot contain %1 (at byte %2); it is letters, "
                              "digits and !#$%&'*+-.^_`|~")
            .arg(what)
            .arg(i);
    }
    return {};
}

QString HeaderSyntax::valueProblem(const QByteArray &value)
{
    const qsizetype i = forbiddenValueByte(value);
    if (i < 0)
        return {};
    return QStringLiteral("a header value cannot contain %1 (at byte %2): it would end the "
                          "header line")
        .arg(controlName(static_cast<unsigned char>(value.at(i))))
        .arg(i);
}
