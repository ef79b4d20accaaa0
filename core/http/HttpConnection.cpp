#include "core/http/HttpConnection.h"

#include "core/http/SocketChannel.h"

#include <QHostInfo>
#include <QPointer>
#include <chrono>

namespace {

qint64 nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

QString hostText(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? '[' + address.toString() + ']'
                                                               : address.toString();
}

// The names a client may use for this server in an absolute-form target: the address it
// connected to, and this machine's names.
RequestFramer::Origin originOf(const SocketChannel &socket)
{
    RequestFramer::Origin origin;
    origin.port = socket.localPort();
    const QHostAddress local = socket.localAddress();
    origin.hosts = {hostText(local).toLatin1().toLower(),
                    QHostInfo::localHostName().toLatin1().toLower()};
    bool isV4 = false;
    const QHostAddress v4(local.toIPv4Address(&isV4));
    if (isV4) // an IPv4 client on a dual-stack socket
        origin.hosts.append(v4.toString().toLatin1());
    if (local.isLoopback())
        origin.hosts += {"localhost", "127.0.0.1", "[::1]"};
    return origin;
}

} // namespace

HttpConnection::HttpConnection(qintptr socketDescriptor, SocketPoller *poller,
                               RequestHandler *handler, const ListenerLimits &limits,
                               QObject *parent)
    : QObject(parent), m_socket(new SocketChannel(socketDescriptor, &m_buffer, poller, this)),
      m_handler(handler), m_limits(limits), m_framer(limits.framing),
      m_peer(hostText(m_socket->peerAddress()) + ':' + QString::number(m_socket->peerPort()))
{
    m_framer.setOrigin(originOf(*m_socket));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &SocketChannel::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &SocketChannel::readEnded, this, &HttpConnection::onReadEnded);
    connect(m_socket, &SocketChannel::closed, this, [this] {
        m_stopReading = true;
        stopTimeout();
        Q_EMIT finished();
        deleteLater();
    });
    armTimeout(m_limits.idleTimeoutMs);
}

void HttpConnection::onReadyRead(qsizetype added)
{
    if (m_stopReading) {
        m_buffer.clear(); // a failed or closing connection: what follows is not a request
        return;
    }
    if (m_buffer.size() == added) // the first bytes of a request
        armTimeout(m_limits.headerTimeoutMs);
    frameBuffered();
}

void HttpConnection::onReadEnded()
{
    // The client has finished sending (a half-close, or a close): what is buffered is all there
    // is. Every answer still due is written before the connection ends.
    if (!m_stopReading && !m_buffer.isEmpty()) {
        ParsedRequest parsed = m_framer.request();
        parsed.error = QStringLiteral("The connection closed before the request was complete");
        parsed.errorOffset = m_buffer.size();
        dispatch(m_buffer, parsed, 400, true);
        m_buffer.clear();
    }
    m_stopReading = true;
    stopTimeout();
    writeReadyReplies();
}

void HttpConnection::frameBuffered()
{
    while (!m_stopReading && !m_buffer.isEmpty()) {
        switch (m_framer.advance(m_buffer)) {
        case RequestFramer::State::NeedMore:
            return;
        case RequestFramer::State::HeadersComplete:
            armTimeout(m_limits.idleTimeoutMs);
            // Room for the whole body, so that it is read in place (a body over the limit has
            // failed already).
            if (m_framer.declaredBodyBytes() > 0)
                m_buffer.reserve(m_framer.request().headerSectionEnd +
                                 m_framer.declaredBodyBytes());
            if (m_framer.expectsContinue() &&
                m_buffer.size() == m_framer.request().headerSectionEnd)
                completeReply(queueReply(false), "HTTP/1.1 100 Continue\r\n\r\n");
            break;
        case RequestFramer::State::MessageComplete: {
            const qint64 end = m_framer.messageEnd();
            const ParsedRequest parsed = m_framer.request();
            const bool keepAlive = m_framer.keepAlive();
            QByteArray raw;
            if (end == m_buffer.size()) {  // the usual case: no pipelined request behind it
                raw = std::move(m_buffer); // (a 50 MB body is not copied on this thread)
                m_buffer = QByteArray();
            } else {
                raw = m_buffer.left(end);
                m_buffer.remove(0, end);
            }
            m_framer.reset();
            armTimeout(m_buffer.isEmpty() ? m_limits.idleTimeoutMs : m_limits.headerTimeoutMs);
            dispatch(std::move(raw), parsed, 0, !keepAlive);
            if (!keepAlive)
                m_stopReading = true;
            break;
        }
        case RequestFramer::State::Failed:
            stopTimeout();
            dispatch(m_buffer, m_framer.request(), m_framer.errorStatus(), true);
            m_buffer.clear();
            m_stopReading = true;
            return;
        }
    }
}

