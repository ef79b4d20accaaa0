#include "core/store/StoreWriter.h"

#include "core/store/CaptureStore.h"

StoreWriter::StoreWriter(CaptureStore *store, Annotator annotate, QObject *parent)
    : QObject(parent), m_store(store), m_annotate(std::move(annotate)), m_thread([this] { run(); })
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

void StoreWriter::enqueue(NewCapture capture, Done done)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_pending.append(std::move(capture));
        m_done.append(std::move(done));
    }
    m_wake.notify_one();
}

void StoreWriter::run()
{
    for (;;) {
        QList<NewCapture> batch;
        QList<Done> done;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_pending.isEmpty(); });
            if (m_pending.isEmpty())
                return; // stopping, and everything handed in is committed
            batch.swap(m_pending);
            done.swap(m_done);
        }
        if (m_annotate) {
            for (NewCapture &capture : batch)
                m_annotate(capture, *m_store);
        }
        const bool ok = m_store->append(batch);
        deliver(batch, done, ok, ok ? QString() : m_store->errorString());
        m_store->checkpointIfLarge();
    }
}

void StoreWriter::deliver(const QList<NewCapture> &batch, const QList<Done> &done, bool ok,
                          const QString &error)
{
    QVector<CaptureSummary> summaries;
    summaries.reserve(batch.size());
    for (const NewCapture &c : batch)
        summaries.append(c.summary);
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
