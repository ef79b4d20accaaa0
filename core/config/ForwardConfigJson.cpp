#include "core/config/ForwardConfigJson.h"

#include "core/config/ConfigChecker.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace {

const QStringList Presets = {"stripe", "shopify", "github", "generic"};

QUrl httpUrl(ConfigChecker &c, const QString &text, const QString &path)
{
    if (const QString problem = ForwardConfigJson::urlProblem(text); !problem.isEmpty())
        c.fail(path, problem);
    return QUrl(text, QUrl::StrictMode);
}

// Runs one of ForwardConfigJson's rules on a parsed value: the file and the editor share them.
void check(ConfigChecker &c, const QString &path, const QString &key, const QString &problem)
{
    if (!c.failed() && !problem.isEmpty())
        c.fail(ConfigChecker::join(path, key), problem);
}

HttpForwardTarget parseHttp(ConfigChecker &c, const QJsonValue &value, const QString &path)
{
    HttpForwardTarget t;
    if (!value.isObject()) {
        c.fail(path,
               QStringLiteral("expected an object, found %1").arg(ConfigChecker::typeName(value)));
        return t;
    }
    const QJsonObject obj = value.toObject();
    c.onlyKeys(obj, path, {"url", "resign", "proxy", "types", "keep_host", "timeout_ms"});
    const QString url = c.string(obj, path, "url", QString(), true);
    if (!c.failed())
        t.url = httpUrl(c, url, ConfigChecker::join(path, "url"));
    t.resign = c.boolean(obj, path, "resign", t.resign);
    t.proxy = c.boolean(obj, path, "proxy", t.proxy);
    t.types = c.strings(obj, path, "types");
    t.keepHost = c.boolean(obj, path, "keep_host", t.keepHost);
    t.timeoutMs = c.integer(obj, path, "timeout_ms", t.timeoutMs, 1, 600000);
    return t;
}

std::optional<QString> optionalString(ConfigChecker &c, const QJsonObject &obj, const QString &path,
                                      const QString &key)
{
    if (!obj.contains(key) || obj.value(key).isNull())
        return std::nullopt;
    return c.string(obj, path, key, QString());
}

EventBridgeForwardTarget parseEventBridge(ConfigChecker &c, const QJsonObject &obj,
                                          const QString &path)
{
    EventBridgeForwardTarget t;
    c.onlyKeys(obj, path,
               {"bus", "region", "preset", "source", "detail_type", "resources", "envelope",
                "account", "profile", "credentials", "endpoint_url", "max_entry_bytes"});
    t.bus = c.string(obj, path, "bus", t.bus);
    check(c, path, "bus", ForwardConfigJson::busProblem(t.bus));
    t.region = c.string(obj, path, "region", t.region);
    check(c, path, "region", ForwardConfigJson::regionProblem(t.region));
    t.preset = c.string(obj, path, "preset", t.preset);
    check(c, path, "preset", ForwardConfigJson::presetProblem(t.preset));
    t.source = optionalString(c, obj, path, "source");
    if (t.source)
        check(c, path, "source", ForwardConfigJson::sourceProblem(*t.source));
    t.detailType = optionalString(c, obj, path, "detail_type");
    if (t.detailType)
        check(c, path, "detail_type", ForwardConfigJson::detailTypeProblem(*t.detailType));
    t.resources = c.strings(obj, path, "resources");
    t.envelope = c.boolean(obj, path, "envelope", t.envelope);
    t.account = c.string(obj, path, "account", t.account);
    check(c, path, "account", ForwardConfigJson::accountProblem(t.account));
    t.profile = c.string(obj, path, "profile", t.profile);
    const QString credentials = c.string(obj, path, "credentials", QStringLiteral("chain"));
    check(c, path, "credentials", ForwardConfigJson::credentialsProblem(credentials));
    if (credentials == QLatin1String("keychain"))
        t.credentials = EventBridgeForwardTarget::Credentials::Keychain;
    if (const auto url = optionalString(c, obj, path, "endpoint_url"); url && !c.failed())
        t.endpointUrl = httpUrl(c, *url, ConfigChecker::join(path, "endpoint_url"));
    t.maxEntryBytes = c.integer(obj, path, "max_entry_bytes", t.maxEntryBytes, 1024,
                                ForwardConfigJson::MaxEntryBytesLimit);
    return t;
}

} // namespace

QStringList ForwardConfigJson::presets()
{
    return Presets;
}

QString ForwardConfigJson::urlProblem(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != "http" && url.scheme() != "https") ||
        url.host().isEmpty())
        return QStringLiteral("expected an http:// or https:// URL with a host, found \"%1\"")
            .arg(text);
    return {};
}

QString ForwardConfigJson::busProblem(const QString &bus)
{
    return bus.isEmpty() ? QStringLiteral("empty (expected a bus name or ARN)") : QString();
}

QString ForwardConfigJson::regionProblem(const QString &region)
{
    if (!region.isEmpty() &&
        !QRegularExpression("^[a-z]{2}(-[a-z]+)+-\\d$").match(region).hasMatch())
        return QStringLiteral("not an AWS region: \"%1\" (expected e.g. eu-west-1)").arg(region);
    return {};
}

