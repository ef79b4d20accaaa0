#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// Builds the bytes of an HTTP/1.1 response.
class HttpResponse
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // Headers whose name is not a token or whose value holds a control byte (CR, LF, NUL...) are
    // left out, so that no configured or computed header can add fields of its own.
    static QByteArray build(int status, const Headers &headers, const QByteArray &body,
                            bool closeConnection);
    // A short text/plain answer, used for the listener's own errors (400, 405, 408, 413, 431, 503).
    static QByteArray plain(int status, const QByteArray &reason, bool closeConnection);
    static QByteArray reasonPhrase(int status);
};
