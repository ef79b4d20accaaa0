#include "core/http/RequestFramer.h"

#include <llhttp.h>

#include <array>
#include <cstring>

// llhttp 8.x is loose unless built with LLHTTP_STRICT_MODE=1 (core/http/llhttp/CMakeLists.txt
// does); 9.x dropped that switch and is strict unless a lenient flag is set, which Hookbench never
// does.
#if LLHTTP_VERSION_MAJOR < 9 && !LLHTTP_STRICT_MODE
#error "llhttp 8.x must be built with LLHTTP_STRICT_MODE=1"
#endif

namespace {

// RFC 9110 token characters; llhttp checks them too, this keeps the rule in one place of ours.
bool isTokenChar(char c)
{
    static const auto table = [] {
        std::array<bool, 256> t{};
        for (int c = 0; c < 256; ++c) {
            t[size_t(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') ||
                           (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
        }
        return t;
    }();
    return table[static_cast<unsigned char>(c)];
}

void extend(ByteSpan &span, qint64 offset, qint64 length)
{
    if (span.length == 0)
        span.offset = offset;
    span.length = offset + length - span.offset;
}

// A static string as a QByteArray without a copy (it outlives every request).
QByteArray staticBytes(const char *text)
{
    return QByteArray::fromRawData(text, qsizetype(std::strlen(text)));
}

QString headerLimitReason(qint64 limit)
{
    return QStringLiteral("Header section larger than the limit of %1 bytes").arg(limit);
}

} // namespace

struct RequestFramer::Callbacks
{
    static RequestFramer *self(llhttp_t *p) { return static_cast<RequestFramer *>(p->data); }
    static qint64 offsetOf(llhttp_t *p, const char *at) { return at - self(p)->m_base; }

    static int onUrl(llhttp_t *p, const char *at, size_t len)
    {
        self(p)->appendPiece(self(p)->m_request.target, at, len);
        return HPE_OK;
    }
    // Trailer fields (after a chunked body) come through the same callbacks; they are not headers
    // and stay out of request().headers (the bytes are kept, as part of the body's framing).
    static int onHeaderField(llhttp_t *p, const char *at, size_t len)
    {
        RequestFramer *f = self(p);
        if (f->m_headersDone)
            return HPE_OK;
        f->appendPiece(f->m_header.name, at, len);
        extend(f->m_header.nameSpan, offsetOf(p, at), qint64(len));
        return HPE_OK;
    }
    static int onHeaderValue(llhttp_t *p, const char *at, size_t len)
    {
        RequestFramer *f = self(p);
        if (f->m_headersDone)
            return HPE_OK;
        f->appendPiece(f->m_header.value, at, len);
        extend(f->m_header.valueSpan, offsetOf(p, at), qint64(len));
        return HPE_OK;
    }
    static int onHeaderValueComplete(llhttp_t *p)
    {
        if (!self(p)->m_headersDone)
            self(p)->finishHeader();
        return HPE_OK;
    }
    static int onHeadersComplete(llhttp_t *p)
    {
        RequestFramer *f = self(p);
        f->m_request.method = staticBytes(llhttp_method_name(llhttp_method_t(p->method)));
        if (p->http_major == 1 && (p->http_minor == 1 || p->http_minor == 0))
            f->m_request.httpVersion = staticBytes(p->http_minor == 1 ? "HTTP/1.1" : "HTTP/1.0");
        else
            f->m_request.httpVersion = "HTTP/" + QByteArray::number(p->http_major) + '.' +
                                       QByteArray::number(p->http_minor);
        f->m_request.chunked = (p->flags & F_CHUNKED) != 0;
        f->m_headersDone = true;
        return HPE_PAUSED; // advance() reports the head before any of the body is read
    }
    static int onBody(llhttp_t *p, const char *at, size_t len)
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
            return HPE_USER;
        }
        return HPE_OK;
    }
    static int onMessageComplete(llhttp_t *p)
    {
        RequestFramer *f = self(p);
        f->m_messageDone = true;
        f->m_keepAlive = llhttp_should_keep_alive(p) != 0;
        return HPE_PAUSED; // the bytes after it belong to the next request
    }

    static const llhttp_settings_t *settings()
    {
        static const llhttp_settings_t s = [] {
            llhttp_settings_t init;
            llhttp_settings_init(&init);
            init.on_url = &onUrl;
            init.on_header_field = &onHeaderField;
            init.on_header_value = &onHeaderValue;
            init.on_header_value_complete = &onHeaderValueComplete;
            init.on_headers_complete = &onHeadersComplete;
            init.on_body = &onBody;
            init.on_message_complete = &onMessageComplete;
            return init;
        }();
        return &s;
    }
};

RequestFramer::RequestFramer(FramingLimits limits)
    : m_limits(limits), m_parser(std::make_unique<llhttp_t>())
{
    reset();
}

RequestFramer::~RequestFramer() = default;

void RequestFramer::reset()
{
    llhttp_init(m_parser.get(), HTTP_REQUEST, Callbacks::settings());
    m_parser->data = this;
    m_request = ParsedRequest();
    m_parsed = 0;
    m_messageEnd = -1;
    m_errorStatus = 0;
    m_keepAlive = true;
    m_headersReported = false;
    m_headersDone = false;
    m_messageDone = false;
    m_resume = false;
    m_header = HeaderField();
}

bool RequestFramer::expectsContinue() const
{
    return m_request.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0;
}

void RequestFramer::appendPiece(QByteArray &to, const char *at, size_t len) const
{
    // A view stays a view while the pieces follow each other in the buffer (always, when the
    // whole request is framed at once); an owned copy never lies inside the buffer.
    const char *start = to.isEmpty() ? at : to.constData();
    if (m_viewEnd && start >= m_base && start + to.size() == at && at + len <= m_viewEnd)
        to = QByteArray::fromRawData(start, to.size() + qsizetype(len));
    else
        to.append(at, qsizetype(len));
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
    // After a pause llhttp runs once more even without new bytes: a request without a body
    // completes only then.
    while (m_parsed < buffer.size() || m_resume) {
        m_resume = false;
        qint64 available = buffer.size() - m_parsed;
        if (!m_headersDone) // the header limit is this framer's own: llhttp has none
            available = qMin(available, m_limits.maxHeaderBytes + 1 - m_parsed);
        const llhttp_errno_t err =
            llhttp_execute(m_parser.get(), m_base + m_parsed, size_t(available));
        const char *errorPos = err == HPE_OK ? nullptr : llhttp_get_error_pos(m_parser.get());
        const qint64 stop = errorPos ? errorPos - m_base : m_parsed + available;
        m_parsed = stop;
        if (m_errorStatus != 0) // a callback failed the request (413)
            return State::Failed;
        if (!m_headersDone && m_parsed > m_limits.maxHeaderBytes) {
            fail(431, headerLimitReason(m_limits.maxHeaderBytes), m_limits.maxHeaderBytes);
            return State::Failed;
        }
        if (err == HPE_PAUSED) {
            llhttp_resume(m_parser.get());
            m_resume = true;
        } else if (err == HPE_PAUSED_H2_UPGRADE) {
            fail(400, QStringLiteral("HTTP/2 connection preface: only HTTP/1.x is served here"), 0);
            return State::Failed;
        } else if (err != HPE_OK && !(err == HPE_PAUSED_UPGRADE && m_messageDone)) {
            fail(400, QString::fromLatin1(llhttp_get_error_reason(m_parser.get())), stop);
            return State::Failed;
        }
        if (m_messageDone) {
            m_messageEnd = stop;
            m_request.complete = true;
            return State::MessageComplete;
        }
        if (m_headersDone && !m_headersReported)
            return headersComplete(buffer);
    }
    return State::NeedMore;
}

RequestFramer::State RequestFramer::headersComplete(const QByteArray &buffer)
{
    m_headersReported = true;
    m_request.headerSectionEnd = m_parsed; // llhttp pauses just past the empty line
    const qsizetype lineEnd = buffer.indexOf('\n');
    m_request.requestLine = {0,
                             lineEnd > 0 && buffer.at(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd};
    if (m_request.headerSectionEnd > m_limits.maxHeaderBytes) {
        fail(431, headerLimitReason(m_limits.maxHeaderBytes), m_limits.maxHeaderBytes);
        return State::Failed;
    }
    if (!validateHead(buffer) || !validateTarget())
        return State::Failed;
    const quint64 declared = m_parser->content_length;
    if (!m_request.chunked && (m_parser->flags & F_CONTENT_LENGTH) &&
        declared > quint64(m_limits.maxBodyBytes)) {
        fail(413,
             QStringLiteral("Content-Length %1 is larger than the limit of %2 bytes")
                 .arg(declared)
                 .arg(m_limits.maxBodyBytes),
             m_request.headerSectionEnd);
        return State::Failed;
    }
    return State::HeadersComplete;
}

qint64 RequestFramer::declaredBodyBytes() const
{
    if (!m_headersReported || m_request.chunked || !(m_parser->flags & F_CONTENT_LENGTH))
        return -1;
    return qint64(qMin<quint64>(m_parser->content_length, quint64(m_limits.maxBodyBytes)));
}

bool RequestFramer::validateHead(const QByteArray &buffer)
{
    // llhttp also takes HTTP/0.9 and HTTP/2.0 in a request line; only HTTP/1.x is served.
    const ByteSpan line = m_request.requestLine;
    const QByteArray version = buffer.mid(line.end() - 9, 9);
    if (line.length < 14 || !version.startsWith(" HTTP/1.") || version.at(8) < '0' ||
        version.at(8) > '9') {
        fail(400, QStringLiteral("The request line does not end with the protocol HTTP/1.x"),
             qMax<qint64>(0, line.end() - 8));
        return false;
    }
    for (const HeaderField &h : std::as_const(m_request.headers)) {
        if (h.name.isEmpty()) { // llhttp 8 lets ": value" through
            fail(400, QStringLiteral("A header line without a name"), h.lineSpan.offset);
            return false;
        }
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

bool RequestFramer::validateTarget()
{
    // An origin server only: no tunnel, and no request meant for another host (a proxy request).
    const qint64 targetOffset = m_request.method.size() + 1;
    if (m_request.method == "CONNECT") {
        fail(405,
             QStringLiteral("CONNECT is not served: Hookbench captures requests, it is not a "
                            "proxy or a tunnel"),
             0);
        return false;
    }
    const QByteArray &target = m_request.target;
    if (target.startsWith('/') || target == "*")
        return true;
    // Absolute form (RFC 9112 3.2.2): served only when it names this server; a client that takes
    // Hookbench for its proxy sends the other host's name in Host too, so Host proves nothing.
    const qsizetype schemeEnd = target.indexOf("://");
    if (schemeEnd > 0) {
        qsizetype authorityEnd = schemeEnd + 3;
        while (authorityEnd < target.size() && !QByteArray("/?#").contains(target.at(authorityEnd)))
            ++authorityEnd;
        if (namesThisServer(target.left(schemeEnd).toLower(),
                            target.mid(schemeEnd + 3, authorityEnd - schemeEnd - 3).toLower()))
            return true;
    }
    fail(405,
         QStringLiteral("The target %1 names another host than this server: Hookbench captures "
                        "requests, it is not a proxy")
             .arg(QString::fromLatin1(target.left(200))),
         targetOffset);
    return false;
}

bool RequestFramer::namesThisServer(const QByteArray &scheme, const QByteArray &authority) const
{
    if ((scheme != "http" && scheme != "https") || authority.contains('@'))
        return false;
    const qsizetype colon = authority.lastIndexOf(':');
    const bool hasPort = colon > authority.lastIndexOf(']');
    const QByteArray host = hasPort ? authority.left(colon) : authority;
    bool portOk = true;
    const int port =
        hasPort ? authority.mid(colon + 1).toInt(&portOk) : (scheme == "http" ? 80 : 443);
    return portOk && port == m_origin.port && m_origin.hosts.contains(host);
}

ParsedRequest RequestFramer::parse(const QByteArray &raw)
{
    return frame(raw, false);
}

ParsedRequest RequestFramer::parseView(const QByteArray &raw)
{
    return frame(raw, true);
}

ParsedRequest RequestFramer::frame(const QByteArray &raw, bool view)
{
    FramingLimits unbounded;
    unbounded.maxHeaderBytes = qMax<qint64>(raw.size(), 1);
    unbounded.maxBodyBytes = qMax<qint64>(raw.size(), 1);
    RequestFramer framer(unbounded);
    if (view) {
        framer.m_viewEnd = raw.constData() + raw.size();
        framer.m_request.headers.reserve(16); // one allocation for most requests
    }
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
