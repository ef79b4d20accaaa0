#pragma once

#include "core/store/CaptureFilter.h"
#include "core/store/CaptureHistogram.h"
#include "core/store/CaptureQuery.h"

#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <memory>

// Reads the timeline's histogram (CaptureHistogram) on a worker thread with a read-only
// connection of its own (CaptureSearch's, with the search index attached for the query's text
// terms), so counting a million captures never blocks the window. A new read() supersedes the
// one in flight (which is interrupted): only the latest read's result is delivered.
class TimelineReader : public QObject
{
    Q_OBJECT
public:
    explicit TimelineReader(QObject *parent = nullptr);
    ~TimelineReader() override;

    // `query` may be empty (every capture); it is compiled with `context` on the worker.
    void read(const QString &storePath, const CaptureQuery &query,
              const CaptureQuery::Context &context, const CaptureFilter &filter, int maxBuckets);
    void cancel(); // nothing in flight is delivered
    bool isReading() const { return m_reading; }

Q_SIGNALS:
    void ready(const CaptureHistogram::Result &result);

private:
    struct Worker; // the connection, used on the pool's thread only

    QThreadPool m_pool;
    std::shared_ptr<Worker> m_worker;
    std::atomic<quint64> m_generation{0};
    bool m_reading = false;
};
