#include "core/io/EventBridgeEventMapper.h"

#include "core/io/AwsEventMapper.h"
#include "core/io/EventBody.h"
#include "core/io/JsonObjectText.h"

#include <QJsonObject>

namespace {

using Member = JsonObjectText::Member;

QStringList keysOf(const QList<Member> &members)
{
    QStringList keys;
    for (const Member &m : members)
        keys.append(m.key);
    return keys;
}

} // namespace

bool EventBridgeEventMapper::map(const QByteArray &eventText, QList<ImportedRequest> *out,
                                 QString *error)
{
    QList<Member> event;
    if (!JsonObjectText::members(eventText, &event)) {
        *error = QStringLiteral("the EventBridge event is not a JSON object");
        return false;
    }
    const auto member = [&event](const char *key) {
        return JsonObjectText::member(event, QLatin1String(key));
    };
    const QString source = JsonObjectText::value(member("source")).toString();
    const QString detailType = JsonObjectText::value(member("detail-type")).toString();
    const QByteArray detailText = member("detail");
    QList<Member> detail;
    if (!JsonObjectText::members(detailText, &detail)) {
        *error = QStringLiteral("the EventBridge event has no detail object");
        return false;
    }
    const QStringList keys = keysOf(detail);
    const auto part = [&detail](const char *key) {
        return JsonObjectText::member(detail, QLatin1String(key));
    };

    ImportedRequest r;
    r.receivedAtUs = AwsEventMapper::timeUs(JsonObjectText::value(member("time")));
    r.notRebuilt.append(
        QStringLiteral("the request around the body: this is an EventBridge event (source "
                       "'%1', detail-type '%2') whose detail is the body")
            .arg(source, detailType));
    for (const char *provider : {"stripe", "shopify", "github"}) {
        if (source.contains(QLatin1String(provider)))
            r.providerHint = QLatin1String(provider); // stripe.com, aws.partner/stripe.com/...
    }
    QByteArray method = "POST";
    QByteArray target = "/";
    HttpRequestBytes::Headers headers;
    QByteArray bodyText = detailText;
    const bool envelope = keys.contains("method") && keys.contains("target") &&
                          keys.contains("headers") && keys.contains("body");
    if (envelope) {
        // Hookbench's generic preset with envelope: true.
        method = JsonObjectText::value(part("method")).toString().toUtf8();
        target = JsonObjectText::value(part("target")).toString().toUtf8();
        headers = AwsEventMapper::headerMap(part("headers"));
        bodyText = part("body");
        r.notRebuilt.last() =
            QStringLiteral(
                "the headers' order and casing, and repeated headers (Hookbench's envelope holds "
                "them lower-cased, joined with commas, as a map); event source '%1', detail-type "
                "'%2'")
                .arg(source, detailType);
    } else if (keys.contains("payload") && keys.contains("metadata")) {
        // Shopify's own EventBridge integration, and Hookbench's shopify preset.
        headers = AwsEventMapper::headerMap(part("metadata"));
        bodyText = part("payload");
        r.pathUnknown = true;
        r.notRebuilt.append(QStringLiteral("the headers other than the X-Shopify-* ones in "
                                           "metadata, and the method and path"));
    } else {
        r.pathUnknown = true;
        if (source.contains(QLatin1String("github")))
            headers.append({QByteArray("X-GitHub-Event"), detailType.toUtf8()});
        r.notRebuilt.append(
            QStringLiteral("the headers, the signature header among them (the event carries the "
                           "body only, as Stripe's and GitHub's EventBridge integrations and "
                           "Hookbench's stripe, github and generic presets send it), and the "
                           "method and path"));
    }
    // A body that was not a JSON object, as Hookbench's mapping wraps it.
    QList<Member> wrapped;
    JsonObjectText::members(bodyText, &wrapped);
    const QStringList wrappedKeys = keysOf(wrapped);
    EventBody body;
    if (wrappedKeys.size() == 2 && wrappedKeys.contains("contentType") &&
        (wrappedKeys.contains("body") || wrappedKeys.contains("bodyBase64"))) {
        const bool base64 = wrappedKeys.contains("bodyBase64");
        if (!EventBody::read(JsonObjectText::member(wrapped, base64 ? QStringLiteral("bodyBase64")
                                                                    : QStringLiteral("body")),
                             base64, &body, error))
            return false;
        const QByteArray type =
            JsonObjectText::value(JsonObjectText::member(wrapped, QStringLiteral("contentType")))
                .toString()
                .toUtf8();
        if (!envelope && !type.isEmpty())
            headers.append({QByteArray("Content-Type"), type});
    } else {
        if (!EventBody::read(bodyText, false, &body, error))
            return false;
        if (!envelope && body.parsedJson)
            headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    }
    if (body.parsedJson) {
        r.bodyParsedBy = QStringLiteral("EventBridge, whose event detail is parsed JSON "
                                        "that does not keep the body's layout");
        r.rawBodyHowTo = QStringLiteral(
            "capture the request before it becomes an event: hookbench-cli listen, or the API "
            "Gateway / Lambda event that received it");
    }
    r.raw = HttpRequestBytes::build(method, target, headers, body.bytes, &r.notRebuilt);
    out->append(r);
    return true;
}
