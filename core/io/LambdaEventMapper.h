#pragma once

#include "core/io/ImportedRequest.h"

#include <QList>

// A Lambda proxy integration event back to its request: v1 (REST APIs, ALB: httpMethod, path,
// headers / multiValueHeaders, queryStringParameters) and v2 (HTTP APIs, function URLs:
// rawPath, rawQueryString, lower-cased headers with repeats joined by commas, cookies), the body
// decoded when isBase64Encoded. A body the function replaced by its parsed JSON is kept as
// parsed (ImportedRequest::bodyParsedBy).
class LambdaEventMapper
{
public:
    static bool map(const QByteArray &eventText, QList<ImportedRequest> *out, QString *error);
};
