#include "core/pipeline/SearchDocument.h"

#include "core/capture/ContentDecoder.h"
#include "core/capture/EventType.h"
#include "core/capture/Utf8Check.h"
#include "core/http/RequestFramer.h"
#include "core/store/SearchIndex.h"

namespace {

// Valid UTF-8 but for a sequence cut at the end by the size cap.
bool isText(const QByteArray &bytes, bool cut)
{
    const qint64 bad = Utf8Check::firstInvalidOffset(bytes);
    return bad < 0 || (cut && bad >= bytes.size() - 3);
}

} // namespace

SearchDocument SearchDocument::of(const QByteArray &raw)
{
    SearchDocument doc;
    const ParsedRequest parsed = RequestFramer::parse(raw);
    const qint64 headEnd =
        parsed.headerSectionEnd > 0 ? parsed.headerSectionEnd : qMin<qint64>(raw.size(), 65536);
    if (parsed.requestLine.length > 0)
        doc.head = QString::fromUtf8(raw.mid(parsed.requestLine.offset, parsed.requestLine.length));
    else
        doc.head = QString::fromUtf8(raw.left(qMin<qint64>(headEnd, 8192)));
    const QString headerMark = QString::fromLatin1(SearchIndex::HeaderMark);
    const QString valueMark = QString::fromLatin1(SearchIndex::ValueMark);
    for (const HeaderField &h : parsed.headers) {
        doc.head += QLatin1Char('\n') + headerMark + QLatin1Char(' ') + QString::fromUtf8(h.name) +
                    QLatin1Char(' ') + valueMark + QLatin1Char(' ') + QString::fromUtf8(h.value);
    }
    if (parsed.headerSectionEnd < 0)
        return doc;
    QByteArray body = parsed.body(raw);
    const QByteArray encoding = parsed.header("content-encoding");
    if (!encoding.isEmpty()) {
        const ContentDecoder::Result decoded =
            ContentDecoder::decode(body, encoding, 8 * SearchIndex::MaxBodyBytes);
        body = decoded.ok ? decoded.data : QByteArray();
    }
    const bool cut = body.size() > SearchIndex::MaxBodyBytes;
    if (cut)
        body.truncate(SearchIndex::MaxBodyBytes);
    if (!body.isEmpty() && isText(body, cut))
        doc.body = QString::fromUtf8(body);
    doc.eventType = EventType::of(raw, parsed);
    return doc;
}
