#include "core/io/HttpRequestBytes.h"

#include "core/http/RequestFramer.h"

namespace {

bool named(const QByteArray &name, const char *what)
{
    return name.compare(what, Qt::CaseInsensitive) == 0;
}

// Header names and values cannot hold line breaks in HTTP/1.1.
QByteArray oneLine(QByteArray value)
{
    return value.replace('\r', ' ').replace('\n', ' ');
}

} // namespace

QByteArray HttpRequestBytes::build(const QByteArray &method, const QByteArray &target,
                                   const Headers &headers, const QByteArray &body,
                                   QStringList *notes)
{
    QByteArray out = method + ' ' + (target.isEmpty() ? QByteArray("/") : target) + " HTTP/1.1\r\n";
    bool lengthWritten = false;
    bool lengthChanged = false;
    bool chunkedDropped = false;
    const QByteArray length = QByteArray::number(body.size());
    for (const auto &[name, value] : headers) {
        if (named(name, "Transfer-Encoding")) {
            chunkedDropped = true;
            continue;
        }
        if (named(name, "Content-Length")) {
            if (lengthWritten)
                continue;
            lengthWritten = true;
            if (value.trimmed() != length)
                lengthChanged = true;
            out += oneLine(name) + ": " + length + "\r\n";
            continue;
        }
        out += oneLine(name) + ": " + oneLine(value) + "\r\n";
    }
    if (!lengthWritten && (!body.isEmpty() || method != "GET"))
        out += "Content-Length: " + length + "\r\n";
    if (chunkedDropped)
        notes->append(QStringLiteral("the chunked framing (Transfer-Encoding dropped: the source "
                                     "holds the body without its chunks)"));
    if (lengthChanged)
        notes->append(QStringLiteral("the Content-Length as sent (set to the body's size here)"));
    return out + "\r\n" + body;
}

QByteArray HttpRequestBytes::withBody(const QByteArray &raw, const QByteArray &body)
{
    const ParsedRequest parsed = RequestFramer::parse(raw);
    if (parsed.hasError() || parsed.headerSectionEnd < 0 || parsed.chunked)
        return raw;
    QByteArray head = raw.left(parsed.headerSectionEnd);
    for (qsizetype i = parsed.headers.size() - 1; i >= 0; --i) {
        const HeaderField &h = parsed.headers.at(i);
        if (named(h.name, "Content-Length"))
            head.replace(h.valueSpan.offset, h.valueSpan.length, QByteArray::number(body.size()));
    }
    return head + body;
}
