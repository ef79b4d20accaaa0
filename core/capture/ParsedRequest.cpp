#include "core/capture/ParsedRequest.h"

qint64 ParsedRequest::bodySize() const
{
    qint64 total = 0;
    for (const ByteSpan &s : bodySegments)
        total += s.length;
    return total;
}

QByteArray ParsedRequest::body(const QByteArray &raw) const
{
    if (bodySegments.size() == 1) {
        const ByteSpan &s = bodySegments.first();
        return raw.mid(s.offset, s.length);
    }
    QByteArray out;
    out.reserve(bodySize());
    for (const ByteSpan &s : bodySegments)
        out.append(raw.constData() + s.offset, s.length);
    return out;
}

QByteArray ParsedRequest::bodyView(const QByteArray &raw) const
{
    if (bodySegments.size() != 1)
        return body(raw);
    const ByteSpan &s = bodySegments.first();
    return QByteArray::fromRawData(raw.constData() + s.offset, s.length);
}

qint64 ParsedRequest::rawOffsetOfBody(qint64 bodyOffset) const
{
    qint64 base = 0;
    for (const ByteSpan &s : bodySegments) {
        if (bodyOffset < base + s.length)
            return bodyOffset >= base ? s.offset + (bodyOffset - base) : -1;
        base += s.length;
    }
    return -1;
}

qint64 ParsedRequest::bodyOffsetOfRaw(qint64 rawOffset) const
{
    qint64 base = 0;
    for (const ByteSpan &s : bodySegments) {
        if (s.contains(rawOffset))
            return base + (rawOffset - s.offset);
        base += s.length;
    }
    return -1;
}

QList<ByteSpan> ParsedRequest::rawSpansOfBody(const ByteSpan &span) const
{
    QList<ByteSpan> out;
    qint64 base = 0;
    for (const ByteSpan &s : bodySegments) {
        const qint64 from = qMax(span.offset, base);
        const qint64 to = qMin(span.end(), base + s.length);
        if (from < to)
            out.append({s.offset + (from - base), to - from});
        base += s.length;
        if (base >= span.end())
            break;
    }
    return out;
}

QByteArray ParsedRequest::header(const QByteArray &name) const
{
    for (const HeaderField &h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}
