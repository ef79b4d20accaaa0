#include "core/pipeline/Reverifier.h"

#include "core/http/RequestFramer.h"
#include "core/store/CaptureStore.h"
#include "core/store/StoreWriter.h"

Reverifier::Reverifier(const QString &storePath, StoreWriter *writer, Callbacks callbacks)
    : m_storePath(storePath), m_writer(writer), m_callbacks(std::move(callbacks))
{
    m_pool.setMaxThreadCount(1); // one endpoint after the other
}

Reverifier::~Reverifier()
{
    m_cancel = true;
    m_pool.waitForDone();
}

void Reverifier::start(CaptureContext::Snapshot verifier, const QString &endpointId)
{
    m_cancel = false;
    m_pool.start([this, verifier, endpointId] { run(verifier, endpointId); });
}

void Reverifier::run(const CaptureContext::Snapshot &verifier, const QString &endpointId)
{
    CaptureStore store;
    if (!store.openReadOnly(m_storePath)) {
        m_callbacks.finished(endpointId, 0, store.errorString());
        return;
    }
    CaptureFilter filter;
    filter.endpointId = endpointId;
    filter.withUnmatched = true; // the verifier adopts those whose path it now serves
    const QVector<qint64> ids = store.ids(filter);
    QVector<CaptureStore::VerdictRow> rows;
    qint64 changed = 0;
    constexpr int Batch = 500;
    auto write = [this](QVector<CaptureStore::VerdictRow> batch,
                        std::function<void(bool ok, const QString &error)> then) {
        m_writer->post([batch = std::move(batch), then](CaptureStore &writing) {
            const bool ok = writing.setVerdicts(batch);
            if (then)
                then(ok, ok ? QString() : writing.errorString());
            return ok;
        });
    };
    for (qsizetype i = 0; i < ids.size() && !m_cancel; ++i) {
        std::optional<Capture> capture = store.capture(ids[i]);
        if (!capture)
            continue;
        capture->parsed = RequestFramer::parse(capture->raw);
        std::optional<CaptureStore::VerdictRow> replacement;
        verifier->reverify(*capture, store, &replacement);
        if (replacement)
            rows.append(*replacement);
        if (rows.size() >= Batch) {
            changed += rows.size();
            write(std::move(rows), {});
            rows.clear();
            m_callbacks.progress(i + 1, ids.size());
        }
    }
    changed += rows.size();
    m_callbacks.progress(ids.size(), ids.size());
    // The last batch tells when everything before it is written: the writer keeps order.
    write(std::move(rows), [callbacks = m_callbacks, endpointId, changed](bool, const QString &e) {
        callbacks.finished(endpointId, changed, e);
    });
}
