#pragma once

#include "core/capture/ByteSpan.h"
#include "core/capture/HeaderField.h"

#include <QByteArray>
#include <QList>
#include <QString>

// What the HTTP framing found in one raw request. Everything is described as spans of the raw
// bytes, so the raw request stays the single source of truth; the body is derived on demand.
class ParsedRequest
{
public:
    QByteArray method;
    QByteArray target;
    QByteArray httpVersion; // "HTTP/1.1"
    ByteSpan requestLine;
    QList<HeaderField> headers;
    qint64 headerSectionEnd = -1; // offset just past the empty line; -1 if never reached
    QList<ByteSpan> bodySegments; // raw spans of the body bytes, in order (several when chunked)
    bool chunked = false;
    bool complete = false;   // the message ended where HTTP framing says it ends
    QString error;           // empty when the request framed cleanly
    qint64 errorOffset = -1; // byte offset of the problem in the raw request

    bool hasError() const { return !error.isEmpty(); }
    qint64 bodySize() const;
    // The message body with the transfer framing removed (chunk sizes dropped); content encoding
    // kept.
    QByteArray body(const QByteArray &raw) const;
    // body() without a copy when it is one span of `raw` (not chunked): then it refers to
    // `raw`'s bytes, which must outlive it unchanged.
    QByteArray bodyView(const QByteArray &raw) const;
    // Offset in the raw request of the byte at `bodyOffset` in body(); -1 when out of range.
    qint64 rawOffsetOfBody(qint64 bodyOffset) const;
    // Offset in body() of the raw byte at `rawOffset`; -1 when that byte is not body content.
    qint64 bodyOffsetOfRaw(qint64 rawOffset) const;
    // Raw spans covering body() bytes [span.offset, span.end()); several when it crosses chunks.
    QList<ByteSpan> rawSpansOfBody(const ByteSpan &span) const;

    // First header with this name (case-insensitive); null when absent.
    QByteArray header(const QByteArray &name) const;
};
