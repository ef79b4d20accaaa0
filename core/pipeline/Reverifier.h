#pragma once

#include "core/pipeline/CaptureContext.h"

#include <QString>
#include <QThreadPool>
#include <atomic>
#include <functional>

class StoreWriter;

// Verifies an endpoint's stored captures again (after its secret or tolerance changed) on a
// worker thread that reads through its own connection; the new verdict rows go to the store's
// one writer in batches. The captures' bytes are not touched.
class Reverifier
{
public:
    struct Callbacks
    {
        // Both may be called on worker threads; `finished` once the last rows are written.
        std::function<void(qint64 done, qint64 total)> progress;
        std::function<void(const QString &endpointId, qint64 changed, const QString &error)>
            finished;
    };

    Reverifier(const QString &storePath, StoreWriter *writer, Callbacks callbacks);
    ~Reverifier(); // cancels and waits (the writer must outlive this)

    void start(CaptureContext::Snapshot verifier, const QString &endpointId);
    void cancel() { m_cancel = true; }
    void waitForDone() { m_pool.waitForDone(); }

private:
    void run(const CaptureContext::Snapshot &verifier, const QString &endpointId);

    QString m_storePath;
    StoreWriter *m_writer;
    Callbacks m_callbacks;
    QThreadPool m_pool;
    std::atomic<bool> m_cancel{false};
};
