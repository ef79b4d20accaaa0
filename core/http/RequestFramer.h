#pragma once

#include "core/http/FramingLimits.h"
#include "core/capture/ParsedRequest.h"

#include <QByteArray>
#include <memory>

struct http_parser;

// Frames one HTTP/1.1 request at a time with http-parser, recording where every part sits in the
// bytes as received. The caller owns the buffer: it appends what it reads and calls advance() with
// the whole buffer, whose first byte is the first byte of the request being framed.
class RequestFramer
{
public:
    enum class State
    {
        NeedMore,        // the request is not complete yet
        HeadersComplete, // reported once per request, before its body
        MessageComplete, // request().complete; messageEnd() bytes belong to it
        Failed           // errorStatus() says how to answer; request().error says why
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
    bool hasStarted() const { return m_parsed > 0; }

    // Frames a stored raw request (for display and export); errors are reported, never thrown.
    static ParsedRequest parse(const QByteArray &raw);

private:
    struct Callbacks;
    friend struct Callbacks;

    void fail(int status, const QString &reason, qint64 offset);
    void finishHeader();
    bool validateHead(const QByteArray &buffer);

    FramingLimits m_limits;
    std::unique_ptr<http_parser> m_parser;
    ParsedRequest m_request;
    const char *m_base = nullptr; // buffer start while advance() runs
    qint64 m_parsed = 0;
    qint64 m_messageEnd = -1;
    int m_errorStatus = 0;
    bool m_keepAlive = true;
    bool m_headersReported = false;
    bool m_headersDone = false;
    bool m_messageDone = false;
    bool m_inValue = false; // the last header callback was for a value
    HeaderField m_header;   // the header being assembled from callback pieces
};