QString ForwardConfigJson::credentialsProblem(const QString &credentials)
{
    if (credentials != QLatin1String("chain") && credentials != QLatin1String("keychain"))
        return QStringLiteral("unknown credentials source \"%1\" (expected \"chain\", the AWS "
                              "CLI's, or \"keychain\", the access key typed into the app)")
            .arg(credentials);
    return {};
}

QString ForwardConfigJson::presetProblem(const QString &preset)
{
    if (!Presets.contains(preset))
        return QStringLiteral("unknown preset \"%1\" (expected one of: %2)")
            .arg(preset, Presets.join(", "));
    return {};
}

QString ForwardConfigJson::detailTypeProblem(const QString &detailType)
{
    if (!detailType.startsWith('/') && !(detailType.startsWith("header:") && detailType.size() > 7))
        return QStringLiteral("expected a JSON pointer into the body (\"/type\") or "
                              "\"header:NAME\", found \"%1\"")
            .arg(detailType);
    return {};
}

QString ForwardConfigJson::accountProblem(const QString &account)
{
    if (!account.isEmpty() && !QRegularExpression("^\\d{12}$").match(account).hasMatch())
        return QStringLiteral("expected a 12-digit AWS account id, found \"%1\"").arg(account);
    return {};
}

QString ForwardConfigJson::sourceProblem(const QString &source)
{
    if (source.trimmed().isEmpty())
        return QStringLiteral("empty (expected an event source such as \"stripe.webhook\")");
    if (source.startsWith(QLatin1String("aws."), Qt::CaseInsensitive))
        return QStringLiteral("\"%1\": AWS reserves sources beginning with \"aws.\" and "
                              "PutEvents refuses them (native partner sources, "
                              "\"aws.partner/...\", only the partner can send); use your own, "
                              "e.g. \"stripe.webhook\" or \"com.example.webhooks\"")
            .arg(source);
    if (const qsizetype chars = source.toUcs4().size(); chars > MaxSourceChars)
        return QStringLiteral("%1 characters long; PutEvents accepts at most %2")
            .arg(chars)
            .arg(MaxSourceChars);
    return {};
}

ForwardConfig ForwardConfigJson::parse(ConfigChecker &c, const QJsonObject &obj,
                                       const QString &path)
{
    ForwardConfig f;
    c.onlyKeys(obj, path, {"only_verified", "http", "eventbridge"});
    f.onlyVerified = c.boolean(obj, path, "only_verified", f.onlyVerified);
    const QJsonValue http = obj.value("http");
    const QString httpPath = ConfigChecker::join(path, "http");
    if (http.isArray()) {
        const QJsonArray list = http.toArray();
        for (int i = 0; i < list.size() && !c.failed(); ++i)
            f.http.append(parseHttp(c, list.at(i), QStringLiteral("%1[%2]").arg(httpPath).arg(i)));
    } else if (!http.isUndefined() && !http.isNull()) {
        f.http.append(parseHttp(c, http, httpPath));
    }
    const QJsonObject eventBridge = c.object(obj, path, "eventbridge");
    if (obj.contains("eventbridge") && !obj.value("eventbridge").isNull() && !c.failed())
        f.eventBridge = parseEventBridge(c, eventBridge, ConfigChecker::join(path, "eventbridge"));
    return f;
}

QJsonObject ForwardConfigJson::toJson(const ForwardConfig &forward)
{
    QJsonObject o;
    if (!forward.onlyVerified)
        o["only_verified"] = false;
    QJsonArray http;
    const HttpForwardTarget defaults;
    for (const HttpForwardTarget &t : forward.http) {
        QJsonObject h;
        h["url"] = t.url.toString();
        if (t.resign != defaults.resign)
            h["resign"] = t.resign;
        if (t.proxy != defaults.proxy)
            h["proxy"] = t.proxy;
        if (!t.types.isEmpty())
            h["types"] = QJsonArray::fromStringList(t.types);
        if (t.keepHost != defaults.keepHost)
            h["keep_host"] = t.keepHost;
        if (t.timeoutMs != defaults.timeoutMs)
            h["timeout_ms"] = t.timeoutMs;
        http.append(h);
    }
    if (http.size() == 1)
        o["http"] = http.first();
    else if (!http.isEmpty())
        o["http"] = http;
    if (const auto &eb = forward.eventBridge) {
        QJsonObject e;
        e["bus"] = eb->bus;
        if (!eb->region.isEmpty())
            e["region"] = eb->region;
        e["preset"] = eb->preset;
        if (eb->source)
            e["source"] = *eb->source;
        if (eb->detailType)
            e["detail_type"] = *eb->detailType;
        if (!eb->resources.isEmpty())
            e["resources"] = QJsonArray::fromStringList(eb->resources);
        if (eb->envelope)
            e["envelope"] = true;
        if (!eb->account.isEmpty())
            e["account"] = eb->account;
        if (!eb->profile.isEmpty())
            e["profile"] = eb->profile;
        if (eb->credentials == EventBridgeForwardTarget::Credentials::Keychain)
            e["credentials"] = QStringLiteral("keychain");
        if (!eb->endpointUrl.isEmpty())
            e["endpoint_url"] = eb->endpointUrl.toString();
        if (eb->maxEntryBytes != EventBridgeForwardTarget().maxEntryBytes)
            e["max_entry_bytes"] = eb->maxEntryBytes;
        o["eventbridge"] = e;
    }
    return o;
}
