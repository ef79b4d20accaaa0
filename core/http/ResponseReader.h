#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <memory>

// Frames one HTTP/1.1 response as it arrives (llhttp, strict), for a client that forwards a
// capture and keeps what the other side answered. The exact bytes are kept, bounded: the body
// beyond `maxBodyBytes` is counted but not kept.
class ResponseReader
{
public:
    explicit ResponseReader(qint64 maxBodyBytes = 1024 * 1024);
    ~ResponseReader();
    ResponseReader(const ResponseReader &) = delete;
    ResponseReader &operator=(const ResponseReader &) = delete;

    // For a response to HEAD (no body whatever the headers say).
    void expectNoBody();
    // Feeds bytes; false once the response is malformed (error() says how).
    bool feed(const char *data, qint64 size);
    // The peer closed: ends a body delimited by the connection's end.
    void finish();

    bool isComplete() const { return m_complete; }
    QString error() const { return m_error; }
    int status() const { return m_status; }
    QByteArray reason() const { return m_reason; }
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }
    QByteArray body() const { return m_body; }     // decoded from chunks; up to the bound
    qint64 bodySize() const { return m_bodySize; } // all of it
    QByteArray head() const;                       // status line and headers, as HTTP/1.1

private:
    struct Callbacks;
    struct Parser;
    std::unique_ptr<Parser> m_parser;
    qint64 m_maxBodyBytes;
    int m_status = 0;
    QByteArray m_reason;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_field, m_value;
    QByteArray m_body;
    qint64 m_bodySize = 0;
    bool m_complete = false;
    QString m_error;
};
