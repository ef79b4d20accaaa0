#include "core/pipeline/DiagnosisStage.h"

#include "core/http/RequestFramer.h"
#include "core/platform/BackgroundThread.h"
#include "core/store/CaptureStore.h"
#include "core/store/StoreWriter.h"

#include <QJsonDocument>

DiagnosisStage::DiagnosisStage(const QString &storePath, StoreWriter *writer, int workers,
                               Done done)
    : m_storePath(storePath), m_writer(writer), m_done(std::move(done))
{
    for (int i = 0; i < qMax(1, workers); ++i)
        m_threads.emplace_back([this] { run(); });
}

DiagnosisStage::~DiagnosisStage()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread &t : m_threads)
        t.join();
}

void DiagnosisStage::submit(const CaptureSummary &summary, CaptureContext::Snapshot context)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back({summary, std::move(context)});
    }
    m_wake.notify_one();
}

void DiagnosisStage::run()
{
    BackgroundThread::lowerPriority(); // listener and writer first
    CaptureStore store;                // this thread's own reading connection
    const bool opened = store.openReadOnly(m_storePath);
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return;
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        std::optional<Capture> capture = opened ? store.capture(job.summary.id) : std::nullopt;
        std::optional<Verdict> verdict;
        if (capture) {
            capture->parsed = RequestFramer::parse(capture->raw);
            verdict = job.context->verify(capture->summary, capture->raw, capture->parsed, &store);
        }
        capture.reset(); // a large body is not held while the writer catches up
        if (!verdict) {  // nothing more to find: the fast verdict is the complete one
            m_writer->post([done = m_done, summary = job.summary](CaptureStore &) {
                done(summary);
                return true;
            });
            continue;
        }
        CaptureSummary complete = job.summary;
        complete.verdictReason = verdict->reasonCode();
        complete.verdictJson = QJsonDocument(verdict->toJson()).toJson(QJsonDocument::Compact);
        m_writer->post([done = m_done, complete](CaptureStore &writing) {
            const bool ok =
                writing.setVerdict(complete.id, complete.verdictReason, complete.verdictJson);
            done(complete);
            return ok;
        });
    }
}
