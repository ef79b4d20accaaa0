#pragma once

#include <QByteArray>
#include <QList>

// Chunked transfer framing as Hookbench writes it again: lower-case hex sizes, no extensions,
// no trailers ("5\r\nhello\r\n0\r\n\r\n").
class ChunkedFraming
{
public:
    // `body` cut into chunks of `sizes` (the rest, if any, as one more chunk); one chunk when
    // `sizes` is empty.
    static QByteArray frame(const QByteArray &body, const QList<qint64> &sizes = {});
};
