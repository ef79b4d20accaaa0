#include "core/config/ConfigLoader.h"

#include "core/capture/JsonDocument.h"
#include "core/config/BindAddress.h"
#include "core/config/ConfigChecker.h"
#include "core/config/EndpointRules.h"
#include "core/config/ForwardConfigJson.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <limits>

namespace {

ResponseSpec parseResponse(ConfigChecker &c, const QJsonObject &obj, const QString &path)
{
    ResponseSpec r;
    c.onlyKeys(obj, path, {"status", "headers", "body", "delay_ms"});
    r.status = c.integer(obj, path, "status", 200, 100, 599);
    r.body = c.string(obj, path, "body", QString()).toUtf8();
    r.delayMs = c.integer(obj, path, "delay_ms", 0, 0, 600000);
    const QJsonObject headers = c.object(obj, path, "headers");
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (!it.value().isString()) {
            c.fail(ConfigChecker::join(path + ".headers", it.key()),
                   QStringLiteral("expected a string, found %1")
                       .arg(ConfigChecker::typeName(it.value())));
            continue;
        }
        const QByteArray name = it.key().toUtf8();
        const QByteArray value = it.value().toString().toUtf8();
        QString problem = EndpointRules::headerNameProblem(name);
        if (problem.isEmpty())
            problem = EndpointRules::headerValueProblem(value);
        if (!problem.isEmpty()) {
            c.fail(ConfigChecker::join(path + ".headers", it.key()), problem);
            continue;
        }
        r.headers.append({name, value});
    }
    return r;
}

void parseLimits(ConfigChecker &c, const QJsonObject &obj, ListenerLimits &limits)
{
    const QString path = QStringLiteral("listen.limits");
    c.onlyKeys(obj, path,
               {"max_header_bytes", "max_body_bytes", "header_timeout_ms", "idle_timeout_ms",
                "max_connections"});
    const int maxInt = std::numeric_limits<int>::max();
    limits.framing.maxHeaderBytes =
        c.integer(obj, path, "max_header_bytes", int(limits.framing.maxHeaderBytes), 256, 1 << 24);
    limits.framing.maxBodyBytes =
        c.integer(obj, path, "max_body_bytes", int(limits.framing.maxBodyBytes), 0, maxInt);
    limits.headerTimeoutMs =
        c.integer(obj, path, "header_timeout_ms", limits.headerTimeoutMs, 1, 3600000);
    limits.idleTimeoutMs =
        c.integer(obj, path, "idle_timeout_ms", limits.idleTimeoutMs, 1, 3600000);
    limits.maxConnections =
        c.integer(obj, path, "max_connections", limits.maxConnections, 1, 100000);
}

// The patterns are kept as given: core/rules validates them with AWS's own messages.
void parseRetention(ConfigChecker &c, const QJsonObject &obj, RetentionLimits &retention)
{
    const QString path = QStringLiteral("retention");
    c.onlyKeys(obj, path, {"max_captures", "max_mb"});
    retention.maxCaptures = c.integer(obj, path, "max_captures", 0, 1, 1000000000);
    retention.maxMegabytes = c.integer(obj, path, "max_mb", 0, 1, 100000000);
}

QList<RuleConfig> parseRules(ConfigChecker &c, const QJsonValue &value, const QString &path)
{
    QList<RuleConfig> rules;
    if (value.isUndefined() || value.isNull())
        return rules;
    if (!value.isArray()) {
        c.fail(path,
               QStringLiteral("expected an array, found %1").arg(ConfigChecker::typeName(value)));
        return rules;
    }
    const QJsonArray list = value.toArray();
    QStringList names;
    for (int i = 0; i < list.size() && !c.failed(); ++i) {
        const QString at = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!list.at(i).isObject()) {
            c.fail(at, QStringLiteral("expected an object, found %1")
                           .arg(ConfigChecker::typeName(list.at(i))));
            break;
        }
        const QJsonObject obj = list.at(i).toObject();
        c.onlyKeys(obj, at, {"name", "pattern"});
        RuleConfig rule;
        rule.name = c.string(obj, at, "name", QString(), true);
        const QString nameProblem = EndpointRules::ruleNameProblem(rule.name, names);
        if (!c.failed() && !nameProblem.isEmpty())
            c.fail(ConfigChecker::join(at, "name"), nameProblem);
        rule.pattern = obj.value("pattern");
        if (!c.failed() && !rule.pattern.isObject())
            c.fail(ConfigChecker::join(at, "pattern"),
                   QStringLiteral("expected an EventBridge event pattern (an object), found %1")
                       .arg(ConfigChecker::typeName(rule.pattern)));
        names.append(rule.name);
        rules.append(rule);
    }
    return rules;
}

