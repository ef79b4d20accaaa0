#include "core/store/StoreWriter.h"

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
        m_pending.append(std::move(capture));
        m_prepare.append(std::move(prepare));
        m_done.append(std::move(done));
    }
    m_wake.notify_one();
}

void StoreWriter::post(Job job)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_jobs.append(std::move(job));
    }
    m_wake.notify_one();
}

void StoreWriter::run()
{
    for (;;) {
        QList<NewCapture> batch;
        QList<Prepare> prepare;
        QList<Done> done;
        QList<Job> jobs;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock,
                        [this] { return m_stopping || !m_pending.isEmpty() || !m_jobs.isEmpty(); });
            if (m_pending.isEmpty() && m_jobs.isEmpty())
                return; // stopping, and everything handed in is committed
            batch.swap(m_pending);
            prepare.swap(m_prepare);
            done.swap(m_done);
            jobs.swap(m_jobs);
        }
        // Captures first: a sender waits for them; the other writes wait for nobody.
        if (!batch.isEmpty()) {
            for (qsizetype i = 0; i < batch.size(); ++i) {
                if (prepare[i])
                    prepare[i](batch[i], *m_store);
            }
            const bool ok = m_store->append(batch);
            deliver(batch, done, ok, ok ? QString() : m_store->errorString());
        }
        for (const Job &job : std::as_const(jobs)) {
            if (!job(*m_store)) {
                const QString error = m_store->errorString();
                QMetaObject::invokeMethod(
                    this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
            }
        }
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
