#include "core/forward/HttpDelivery.h"

#include <QSslSocket>

namespace {

QString errorCode(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("connection-refused");
    case QAbstractSocket::HostNotFoundError:
        return QStringLiteral("host-not-found");
    case QAbstractSocket::RemoteHostClosedError:
        return QStringLiteral("connection-closed");
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return QStringLiteral("tls");
    default:
        return QStringLiteral("network");
    }
}

} // namespace

void HttpDelivery::send(const QUrl &url, const QByteArray &request, int timeoutMs, Done done,
                        QObject *parent)
{
    new HttpDelivery(url, request, timeoutMs, std::move(done), parent);
}

HttpDelivery::HttpDelivery(const QUrl &url, const QByteArray &request, int timeoutMs, Done done,
                           QObject *parent)
    : QObject(parent), m_request(request), m_url(url), m_done(std::move(done))
{
    const bool tls = url.scheme() == QLatin1String("https");
    m_socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
    m_elapsed.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this, timeoutMs] {
        fail(QStringLiteral("timeout"),
             QStringLiteral("no complete answer within %1 ms").arg(timeoutMs));
    });
    m_timer.start(timeoutMs);
    connect(m_socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError error) {
                if (error == QAbstractSocket::RemoteHostClosedError)
                    readAnswer(true);
                else
                    fail(errorCode(error), m_socket->errorString());
            });
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { readAnswer(false); });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { readAnswer(true); });
    const auto write = [this] { m_socket->write(m_request); };
    const quint16 port = quint16(url.port(tls ? 443 : 80));
    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(m_socket);
        connect(ssl, &QSslSocket::encrypted, this, write);
        ssl->connectToHostEncrypted(url.host(), port);
    } else {
        connect(m_socket, &QTcpSocket::connected, this, write);
        m_socket->connectToHost(url.host(), port);
    }
}

void HttpDelivery::readAnswer(bool closed)
{
    if (m_finished)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (!m_reader.feed(bytes.constData(), bytes.size())) {
        fail(QStringLiteral("malformed-response"), m_reader.error());
        return;
    }
    if (closed)
        m_reader.finish();
    if (m_reader.isComplete()) {
        Result r;
        r.answered = true;
        r.status = m_reader.status();
        r.response = m_reader.head() + m_reader.body();
        finish(r);
    } else if (closed) {
        fail(QStringLiteral("connection-closed"), m_reader.error());
    }
}

void HttpDelivery::fail(const QString &code, const QString &message)
{
    Result r;
    r.errorCode = code;
    r.errorMessage = message;
    finish(r);
}

void HttpDelivery::finish(Result result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    result.elapsedMs = int(m_elapsed.elapsed());
    m_socket->abort();
    m_done(result);
    deleteLater();
}
