#include "core/http/HttpListener.h"

#include "core/http/HttpConnection.h"
#include "core/http/HttpResponse.h"
#include "core/http/SocketPoller.h"

#include <QTcpSocket>

HttpListener::HttpListener(RequestHandler *handler, const ListenerLimits &limits, QObject *parent)
    : QTcpServer(parent), m_poller(new SocketPoller(this)), m_handler(handler), m_limits(limits)
{}

HttpListener::~HttpListener()
{
    qDeleteAll(findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly));
}

void HttpListener::incomingConnection(qintptr socketDescriptor)
{
    if (m_open >= m_limits.maxConnections) {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(socketDescriptor)) {
            delete socket;
            return;
        }
        socket->write(HttpResponse::plain(503,
                                          "Too many open connections (limit " +
                                              QByteArray::number(m_limits.maxConnections) + ")",
                                          true));
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    ++m_open;
    auto *connection = new HttpConnection(socketDescriptor, m_poller, m_handler, m_limits, this);
    connect(connection, &HttpConnection::finished, this, [this] { --m_open; });
}
