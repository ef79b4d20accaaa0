#include "core/verify/Reverifier.h"

#include "core/store/CaptureStore.h"

Reverifier::Reverifier(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

Reverifier::~Reverifier()
{
    m_cancel = true;
    m_pool.waitForDone(); // jobs post back to this object
}

void Reverifier::start(const QString &storePath, std::shared_ptr<const CaptureVerifier> verifier,
                       const QString &endpointId)
{
    m_cancel = false;
    m_pool.start([this, storePath, verifier, endpointId] {
        CaptureStore store;
        QString error;
        qint64 changed = 0;
        if (!store.open(storePath)) {
            error = store.errorString();
        } else {
            CaptureFilter filter;
            filter.endpointId = endpointId;
            filter.withUnmatched = true; // the verifier adopts those whose path it now serves
            const QVector<qint64> ids = store.ids(filter);
            QVector<CaptureStore::VerdictRow> rows;
            constexpr int Batch = 500;
            for (qsizetype i = 0; i < ids.size() && !m_cancel; ++i) {
                const std::optional<Capture> capture = store.capture(ids[i]);
                if (!capture)
                    continue;
                std::optional<CaptureStore::VerdictRow> replacement;
                verifier->reverify(*capture, store, &replacement);
                if (replacement)
                    rows.append(*replacement);
                if (rows.size() >= Batch || i + 1 == ids.size()) {
                    if (!store.setVerdicts(rows)) {
                        error = store.errorString();
                        break;
                    }
                    changed += rows.size();
                    rows.clear();
                    const qint64 done = i + 1, total = ids.size();
                    QMetaObject::invokeMethod(
                        this, [this, done, total] { Q_EMIT progress(done, total); });
                }
            }
        }
        QMetaObject::invokeMethod(this, [this, endpointId, changed, error] {
            Q_EMIT finished(endpointId, changed, error);
        });
    });
}
