#include "core/http/RequestFramer.h"

#include <http_parser.h>

#include <climits>
#include <cstring>

namespace {

// RFC 9110 token characters. Debian builds http-parser non-strict, which lets spaces into header
// names ("Transfer-Encoding : chunked" would then be an ordinary header: a smuggling risk).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

void extend(ByteSpan &span, qint64 offset, qint64 length)
{
    if (span.length == 0)
        span.offset = offset;
    span.length = offset + length - span.offset;
}

} // namespace

struct RequestFramer::Callbacks
{
    static RequestFramer *self(http_parser *p) { return static_cast<RequestFramer *>(p->data); }
    static qint64 offsetOf(http_parser *p, const char *at) { return at - self(p)->m_base; }

    static int onUrl(http_parser *p, const char *at, size_t len)
    {
        self(p)->m_request.target.append(at, qsizetype(len));
        return 0;
    }
    static int onHeaderField(http_parser *p, const char *at, size_t len)
    {
        RequestFramer *f = self(p);
        if (f->m_inValue)
            f->finishHeader();
        f->m_header.name.append(at, qsizetype(len));
        extend(f->m_header.nameSpan, offsetOf(p, at), qint64(len));
        return 0;
    }
    static int onHeaderValue(http_parser *p, const char *at, size_t len)
    {
        RequestFramer *f = self(p);
        f->m_inValue = true;
        f->m_header.value.append(at, qsizetype(len));
        extend(f->m_header.valueSpan, offsetOf(p, at), qint64(len));
        return 0;
    }
    static int onHeadersComplete(http_parser *p)
    {
        RequestFramer *f = self(p);
        if (f->m_inValue || !f->m_header.name.isEmpty())
            f->finishHeader();
        f->m_request.method = http_method_str(http_method(p->method));
        f->m_request.httpVersion =
            "HTTP/" + QByteArray::number(p->http_major) + '.' + QByteArray::number(p->http_minor);
        f->m_request.chunked = (p->flags & F_CHUNKED) != 0;
        f->m_headersDone = true;
        http_parser_pause(p, 1);
        return 0;
    }
    static int onBody(http_parser *p, const char *at, size_t len)
    {
        RequestFramer *f = self(p);
        QList<ByteSpan> &segments = f->m_request.bodySegments;
        const qint64 offset = offsetOf(p, at);
        if (!segments.isEmpty() && segments.last().end() == offset)
            segments.last().length += qint64(len);
        else
            segments.append({offset, qint64(len)});
        if (f->m_request.bodySize() > f->m_limits.maxBodyBytes) {
            f->fail(413,
                    QStringLiteral("Body larger than the limit of %1 bytes")
                        .arg(f->m_limits.maxBodyBytes),
                    offset);
            http_parser_pause(p, 1);
        }
        return 0;
    }
    static int onMessageComplete(http_parser *p)
    {
        RequestFramer *f = self(p);
        f->m_messageDone = true;
        f->m_keepAlive = http_should_keep_alive(p) != 0;
        http_parser_pause(p, 1);
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings s = [] {
            http_parser_settings s;
            http_parser_settings_init(&s);
            s.on_url = &onUrl;
            s.on_header_field = &onHeaderField;
            s.on_header_value = &onHeaderValue;
            s.on_headers_complete = &onHeadersComplete;
            s.on_body = &onBody;
            s.on_message_complete = &onMessageComplete;
            return s;
        }();
        return s;
    }
};

RequestFramer::RequestFramer(FramingLimits limits)
    : m_limits(limits), m_parser(std::make_unique<http_parser>())
{
    // Our own limit is the one that counts; keep http-parser's from firing first.
    http_parser_set_max_header_size(uint32_t(qMax<qint64>(m_limits.maxHeaderBytes * 2, 80 * 1024)));
    reset();
}

RequestFramer::~RequestFramer() = default;

void RequestFramer::reset()
{
    http_parser_init(m_parser.get(), HTTP_REQUEST);
    m_parser->data = this;
    m_request = ParsedRequest();
    m_parsed = 0;
    m_messageEnd = -1;
    m_errorStatus = 0;
    m_keepAlive = true;
    m_headersReported = false;
    m_headersDone = false;
    m_messageDone = false;
    m_inValue = false;
    m_header = HeaderField();
}

bool RequestFramer::expectsContinue() const
{
    return m_request.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0;
}

void RequestFramer::finishHeader()
{
    m_header.lineSpan = {
        m_header.nameSpan.offset,
        (m_header.valueSpan.length ? m_header.valueSpan.end() : m_header.nameSpan.end() + 1) -
            m_header.nameSpan.offset};
    if (m_header.valueSpan.length == 0) // empty value: point just past the colon
        m_header.valueSpan.offset = m_header.nameSpan.end() + 1;
    m_request.headers.append(m_header);
    m_header = HeaderField();
    m_inValue = false;
}

