#pragma once

#include "core/verify/CaptureVerifier.h"

#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <memory>

// Verifies an endpoint's stored captures again (after its secret or tolerance changed) on a
// worker thread, replacing their verdict rows in batches; the captures' bytes are not touched.
class Reverifier : public QObject
{
    Q_OBJECT
public:
    explicit Reverifier(QObject *parent = nullptr);
    ~Reverifier() override; // cancels and waits

    void start(const QString &storePath, std::shared_ptr<const CaptureVerifier> verifier,
               const QString &endpointId);
    void cancel() { m_cancel = true; }
    void waitForDone() { m_pool.waitForDone(); }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const QString &endpointId, qint64 changed, const QString &error);

private:
    QThreadPool m_pool;
    std::atomic<bool> m_cancel{false};
};
