#include "core/io/SqsRecordMapper.h"

#include "core/io/AwsEventMapper.h"
#include "core/io/EventBody.h"
#include "core/io/JsonObjectText.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

using Member = JsonObjectText::Member;

// The first of `keys` present (Lambda's camelCase or the SQS API's PascalCase).
QByteArray either(const QList<Member> &members, const char *lambda, const char *api)
{
    QByteArray text = JsonObjectText::member(members, QLatin1String(lambda));
    return text.isEmpty() ? JsonObjectText::member(members, QLatin1String(api)) : text;
}

HttpRequestBytes::Headers attributeHeaders(const QByteArray &attributes, QStringList *notes)
{
    HttpRequestBytes::Headers headers;
    QList<Member> members;
    JsonObjectText::members(attributes, &members);
    for (const Member &m : members) {
        const QJsonObject a = JsonObjectText::value(m.text).toObject();
        const QJsonValue text =
            a.contains("stringValue") ? a.value("stringValue") : a.value("StringValue");
        const QJsonValue binary =
            a.contains("binaryValue") ? a.value("binaryValue") : a.value("BinaryValue");
        if (text.isString()) {
            headers.append({m.key.toUtf8(), text.toString().toUtf8()});
        } else if (binary.isString()) {
            headers.append({m.key.toUtf8(), QByteArray::fromBase64(binary.toString().toLatin1())});
            notes->append(QStringLiteral("header %1 came as a binary attribute: its bytes are "
                                         "written as they are")
                              .arg(m.key));
        }
    }
    return headers;
}

bool mapRecord(const QByteArray &recordText, QList<ImportedRequest> *out, QString *error)
{
    QList<Member> record;
    if (!JsonObjectText::members(recordText, &record)) {
        *error = QStringLiteral("an SQS record is not a JSON object");
        return false;
    }
    const QByteArray bodyText = either(record, "body", "Body");
    QStringList notes;
    const HttpRequestBytes::Headers headers =
        attributeHeaders(either(record, "messageAttributes", "MessageAttributes"), &notes);
    const QJsonObject attributes =
        JsonObjectText::value(either(record, "attributes", "Attributes")).toObject();
    const qint64 sentUs = AwsEventMapper::timeUs(attributes.value("SentTimestamp"));

    // An AWS event queued whole (EventBridge → SQS, a dead-letter queue): read it as that.
    const QByteArray inner = JsonObjectText::value(bodyText).toString().toUtf8();
    if (headers.isEmpty() && inner.trimmed().startsWith('{')) {
        QList<ImportedRequest> nested;
        QString ignored;
        if (AwsEventMapper::mapAny(inner, &nested, &ignored)) {
            for (ImportedRequest &r : nested) {
                if (r.receivedAtUs == 0)
                    r.receivedAtUs = sentUs;
                out->append(r);
            }
            return true;
        }
    }
    ImportedRequest r;
    EventBody body;
    if (!EventBody::read(bodyText, false, &body, error))
        return false;
    r.receivedAtUs = sentUs;
    r.pathUnknown = true;
    r.notRebuilt = notes;
    r.notRebuilt.append(QStringLiteral("the method and path (an SQS message has neither: POST / "
                                       "is written, and the capture is routed by its headers' "
                                       "provider)"));
    r.notRebuilt.append(QStringLiteral("the headers' order (message attributes are a map) and any "
                                       "header the producer did not copy into them"));
    if (body.parsedJson) {
        r.bodyParsedBy = QStringLiteral("the producer, which put the parsed body in the message");
        r.rawBodyHowTo = QStringLiteral("send the raw body as the message body (API Gateway: "
                                        "MessageBody=$util.urlEncode($input.body))");
    }
    r.raw = HttpRequestBytes::build("POST", "/", headers, body.bytes, &r.notRebuilt);
    out->append(r);
    return true;
}

} // namespace

bool SqsRecordMapper::map(const QByteArray &eventText, QList<ImportedRequest> *out, QString *error)
{
    QList<Member> event;
    if (!JsonObjectText::members(eventText, &event)) {
        *error = QStringLiteral("the SQS event is not a JSON object");
        return false;
    }
    QByteArray list = either(event, "Records", "Messages");
    if (list.isEmpty())
        return mapRecord(eventText, out, error);
    // Each record's exact text: the array's elements, scanned in order.
    qsizetype i = list.indexOf('[') + 1;
    int index = 0;
    for (;;) {
        while (i < list.size() && (list.at(i) == ',' || QChar(list.at(i)).isSpace()))
            ++i;
        if (i >= list.size() || list.at(i) == ']')
            return true;
        const qsizetype end = JsonObjectText::valueEnd(list, i);
        if (end < 0) {
            *error = QStringLiteral("record %1 is not well-formed JSON").arg(index);
            return false;
        }
        QString why;
        if (!mapRecord(list.mid(i, end - i), out, &why)) {
            *error = QStringLiteral("record %1: %2").arg(index).arg(why);
            return false;
        }
        ++index;
        i = end;
    }
}
