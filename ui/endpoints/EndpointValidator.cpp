#include "ui/endpoints/EndpointValidator.h"

#include "core/config/EndpointRules.h"
#include "core/config/ForwardConfigJson.h"
#include "core/rules/EventPattern.h"
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
    if (p.isEmpty())
        p = forwardProblem(endpoints.at(row));
    if (p.isEmpty())
        p = rulesProblem(endpoints.at(row));
    return p;
}

QString EndpointValidator::forwardProblem(const EndpointConfig &endpoint)
{
    const ForwardConfig &f = endpoint.forward;
    auto at = [](const QString &key, const QString &problem) {
        return problem.isEmpty() ? QString() : key + QStringLiteral(": ") + problem;
    };
    for (int i = 0; i < f.http.size(); ++i) {
        const QString key = f.http.size() == 1 ? QStringLiteral("forward.http.url")
                                               : QStringLiteral("forward.http[%1].url").arg(i);
        if (QString p = at(key, ForwardConfigJson::urlProblem(f.http.at(i).url.toString()));
            !p.isEmpty())
            return p;
    }
    if (!f.eventBridge)
        return {};
    const EventBridgeForwardTarget &t = *f.eventBridge;
    const QString eb = QStringLiteral("forward.eventbridge.");
    const QList<QPair<QString, QString>> checks = {
        {QStringLiteral("bus"), ForwardConfigJson::busProblem(t.bus)},
        {QStringLiteral("region"), ForwardConfigJson::regionProblem(t.region)},
        {QStringLiteral("preset"), ForwardConfigJson::presetProblem(t.preset)},
        {QStringLiteral("source"),
         t.source ? ForwardConfigJson::sourceProblem(*t.source) : QString()},
        {QStringLiteral("detail_type"),
         t.detailType ? ForwardConfigJson::detailTypeProblem(*t.detailType) : QString()},
        {QStringLiteral("account"), ForwardConfigJson::accountProblem(t.account)},
        {QStringLiteral("endpoint_url"),
         t.endpointUrl.isEmpty() ? QString()
                                 : ForwardConfigJson::urlProblem(t.endpointUrl.toString())},
    };
    for (const auto &check : checks) {
        if (!check.second.isEmpty())
            return at(eb + check.first, check.second);
    }
    return {};
}

QString EndpointValidator::ruleNameProblem(const QList<RuleConfig> &rules, int index)
{
    QStringList earlier;
    for (int i = 0; i < index; ++i)
        earlier.append(rules.at(i).name);
    return EndpointRules::ruleNameProblem(rules.at(index).name, earlier);
}

QString EndpointValidator::rulesProblem(const EndpointConfig &endpoint)
{
    for (int i = 0; i < endpoint.rules.size(); ++i) {
        const RuleConfig &rule = endpoint.rules.at(i);
        if (const QString p = ruleNameProblem(endpoint.rules, i); !p.isEmpty())
            return QStringLiteral("rules[%1].name: %2").arg(i).arg(p);
        PatternError error;
        if (!EventPattern::compile(rule.pattern, &error).isValid())
            return QStringLiteral("rule \"%1\": %2").arg(rule.name, error.summary());
    }
    return {};
}
