#pragma once

#include <QTcpServer>
#include <QTcpSocket>

// A local app on loopback for forward tests: records what arrives and answers only when told
// (answer()), so a test can look at a forward while it is still in flight.
class LocalApp : public QTcpServer
{
    Q_OBJECT
public:
    explicit LocalApp(QObject *parent = nullptr) : QTcpServer(parent)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                m_socket = s;
                connect(s, &QTcpSocket::readyRead, this, [this, s] {
                    m_received += s->readAll();
                    if (m_received.contains("\r\n\r\n"))
                        Q_EMIT requestArrived();
                });
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/in").arg(serverPort()); }
    QByteArray received() const { return m_received; }
    void answer(const QByteArray &response)
    {
        if (m_socket)
            m_socket->write(response);
    }

Q_SIGNALS:
    void requestArrived();

private:
    QTcpSocket *m_socket = nullptr;
    QByteArray m_received;
};
