#include "core/http/SocketChannel.h"

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

#ifndef MSG_NOSIGNAL // macOS: SO_NOSIGPIPE on the socket instead
#define MSG_NOSIGNAL 0
#endif

namespace {

constexpr qsizetype readChunk = 64 * 1024;
constexpr qsizetype readPerTurn = 256 * 1024; // then let the event loop serve others

void addressOf(const sockaddr_storage &storage, QHostAddress *address, quint16 *port)
{
    const auto *sa = reinterpret_cast<const sockaddr *>(&storage);
    address->setAddress(sa);
    if (sa->sa_family == AF_INET)
        *port = ntohs(reinterpret_cast<const sockaddr_in *>(sa)->sin_port);
    else if (sa->sa_family == AF_INET6)
        *port = ntohs(reinterpret_cast<const sockaddr_in6 *>(sa)->sin6_port);
}

} // namespace

SocketChannel::SocketChannel(qintptr descriptor, QByteArray *in, SocketPoller *poller,
                             QObject *parent)
    : QObject(parent), m_fd(int(descriptor)), m_poller(poller), m_in(in)
{
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    ::fcntl(m_fd, F_SETFD, ::fcntl(m_fd, F_GETFD) | FD_CLOEXEC);
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef SO_NOSIGPIPE
    ::setsockopt(m_fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&storage), &length) == 0)
        addressOf(storage, &m_peerAddress, &m_peerPort);
    length = sizeof storage;
    if (::getsockname(m_fd, reinterpret_cast<sockaddr *>(&storage), &length) == 0)
        addressOf(storage, &m_localAddress, &m_localPort);

    m_poller->watch(m_fd, this, m_reading, m_writing);
    m_linger.setSingleShot(true);
    connect(&m_linger, &QTimer::timeout, this, &SocketChannel::abort);
}

SocketChannel::~SocketChannel()
{
    if (m_fd < 0)
        return;
    m_poller->remove(m_fd);
    ::close(m_fd);
}

void SocketChannel::watch(bool read, bool write)
{
    m_reading = read;
    m_writing = write;
    m_poller->watch(m_fd, this, read, write);
}

void SocketChannel::readable()
{
    // Lingering: what the peer still sends is not read by anyone.
    QByteArray &in = m_closing ? m_discarded : *m_in;
    const qsizetype before = in.size();
    bool ended = false;
    while (m_fd >= 0 && in.size() - before < readPerTurn) {
        const qsizetype at = in.size();
        // Into the room the buffer has (the owner reserves a body of known length), never past
        // it: growing a buffer of tens of MB copies it. A chunk at a time when it is full.
        const qsizetype room = in.capacity() - at;
        const qsizetype chunk = room > 0 ? qMin(room, readPerTurn) : readChunk;
        in.resize(at + chunk);
        const ssize_t n = ::recv(m_fd, in.data() + at, size_t(chunk), 0);
        in.resize(at + qMax<qsizetype>(n, 0));
        if (n > 0) {
            // Drained for now: the poller is level-triggered, it fires again for more (or for
            // the end of input); no recv() that only says EAGAIN. A buffer just filled (a body
            // of declared length, complete) goes to its owner before it would grow.
            if (n < chunk || in.size() == in.capacity())
                break;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        ended = true; // 0: end of input; or an error such as a reset
        break;
    }
    const qsizetype added = in.size() - before;
    m_discarded.clear();
    if (ended) {
        m_readEnded = true;
        watch(false, m_writing);
    }
    if (!m_closing && added > 0)
        Q_EMIT readyRead(added);
    if (ended) {
        if (m_closing)
            abort(); // the peer has closed too: done
        else
            Q_EMIT readEnded();
    }
}

void SocketChannel::write(const QByteArray &bytes)
{
    if (m_fd < 0 || m_sendShutDown)
        return;
    m_out += bytes;
    flushOutput();
}

void SocketChannel::writable()
{
    flushOutput();
}

void SocketChannel::flushOutput()
{
    while (m_fd >= 0 && m_outSent < m_out.size()) {
        const ssize_t n = ::send(m_fd, m_out.constData() + m_outSent,
                                 size_t(m_out.size() - m_outSent), MSG_NOSIGNAL);
        if (n > 0) {
            m_outSent += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            watch(m_reading, true);
            return;
        }
        abort(); // the peer is gone (EPIPE, ECONNRESET)
        return;
    }
    if (m_fd < 0)
        return;
    m_out.clear();
    m_outSent = 0;
    if (m_writing)
        watch(m_reading, false);
    finishIfDone();
}

void SocketChannel::closeAfterWrites(int lingerMs)
{
    if (m_fd < 0 || m_closing)
        return;
    m_closing = true;
    m_linger.start(lingerMs);
    finishIfDone();
}

void SocketChannel::finishIfDone()
{
    if (!m_closing || m_fd < 0 || m_outSent < m_out.size())
        return;
    if (m_readEnded) {
        abort();
        return;
    }
    if (!m_sendShutDown) {
        m_sendShutDown = true;
        ::shutdown(m_fd, SHUT_WR); // the peer reads end of input, then closes
    }
}

void SocketChannel::abort()
{
    if (m_fd < 0)
        return;
    m_linger.stop();
    m_poller->remove(m_fd);
    ::close(m_fd);
    m_fd = -1;
    m_out.clear();
    m_outSent = 0;
    Q_EMIT closed();
}
