#include "core/config/ConfigWriter.h"

#include "core/config/ForwardConfigJson.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace {

QJsonObject limitsObject(const ListenerLimits &limits)
{
    const ListenerLimits defaults;
    QJsonObject o;
    if (limits.framing.maxHeaderBytes != defaults.framing.maxHeaderBytes)
        o["max_header_bytes"] = double(limits.framing.maxHeaderBytes);
    if (limits.framing.maxBodyBytes != defaults.framing.maxBodyBytes)
        o["max_body_bytes"] = double(limits.framing.maxBodyBytes);
    if (limits.headerTimeoutMs != defaults.headerTimeoutMs)
        o["header_timeout_ms"] = limits.headerTimeoutMs;
    if (limits.idleTimeoutMs != defaults.idleTimeoutMs)
        o["idle_timeout_ms"] = limits.idleTimeoutMs;
    if (limits.maxConnections != defaults.maxConnections)
        o["max_connections"] = limits.maxConnections;
    return o;
}

QJsonObject responseObject(const ResponseSpec &response)
{
    QJsonObject o;
    o["status"] = response.status;
    if (!response.headers.isEmpty()) {
        QJsonObject headers;
        for (const auto &h : response.headers)
            headers[QString::fromUtf8(h.first)] = QString::fromUtf8(h.second);
        o["headers"] = headers;
    }
    if (!response.body.isEmpty())
        o["body"] = QString::fromUtf8(response.body);
    if (response.delayMs != 0)
        o["delay_ms"] = response.delayMs;
    return o;
}

QJsonObject endpointObject(const EndpointConfig &e)
{
    QJsonObject o;
    o["id"] = e.id;
    o["path"] = e.path;
    if (!e.provider.isEmpty())
        o["provider"] = e.provider;
    if (e.toleranceS >= 0)
        o["tolerance_s"] = e.toleranceS;
    o["response"] = responseObject(e.response);
    if (!e.scheme.isEmpty())
        o["scheme"] = e.scheme;
    if (const QJsonObject forward = ForwardConfigJson::toJson(e.forward); !forward.isEmpty())
        o["forward"] = forward;
    QJsonArray rules;
    for (const RuleConfig &rule : e.rules)
        rules.append(QJsonObject{{"name", rule.name}, {"pattern", rule.pattern}});
    if (!rules.isEmpty())
        o["rules"] = rules;
    return o;
}

} // namespace

QByteArray ConfigWriter::toJson(const AppConfig &config)
{
    QJsonObject listen;
    listen["bind"] = config.bind;
    listen["port"] = int(config.port);
    const QJsonObject limits = limitsObject(config.limits);
    if (!limits.isEmpty())
        listen["limits"] = limits;
    if (config.durability == Durability::Power) // "process" is the default: written only if not
        listen["durability"] = QStringLiteral("power");
    QJsonArray endpoints;
    for (const EndpointConfig &e : config.endpoints)
        endpoints.append(endpointObject(e));
    QJsonObject root;
    root["listen"] = listen;
    root["endpoints"] = endpoints;
    QJsonObject retention;
    if (config.retention.maxCaptures > 0)
        retention["max_captures"] = double(config.retention.maxCaptures);
    if (config.retention.maxMegabytes > 0)
        retention["max_mb"] = double(config.retention.maxMegabytes);
    if (!retention.isEmpty())
        root["retention"] = retention;
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool ConfigWriter::write(const AppConfig &config, const QString &path, QString *error)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("%1: cannot create the folder %2").arg(path, dir);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray json = toJson(config);
    if (file.write(json) != json.size() || !file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}
