#include "core/store/StoreWriter.h"

#include "core/platform/BackgroundThread.h"
#include "core/store/CaptureStore.h"

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
    m_wake.notify_one();
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
    if (m_large.written < 0)
        return !m_largeQueue.empty();
    // Chunks left to write, or all written and its Prepare done: its row can go in.
    return m_large.written < m_large.item.capture.raw.size() || m_large.prepared;
}

void StoreWriter::run()
{
    for (;;) {
        QList<Item> batch;
        Job job;
        bool large = false;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            // Stopping waits for a large capture's Prepare too: its row is still to commit.
            const auto done = [this] {
                return m_stopping && m_large.written < 0 && m_largeQueue.empty();
            };
            m_wake.wait(lock, [&] { return hasWork() || done(); });
            if (!hasWork())
                return; // stopping, and everything handed in is committed
            batch.swap(m_pending);
            if (!m_jobs.empty()) {
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            large = m_large.written >= 0 || !m_largeQueue.empty();
        }
        // Captures first: a sender waits for them. Then one chunk of a large capture, then one
        // other write; then the captures that came in meanwhile again.
        if (!batch.isEmpty()) {
            for (Item &item : batch) {
                if (item.prepare)
                    item.prepare(item.capture, *m_store);
            }
            commit(batch);
        }
        if (large)
            writeChunk();
        if (job && !job(*m_store)) {
            const QString error = m_store->errorString();
            QMetaObject::invokeMethod(
                this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
        }
        m_store->checkpointIfLarge();
    }
}

void StoreWriter::commit(QList<Item> &items)
{
    QList<NewCapture> captures;
    captures.reserve(items.size());
    for (Item &item : items)
        captures.append(std::move(item.capture));
    const bool ok = m_store->append(captures);
    for (qsizetype i = 0; i < items.size(); ++i)
        items[i].capture = std::move(captures[i]);
    deliver(items, ok, ok ? QString() : m_store->errorString());
}

void StoreWriter::startLarge()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_large.item = std::move(m_largeQueue.front());
        m_largeQueue.pop_front();
        m_large.written = 0;
        m_large.seq = 0;
        m_large.failed = false;
        m_large.prepared = !m_large.item.prepare;
    }
    m_large.item.capture.upload = m_store->newUpload();
    if (m_large.item.prepare) {
        // A pass over the whole body, beside the chunks; it reads (duplicate deliveries)
        // through a connection of its own.
        m_large.preparing = std::thread([this, path = m_store->path()] {
            BackgroundThread::lowerPriority(); // the other senders' commits first
            CaptureStore reading;
            reading.openReadOnly(path);
            m_large.item.prepare(m_large.item.capture, reading);
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_large.prepared = true;
            }
            m_wake.notify_one();
        });
    }
}

void StoreWriter::writeChunk()
{
    if (m_large.written < 0)
        startLarge();
    const QByteArray &raw = m_large.item.capture.raw; // not changed by Prepare
    if (m_large.written < raw.size()) {
        const qint64 size = qMin<qint64>(CaptureStore::ChunkBytes, raw.size() - m_large.written);
        if (!m_large.failed && !m_store->appendChunk(m_large.item.capture.upload, m_large.seq++,
                                                     raw.constData() + m_large.written, size))
            m_large.failed = true; // the rest is skipped; the capture is refused below
        std::lock_guard<std::mutex> lock(m_mutex);
        m_large.written = m_large.failed ? raw.size() : m_large.written + size;
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_large.prepared)
            return; // the row waits for its verdict; other commits go on meanwhile
    }
    if (m_large.preparing.joinable())
        m_large.preparing.join();
    QList<Item> items;
    items.append(std::move(m_large.item));
    if (m_large.failed)
        deliver(items, false, m_store->errorString()); // its chunks are dropped on the next open
    else
        commit(items);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_large.written = -1;
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
