#pragma once

#include <QtGlobal>

// A half-open range [offset, offset + length) of bytes in some buffer (raw request, body, ...).
struct ByteSpan
{
    qint64 offset = 0;
    qint64 length = 0;

    qint64 end() const { return offset + length; }
    bool isEmpty() const { return length <= 0; }
    bool contains(qint64 pos) const { return pos >= offset && pos < end(); }
    bool operator==(const ByteSpan &o) const { return offset == o.offset && length == o.length; }
    bool operator!=(const ByteSpan &o) const { return !(*this == o); }
};
