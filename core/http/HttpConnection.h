#pragma once

#include "core/capture/ListenerLimits.h"
#include "core/http/RequestFramer.h"
#include "core/http/RequestHandler.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>
#include <deque>

class SocketChannel;
class SocketPoller;

// One client connection: frames requests as bytes arrive (keep-alive, pipelining,
// Expect: 100-continue), hands each to the handler and writes the answers back in request order.
// A client that half-closes after its requests still gets every answer before the connection ends.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(qintptr socketDescriptor, SocketPoller *poller, RequestHandler *handler,
                   const ListenerLimits &limits, QObject *parent = nullptr);

Q_SIGNALS:
    void finished();

private:
    struct PendingReply
    {
        quint64 serial = 0;
        bool ready = false;
        bool closeAfter = false;
        QByteArray bytes;
    };

    void onReadyRead(qsizetype added);
    void onReadEnded();
    // The header, body or idle timeout: onTimeout() once `ms` from now have passed, unless armed
    // again or stopped before.
    void armTimeout(int ms);
    void stopTimeout();
    void onTimeout();
    void frameBuffered();
    void dispatch(QByteArray raw, const ParsedRequest &parsed, int errorStatus, bool closeAfter);
    quint64 queueReply(bool closeAfter);
    void completeReply(quint64 serial, const QByteArray &bytes);
    void writeReadyReplies();

    SocketChannel *m_socket;
    RequestHandler *m_handler;
    ListenerLimits m_limits;
    RequestFramer m_framer;
    QByteArray m_buffer;
    QTimer m_timer;
    QDeadlineTimer m_deadline{QDeadlineTimer::Forever}; // when the timeout is due
    QDeadlineTimer m_timerDue{QDeadlineTimer::Forever}; // when m_timer fires
    std::deque<PendingReply> m_replies;
    quint64 m_nextSerial = 1;
    QString m_peer;
    bool m_stopReading = false; // a request failed or asked to close: nothing after it is read
    bool m_closing = false;     // the last answer is written (or none is due): closing
};
