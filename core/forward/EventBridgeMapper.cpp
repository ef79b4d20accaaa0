#include "core/forward/EventBridgeMapper.h"

#include "core/capture/Utf8Check.h"
#include "core/config/ForwardConfigJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <functional>

namespace {

using Problem = EventBridgeMapper::Problem;
using Error = EventBridgeMapper::Error;

EventBridgeMapper::Result fail(Problem p, QString message)
{
    EventBridgeMapper::Result r;
    r.error = Error{p, std::move(message)};
    return r;
}

qsizetype characters(const QString &s)
{
    return s.toUcs4().size();
}

bool isJsonObject(const QByteArray &bytes, QJsonObject *out = nullptr)
{
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return false;
    if (out)
        *out = doc.object();
    return true;
}

// RFC 6901; array indices allowed. Undefined when any step is missing.
QJsonValue resolvePointer(const QJsonValue &root, const QString &pointer)
{
    if (pointer.isEmpty())
        return root;
    QJsonValue v = root;
    const QStringList steps = pointer.mid(1).split(u'/');
    for (QString step : steps) {
        step.replace(QLatin1String("~1"), QLatin1String("/"))
            .replace(QLatin1String("~0"), QLatin1String("~"));
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            if (!o.contains(step))
                return QJsonValue(QJsonValue::Undefined);
            v = o.value(step);
        } else if (v.isArray()) {
            bool ok = false;
            const int i = step.toInt(&ok);
            const QJsonArray a = v.toArray();
            if (!ok || i < 0 || i >= a.size())
                return QJsonValue(QJsonValue::Undefined);
            v = a.at(i);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return v;
}

QByteArray contentType(const EventBridgeInput &c)
{
    return c.header("Content-Type");
}

// A body that is not a JSON object, as a JSON object: its text (or base64) and content type.
QJsonObject wrappedBody(const EventBridgeInput &c)
{
    QJsonObject o;
    if (Utf8Check::firstInvalidOffset(c.body) < 0)
        o.insert(QStringLiteral("body"), QString::fromUtf8(c.body));
    else
        o.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(c.body.toBase64()));
    o.insert(QStringLiteral("contentType"), QString::fromUtf8(contentType(c)));
    return o;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// GitHub may deliver `application/x-www-form-urlencoded` with the JSON in `payload`.
QByteArray githubJson(const EventBridgeInput &c)
{
    if (!contentType(c).toLower().startsWith("application/x-www-form-urlencoded"))
        return c.body;
    const QUrlQuery form(QString::fromUtf8(c.body));
    return form.queryItemValue(QStringLiteral("payload"), QUrl::FullyDecoded).toUtf8();
}

// The value `detail_type` names: `header:NAME` or a JSON pointer into the body.
std::optional<QString> detailTypeFrom(const QString &spec, const EventBridgeInput &c,
                                      const std::function<const QJsonDocument &()> &parsed,
                                      QString *why)
{
    if (spec.startsWith(QLatin1String("header:"), Qt::CaseInsensitive)) {
        const QByteArray name = spec.mid(7).trimmed().toLatin1();
        if (!c.hasHeader(name)) {
            *why = QStringLiteral("the request has no %1 header (detail_type \"%2\")")
                       .arg(QString::fromLatin1(name), spec);
            return std::nullopt;
        }
        return QString::fromUtf8(c.header(name)).trimmed();
    }
    if (!spec.startsWith(u'/')) {
        *why = QStringLiteral("detail_type \"%1\" is neither a JSON pointer (\"/type\") nor "
                              "\"header:NAME\"")
                   .arg(spec);
        return std::nullopt;
    }
    const QJsonDocument &doc = parsed();
    if (doc.isNull()) {
        *why =
            QStringLiteral("detail_type \"%1\" points into the body, which is not JSON").arg(spec);
        return std::nullopt;
    }
    const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    const QJsonValue v = resolvePointer(root, spec);
    if (v.isString())
        return v.toString();
    if (v.isDouble() || v.isBool())
        return v.toVariant().toString();
    *why = v.isUndefined()
               ? QStringLiteral("the body has nothing at %1 (detail_type)").arg(spec)
               : QStringLiteral("the body's %1 (detail_type) is not a string").arg(spec);
    return std::nullopt;
}

} // namespace

QString EventBridgeMapper::codeName(Problem problem)
{
    switch (problem) {
    case Problem::None:
        return {};
    case Problem::UnknownPreset:
        return QStringLiteral("UnknownPreset");
    case Problem::NoSource:
        return QStringLiteral("NoSource");
    case Problem::ReservedSource:
        return QStringLiteral("ReservedSource");
    case Problem::InvalidSource:
        return QStringLiteral("InvalidSource");
    case Problem::NoDetailType:
        return QStringLiteral("NoDetailType");
    case Problem::DetailTypeTooLong:
        return QStringLiteral("DetailTypeTooLong");
    case Problem::DetailNotObject:
        return QStringLiteral("DetailNotObject");
    case Problem::EntryTooLarge:
        return QStringLiteral("EntryTooLarge");
    }
    return {};
}

QString EventBridgeMapper::defaultSource(const QString &preset)
{
    if (preset == QLatin1String("stripe"))
        return QStringLiteral("stripe.com");
    if (preset == QLatin1String("shopify"))
        return QStringLiteral("shopify.com");
    if (preset == QLatin1String("github"))
        return QStringLiteral("github.com");
    return {};
}

Error EventBridgeMapper::validateSource(const QString &source, const QString &preset)
{
    Q_UNUSED(preset)
    // One rule for the config file, the editor and the bus: ForwardConfigJson's.
    const QString problem = ForwardConfigJson::sourceProblem(source);
    if (problem.isEmpty())
        return {};
    if (source.startsWith(QLatin1String("aws."), Qt::CaseInsensitive))
        return {Problem::ReservedSource, QStringLiteral("source ") + problem};
    return {Problem::InvalidSource, QStringLiteral("source is ") + problem};
}

Error EventBridgeMapper::validate(const EventBridgeEntry &entry, int maxEntryBytes)
{
    return validate(entry, maxEntryBytes, isJsonObject(entry.detail));
}

Error EventBridgeMapper::validate(const EventBridgeEntry &entry, int maxEntryBytes,
                                  bool detailIsObject)
{
    if (Error e = validateSource(entry.source); e.problem != Problem::None)
        return e;
    if (entry.detailType.isEmpty())
        return {Problem::NoDetailType, QStringLiteral("DetailType is empty")};
    if (characters(entry.detailType) > maxDetailTypeChars)
        return {Problem::DetailTypeTooLong,
                QStringLiteral("DetailType is %1 characters long; PutEvents accepts at most %2")
                    .arg(characters(entry.detailType))
                    .arg(maxDetailTypeChars)};
    if (!detailIsObject)
        return {Problem::DetailNotObject, QStringLiteral("Detail is not a JSON object")};
    const qint64 size = entry.size();
    if (size > maxEntryBytes)
        return {Problem::EntryTooLarge,
                QStringLiteral("the entry is %1 bytes (14 for Time plus Source, DetailType, "
                               "Detail and Resources); the limit is %2 bytes (max_entry_bytes)")
                    .arg(size)
                    .arg(maxEntryBytes)};
    return {};
}

EventBridgeMapper::Result EventBridgeMapper::map(const EventBridgeInput &c,
                                                 const EventBridgeForwardTarget &target)
{
    const QString preset = target.preset.isEmpty() ? QStringLiteral("generic") : target.preset;
    const bool stripe = preset == QLatin1String("stripe");
    const bool shopify = preset == QLatin1String("shopify");
    const bool github = preset == QLatin1String("github");
    if (!stripe && !shopify && !github && preset != QLatin1String("generic"))
        return fail(Problem::UnknownPreset,
                    QStringLiteral("preset \"%1\" is unknown; use stripe, shopify, github or "
                                   "generic")
                        .arg(preset));

    EventBridgeEntry e;
    e.source = target.source.value_or(defaultSource(preset));
    if (e.source.isEmpty())
        return fail(Problem::NoSource,
                    QStringLiteral("the generic preset needs a source (forward.eventbridge.source),"
                                   " e.g. \"myapp.webhook\""));
    if (Error err = validateSource(e.source, preset); err.problem != Problem::None)
        return fail(err.problem, err.message);
    e.eventBusName = target.bus;
    e.resources = target.resources;
    e.time = c.receivedAt;

    const QByteArray json = github ? githubJson(c) : c.body;
    std::optional<QJsonDocument> parsedJson; // the body parsed once, when first needed
    const auto parsed = [&]() -> const QJsonDocument & {
        if (!parsedJson)
            parsedJson = QJsonDocument::fromJson(json);
        return *parsedJson;
    };
    std::optional<QJsonObject> detailObject;
    QString why;
    const QString typeSpec =
        target.detailType.value_or(stripe   ? QStringLiteral("/type")
                                   : github ? QStringLiteral("header:X-GitHub-Event")
                                            : QString());
    if (shopify && !target.detailType) {
        e.detailType = QStringLiteral("shopifyWebhook");
    } else if (typeSpec.isEmpty()) {
        return fail(Problem::NoDetailType,
                    QStringLiteral("the generic preset needs detail_type: a JSON pointer into the "
                                   "body (\"/type\") or \"header:NAME\""));
    } else {
        const std::optional<QString> type = detailTypeFrom(typeSpec, c, parsed, &why);
        if (!type)
            return fail(Problem::NoDetailType, why);
        e.detailType = *type;
    }

    if (stripe || github) {
        if (!parsed().isObject())
            return fail(Problem::DetailNotObject,
                        QStringLiteral("the %1 preset sends the body as Detail, and this body is "
                                       "not a JSON object")
                            .arg(preset));
        e.detail = json;
        detailObject = parsed().object();
    } else if (shopify) {
        static const char *const metadataHeaders[] = {
            "X-Shopify-Topic",      "X-Shopify-Hmac-Sha256",  "X-Shopify-Shop-Domain",
            "X-Shopify-Webhook-Id", "X-Shopify-Triggered-At", "X-Shopify-Event-Id",
            "Content-Type"};
        QJsonObject metadata;
        for (const char *name : metadataHeaders)
            if (c.hasHeader(name))
                metadata.insert(QLatin1String(name), QString::fromUtf8(c.header(name)));
        const QByteArray payload =
            QJsonDocument::fromJson(c.body).isNull() ? compact(wrappedBody(c)) : c.body.trimmed();
        e.detail = "{\"payload\":" + payload + ",\"metadata\":" + compact(metadata) + '}';
    } else {
        const bool bodyIsObject = parsed().isObject(); // json is the body for generic
        const QByteArray body = bodyIsObject ? c.body : compact(wrappedBody(c));
        if (!target.envelope) {
            e.detail = body;
            if (bodyIsObject)
                detailObject = parsed().object();
        } else {
            QJsonObject headers;
            for (const auto &[name, value] : c.headers) {
                const QString key = QString::fromLatin1(name).toLower();
                const QString v = QString::fromUtf8(value);
                headers.insert(key, headers.contains(key)
                                        ? headers.value(key).toString() + QStringLiteral(", ") + v
                                        : v);
            }
            const QJsonObject head{
                {QStringLiteral("method"), QString::fromLatin1(c.method)},
                {QStringLiteral("target"), QString::fromUtf8(c.target)},
                {QStringLiteral("headers"), headers},
                {QStringLiteral("verdict"), c.verdict ? QJsonValue(*c.verdict) : QJsonValue()}};
            // The body goes in as its bytes, after the rest, so it is never re-serialised.
            QByteArray detail = compact(head);
            detail.chop(1);
            e.detail = detail + ",\"body\":" + body.trimmed() + '}';
        }
    }

    const bool detailIsObject = detailObject || isJsonObject(e.detail);
    if (Error err = validate(e, target.maxEntryBytes, detailIsObject); err.problem != Problem::None)
        return fail(err.problem, err.message);
    EventBridgeMapper::Result r;
    r.entry = std::move(e);
    r.detailObject = std::move(detailObject);
    return r;
}
