#include "ui/window/CaptureLoader.h"

#include "core/store/CaptureStore.h"

CaptureLoader::CaptureLoader(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

CaptureLoader::~CaptureLoader()
{
    m_pool.clear();
    m_pool.waitForDone(); // jobs post back to this object
}

void CaptureLoader::load(qint64 id)
{
    m_latest = id;
    m_pool.clear(); // drop queued loads that nobody waits for any more
    const QString path = m_storePath;
    const std::shared_ptr<const CaptureVerifier> verifier = m_verifier;
    m_pool.start([this, id, path, verifier] {
        CaptureStore store;
        std::optional<Capture> capture;
        QString error;
        if (!store.open(path))
            error = store.errorString();
        else if (!(capture = store.capture(id)))
            error = tr("Capture %1 is not in %2").arg(id).arg(path);
        std::shared_ptr<Result> result;
        bool changed = false;
        if (capture) {
            result = std::make_shared<Result>();
            result->body = BodyAnalysis::analyze(capture->raw, capture->parsed);
            result->storedReason = capture->summary.verdictReason;
            std::optional<CaptureStore::VerdictRow> replacement;
            if (verifier)
                result->verdict = verifier->reverify(*capture, store, &replacement);
            if (replacement) {
                changed = store.setVerdict(replacement->id, replacement->reason, replacement->json);
                capture->summary.verdictReason = replacement->reason;
            }
            result->capture = std::move(*capture);
        }
        QMetaObject::invokeMethod(this, [this, id, result, error, changed] {
            if (changed)
                Q_EMIT verdictChanged(id, result->capture.summary.verdictReason);
            if (id != m_latest)
                return;
            if (result)
                Q_EMIT loaded(result);
            else
                Q_EMIT failed(id, error);
        });
    });
}