void RequestFramer::fail(int status, const QString &reason, qint64 offset)
{
    if (m_errorStatus != 0)
        return;
    m_errorStatus = status;
    m_request.error = reason;
    m_request.errorOffset = offset;
    m_keepAlive = false;
}

RequestFramer::State RequestFramer::advance(const QByteArray &buffer)
{
    if (m_errorStatus != 0)
        return State::Failed;
    if (m_messageDone)
        return State::MessageComplete;

    m_base = buffer.constData();
    while (m_parsed < buffer.size()) {
        qint64 available = buffer.size() - m_parsed;
        const bool headerCapped = !m_headersDone;
        if (headerCapped)
            available = qMin(available, m_limits.maxHeaderBytes + 1 - m_parsed);
        http_parser_pause(m_parser.get(), 0);
        const size_t n = http_parser_execute(m_parser.get(), &Callbacks::settings(),
                                             m_base + m_parsed, size_t(available));
        const http_errno err = HTTP_PARSER_ERRNO(m_parser.get());
        const qint64 stop = m_parsed + qint64(n);
        m_parsed = stop;
        if (m_errorStatus != 0)
            return State::Failed;
        if (!m_headersDone && m_parsed > m_limits.maxHeaderBytes) {
            fail(431,
                 QStringLiteral("Header section larger than the limit of %1 bytes")
                     .arg(m_limits.maxHeaderBytes),
                 m_limits.maxHeaderBytes);
            return State::Failed;
        }
        if (err != HPE_OK && err != HPE_PAUSED) {
            fail(400, QString::fromLatin1(http_errno_description(err)), stop);
            return State::Failed;
        }
        if (m_messageDone) {
            m_messageEnd = stop;
            m_request.complete = true;
            return State::MessageComplete;
        }
        if (m_headersDone && !m_headersReported) {
            m_headersReported = true;
            // http-parser stops on the final LF of the header section and reads it again on resume
            m_request.headerSectionEnd = stop + 1;
            const qsizetype lineEnd = buffer.indexOf('\n');
            m_request.requestLine = {0, lineEnd > 0 && buffer.at(lineEnd - 1) == '\r' ? lineEnd - 1
                                                                                      : lineEnd};
            if (m_request.headerSectionEnd > m_limits.maxHeaderBytes) {
                fail(431,
                     QStringLiteral("Header section larger than the limit of %1 bytes")
                         .arg(m_limits.maxHeaderBytes),
                     m_limits.maxHeaderBytes);
                return State::Failed;
            }
            if (!validateHead(buffer))
                return State::Failed;
            const quint64 declared = m_parser->content_length;
            if (!m_request.chunked && declared != ULLONG_MAX &&
                qint64(declared) > m_limits.maxBodyBytes) {
                fail(413,
                     QStringLiteral("Content-Length %1 is larger than the limit of %2 bytes")
                         .arg(declared)
                         .arg(m_limits.maxBodyBytes),
                     m_request.headerSectionEnd);
                return State::Failed;
            }
            return State::HeadersComplete;
        }
    }
    return State::NeedMore;
}

bool RequestFramer::validateHead(const QByteArray &buffer)
{
    const ByteSpan line = m_request.requestLine;
    const QByteArray version = buffer.mid(line.end() - 9, 9);
    if (line.length < 14 || !version.startsWith(" HTTP/1.") || version.at(8) < '0' ||
        version.at(8) > '9') {
        fail(400, QStringLiteral("The request line does not end with the protocol HTTP/1.x"),
             qMax<qint64>(0, line.end() - 8));
        return false;
    }
    for (const HeaderField &h : std::as_const(m_request.headers)) {
        for (qsizetype i = 0; i < h.name.size(); ++i) {
            if (!isTokenChar(h.name.at(i))) {
                fail(400,
                     QStringLiteral("Invalid character in the header name \"%1\"")
                         .arg(QString::fromLatin1(h.name)),
                     h.nameSpan.offset + i);
                return false;
            }
        }
    }
    return true;
}

ParsedRequest RequestFramer::parse(const QByteArray &raw)
{
    FramingLimits unbounded;
    unbounded.maxHeaderBytes = qMax<qint64>(raw.size(), 1);
    unbounded.maxBodyBytes = qMax<qint64>(raw.size(), 1);
    RequestFramer framer(unbounded);
    State state;
    do {
        state = framer.advance(raw);
    } while (state == State::HeadersComplete);
    ParsedRequest result = framer.request();
    if (state == State::NeedMore && result.error.isEmpty()) {
        result.error = result.headerSectionEnd < 0
                           ? QStringLiteral("The request ends before its header section does")
                           : QStringLiteral("The request ends before its body does");
        result.errorOffset = raw.size();
    }
    return result;
}
