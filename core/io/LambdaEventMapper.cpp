#include "core/io/LambdaEventMapper.h"

#include "core/io/AwsEventMapper.h"
#include "core/io/EventBody.h"
#include "core/io/JsonObjectText.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

using Member = JsonObjectText::Member;

QJsonObject objectOf(const QList<Member> &members, const char *key)
{
    return JsonObjectText::value(JsonObjectText::member(members, QLatin1String(key))).toObject();
}

} // namespace

bool LambdaEventMapper::map(const QByteArray &eventText, QList<ImportedRequest> *out,
                            QString *error)
{
    QList<Member> event;
    if (!JsonObjectText::members(eventText, &event)) {
        *error = QStringLiteral("the Lambda event is not a JSON object");
        return false;
    }
    const auto text = [&event](const char *key) {
        return JsonObjectText::member(event, QLatin1String(key));
    };
    const QJsonObject context = objectOf(event, "requestContext");
    const QJsonObject http = context.value("http").toObject();
    const bool v2 = JsonObjectText::value(text("version")).toString() == QLatin1String("2.0") ||
                    !http.isEmpty();
    ImportedRequest r;
    QByteArray method;
    QByteArray target;
    HttpRequestBytes::Headers headers;
    if (v2) {
        method = http.value("method").toString().toUtf8();
        QString path = JsonObjectText::value(text("rawPath")).toString();
        if (path.isEmpty())
            path = http.value("path").toString();
        // A named stage's prefix is in rawPath but not in the endpoint's path.
        const QString stage = context.value("stage").toString();
        if (!stage.isEmpty() && stage != QLatin1String("$default") &&
            path.startsWith(QLatin1Char('/') + stage + QLatin1Char('/')))
            path = path.mid(stage.size() + 1);
        target = path.toUtf8();
        const QByteArray query = JsonObjectText::value(text("rawQueryString")).toString().toUtf8();
        if (!query.isEmpty())
            target += '?' + query;
        headers = AwsEventMapper::headerMap(text("headers"));
        QStringList cookies;
        for (const QJsonValue &c : JsonObjectText::value(text("cookies")).toArray())
            cookies.append(c.toString());
        if (!cookies.isEmpty())
            headers.append({QByteArray("cookie"), cookies.join(QStringLiteral("; ")).toUtf8()});
        r.receivedAtUs = AwsEventMapper::timeUs(context.value("timeEpoch"));
        r.peer = http.value("sourceIp").toString();
        r.notRebuilt.append(QStringLiteral(
            "the headers' order and casing (a v2 event lists them lower-cased, as a map) and "
            "repeated headers (joined with commas)"));
    } else {
        method = JsonObjectText::value(text("httpMethod")).toString().toUtf8();
        if (method.isEmpty())
            method = context.value("httpMethod").toString().toUtf8();
        target = JsonObjectText::value(text("path")).toString().toUtf8();
        const QByteArray multiQuery = text("multiValueQueryStringParameters");
        const QByteArray query = AwsEventMapper::queryMap(
            JsonObjectText::value(multiQuery).isObject() ? multiQuery
                                                         : text("queryStringParameters"));
        if (!query.isEmpty()) {
            target += '?' + query;
            r.notRebuilt.append(QStringLiteral("the query string's order and encoding (a v1 "
                                               "event holds it decoded, as a map)"));
        }
        const QByteArray multi = text("multiValueHeaders");
        headers = AwsEventMapper::headerMap(
            JsonObjectText::value(multi).isObject() ? multi : text("headers"));
        r.receivedAtUs = AwsEventMapper::timeUs(context.value("requestTimeEpoch"));
        if (r.receivedAtUs == 0)
            r.receivedAtUs = AwsEventMapper::timeUs(context.value("requestTime"));
        r.peer = context.value("identity").toObject().value("sourceIp").toString();
        r.notRebuilt.append(QStringLiteral("the headers' order (the event holds them as a map)"));
    }
    if (method.isEmpty()) {
        *error = QStringLiteral("the Lambda event names no HTTP method (httpMethod or "
                                "requestContext.http.method)");
        return false;
    }
    EventBody body;
    const bool base64 = JsonObjectText::value(text("isBase64Encoded")).toBool();
    if (!EventBody::read(text("body"), base64, &body, error))
        return false;
    if (body.parsedJson) {
        r.bodyParsedBy = QStringLiteral("the function, which logged the event with its body "
                                        "parsed (e.g. after JSON.parse(event.body))");
        r.rawBodyHowTo = QStringLiteral(
            "log the event as it arrives, before parsing: event.body is the raw body (decode it "
            "when isBase64Encoded is true)");
    } else if (!base64) {
        if (const QString note = EventBody::replacementNote(body.bytes); !note.isEmpty())
            r.notRebuilt.append(note);
    }
    r.raw = HttpRequestBytes::build(method, target, headers, body.bytes, &r.notRebuilt);
    out->append(r);
    return true;
}
