#include "core/config/ConfigLoader.h"

#include "core/capture/JsonDocument.h"
#include "core/config/BindAddress.h"
#include "core/config/EndpointRules.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <limits>

namespace {

// Walks the JSON with a key path so that each error can say exactly where it is.
class Checker
{
public:
    explicit Checker(QString fileName) : m_file(std::move(fileName)) {}

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    void fail(const QString &path, const QString &problem)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1: %2: %3").arg(m_file, printable(path), printable(problem));
    }

    // A key or a value quoted in the message may hold a line break or a NUL: the message must
    // stay one line.
    static QString printable(const QString &text)
    {
        QString out;
        for (const QChar c : text) {
            if (c.category() == QChar::Other_Control)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
        return out;
    }

    bool onlyKeys(const QJsonObject &obj, const QString &path, const QStringList &allowed)
    {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (!allowed.contains(it.key())) {
                fail(join(path, it.key()),
                     QStringLiteral("unknown key (expected one of: %1)").arg(allowed.join(", ")));
                return false;
            }
        }
        return true;
    }

    QString string(const QJsonObject &obj, const QString &path, const QString &key,
                   const QString &fallback, bool required = false)
    {
        const QJsonValue v = obj.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(join(path, key), QStringLiteral("missing (expected a string)"));
            return fallback;
        }
        if (!v.isString()) {
            fail(join(path, key), QStringLiteral("expected a string, found %1").arg(typeName(v)));
            return fallback;
        }
        return v.toString();
    }

    int integer(const QJsonObject &obj, const QString &path, const QString &key, int fallback,
                int min, int max)
    {
        const QJsonValue v = obj.value(key);
        if (v.isUndefined())
            return fallback;
        const double d = v.toDouble();
        if (!v.isDouble() || d != double(qint64(d)) || d < min || d > max) {
            fail(join(path, key), QStringLiteral("expected a whole number from %1 to %2, found %3")
                                      .arg(min)
                                      .arg(max)
                                      .arg(describe(v)));
            return fallback;
        }
        return int(d);
    }

    QJsonObject object(const QJsonObject &obj, const QString &path, const QString &key)
    {
        const QJsonValue v = obj.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isObject())
            fail(join(path, key), QStringLiteral("expected an object, found %1").arg(typeName(v)));
        return v.toObject();
    }

    static QString join(const QString &path, const QString &key)
    {
        const QString shown = key.isEmpty() ? QStringLiteral("\"\"") : key; // "" for an empty key
        return path.isEmpty() ? shown : path + '.' + shown;
    }

    static QString typeName(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return QStringLiteral("a boolean");
        case QJsonValue::Double:
            return QStringLiteral("a number");
        case QJsonValue::String:
            return QStringLiteral("a string");
        case QJsonValue::Array:
            return QStringLiteral("an array");
        case QJsonValue::Object:
            return QStringLiteral("an object");
        default:
            return QStringLiteral("nothing");
        }
    }

    static QString describe(const QJsonValue &v)
    {
        return v.isDouble() ? QString::number(v.toDouble()) : typeName(v);
    }

private:
    QString m_file;
    QString m_error;
};

ResponseSpec parseResponse(Checker &c, const QJsonObject &obj, const QString &path)
{
    ResponseSpec r;
    c.onlyKeys(obj, path, {"status", "headers", "body", "delay_ms"});
    r.status = c.integer(obj, path, "status", 200, 100, 599);
    r.body = c.string(obj, path, "body", QString()).toUtf8();
    r.delayMs = c.integer(obj, path, "delay_ms", 0, 0, 600000);
    const QJsonObject headers = c.object(obj, path, "headers");
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (!it.value().isString()) {
            c.fail(
                Checker::join(path + ".headers", it.key()),
                QStringLiteral("expected a string, found %1").arg(Checker::typeName(it.value())));
            continue;
        }
        const QByteArray name = it.key().toUtf8();
        const QByteArray value = it.value().toString().toUtf8();
        QString problem = EndpointRules::headerNameProblem(name);
        if (problem.isEmpty())
            problem = EndpointRules::headerValueProblem(value);
        if (!problem.isEmpty()) {
            c.fail(Checker::join(path + ".headers", it.key()), problem);
            continue;
        }
        r.headers.append({name, value});
    }
    return r;
}

void parseLimits(Checker &c, const QJsonObject &obj, ListenerLimits &limits)
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

EndpointConfig parseEndpoint(Checker &c, const QJsonObject &obj, const QString &path,
                             const QStringList &knownProviders)
{
    EndpointConfig e;
    c.onlyKeys(obj, path,
               {"id", "path", "provider", "tolerance_s", "response", "scheme", "forward"});
    e.id = c.string(obj, path, "id", QString(), true);
    e.path = c.string(obj, path, "path", QString(), true);
    if (!c.failed() && !EndpointRules::idProblem(e.id).isEmpty())
        c.fail(Checker::join(path, "id"), EndpointRules::idProblem(e.id));
    if (!c.failed() && !EndpointRules::pathProblem(e.path).isEmpty())
        c.fail(Checker::join(path, "path"), EndpointRules::pathProblem(e.path));
    e.provider = c.string(obj, path, "provider", QString());
    if (!c.failed() && !EndpointRules::providerProblem(e.provider, knownProviders).isEmpty())
        c.fail(Checker::join(path, "provider"),
               EndpointRules::providerProblem(e.provider, knownProviders));
    e.toleranceS = c.integer(obj, path, "tolerance_s", -1, 0, 365 * 24 * 3600);
    e.response = parseResponse(c, c.object(obj, path, "response"), Checker::join(path, "response"));
    e.scheme = c.object(obj, path, "scheme");
    e.forward = c.object(obj, path, "forward");
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
            .arg(fileName, Checker::printable(keyPath(doc, second)))
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
    Checker c(fileName);
    const QJsonObject root = doc.object();
    c.onlyKeys(root, QString(), {"listen", "endpoints"});
    const QJsonObject listen = c.object(root, QString(), "listen");
    c.onlyKeys(listen, "listen", {"bind", "port", "limits", "durability"});
    r.config.bind = c.string(listen, "listen", "bind", r.config.bind);
    if (QHostAddress address; !c.failed() && !BindAddress::parse(r.config.bind, &address))
        c.fail("listen.bind",
               QStringLiteral("not an IP address: \"%1\" (expected e.g. 127.0.0.1, ::1 or "
                              "localhost; host names are not resolved)")
                   .arg(Checker::printable(r.config.bind)));
    r.config.port = quint16(c.integer(listen, "listen", "port", r.config.port, 0, 65535));
    parseLimits(c, c.object(listen, "listen", "limits"), r.config.limits);
    const QString durability = c.string(listen, "listen", "durability", "process");
    if (durability == QLatin1String("power"))
        r.config.durability = Durability::Power;
    else if (durability != QLatin1String("process"))
        c.fail("listen.durability",
               QStringLiteral("expected \"process\" or \"power\", found \"%1\"").arg(durability));

    const QJsonValue endpoints = root.value("endpoints");
    if (!endpoints.isUndefined() && !endpoints.isArray())
        c.fail("endpoints",
               QStringLiteral("expected an array, found %1").arg(Checker::typeName(endpoints)));
    QSet<QString> ids, paths;
    const QJsonArray list = endpoints.toArray();
    for (int i = 0; i < list.size() && !c.failed(); ++i) {
        const QString path = QStringLiteral("endpoints[%1]").arg(i);
        if (!list.at(i).isObject()) {
            c.fail(
                path,
                QStringLiteral("expected an object, found %1").arg(Checker::typeName(list.at(i))));
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
