#pragma once

#include "core/store/NewCapture.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QVector>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

class CaptureStore;

// The store's only writer. Group commit on a thread of its own: captures handed in while a
// commit runs are written together in the next transaction, so the thread serving sockets never
// waits for the disk. Each caller's Done runs on the thread this object lives on, only after the
// commit. Other writes (verdict updates) are queued here too, one per turn, so one connection
// writes and no sender waits behind a long run of them.
//
// A large capture (over CaptureStore::LargeCaptureBytes) would hold up every commit behind it
// for as long as its bytes take to write and verify. So a thread of its own writes its bytes to a
// file beside the store (LargeCaptureFiles: once, not through the WAL) and then runs its Prepare
// (the fast verdict: a pass over the whole body) with its own reading connection; the writer
// commits its row, which refers to the file, once both are done, between the commits of the
// others. Its id is then later than those of captures that arrived meanwhile. WAL checkpoints
// are handed off between commits (WalCheckpointer).
class StoreWriter : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const CaptureSummary &stored, bool ok)>;
    // Runs just before a capture is committed (e.g. to verify its signature), so the verdict is
    // committed with the capture and the socket thread never waits: on the writer thread with
    // the writing connection, or for a large capture on a thread with a reading connection.
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
    struct Item
    {
        NewCapture capture;
        Prepare prepare;
        Done done;
    };
    // The large capture being written: its file and Prepare on a thread of their own.
    struct Large
    {
        Item item;
        bool active = false;
        bool ready = false; // guarded by m_mutex: its file is written and its Prepare done
        QString error;      // why its file could not be written; guarded by m_mutex
        std::thread working;
    };

    void run();
    bool hasWork() const; // with m_mutex held
    bool commit(QList<Item> &items);
    void startLarge();
    void advanceLarge(); // starts the next large capture, or commits the one that is ready
    void deliver(const QList<Item> &items, bool ok, const QString &error);

    CaptureStore *m_store;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    QList<Item> m_pending;
    std::deque<Item> m_largeQueue;
    std::deque<Job> m_jobs;
    Large m_large;
    bool m_stopping = false;
    bool m_wakePosted = false; // a wake waits for this object's thread (used there only)
    std::thread m_thread;
};
