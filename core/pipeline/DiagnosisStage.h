#pragma once

#include "core/capture/CaptureSummary.h"
#include "core/pipeline/CaptureContext.h"

#include <QList>
#include <QString>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

class StoreWriter;

// The stage after the answer: finds the hazards of stored captures (the diagnosis, which
// recomputes signatures over transformed bodies and secrets) on worker threads of its own, each
// reading the store through its own connection, and writes each complete verdict through the
// store's one writer. Nobody's answer waits for it.
class DiagnosisStage
{
public:
    // Called on the writer's thread once the complete verdict is stored (or, when the capture
    // cannot be diagnosed, with its fast verdict as it was stored).
    using Done = std::function<void(const CaptureSummary &complete)>;

    DiagnosisStage(const QString &storePath, StoreWriter *writer, int workers, Done done);
    ~DiagnosisStage(); // diagnoses what is queued, then stops (the writer must outlive this)
    DiagnosisStage(const DiagnosisStage &) = delete;
    DiagnosisStage &operator=(const DiagnosisStage &) = delete;

    // `summary` as committed, with its id and fast verdict; thread-safe.
    void submit(const CaptureSummary &summary, CaptureContext::Snapshot context);

private:
    struct Job
    {
        CaptureSummary summary;
        CaptureContext::Snapshot context;
    };
    void run();

    QString m_storePath;
    StoreWriter *m_writer;
    Done m_done;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};
