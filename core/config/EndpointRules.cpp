#include "core/config/EndpointRules.h"

#include "core/capture/HeaderSyntax.h"

namespace {

// The first control character or whitespace in `text` described for people; empty when none.
QString firstForbidden(const QString &text, bool spaces)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.category() == QChar::Other_Control)
            return HeaderSyntax::controlName(c.unicode()) +
                   QStringLiteral(" (at character %1)").arg(i);
        if (spaces && c.isSpace())
            return QStringLiteral("a space (at character %1)").arg(i);
    }
    return {};
}

} // namespace

QString EndpointRules::idProblem(const QString &id)
{
    if (id.isEmpty())
        return QStringLiteral("an id cannot be empty: secrets are stored under it");
    const QString bad = firstForbidden(id, true);
    if (!bad.isEmpty())
        return QStringLiteral("an id cannot contain %1").arg(bad);
    if (id.contains(QLatin1Char('=')))
        return QStringLiteral("an id cannot contain '=' (listen --secret-env splits ID=VAR at it)");
    return {};
}

QString EndpointRules::pathProblem(const QString &path)
{
    if (!path.startsWith(QLatin1Char('/')))
        return QStringLiteral("expected a path starting with '/', for example /stripe");
    if (path.contains(QLatin1Char('?')) || path.contains(QLatin1Char('#')))
        return QStringLiteral("the query is not part of the path: remove what starts at '?' or '#' "
                              "(requests are routed on the path alone)");
    const QString bad = firstForbidden(path, true);
    if (!bad.isEmpty())
        return QStringLiteral("a path cannot contain %1").arg(bad);
    return {};
}

QString EndpointRules::providerProblem(const QString &provider, const QStringList &known)
{
    if (provider.isEmpty() || known.contains(provider))
        return {};
    return QStringLiteral("unknown provider \"%1\" (expected one of: %2; or leave it out to "
                          "capture without verifying)")
        .arg(provider, known.join(QStringLiteral(", ")));
}

QString EndpointRules::headerNameProblem(const QByteArray &name)
{
    return HeaderSyntax::nameProblem(name);
}

QString EndpointRules::headerValueProblem(const QByteArray &value)
{
    return HeaderSyntax::valueProblem(value);
}

QString EndpointRules::ruleNameProblem(const QString &name, const QStringList &earlierNames)
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("empty (expected the rule's name)");
    if (earlierNames.contains(name))
        return QStringLiteral("duplicate rule name \"%1\"").arg(name);
    return {};
}
