#pragma once

#include "core/forward/HttpDelivery.h"
#include "core/pipeline/CaptureContext.h"
#include "core/store/CaptureStore.h"
#include "core/store/OutboxEntry.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>

class EventBridgeSender;
class StoreWriter;

// ForwardStage's worker, on the stage's thread: reads due outbox rows, sends them (to local apps
// itself, to EventBridge through EventBridgeSender), and records
// each outcome through the writer. A row is "busy" from its send until its outcome is stored,
// so it is never sent twice at once.
class ForwardWorker : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxAttempts = 20; // then dead (retryable by hand)
    static constexpr int MaxInFlight = 40; // rows being sent at once (4 PutEvents calls)
    static constexpr int FullBatch = 10;   // PutEvents' entries per call
    static constexpr int KeptResponseBytes = 64 * 1024;
    static constexpr int StoreRetryMs = 5000;
    static constexpr int PollMs = 5000;

    ForwardWorker(QString storePath, const CaptureContext *context, StoreWriter *writer);
    ~ForwardWorker() override;

    void drain(); // send what is due, then wait for the next due time
    void settled(const OutboxEntry &entry, bool stored); // its outcome was written (or not)

    // What an attempt's outcome makes of a row (pure; tests use it): delivered, retrying at a
    // backed-off time, or dead.
    static OutboxEntry outcome(OutboxEntry entry, const HttpDelivery::Result &result, qint64 nowMs,
                               double jitter);

Q_SIGNALS:
    void entryUpdated(const OutboxEntry &entry);

private:
    struct Link; // lets writer jobs reach this worker while it lives
    void sendHttp(const OutboxEntry &entry);
    void record(const OutboxEntry &entry);

    QString m_storePath;
    const CaptureContext *m_context;
    StoreWriter *m_writer;
    CaptureStore m_store; // read-only, this thread's own
    QSet<qint64> m_busy;
    EventBridgeSender *m_eventBridge; // a child: on this thread
    QTimer m_timer;
    std::shared_ptr<Link> m_link;
};