EndpointConfig parseEndpoint(ConfigChecker &c, const QJsonObject &obj, const QString &path,
                             const QStringList &knownProviders)
{
    EndpointConfig e;
    c.onlyKeys(obj, path,
               {"id", "path", "provider", "tolerance_s", "response", "scheme", "forward", "rules"});
    e.id = c.string(obj, path, "id", QString(), true);
    e.path = c.string(obj, path, "path", QString(), true);
    if (!c.failed() && !EndpointRules::idProblem(e.id).isEmpty())
        c.fail(ConfigChecker::join(path, "id"), EndpointRules::idProblem(e.id));
    if (!c.failed() && !EndpointRules::pathProblem(e.path).isEmpty())
        c.fail(ConfigChecker::join(path, "path"), EndpointRules::pathProblem(e.path));
    e.provider = c.string(obj, path, "provider", QString());
    if (!c.failed() && !EndpointRules::providerProblem(e.provider, knownProviders).isEmpty())
        c.fail(ConfigChecker::join(path, "provider"),
               EndpointRules::providerProblem(e.provider, knownProviders));
    e.toleranceS = c.integer(obj, path, "tolerance_s", -1, 0, 365 * 24 * 3600);
    e.response =
        parseResponse(c, c.object(obj, path, "response"), ConfigChecker::join(path, "response"));
    e.scheme = c.object(obj, path, "scheme");
    e.forward = ForwardConfigJson::parse(c, c.object(obj, path, "forward"),
                                         ConfigChecker::join(path, "forward"));
    e.rules = parseRules(c, obj.value("rules"), ConfigChecker::join(path, "rules"));
    return e;
}

int lineOf(const QByteArray &text, qint64 offset)
{
    return int(text.left(offset).count('\n')) + 1;
}

// Where node `index` sits, as the key path errors use: endpoints[0].response.headers.X
QString keyPath(const JsonDocument &doc, int index)
{
    QString path;
    for (int i = index; doc.node(i).parent >= 0; i = doc.node(i).parent) {
        const JsonDocument::Node node = doc.node(i);
        if (!path.isEmpty() && !path.startsWith('['))
            path.prepend('.');
        if (doc.node(node.parent).type == JsonDocument::Type::Object) {
            path.prepend(doc.key(i).isEmpty() ? QStringLiteral("\"\"") : doc.key(i));
            continue;
        }
        int n = 0;
        while (doc.child(node.parent, n) != i)
            ++n;
        path.prepend(QStringLiteral("[%1]").arg(n));
    }
    return path;
}

// QJsonDocument keeps the last of two equal keys without a word, so a file could say one thing
// and do another. JsonDocument (which keeps every member) finds them. Empty when there are none.
QString duplicateKeyProblem(const QByteArray &json, const QString &fileName)
{
    const JsonDocument doc = JsonDocument::parse(json);
    if (!doc.isValid())
        return QStringLiteral("%1: line %2 (byte %3): invalid JSON: %4")
            .arg(fileName)
            .arg(lineOf(json, doc.errorOffset()))
            .arg(doc.errorOffset())
            .arg(doc.errorString());
    for (int i = 0; i < doc.nodeCount(); ++i) {
        if (!doc.node(i).duplicateKey)
            continue;
        // The first of the equal keys in source order; the message points at the second.
        const int parent = doc.node(i).parent;
        const QString key = doc.key(i);
        int second = i;
        for (int n = 0; n < doc.node(parent).childCount && second == i; ++n) {
            const int sibling = doc.child(parent, n);
            if (sibling > i && doc.key(sibling) == key)
                second = sibling;
        }
        return QStringLiteral("%1: %2: duplicate key (again on line %3); JSON would keep only "
                              "the last one, so remove one of them")
            .arg(fileName, ConfigChecker::printable(keyPath(doc, second)))
            .arg(lineOf(json, doc.node(second).keySpan.offset));
    }
    return {};
}

QString tooLarge(const QString &fileName, qint64 size)
{
    return QStringLiteral("%1: the file is %2 bytes; a config file may be at most %3 bytes (4 MiB)")
        .arg(fileName)
        .arg(size)
        .arg(ConfigLoader::MaxFileBytes);
}

} // namespace

