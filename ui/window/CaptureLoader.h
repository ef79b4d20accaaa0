#pragma once

#include "core/capture/BodyAnalysis.h"
#include "core/capture/Capture.h"
#include "core/pipeline/CaptureVerifier.h"
#include "core/store/CaptureStore.h"

#include <QObject>
#include <QThreadPool>
#include <memory>

// Reads a capture and analyses its body on a worker thread (a 50 MB body must not freeze the
// window), delivering the newest requested one back on the GUI thread. Older requests that
// finish late are dropped.
class CaptureLoader : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        Capture capture;
        BodyAnalysis body;
        std::optional<Verdict> verdict; // verified again now, with the current secrets
        QString storedReason;           // the verdict recorded before this load
        QByteArray verdictJson; // as stored (or as just replaced), for the bus event's mapping
        CaptureOrigin origin;   // where an imported capture came from; empty when captured
    };

    explicit CaptureLoader(QObject *parent = nullptr);
    ~CaptureLoader() override;

    void setStorePath(const QString &path);
    // The endpoints and secrets to verify with; a capture whose stored verdict no longer holds
    // (new secret, new tolerance) is reported with verdictOutdated(), for the store's writer.
    void setVerifier(std::shared_ptr<const CaptureVerifier> verifier) { m_verifier = verifier; }
    void load(qint64 id);
    void waitForIdle() { m_pool.waitForDone(); } // for tests

Q_SIGNALS:
    void loaded(std::shared_ptr<const CaptureLoader::Result> result);
    void failed(qint64 id, const QString &error);
    void verdictOutdated(const CaptureStore::VerdictRow &row);

private:
    QThreadPool m_pool;
    QString m_storePath;
    // The reading connection, opened by the first load after the path changes and used by one
    // job at a time (the pool has one thread).
    std::shared_ptr<CaptureStore> m_store;
    std::shared_ptr<const CaptureVerifier> m_verifier;
    qint64 m_latest = 0;
};
