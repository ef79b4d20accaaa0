#include "core/io/AwsEventMapper.h"

#include "core/io/ApiGatewayTemplateMapper.h"
#include "core/io/EventBridgeEventMapper.h"
#include "core/io/HarEntryReader.h"
#include "core/io/JsonObjectText.h"
#include "core/io/LambdaEventMapper.h"
#include "core/io/SqsRecordMapper.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QTimeZone>
#include <QUrl>

AwsEventMapper::Kind AwsEventMapper::classify(const QStringList &keys)
{
    const auto has = [&keys](const char *key) { return keys.contains(QLatin1String(key)); };
    if (has("Records") || has("Messages") ||
        ((has("messageId") || has("MessageId")) &&
         (has("body") || has("Body") || has("receiptHandle") || has("ReceiptHandle"))))
        return Kind::Sqs;
    if (has("detail-type") && (has("detail") || has("source")))
        return Kind::EventBridge;
    if (has("body-json") || has("rawBody") || (has("params") && has("context")))
        return Kind::ApiGateway;
    if (has("requestContext") || has("httpMethod") || has("rawPath") || has("routeKey") ||
        has("isBase64Encoded"))
        return Kind::Lambda;
    return Kind::None;
}

QString AwsEventMapper::name(Kind kind)
{
    switch (kind) {
    case Kind::ApiGateway:
        return QStringLiteral("apigw");
    case Kind::Lambda:
        return QStringLiteral("lambda");
    case Kind::Sqs:
        return QStringLiteral("sqs");
    case Kind::EventBridge:
        return QStringLiteral("eventbridge");
    case Kind::None:
        break;
    }
    return {};
}

bool AwsEventMapper::map(Kind kind, const QByteArray &eventText, QList<ImportedRequest> *out,
                         QString *error)
{
    switch (kind) {
    case Kind::ApiGateway:
        return ApiGatewayTemplateMapper::map(eventText, out, error);
    case Kind::Lambda:
        return LambdaEventMapper::map(eventText, out, error);
    case Kind::Sqs:
        return SqsRecordMapper::map(eventText, out, error);
    case Kind::EventBridge:
        return EventBridgeEventMapper::map(eventText, out, error);
    case Kind::None:
        break;
    }
    *error = QStringLiteral("not an API Gateway, Lambda, SQS or EventBridge event");
    return false;
}

bool AwsEventMapper::mapAny(const QByteArray &eventText, QList<ImportedRequest> *out,
                            QString *error)
{
    QList<JsonObjectText::Member> members;
    if (!JsonObjectText::members(eventText, &members)) {
        *error = QStringLiteral("not a JSON object");
        return false;
    }
    QStringList keys;
    for (const JsonObjectText::Member &m : members)
        keys.append(m.key);
    return map(classify(keys), eventText, out, error);
}

HttpRequestBytes::Headers AwsEventMapper::headerMap(const QByteArray &objectText)
{
    HttpRequestBytes::Headers headers;
    QList<JsonObjectText::Member> members;
    if (!JsonObjectText::members(objectText, &members))
        return headers;
    for (const JsonObjectText::Member &m : members) {
        const QJsonValue v = JsonObjectText::value(m.text);
        const QByteArray name = m.key.toUtf8();
        if (v.isArray()) {
            for (const QJsonValue &item : v.toArray())
                headers.append({name, item.toVariant().toString().toUtf8()});
        } else if (!v.isNull() && !v.isUndefined()) {
            headers.append({name, v.toVariant().toString().toUtf8()});
        }
    }
    return headers;
}

QByteArray AwsEventMapper::queryMap(const QByteArray &objectText)
{
    QByteArray query;
    for (const auto &[name, value] : headerMap(objectText)) {
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(QString::fromUtf8(name)) + '=' +
                 QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    return query;
}

qint64 AwsEventMapper::timeUs(const QJsonValue &value)
{
    if (value.isDouble())
        return qint64(value.toDouble()) * 1000;
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return 0;
    bool numeric = false;
    const qint64 ms = text.toLongLong(&numeric);
    if (numeric)
        return ms * 1000;
    if (const qint64 us = HarEntryReader::parseTime(text); us != 0)
        return us;
    // API Gateway's $context.requestTime: 01/May/2025:12:00:00 +0000
    const QDateTime z =
        QLocale::c().toDateTime(text.left(20), QStringLiteral("dd/MMM/yyyy:HH:mm:ss"));
    if (!z.isValid())
        return 0;
    QDateTime utc = z;
    utc.setTimeZone(QTimeZone::utc());
    const QString offset = text.mid(21).trimmed(); // +0000
    qint64 shift = 0;
    if (offset.size() == 5)
        shift = (offset.mid(1, 2).toInt() * 3600 + offset.mid(3, 2).toInt() * 60) *
                (offset.startsWith(u'-') ? -1 : 1);
    return (utc.toMSecsSinceEpoch() - shift * 1000) * 1000;
}
