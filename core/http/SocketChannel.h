#pragma once

#include "core/http/SocketPoller.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

// A connected TCP socket (an accepted descriptor, made non-blocking) that keeps writing after the
// peer has finished sending. QTcpSocket closes the whole socket when it reads end of input, so a
// client that half-closes after its request (shutdown(SHUT_WR)) could not be answered.
class SocketChannel : public QObject, private SocketPoller::Watcher
{
    Q_OBJECT
public:
    // Bytes read are appended to `*in`, which the caller owns and keeps alive while this channel
    // reads: a large body is received in place, with no copy per read and no fresh memory
    // touched for each. `poller` watches the socket; it outlives the channel.
    SocketChannel(qintptr descriptor, QByteArray *in, SocketPoller *poller,
                  QObject *parent = nullptr);
    ~SocketChannel() override;
    SocketChannel(const SocketChannel &) = delete;
    SocketChannel &operator=(const SocketChannel &) = delete;

    QHostAddress peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }
    QHostAddress localAddress() const { return m_localAddress; }
    quint16 localPort() const { return m_localPort; }

    bool atEnd() const { return m_readEnded; } // the peer has finished sending
    bool isOpen() const { return m_fd >= 0; }
    void write(const QByteArray &bytes); // sent as the socket takes it
    // Once everything written is sent: finish sending, read and drop whatever the peer still sends
    // until it closes (at most lingerMs: closing with unread input would reset the connection and
    // could destroy the answer before the peer reads it), then close.
    void closeAfterWrites(int lingerMs = 2000);
    void abort(); // close now

Q_SIGNALS:
    void readyRead(qsizetype added); // bytes appended to the read buffer
    void readEnded();                // end of input: the peer half-closed or closed
    void closed();                   // nothing more can be sent; emitted once

private:
    void readable() override;
    void writable() override;
    void watch(bool read, bool write);
    void flushOutput();
    void finishIfDone();

    int m_fd = -1;
    SocketPoller *m_poller;
    bool m_reading = true;
    bool m_writing = false;
    QTimer m_linger;
    QByteArray *m_in;
    QByteArray m_discarded; // what a closing channel still reads
    QByteArray m_out;
    qsizetype m_outSent = 0;
    QHostAddress m_peerAddress;
    QHostAddress m_localAddress;
    quint16 m_peerPort = 0;
    quint16 m_localPort = 0;
    bool m_readEnded = false;
    bool m_closing = false;
    bool m_sendShutDown = false;
};
