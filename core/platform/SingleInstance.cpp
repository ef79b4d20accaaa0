#include "core/platform/SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>

namespace {

constexpr int HandOverTimeoutMs = 2000;

} // namespace

SingleInstance::SingleInstance(const QString &key, QObject *parent) : QObject(parent)
{
    // One name per user and key (the socket lives in a shared folder on some systems).
    const QByteArray user = QDir::homePath().toUtf8();
    m_name = key + QLatin1Char('-') +
             QString::fromLatin1(
                 QCryptographicHash::hash(user, QCryptographicHash::Sha256).toHex().left(12));
}

bool SingleInstance::handOver(const QStringList &files) const
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(HandOverTimeoutMs))
        return false;
    socket.write(files.join(QLatin1Char('\n')).toUtf8());
    socket.disconnectFromServer(); // writes what is buffered first
    return socket.state() == QLocalSocket::UnconnectedState ||
           socket.waitForDisconnected(HandOverTimeoutMs);
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        QLocalServer::removeServer(m_name); // left by an instance that did not end cleanly
        if (!m_server->listen(m_name))
            return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            auto *received = new QByteArray;
            connect(socket, &QLocalSocket::readyRead, socket,
                    [socket, received] { received->append(socket->readAll()); });
            connect(socket, &QLocalSocket::disconnected, this, [this, socket, received] {
                received->append(socket->readAll());
                const QStringList files =
                    QString::fromUtf8(*received).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
                delete received;
                socket->deleteLater();
                if (!files.isEmpty())
                    Q_EMIT filesReceived(files);
            });
        }
    });
    return true;
}
