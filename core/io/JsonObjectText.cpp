#include "core/io/JsonObjectText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(const QByteArray &text, qsizetype i)
{
    while (i < text.size() && isSpace(text.at(i)))
        ++i;
    return i;
}

// The end of the string whose opening quote is at `i`; -1 when it is not closed.
qsizetype stringEnd(const QByteArray &text, qsizetype i)
{
    for (++i; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '\\')
            ++i;
        else if (c == '"')
            return i + 1;
    }
    return -1;
}

QString decodeKey(const QByteArray &quoted)
{
    const QJsonArray a = QJsonDocument::fromJson('[' + quoted + ']').array();
    return a.isEmpty() ? QString() : a.first().toString();
}

} // namespace

qsizetype JsonObjectText::valueEnd(const QByteArray &text, qsizetype start)
{
    qsizetype i = skipSpace(text, start);
    if (i >= text.size())
        return -1;
    const char first = text.at(i);
    if (first == '"')
        return stringEnd(text, i);
    if (first != '{' && first != '[') {
        while (i < text.size() && !isSpace(text.at(i)) && text.at(i) != ',' && text.at(i) != '}' &&
               text.at(i) != ']')
            ++i;
        return i;
    }
    int depth = 0;
    for (; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '"') {
            i = stringEnd(text, i);
            if (i < 0)
                return -1;
            --i;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return -1;
}

bool JsonObjectText::members(const QByteArray &text, QList<Member> *out)
{
    out->clear();
    qsizetype i = skipSpace(text, 0);
    if (i >= text.size() || text.at(i) != '{')
        return false;
    i = skipSpace(text, i + 1);
    if (i < text.size() && text.at(i) == '}')
        return skipSpace(text, i + 1) == text.size();
    for (;;) {
        if (i >= text.size() || text.at(i) != '"')
            return false;
        const qsizetype keyEnd = stringEnd(text, i);
        if (keyEnd < 0)
            return false;
        Member m;
        m.key = decodeKey(text.mid(i, keyEnd - i));
        i = skipSpace(text, keyEnd);
        if (i >= text.size() || text.at(i) != ':')
            return false;
        const qsizetype valueStart = skipSpace(text, i + 1);
        const qsizetype end = valueEnd(text, valueStart);
        if (end < 0 || end == valueStart)
            return false;
        m.text = text.mid(valueStart, end - valueStart);
        out->append(m);
        i = skipSpace(text, end);
        if (i >= text.size())
            return false;
        if (text.at(i) == '}')
            return skipSpace(text, i + 1) == text.size();
        if (text.at(i) != ',')
            return false;
        i = skipSpace(text, i + 1);
    }
}

QByteArray JsonObjectText::member(const QList<Member> &members, const QString &key)
{
    for (const Member &m : members) {
        if (m.key == key)
            return m.text;
    }
    return {};
}

QJsonValue JsonObjectText::value(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return doc.array().first();
}

QStringList JsonObjectText::leadingKeys(const QByteArray &head)
{
    QStringList keys;
    qsizetype i = skipSpace(head, head.startsWith("\xEF\xBB\xBF") ? 3 : 0);
    if (i < head.size() && head.at(i) == '[')
        i = skipSpace(head, i + 1);
    if (i >= head.size() || head.at(i) != '{')
        return keys;
    i = skipSpace(head, i + 1);
    while (i < head.size() && head.at(i) == '"') {
        const qsizetype keyEnd = stringEnd(head, i);
        if (keyEnd < 0)
            break;
        keys.append(decodeKey(head.mid(i, keyEnd - i)));
        i = skipSpace(head, keyEnd);
        if (i >= head.size() || head.at(i) != ':')
            break;
        const qsizetype end = valueEnd(head, i + 1);
        if (end < 0)
            break;
        i = skipSpace(head, end);
        if (i >= head.size() || head.at(i) != ',')
            break;
        i = skipSpace(head, i + 1);
    }
    return keys;
}
