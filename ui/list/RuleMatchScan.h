#pragma once

#include "core/store/CaptureFilter.h"
#include "ui/forward/CompiledRules.h"
#include "ui/list/RuleFilter.h"

#include <QObject>
#include <QThreadPool>
#include <QVector>
#include <memory>

// Finds the captures that pass a RuleFilter: the captures of the endpoints with rules are judged
// by RuleScanner (core/pipeline: each pattern compiled once, the fast path, ScanThreads workers
// with read-only connections of their own) from a worker thread, in id order, and the ids that
// pass are reported in batches as they are found, so the list fills while the scan runs. Captures
// that arrive meanwhile are queued behind and judged in turn. A new start() or cancel() stops the
// run in progress; nothing it would still report reaches the receiver.
class RuleMatchScan : public QObject
{
    Q_OBJECT
public:
    static constexpr int ChunkSize = 16384; // ids judged at a time (about 10 ms of work)
    static constexpr int ScanThreads = 2;

    explicit RuleMatchScan(QObject *parent = nullptr);
    ~RuleMatchScan() override;

    // `ids` ascending, all passing `base` (the list's SQL filter) when read.
    void start(const QString &storePath, std::shared_ptr<const CompiledRules> rules,
               const RuleFilter &filter, const CaptureFilter &base, QVector<qint64> ids);
    // Ascending, after every id given so far; also after the run finished (live captures), but
    // not after cancel().
    void enqueue(const QVector<qint64> &ids);
    void cancel(); // finished(true) follows when a run was going
    void stop();   // the same without a word (the filter was dropped)
    bool isRunning() const { return m_running; }
    void waitForIdle() { m_pool.waitForDone(); } // for tests

Q_SIGNALS:
    void started();                           // by start(), not by enqueue()
    void matched(const QVector<qint64> &ids); // ascending, after those reported before
    void progress(qint64 done, qint64 total);
    void finished(bool cancelled);     // the queue is empty, or the run was cancelled
    void failed(const QString &error); // the store cannot be read: the run stops

private:
    struct Run;
    void launch();
    static void work(const std::shared_ptr<Run> &run, RuleMatchScan *receiver);

    QThreadPool m_pool;
    std::shared_ptr<Run> m_run;
    bool m_running = false;
};
