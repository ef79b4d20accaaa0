#pragma once

#include "core/store/NewCapture.h"

#include <QList>
#include <QObject>
#include <QVector>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

class CaptureStore;

// The store's only writer. Group commit on a thread of its own: captures handed in while a
// commit runs are written together in the next transaction, so the thread serving sockets never
// waits for the disk. Each caller's Done runs on the thread this object lives on, only after the
// commit. Other writes (verdict updates) are queued here too, so one connection writes.
// WAL checkpoints run here too, between commits, instead of inside one.
class StoreWriter : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const CaptureSummary &stored, bool ok)>;
    // Runs on the writer thread for a capture just before it is written (e.g. to verify its
    // signature), so the verdict is committed with the capture and the socket thread never waits.
    using Prepare = std::function<void(NewCapture &capture, const CaptureStore &store)>;
    // A write of another kind; returns false with the store's errorString() set on failure.
    using Job = std::function<bool(CaptureStore &store)>;

    explicit StoreWriter(CaptureStore *store, QObject *parent = nullptr);
    ~StoreWriter() override; // commits what is queued, then stops

    void enqueue(NewCapture capture, Prepare prepare, Done done); // thread-safe
    void post(Job job);                                           // thread-safe, in order

Q_SIGNALS:
    void stored(const QVector<CaptureSummary> &batch); // once per commit
    void failed(const QString &error);

private:
    void run();
    void deliver(const QList<NewCapture> &batch, const QList<Done> &done, bool ok,
                 const QString &error);

    CaptureStore *m_store;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    QList<NewCapture> m_pending;
    QList<Prepare> m_prepare;
    QList<Done> m_done;
    QList<Job> m_jobs;
    bool m_stopping = false;
    std::thread m_thread;
};
