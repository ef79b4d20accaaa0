#include "ui/window/CaptureLoader.h"

#include "core/http/RequestFramer.h"
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

void CaptureLoader::setStorePath(const QString &path)
{
    if (path == m_storePath)
        return;
    m_storePath = path;
    m_store = std::make_shared<CaptureStore>();
}

void CaptureLoader::load(qint64 id)
{
    m_latest = id;
    m_pool.clear(); // drop queued loads that nobody waits for any more
    const QString path = m_storePath;
    const std::shared_ptr<CaptureStore> store = m_store;
    const std::shared_ptr<const CaptureVerifier> verifier = m_verifier;
    m_pool.start([this, id, path, store, verifier] {
        std::optional<Capture> capture;
        QString error;
        if (!store || (!store->isOpen() && !store->openReadOnly(path)))
            error = store ? store->errorString() : tr("No store is open");
        else if (!(capture = store->capture(id)))
            error = tr("Capture %1 is not in %2").arg(id).arg(path);
        std::shared_ptr<Result> result;
        std::optional<CaptureStore::VerdictRow> replacement;
        if (capture) {
            capture->parsed = RequestFramer::parse(capture->raw);
            result = std::make_shared<Result>();
            result->body = BodyAnalysis::analyze(capture->raw, capture->parsed);
            result->storedReason = capture->summary.verdictReason;
            if (verifier)
                result->verdict = verifier->reverify(*capture, *store, &replacement);
            result->verdictJson = replacement ? replacement->json : store->verdictJson(id);
            result->origin = store->origin(id);
            if (replacement)
                capture->summary.verdictReason = replacement->reason;
            result->capture = std::move(*capture);
        }
        QMetaObject::invokeMethod(this, [this, id, result, error, replacement] {
            if (replacement)
                Q_EMIT verdictOutdated(*replacement);
            if (id != m_latest)
                return;
            if (result)
                Q_EMIT loaded(result);
            else
                Q_EMIT failed(id, error);
        });
    });
}
