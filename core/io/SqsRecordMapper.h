#pragma once

#include "core/io/ImportedRequest.h"

#include <QList>

// SQS messages back to their requests: a Lambda SQS event (Records), the output of
// `aws sqs receive-message` (Messages) or one record. The message attributes carry the headers
// (stringValue, or binaryValue decoded), the body is the payload, SentTimestamp the time. A body
// that is itself an AWS event with no headers beside it (an EventBridge event a rule sent to a
// queue, a Lambda event in a dead-letter queue) is read as that event.
class SqsRecordMapper
{
public:
    static bool map(const QByteArray &eventText, QList<ImportedRequest> *out, QString *error);
};
