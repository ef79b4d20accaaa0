#pragma once

#include "core/io/HttpRequestBytes.h"
#include "core/io/ImportedRequest.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// The AWS shapes a webhook takes on its way through API Gateway, Lambda, SQS and EventBridge:
// recognised from an event's keys, and turned back into the requests they carry (one event may
// carry several: an SQS batch). The mappers of each kind share the helpers here.
class AwsEventMapper
{
public:
    enum class Kind
    {
        None,
        ApiGateway,  // the output of an API Gateway REST mapping template
        Lambda,      // a Lambda proxy integration event, v1 or v2 (and ALB, function URLs)
        Sqs,         // an SQS record, a Lambda SQS event, ReceiveMessage's output
        EventBridge, // an EventBridge event
    };

    // The kind an event is, from its outer keys (JsonObjectText::leadingKeys or members).
    static Kind classify(const QStringList &keys);
    static QString name(Kind kind); // the --format value: "apigw", "lambda", "sqs", "eventbridge"
    // The requests `eventText` (one JSON object of that kind) carries, appended to `out`; false
    // with `error` (the problem, without the event's position) when it carries none.
    static bool map(Kind kind, const QByteArray &eventText, QList<ImportedRequest> *out,
                    QString *error);
    // Whichever kind `eventText` is (None: false with `error`).
    static bool mapAny(const QByteArray &eventText, QList<ImportedRequest> *out, QString *error);

    // Headers from a JSON object of name -> string (or list of strings, one line each), in the
    // order the event lists them.
    static HttpRequestBytes::Headers headerMap(const QByteArray &objectText);
    // A query string from a JSON object of name -> string (or list), percent-encoded again.
    static QByteArray queryMap(const QByteArray &objectText);
    // Epoch milliseconds (a number or a numeric string), ISO 8601, or API Gateway's
    // "01/May/2025:12:00:00 +0000", to microseconds; 0 when it is none of them.
    static qint64 timeUs(const QJsonValue &value);
};
