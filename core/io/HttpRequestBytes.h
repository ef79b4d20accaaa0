#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>

// Writes a request an import shape rebuilt from parts (an AWS event's method, path, headers and
// body) as the bytes of an HTTP/1.1 request: the headers in the given order, then a
// Content-Length that matches the body. What that changed is added to `notes`.
class HttpRequestBytes
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    static QByteArray build(const QByteArray &method, const QByteArray &target,
                            const Headers &headers, const QByteArray &body, QStringList *notes);
    // `raw` (a request with a Content-Length body) with its body replaced and Content-Length
    // set to match; `raw` unchanged when it does not frame.
    static QByteArray withBody(const QByteArray &raw, const QByteArray &body);
};
