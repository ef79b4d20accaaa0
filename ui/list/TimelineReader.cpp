#include "ui/list/TimelineReader.h"

#include "core/store/CaptureSearch.h"

#include <sqlite3.h>

struct TimelineReader::Worker
{
    CaptureSearch search;
    QString path;                            // the store `search` has open
    std::atomic<sqlite3 *> running{nullptr}; // while a count runs: what interrupt() ends
};

TimelineReader::TimelineReader(QObject *parent)
    : QObject(parent), m_worker(std::make_shared<Worker>())
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // one thread keeps the connection for its life
}

TimelineReader::~TimelineReader()
{
    cancel();
    m_pool.waitForDone(); // jobs post back to this object
}

void TimelineReader::cancel()
{
    ++m_generation;
    m_reading = false;
    if (sqlite3 *db = m_worker->running.load())
        sqlite3_interrupt(db);
}

void TimelineReader::read(const QString &storePath, const CaptureQuery &query,
                          const CaptureQuery::Context &context, const CaptureFilter &filter,
                          int maxBuckets)
{
    cancel();
    const quint64 generation = m_generation;
    m_reading = true;
    m_pool.start(
        [this, worker = m_worker, generation, storePath, query, context, filter, maxBuckets] {
            if (generation != m_generation) // superseded before it began
                return;
            CaptureHistogram::Result r;
            if (worker->path != storePath || !worker->search.isOpen()) {
                worker->path.clear();
                if (worker->search.open(storePath, &r.error))
                    worker->path = storePath;
            }
            sqlite3 *db = worker->path.isEmpty() ? nullptr : worker->search.connection(&r.error);
            if (db) {
                CaptureQuery::Context c = context;
                c.indexSchema = worker->search.indexSchema();
                worker->running = db;
                if (generation == m_generation) // a cancel() before `running` was set
                    r = CaptureHistogram::compute(db, query.compile(c), filter, maxBuckets);
                worker->running = nullptr;
            }
            QMetaObject::invokeMethod(this, [this, generation, r = std::move(r)] {
                if (generation != m_generation)
                    return;
                m_reading = false;
                Q_EMIT ready(r);
            });
        });
}
