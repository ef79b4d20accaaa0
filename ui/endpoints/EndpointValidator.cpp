#include "ui/endpoints/EndpointValidator.h"

#include "core/config/EndpointRules.h"
#include "core/verify/ProviderRegistry.h"

#include <QObject>

namespace {

// The rules speak in the config file's lower-case phrases; the editor shows sentences.
QString sentence(const QString &phrase)
{
    if (phrase.isEmpty())
        return phrase;
    return phrase.at(0).toUpper() + phrase.mid(1) + QLatin1Char('.');
}

} // namespace

QString EndpointValidator::idProblem(const QList<EndpointConfig> &endpoints, int row)
{
    const QString &id = endpoints.at(row).id;
    if (const QString problem = EndpointRules::idProblem(id); !problem.isEmpty())
        return sentence(problem);
    for (int i = 0; i < endpoints.size(); ++i) {
        if (i != row && endpoints.at(i).id == id)
            return QObject::tr("Another endpoint already has the id \"%1\".").arg(id);
    }
    return {};
}

QString EndpointValidator::pathProblem(const QList<EndpointConfig> &endpoints, int row)
{
    const QString &path = endpoints.at(row).path;
    if (const QString problem = EndpointRules::pathProblem(path); !problem.isEmpty())
        return sentence(problem);
    for (int i = 0; i < endpoints.size(); ++i) {
        if (i != row && endpoints.at(i).path == path)
            return QObject::tr("Another endpoint already listens on %1.").arg(path);
    }
    return {};
}

QString EndpointValidator::schemeProblem(const EndpointConfig &endpoint)
{
    if (const QString problem =
            EndpointRules::providerProblem(endpoint.provider, ProviderRegistry::names());
        !problem.isEmpty())
        return sentence(problem);
    if (endpoint.provider != QLatin1String("generic-hmac"))
        return {};
    QString error;
    if (!ProviderRegistry::genericScheme(endpoint.scheme, &error))
        return error;
    return {};
}

QString EndpointValidator::responseProblem(const EndpointConfig &endpoint)
{
    for (const auto &header : endpoint.response.headers) {
        QString problem = EndpointRules::headerNameProblem(header.first);
        if (problem.isEmpty())
            problem = EndpointRules::headerValueProblem(header.second);
        if (!problem.isEmpty())
            return QObject::tr("Response header %1: %2.")
                .arg(QString::fromUtf8(header.first).simplified(), problem);
    }
    return {};
}

QString EndpointValidator::problem(const QList<EndpointConfig> &endpoints, int row)
{
    QString p = idProblem(endpoints, row);
    if (p.isEmpty())
        p = pathProblem(endpoints, row);
    if (p.isEmpty())
        p = schemeProblem(endpoints.at(row));
    if (p.isEmpty())
        p = responseProblem(endpoints.at(row));
    return p;
}
