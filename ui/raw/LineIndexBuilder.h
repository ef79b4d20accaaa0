#pragma once

#include "ui/raw/LineIndex.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <memory>

class QThreadPool;

// Builds a LineIndex on a worker thread (a QThreadPool job) and hands it back on the thread that
// owns the builder. One job at a time: start() cancels the running job, whose index is then never
// delivered; the job stops at its next cancellation check (every few hundred KB). Destroying the
// builder cancels its job too.
class LineIndexBuilder : public QObject
{
    Q_OBJECT
public:
    explicit LineIndexBuilder(QObject *parent = nullptr);
    ~LineIndexBuilder() override;

    // The pool the jobs run on (the global one by default); tests pass their own.
    void setThreadPool(QThreadPool *pool) { m_pool = pool; }

    // Starts indexing `data` wrapped at `wrapColumns`; returns the job's number.
    quint64 start(const QByteArray &data, int wrapColumns);
    void cancel();
    bool isRunning() const { return m_running != 0; }
    quint64 currentJob() const { return m_running; }

Q_SIGNALS:
    // The whole buffer was indexed; `elapsedNs` is the build time on the worker.
    void finished(quint64 job, std::shared_ptr<const LineIndex> index, qint64 elapsedNs);
    // A cancelled job stopped after scanning `bytesScanned` bytes (0 when it never ran).
    void cancelled(quint64 job, qint64 bytesScanned);

private:
    struct Link;
    struct Job;
    void deliver(const std::shared_ptr<Job> &job, std::shared_ptr<const LineIndex> index,
                 qint64 elapsedNs);

    std::shared_ptr<Link> m_link;
    std::shared_ptr<Job> m_job;
    QThreadPool *m_pool = nullptr;
    quint64 m_nextJob = 1;
    quint64 m_running = 0;
};