void HttpConnection::armTimeout(int ms)
{
    m_deadline = QDeadlineTimer(ms);
    // Moved later (each request moves it two or three times), the running timer stays: when it
    // fires, onTimeout() starts it again for what is left.
    if (!m_timer.isActive() || m_deadline < m_timerDue) {
        m_timer.start(ms);
        m_timerDue = m_deadline;
    }
}

void HttpConnection::stopTimeout()
{
    m_deadline = QDeadlineTimer(QDeadlineTimer::Forever);
    m_timer.stop();
}

void HttpConnection::onTimeout()
{
    if (m_stopReading || m_deadline.isForever())
        return;
    if (!m_deadline.hasExpired()) {
        m_timerDue = m_deadline;
        m_timer.start(int(qMax<qint64>(m_deadline.remainingTime(), 1)));
        return;
    }
    if (m_buffer.isEmpty()) {
        if (m_replies.empty())
            m_socket->closeAfterWrites(); // idle keep-alive connection
        else
            armTimeout(m_limits.idleTimeoutMs);
        return;
    }
    ParsedRequest parsed = m_framer.request();
    const bool inHeaders = parsed.headerSectionEnd < 0;
    parsed.error =
        inHeaders
            ? QStringLiteral("Headers not complete within %1 ms").arg(m_limits.headerTimeoutMs)
            : QStringLiteral("Body not complete: no data for %1 ms").arg(m_limits.idleTimeoutMs);
    parsed.errorOffset = m_buffer.size();
    dispatch(m_buffer, parsed, 408, true);
    m_buffer.clear();
    m_stopReading = true;
}

void HttpConnection::dispatch(QByteArray raw, const ParsedRequest &parsed, int errorStatus,
                              bool closeAfter)
{
    IncomingRequest request;
    request.raw = std::move(raw);
    request.parsed = parsed;
    request.peer = m_peer;
    request.receivedAtUs = nowUs();
    request.errorStatus = errorStatus;
    request.keepAlive = !closeAfter;
    const quint64 serial = queueReply(closeAfter);
    QPointer<HttpConnection> self(this);
    m_handler->handle(std::move(request), [self, serial](const QByteArray &bytes) {
        if (self)
            self->completeReply(serial, bytes);
    });
}

quint64 HttpConnection::queueReply(bool closeAfter)
{
    PendingReply reply;
    reply.serial = m_nextSerial++;
    reply.closeAfter = closeAfter;
    m_replies.push_back(reply);
    return reply.serial;
}

void HttpConnection::completeReply(quint64 serial, const QByteArray &bytes)
{
    for (PendingReply &reply : m_replies) {
        if (reply.serial == serial) {
            reply.ready = true;
            reply.bytes = bytes;
            break;
        }
    }
    writeReadyReplies();
}

void HttpConnection::writeReadyReplies()
{
    // Pipelined requests are answered in the order they came, whatever order their captures finish.
    while (!m_replies.empty() && m_replies.front().ready) {
        const PendingReply reply = std::move(m_replies.front());
        m_replies.pop_front();
        if (!m_socket->isOpen())
            continue;
        m_socket->write(reply.bytes);
        if (reply.closeAfter) {
            m_replies.clear();
            m_socket->closeAfterWrites();
            return;
        }
    }
    if (m_replies.empty() && m_socket->atEnd()) // the client sends nothing more: all answered
        m_socket->closeAfterWrites();
}
