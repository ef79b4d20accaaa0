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

// Group commit on a thread of its own: captures handed in while a commit runs are written
// together in the next transaction, so the thread serving sockets never waits for the disk.
// Each caller's Done runs on the thread this object lives on, only after the commit.
// WAL checkpoints run here too, between commits, instead of inside one.
class StoreWriter : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const CaptureSummary &stored, bool ok)>;
    // Runs on the writer thread for each capture before it is written (e.g. to verify its
    // signature), so the verdict is committed with the capture and the socket thread never waits.
    using Annotator = std::function<void(NewCapture &capture, const CaptureStore &store)>;

    explicit StoreWriter(CaptureStore *store, Annotator annotate = {}, QObject *parent = nullptr);
    ~StoreWriter() override; // commits what is queued, then stops

    void enqueue(NewCapture capture, Done done); // thread-safe

Q_SIGNALS:
    void stored(const QVector<CaptureSummary> &batch); // once per commit
    void failed(const QString &error);

private:
    void run();
    void deliver(const QList<NewCapture> &batch, const QList<Done> &done, bool ok,
                 const QString &error);

    CaptureStore *m_store;
    Annotator m_annotate;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    QList<NewCapture> m_pending;
    QList<Done> m_done;
    bool m_stopping = false;
    std::thread m_thread;
};
