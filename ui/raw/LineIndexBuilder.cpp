#include "ui/raw/LineIndexBuilder.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QThreadPool>

// Jobs post their result to the builder through the link; the builder's destructor cuts the link
// under its mutex, so a job never posts to a builder that is gone.
struct LineIndexBuilder::Link
{
    QMutex mutex;
    LineIndexBuilder *builder = nullptr;
};

struct LineIndexBuilder::Job
{
    quint64 id = 0;
    std::atomic_bool cancelled{false};
};

LineIndexBuilder::LineIndexBuilder(QObject *parent)
    : QObject(parent), m_link(std::make_shared<Link>()), m_pool(QThreadPool::globalInstance())
{
    m_link->builder = this;
}

LineIndexBuilder::~LineIndexBuilder()
{
    if (m_job)
        m_job->cancelled = true;
    QMutexLocker lock(&m_link->mutex);
    m_link->builder = nullptr;
}

quint64 LineIndexBuilder::start(const QByteArray &data, int wrapColumns)
{
    cancel();
    auto job = std::make_shared<Job>();
    job->id = m_nextJob++;
    m_job = job;
    m_running = job->id;
    std::shared_ptr<Link> link = m_link;
    m_pool->start([link, job, data, wrapColumns] {
        auto index = std::make_shared<LineIndex>();
        QElapsedTimer timer;
        timer.start();
        if (!job->cancelled)
            index->build(data, wrapColumns, -1, [&job] { return job->cancelled.load(); });
        const qint64 elapsed = timer.nsecsElapsed();
        QMutexLocker lock(&link->mutex);
        if (LineIndexBuilder *builder = link->builder) {
            QMetaObject::invokeMethod(
                builder,
                [builder, job, index = std::shared_ptr<const LineIndex>(std::move(index)),
                 elapsed] { builder->deliver(job, index, elapsed); },
                Qt::QueuedConnection);
        }
    });
    return job->id;
}

void LineIndexBuilder::cancel()
{
    if (m_job)
        m_job->cancelled = true;
    m_job.reset();
    m_running = 0;
}

void LineIndexBuilder::deliver(const std::shared_ptr<Job> &job,
                               std::shared_ptr<const LineIndex> index, qint64 elapsedNs)
{
    if (job->cancelled || !index->isComplete()) {
        Q_EMIT cancelled(job->id, index->indexedEnd());
        return;
    }
    if (job != m_job)
        return;
    m_job.reset();
    m_running = 0;
    Q_EMIT finished(job->id, std::move(index), elapsedNs);
}
