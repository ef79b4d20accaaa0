#include "core/store/StoreWriter.h"

#include "core/platform/BackgroundThread.h"
#include "core/store/CaptureStore.h"
#include "core/store/LargeCaptureFiles.h"

#include <QThread>

StoreWriter::StoreWriter(CaptureStore *store, QObject *parent)
    : QObject(parent), m_store(store), m_thread([this] { run(); })
{}

StoreWriter::~StoreWriter()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void StoreWriter::enqueue(NewCapture capture, Prepare prepare, Done done)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        Item item{std::move(capture), std::move(prepare), std::move(done)};
        if (item.capture.raw.size() > CaptureStore::LargeCaptureBytes)
            m_largeQueue.push_back(std::move(item));
        else
            m_pending.append(std::move(item));
    }
    if (QThread::currentThread() != thread()) {
        m_wake.notify_one();
        return;
    }
    // On the socket thread the wake waits until the events already there have run: the
    // requests one poll found go in one commit, where a writer woken by the first would commit
    // it alone (a sixth of the commits under load were of one capture, each costing about what
    // one of thirty does) and the others would wait for it. A busy writer needs no wake: it
    // looks for more after each commit.
    if (m_wakePosted)
        return;
    m_wakePosted = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_wakePosted = false;
            m_wake.notify_one();
        },
        Qt::QueuedConnection);
}

void StoreWriter::post(Job job)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

bool StoreWriter::hasWork() const
{
    if (!m_pending.isEmpty() || !m_jobs.empty())
        return true;
    return m_large.active ? m_large.ready : !m_largeQueue.empty();
}

void StoreWriter::run()
{
    for (;;) {
        QList<Item> batch;
        Job job;
        bool large = false;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            // Stopping waits for a large capture's file and Prepare too: its row is to commit.
            const auto done = [this] {
                return m_stopping && !m_large.active && m_largeQueue.empty();
            };
            m_wake.wait(lock, [&] { return hasWork() || done(); });
            if (!hasWork())
                return; // stopping, and everything handed in is committed
            batch.swap(m_pending);
            if (!m_jobs.empty()) {
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            large = m_large.active ? m_large.ready : !m_largeQueue.empty();
        }
        // Captures first: a sender waits for them. Then a large capture's start or row, then one
        // other write; then the captures that came in meanwhile again.
        if (!batch.isEmpty()) {
            for (Item &item : batch) {
                if (item.prepare)
                    item.prepare(item.capture, *m_store);
            }
            commit(batch);
        }
        if (large)
            advanceLarge();
        if (job && !job(*m_store)) {
            const QString error = m_store->errorString();
            QMetaObject::invokeMethod(
                this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
        }
        m_store->checkpointIfLarge();
    }
}

bool StoreWriter::commit(QList<Item> &items)
{
    QList<NewCapture> captures;
    captures.reserve(items.size());
    for (Item &item : items)
        captures.append(std::move(item.capture));
    const bool ok = m_store->append(captures);
    for (qsizetype i = 0; i < items.size(); ++i)
        items[i].capture = std::move(captures[i]);
    deliver(items, ok, ok ? QString() : m_store->errorString());
    return ok;
}

void StoreWriter::startLarge()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_large.item = std::move(m_largeQueue.front());
        m_largeQueue.pop_front();
        m_large.active = true;
        m_large.ready = false;
        m_large.error.clear();
    }
    m_large.item.capture.upload = m_store->newUpload();
    m_large.working = std::thread([this, path = m_store->path()] {
        BackgroundThread::lowerPriority(); // the other senders' commits first
        Item &item = m_large.item;         // the writer leaves it alone until `ready`
        QString error;
        if (LargeCaptureFiles(path).write(&item.capture.upload, item.capture.raw, &error) &&
            item.prepare) {
            // A pass over the whole body; it reads (duplicate deliveries) through a
            // connection of its own.
            CaptureStore reading;
            reading.openReadOnly(path);
            item.prepare(item.capture, reading);
        }
        // Released here, not on the writer: returning tens of MB to the system takes long.
        item.capture.summary.rawSize = item.capture.raw.size();
        item.capture.raw = QByteArray();
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_large.ready = true;
            m_large.error = error;
        }
        m_wake.notify_one();
    });
}

void StoreWriter::advanceLarge()
{
    if (!m_large.active) {
        startLarge();
        return;
    }
    m_large.working.join(); // it has set `ready`
    QList<Item> items;
    items.append(std::move(m_large.item));
    const qint64 upload = items.first().capture.upload;
    if (!m_large.error.isEmpty())
        deliver(items, false, m_large.error);
    else if (!commit(items))
        LargeCaptureFiles(m_store->path()).remove({upload}); // no row refers to it
    std::lock_guard<std::mutex> lock(m_mutex);
    m_large.active = false;
    m_large.item = Item();
}

void StoreWriter::deliver(const QList<Item> &items, bool ok, const QString &error)
{
    QVector<CaptureSummary> summaries;
    QList<Done> done;
    summaries.reserve(items.size());
    for (const Item &item : items) {
        summaries.append(item.capture.summary);
        done.append(item.done);
    }
    QMetaObject::invokeMethod(
        this,
        [this, summaries, done, ok, error] {
            if (!ok)
                Q_EMIT failed(error);
            for (qsizetype i = 0; i < done.size(); ++i)
                done[i](summaries[i], ok);
            if (ok)
                Q_EMIT stored(summaries);
        },
        Qt::QueuedConnection);
}
