#pragma once

#include "core/io/ImportedRequest.h"

#include <QList>

// The output of an API Gateway REST mapping template back to its request: the "method request
// passthrough" template (body-json, params.header / querystring / path, context.http-method and
// resource-path) and hand-written ones with rawBody / body / headers (and method, path,
// requestTimeEpoch, sourceIp when the template adds them). rawBody is the exact body (base64 when
// the template used $util.base64Encode($input.body)); body-json and body are the body as
// $input.json('$') re-serialised it (ImportedRequest::bodyParsedBy). The \' escapes of
// $util.escapeJavaScript, which JSON does not allow, are read as '.
class ApiGatewayTemplateMapper
{
public:
    static bool map(const QByteArray &eventText, QList<ImportedRequest> *out, QString *error);
};
