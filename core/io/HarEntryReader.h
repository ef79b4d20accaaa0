#pragma once

#include "core/io/ImportedRequest.h"

#include <QJsonObject>
#include <QString>

// Rebuilds the request of one HAR entry as the bytes of an HTTP/1.1 request. A HAR written by
// Hookbench (its `_hookbench` object: head_base64, chunk_sizes, raw_base64) comes back byte for
// byte. From any other HAR the request line, the headers in order (pseudo-headers dropped) and
// the body (postData text, base64 with "encoding", or form params) are written again, and
// `notRebuilt` says what that could not restore: header line spacing and folding, the HTTP/2
// framing, a Content-Length the body no longer matches, a body the HAR did not hold.
class HarEntryReader
{
public:
    // False with `error` set (the problem, without the entry's position) when the entry has no
    // usable request.
    static bool read(const QJsonObject &entry, ImportedRequest *request, QString *error);

    // RFC 3339 / ISO 8601 with any fraction and offset, to microseconds since the epoch; 0 when
    // it does not parse.
    static qint64 parseTime(const QString &text);
};
