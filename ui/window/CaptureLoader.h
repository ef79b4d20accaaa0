#pragma once

#include "core/capture/BodyAnalysis.h"
#include "core/capture/Capture.h"
#include "core/verify/CaptureVerifier.h"

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
    };

    explicit CaptureLoader(QObject *parent = nullptr);
    ~CaptureLoader() override;

    void setStorePath(const QString &path) { m_storePath = path; }
    // The endpoints and secrets to verify with; a capture whose stored verdict no longer holds
    // (new secret, new tolerance) gets its verdict row replaced, its bytes untouched.
    void setVerifier(std::shared_ptr<const CaptureVerifier> verifier) { m_verifier = verifier; }
    void load(qint64 id);
    void waitForIdle() { m_pool.waitForDone(); } // for tests

Q_SIGNALS:
    void loaded(std::shared_ptr<const CaptureLoader::Result> result);
    void failed(qint64 id, const QString &error);
    void verdictChanged(qint64 id, const QString &reason);

private:
    QThreadPool m_pool;
    QString m_storePath;
    std::shared_ptr<const CaptureVerifier> m_verifier;
    qint64 m_latest = 0;
};
