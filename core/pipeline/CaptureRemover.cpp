#include "core/pipeline/CaptureRemover.h"

#include "core/pipeline/CaptureContext.h"
#include "core/pipeline/SearchIndexer.h"
#include "core/store/CaptureDeleter.h"
#include "core/store/CaptureStore.h"
#include "core/store/RetentionPolicy.h"
#include "core/store/StoreWriter.h"

#include <QFileInfo>

CaptureRemover::CaptureRemover(StoreWriter *writer, SearchIndexer *indexer,
                               const CaptureContext *context, Callbacks callbacks)
    : m_writer(writer), m_indexer(indexer), m_context(context), m_callbacks(std::move(callbacks))
{}

bool CaptureRemover::removeNow(CaptureStore &store, const QVector<qint64> &ids)
{
    // The index's rows are deleted with the values they were written with, read before the
    // captures go.
    QVector<SearchIndexer::Forgotten> forgotten;
    if (m_indexer) {
        forgotten.reserve(ids.size());
        for (const qint64 id : ids) {
            if (const std::optional<Capture> c = store.capture(id))
                forgotten.append({id, SearchDocument::of(c->raw)});
        }
        m_indexer->holdResets();
    }
    CaptureDeleter deleter(store);
    const bool ok = deleter.remove(ids);
    m_removedBytes = ok ? deleter.removedBytes() : -1;
    if (m_indexer) {
        m_indexer->forget(ok ? forgotten : QVector<SearchIndexer::Forgotten>(),
                          ok ? deleter.maxIdAfter() : store.lastId(), false);
        m_indexer->wake();
    }
    if (!ok) {
        if (m_callbacks.failed)
            m_callbacks.failed(deleter.errorString());
        return true; // said here, not again by the writer
    }
    if (m_callbacks.removed)
        m_callbacks.removed(ids, deleter.removedCount(), deleter.maxIdAfter());
    return true;
}

void CaptureRemover::remove(const QVector<qint64> &ids)
{
    if (ids.isEmpty())
        return;
    m_writer->post([this, ids](CaptureStore &store) {
        m_tally.bytes = -1; // ids above the highest left may come again: summed anew
        return removeNow(store, ids);
    });
}

void CaptureRemover::clearAll(qint64 upToId, bool shrink)
{
    m_writer->post([this, upToId, shrink](CaptureStore &store) {
        m_tally.bytes = -1;
        if (m_indexer)
            m_indexer->holdResets();
        CaptureDeleter deleter(store);
        const bool ok = deleter.removeAll(upToId);
        if (m_indexer) {
            // The index is emptied and then fills again with what was stored after the clear.
            m_indexer->forget({}, ok ? 0 : store.lastId(), ok);
            m_indexer->wake();
        }
        if (!ok) {
            if (m_callbacks.failed)
                m_callbacks.failed(deleter.errorString());
            return true;
        }
        if (m_callbacks.cleared)
            m_callbacks.cleared(upToId, deleter.removedCount(), deleter.maxIdAfter());
        if (!shrink)
            return true;
        const qint64 before = QFileInfo(store.path()).size();
        if (m_callbacks.shrinking)
            m_callbacks.shrinking(before);
        if (!deleter.shrink()) {
            if (m_callbacks.failed)
                m_callbacks.failed(deleter.errorString());
            return true;
        }
        if (m_callbacks.shrunk)
            m_callbacks.shrunk(before, QFileInfo(store.path()).size());
        return true;
    });
}

void CaptureRemover::afterCommit(const QVector<CaptureSummary> &batch)
{
    if (batch.isEmpty() || !m_context->current()->config().retention.isSet())
        return;
    if (m_retentionQueued.exchange(true))
        return; // the one waiting sees this batch too
    qint64 keepFrom = batch.first().id;
    for (const CaptureSummary &s : batch)
        keepFrom = qMin(keepFrom, s.id);
    enforce(keepFrom);
}

void CaptureRemover::enforce(qint64 keepFrom)
{
    m_writer->post([this, keepFrom](CaptureStore &store) {
        m_retentionQueued = false;
        const RetentionPolicy policy(m_context->current()->config().retention);
        bool more = false;
        const QVector<qint64> ids = policy.victims(store, keepFrom, &more, &m_tally);
        if (!ids.isEmpty()) {
            removeNow(store, ids);
            // they were stored up to the tally's last id: their bytes come off it
            m_tally.bytes =
                m_tally.bytes >= 0 && m_removedBytes >= 0 ? m_tally.bytes - m_removedBytes : -1;
        }
        if (more && !m_retentionQueued.exchange(true))
            enforce(keepFrom); // the next batch after the commits waiting meanwhile
        return true;
    });
}
