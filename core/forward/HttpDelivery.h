#pragma once

#include "core/http/ResponseReader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <functional>

class QTcpSocket;

// One request sent to a local app over a connection of its own and its answer read (plain TCP
// or TLS), within a timeout. The bytes go out exactly as given, which Qt's network access
// manager would not do (it adds and reorders headers and merges repeated ones).
class HttpDelivery : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool answered = false; // a complete HTTP response came back
        int status = 0;
        QByteArray response; // status line and headers, then the body (bounded)
        QString errorCode;   // when not answered: timeout, connection-refused, tls, ...
        QString errorMessage;
        int elapsedMs = 0;
    };
    using Done = std::function<void(const Result &result)>;

    // Starts at once; `done` runs once, on this object's thread, and the object deletes itself.
    static void send(const QUrl &url, const QByteArray &request, int timeoutMs, Done done,
                     QObject *parent = nullptr);

private:
    HttpDelivery(const QUrl &url, const QByteArray &request, int timeoutMs, Done done,
                 QObject *parent);
    void readAnswer(bool closed);
    void finish(Result result);
    void fail(const QString &code, const QString &message);

    QTcpSocket *m_socket;
    QByteArray m_request;
    QUrl m_url;
    ResponseReader m_reader;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    Done m_done;
    bool m_finished = false;
};
