#pragma once

#include "core/capture/FramingLimits.h"
#include "core/capture/ParsedRequest.h"

#include <QByteArray>
#include <QList>
#include <memory>

struct llhttp__internal_s; // llhttp_t

// Frames one HTTP/1.1 request at a time with llhttp in strict mode, recording where every part sits
// in the bytes as received. The caller owns the buffer: it appends what it reads and calls
// advance() with the whole buffer, whose first byte is the first byte of the request being framed.
// Hookbench is an origin server only: CONNECT, and targets in absolute form naming another host,
// fail with 405 (never a tunnel or a proxy request). Each framer has its own limits.
class RequestFramer
{
public:
    enum class State
    {
        NeedMore,        // the request is not complete yet
        HeadersComplete, // reported once per request, before its body
        MessageComplete, // request().complete; messageEnd() bytes belong to it
        Failed // errorStatus() says how to answer (400, 405, 413, 431); request().error why
    };

    // The names this server answers to in an absolute-form target: host names (lower case, IPv6
    // in brackets) and the port listened on. Without them (as in parse()) an absolute-form target
    // always names another host.
    struct Origin
    {
        QList<QByteArray> hosts;
        int port = -1;
    };

    explicit RequestFramer(FramingLimits limits = {});
    ~RequestFramer();
    RequestFramer(const RequestFramer &) = delete;
    RequestFramer &operator=(const RequestFramer &) = delete;

    State advance(const QByteArray &buffer);
    // Start on the next request; the caller drops the first messageEnd() bytes from its buffer.
    void reset();

    const ParsedRequest &request() const { return m_request; }
    qint64 messageEnd() const { return m_messageEnd; }
    int errorStatus() const { return m_errorStatus; }
    bool keepAlive() const { return m_keepAlive; }
    bool expectsContinue() const;
    // Right after HeadersComplete (before the body is framed): the body's Content-Length, or -1
    // (chunked, or none declared).
    qint64 declaredBodyBytes() const;
    bool hasStarted() const { return m_parsed > 0; }
    void setOrigin(Origin origin) { m_origin = std::move(origin); }

    // Frames a stored raw request (for display and export); errors are reported, never thrown.
    static ParsedRequest parse(const QByteArray &raw);
    // The same, but the target and the header names and values refer to `raw`'s bytes instead of
    // copies (QByteArray::fromRawData): `raw` must outlive the result, unchanged. For scans over
    // many stored requests (RuleScanner), where the copies cost more than the framing.
    static ParsedRequest parseView(const QByteArray &raw);

private:
    struct Callbacks;
    friend struct Callbacks;

    static ParsedRequest frame(const QByteArray &raw, bool view);
    void appendPiece(QByteArray &to, const char *at, size_t len) const;
    void fail(int status, const QString &reason, qint64 offset);
    void finishHeader();
    bool validateHead(const QByteArray &buffer);
    bool validateTarget();
    State headersComplete(const QByteArray &buffer);

    bool namesThisServer(const QByteArray &scheme, const QByteArray &authority) const;

    FramingLimits m_limits;
    Origin m_origin;
    std::unique_ptr<llhttp__internal_s> m_parser;
    ParsedRequest m_request;
    const char *m_base = nullptr;    // buffer start while advance() runs
    const char *m_viewEnd = nullptr; // parseView(): the buffer's end; pieces refer to it
    qint64 m_parsed = 0;
    qint64 m_messageEnd = -1;
    int m_errorStatus = 0;
    bool m_keepAlive = true;
    bool m_headersReported = false;
    bool m_headersDone = false;
    bool m_messageDone = false;
    bool m_resume = false; // llhttp paused: run it again, even without new bytes
    HeaderField m_header;  // the header being assembled from callback pieces
};
