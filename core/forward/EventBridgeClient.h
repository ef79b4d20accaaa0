#pragma once

#include "core/forward/AwsCredentials.h"
#include "core/forward/EventBridgeEntry.h"
#include "core/forward/PutEventsResult.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

// Sends one PutEvents batch (at most 10 entries, already validated and batched) and reports what
// happened to each entry. Asynchronous on the injected QNetworkAccessManager, so it lives on the
// forward stage's worker thread with no nested event loop; the callback runs on that thread.
// Credentials are resolved by the caller for each call (they may have been refreshed).
class EventBridgeClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const PutEventsResult &result)>;

    explicit EventBridgeClient(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~EventBridgeClient() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // `region` signs the request and picks https://events.REGION.amazonaws.com unless
    // `endpointUrl` is set. Returns an id for cancel().
    quint64 send(const QList<EventBridgeEntry> &batch, const QString &region,
                 const QUrl &endpointUrl, const AwsCredentials &credentials, Callback done);
    // The callback of a cancelled call never runs.
    void cancel(quint64 id);
    int pending() const { return int(m_calls.size()); }

private:
    struct Call
    {
        QNetworkReply *reply = nullptr;
        qsizetype entryCount = 0;
        bool timedOut = false;
        Callback done;
    };
    void finish(quint64 id);

    QNetworkAccessManager *m_network;
    int m_timeoutMs = 10000;
    std::function<QDateTime()> m_clock;
    quint64 m_nextId = 1;
    QHash<quint64, Call> m_calls;
};