QString ConfigLoader::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/config.json");
}

ConfigLoader::Result ConfigLoader::load(const QString &path, bool mustExist,
                                        const QStringList &knownProviders)
{
    QFile file(path);
    if (!file.exists()) {
        Result r;
        if (mustExist)
            r.error = QStringLiteral("%1: the config file does not exist").arg(path);
        return r;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        Result r;
        r.error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return r;
    }
    // Checked before reading (and again on what was read, for a pipe or a growing file).
    if (file.size() > MaxFileBytes) {
        Result r;
        r.error = tooLarge(path, file.size());
        return r;
    }
    const QByteArray json = file.read(MaxFileBytes + 1);
    return parse(json, path, knownProviders);
}

ConfigLoader::Result ConfigLoader::parse(const QByteArray &json, const QString &fileName,
                                         const QStringList &knownProviders)
{
    Result r;
    if (json.size() > MaxFileBytes) {
        r.error = json.size() == MaxFileBytes + 1
                      ? QStringLiteral("%1: the file is larger than %2 bytes (4 MiB), the most a "
                                       "config file may be")
                            .arg(fileName)
                            .arg(MaxFileBytes)
                      : tooLarge(fileName, json.size());
        return r;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const int line = json.left(parseError.offset).count('\n') + 1;
        r.error = QStringLiteral("%1: line %2 (byte %3): invalid JSON: %4")
                      .arg(fileName)
                      .arg(line)
                      .arg(parseError.offset)
                      .arg(parseError.errorString());
        return r;
    }
    if (!doc.isObject()) {
        r.error = QStringLiteral("%1: expected a JSON object at the top level").arg(fileName);
        return r;
    }
    r.error = duplicateKeyProblem(json, fileName);
    if (!r.ok())
        return r;
    ConfigChecker c(fileName);
    const QJsonObject root = doc.object();
    c.onlyKeys(root, QString(), {"listen", "endpoints", "retention"});
    const QJsonObject listen = c.object(root, QString(), "listen");
    c.onlyKeys(listen, "listen", {"bind", "port", "limits", "durability"});
    r.config.bind = c.string(listen, "listen", "bind", r.config.bind);
    if (QHostAddress address; !c.failed() && !BindAddress::parse(r.config.bind, &address))
        c.fail("listen.bind",
               QStringLiteral("not an IP address: \"%1\" (expected e.g. 127.0.0.1, ::1 or "
                              "localhost; host names are not resolved)")
                   .arg(ConfigChecker::printable(r.config.bind)));
    r.config.port = quint16(c.integer(listen, "listen", "port", r.config.port, 0, 65535));
    parseLimits(c, c.object(listen, "listen", "limits"), r.config.limits);
    const QString durability = c.string(listen, "listen", "durability", "process");
    if (durability == QLatin1String("power"))
        r.config.durability = Durability::Power;
    else if (durability != QLatin1String("process"))
        c.fail("listen.durability",
               QStringLiteral("expected \"process\" or \"power\", found \"%1\"").arg(durability));

    parseRetention(c, c.object(root, QString(), "retention"), r.config.retention);

    const QJsonValue endpoints = root.value("endpoints");
    if (!endpoints.isUndefined() && !endpoints.isArray())
        c.fail(
            "endpoints",
            QStringLiteral("expected an array, found %1").arg(ConfigChecker::typeName(endpoints)));
    QSet<QString> ids, paths;
    const QJsonArray list = endpoints.toArray();
    for (int i = 0; i < list.size() && !c.failed(); ++i) {
        const QString path = QStringLiteral("endpoints[%1]").arg(i);
        if (!list.at(i).isObject()) {
            c.fail(path, QStringLiteral("expected an object, found %1")
                             .arg(ConfigChecker::typeName(list.at(i))));
            break;
        }
        EndpointConfig e = parseEndpoint(c, list.at(i).toObject(), path, knownProviders);
        if (c.failed())
            break;
        if (ids.contains(e.id))
            c.fail(path + ".id", QStringLiteral("duplicate id \"%1\"").arg(e.id));
        else if (paths.contains(e.path))
            c.fail(path + ".path", QStringLiteral("duplicate path \"%1\"").arg(e.path));
        ids.insert(e.id);
        paths.insert(e.path);
        r.config.endpoints.append(e);
    }
    if (c.failed()) {
        r.error = c.error();
        r.config = AppConfig();
    }
    return r;
}
