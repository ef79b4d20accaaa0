#pragma once

#include "core/capture/ListenerLimits.h"

#include <QTcpServer>

class RequestHandler;
class SocketPoller;

// Accepts connections up to the configured cap and gives each to an HttpConnection.
class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    HttpListener(RequestHandler *handler, const ListenerLimits &limits, QObject *parent = nullptr);
    ~HttpListener() override; // its connections go before their poller

    int openConnections() const { return m_open; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    SocketPoller *m_poller; // the connections' sockets
    RequestHandler *m_handler;
    ListenerLimits m_limits;
    int m_open = 0;
};
