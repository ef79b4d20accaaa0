#include "core/io/ApiGatewayTemplateMapper.h"

#include "core/io/AwsEventMapper.h"
#include "core/io/EventBody.h"
#include "core/io/JsonObjectText.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace {

using Member = JsonObjectText::Member;

// $util.escapeJavaScript writes ' as \', which no JSON parser accepts: read it as '.
QByteArray withoutQuoteEscapes(const QByteArray &text, bool *changed)
{
    QByteArray out;
    out.reserve(text.size());
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (inString && c == '\\' && i + 1 < text.size()) {
            if (text.at(i + 1) == '\'') {
                *changed = true;
                out += '\'';
            } else {
                out += c;
                out += text.at(i + 1);
            }
            ++i;
            continue;
        }
        if (c == '"')
            inString = !inString;
        out += c;
    }
    return out;
}

QString firstString(const QJsonObject &o, const QStringList &keys)
{
    for (const QString &k : keys) {
        if (o.value(k).isString() && !o.value(k).toString().isEmpty())
            return o.value(k).toString();
    }
    return {};
}

// $util.base64Encode($input.body): a JSON or form body is never valid base64 itself.
bool looksBase64(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9+/]{8,}={0,2}$"));
    return s.size() % 4 == 0 && re.match(s).hasMatch();
}

} // namespace

bool ApiGatewayTemplateMapper::map(const QByteArray &eventText, QList<ImportedRequest> *out,
                                   QString *error)
{
    ImportedRequest r;
    bool unescaped = false; // nothing is lost: \' can only have been '
    const QByteArray text = withoutQuoteEscapes(eventText, &unescaped);
    QList<Member> event;
    if (!JsonObjectText::members(text, &event)) {
        *error = QStringLiteral("the mapping template's output is not a JSON object");
        return false;
    }
    const auto member = [&event](const char *key) {
        return JsonObjectText::member(event, QLatin1String(key));
    };
    const QJsonObject top = JsonObjectText::value(text).toObject();
    const QJsonObject context = top.value("context").toObject();
    QList<Member> params;
    JsonObjectText::members(member("params"), &params);
    const QJsonObject pathParams =
        JsonObjectText::value(JsonObjectText::member(params, QStringLiteral("path"))).toObject();

    QByteArray method = firstString(context, {"http-method", "httpMethod"}).toUtf8();
    if (method.isEmpty())
        method = firstString(top, {"method", "httpMethod", "http-method"}).toUtf8();
    if (method.isEmpty())
        method = "POST";
    QString path = firstString(top, {"path", "resourcePath", "resource-path"});
    if (path.isEmpty())
        path = firstString(context, {"resource-path", "resourcePath", "path"});
    for (auto it = pathParams.begin(); it != pathParams.end(); ++it) {
        path.replace(QLatin1Char('{') + it.key() + QStringLiteral("+}"), it.value().toString());
        path.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value().toString());
    }
    if (path.isEmpty())
        r.pathUnknown = true;
    QByteArray target = path.isEmpty() ? QByteArray("/") : path.toUtf8();
    const QByteArray query =
        AwsEventMapper::queryMap(JsonObjectText::member(params, QStringLiteral("querystring")));
    if (!query.isEmpty()) {
        target += '?' + query;
        r.notRebuilt.append(QStringLiteral("the query string's order and encoding (the template "
                                           "holds it decoded, as a map)"));
    }
    QByteArray headerText = member("headers");
    if (headerText.isEmpty())
        headerText = JsonObjectText::member(params, QStringLiteral("header"));
    const HttpRequestBytes::Headers headers = AwsEventMapper::headerMap(headerText);
    r.notRebuilt.append(QStringLiteral("the headers' order and repeated headers (API Gateway "
                                       "hands a template one value per name, as a map)"));
    r.receivedAtUs = AwsEventMapper::timeUs(top.value("requestTimeEpoch"));
    if (r.receivedAtUs == 0)
        r.receivedAtUs = AwsEventMapper::timeUs(context.value("request-time-epoch"));
    if (r.receivedAtUs == 0)
        r.receivedAtUs = AwsEventMapper::timeUs(context.value("requestTimeEpoch"));
    r.peer = firstString(context, {"source-ip", "sourceIp"});
    if (r.peer.isEmpty())
        r.peer = firstString(top, {"sourceIp", "source-ip"});

    EventBody body;
    const QJsonValue rawBody = JsonObjectText::value(member("rawBody"));
    const QJsonValue rawBody64 = JsonObjectText::value(member("rawBodyBase64"));
    if (rawBody64.isString() || rawBody.isString()) {
        const QString value = rawBody64.isString() ? rawBody64.toString() : rawBody.toString();
        const bool base64 =
            rawBody64.isString() || top.value("isBase64Encoded").toBool() || looksBase64(value);
        if (!EventBody::read(rawBody64.isString() ? member("rawBodyBase64") : member("rawBody"),
                             base64, &body, error))
            return false;
    } else {
        QByteArray parsed = member("body-json");
        if (parsed.isEmpty())
            parsed = member("body");
        if (!EventBody::read(parsed, false, &body, error))
            return false;
        if (!parsed.trimmed().startsWith('"'))
            body.parsedJson = !body.bytes.isEmpty();
    }
    if (body.parsedJson) {
        r.bodyParsedBy = QStringLiteral("API Gateway's mapping template, whose "
                                        "$input.json('$') re-serialises the body");
        r.rawBodyHowTo = QStringLiteral(
            "add \"rawBody\": \"$util.base64Encode($input.body)\" to the mapping template, or use "
            "a Lambda proxy integration (its event.body is the raw body)");
    }
    r.raw = HttpRequestBytes::build(method, target, headers, body.bytes, &r.notRebuilt);
    out->append(r);
    return true;
}
