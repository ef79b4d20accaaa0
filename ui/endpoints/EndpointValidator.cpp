#include "ui/endpoints/EndpointValidator.h"

#include "core/verify/ProviderRegistry.h"

#include <QObject>

namespace {

bool hasSpace(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            return true;
    }
    return false;
}

} // namespace

QString EndpointValidator::idProblem(const QList<EndpointConfig> &endpoints, int row)
{
    const QString &id = endpoints.at(row).id;
    if (id.isEmpty())
        return QObject::tr("An endpoint needs an id: secrets are stored under it.");
    // `listen --secret-env ENDPOINT_ID=VAR` splits at '=' and shells split at spaces.
    if (hasSpace(id) || id.contains(QLatin1Char('=')))
        return QObject::tr("An id cannot contain spaces or '='.");
    for (int i = 0; i < endpoints.size(); ++i) {
        if (i != row && endpoints.at(i).id == id)
            return QObject::tr("Another endpoint already has the id \"%1\".").arg(id);
    }
    return {};
}

QString EndpointValidator::pathProblem(const QList<EndpointConfig> &endpoints, int row)
{
    const QString &path = endpoints.at(row).path;
    if (!path.startsWith(QLatin1Char('/')))
        return QObject::tr("A path starts with '/', for example /stripe.");
    // Requests are routed on the path alone (AppConfig::endpointForPath drops the query), so a
    // path holding '?' would never match anything.
    if (path.contains(QLatin1Char('?')) || path.contains(QLatin1Char('#')))
        return QObject::tr("The query is not part of the path: remove what starts at '?' or '#'.");
    if (hasSpace(path))
        return QObject::tr("A path cannot contain spaces.");
    for (int i = 0; i < endpoints.size(); ++i) {
        if (i != row && endpoints.at(i).path == path)
            return QObject::tr("Another endpoint already listens on %1.").arg(path);
    }
    return {};
}

QString EndpointValidator::schemeProblem(const EndpointConfig &endpoint)
{
    if (endpoint.provider != QLatin1String("generic-hmac"))
        return {};
    QString error;
    if (!ProviderRegistry::genericScheme(endpoint.scheme, &error))
        return error;
    return {};
}

QString EndpointValidator::problem(const QList<EndpointConfig> &endpoints, int row)
{
    QString p = idProblem(endpoints, row);
    if (p.isEmpty())
        p = pathProblem(endpoints, row);
    if (p.isEmpty())
        p = schemeProblem(endpoints.at(row));
    return p;
}
