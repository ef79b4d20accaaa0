#pragma once

#include <QHostAddress>
#include <QTcpSocket>

// A blocking HTTP/1.1 client for tests against a listener on another thread: sends raw bytes,
// reads whole responses (status line, headers, Content-Length body).
class HttpTestClient
{
public:
    struct Response
    {
        int status = 0;
        QByteArray head;
        QByteArray body;
    };

    explicit HttpTestClient(quint16 port, const QHostAddress &host = QHostAddress::LocalHost)
    {
        m_socket.connectToHost(host, port);
        m_connected = m_socket.waitForConnected(5000);
    }
    bool connected() const { return m_connected; }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.waitForBytesWritten(5000);
    }
    bool read(Response *out)
    {
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                const QByteArray head = m_buffer.left(end);
                qsizetype length = 0;
                for (const QByteArray &line : head.split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                if (m_buffer.size() >= end + 4 + length) {
                    out->head = head;
                    out->status = head.mid(9, 3).toInt();
                    out->body = m_buffer.mid(end + 4, length);
                    m_buffer.remove(0, end + 4 + length);
                    return true;
                }
            }
            if (!m_socket.waitForReadyRead(10000))
                return false;
            m_buffer += m_socket.readAll();
        }
    }
    bool waitClosed()
    {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        return m_socket.waitForDisconnected(10000);
    }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_connected = false;
};
