#pragma once

#include "core/pipeline/CaptureContext.h"
#include "core/store/OutboxEntry.h"

#include <QObject>
#include <QThread>

class ForwardWorker;
class StoreWriter;

// The stage after the answer that drains the outbox: each open row is sent to its target (the
// local app, or an EventBridge bus) on a thread of its own, reading the store through its own
// connection, and each attempt's outcome is written through the store's one writer. At least
// once: a row stays open until it is delivered or dead, so rows left open by a crash are sent
// when the store is next opened. Nobody's answer waits for it.
class ForwardStage : public QObject
{
    Q_OBJECT
public:
    ForwardStage(const QString &storePath, const CaptureContext *context, StoreWriter *writer);
    ~ForwardStage() override; // stops sending; open rows stay open for the next session

    void wake(); // thread-safe: rows may have become due (a commit, a retry by hand)

Q_SIGNALS:
    void entryUpdated(const OutboxEntry &entry); // once its new state is stored

private:
    QThread m_thread;
    ForwardWorker *m_worker;
};
