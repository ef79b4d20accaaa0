#pragma once

#include "core/capture/CaptureSummary.h"
#include "core/store/RetentionPolicy.h"

#include <QString>
#include <QVector>
#include <atomic>
#include <functional>

class CaptureContext;
class SearchIndexer;
class StoreWriter;

// Deletes captures through the session's one writer (CaptureDeleter, one transaction each) and
// their search-index entries (SearchIndexer::forget): captures chosen by the user, all of them
// (then the file is shrunk), and those beyond the retention limits of the current config
// (RetentionPolicy), looked at after each commit. The callbacks run on the writer's thread.
class CaptureRemover
{
public:
    struct Callbacks
    {
        // The ids asked for (user's or retention's), how many were stored and went, and the
        // highest id left: later captures may reuse ids above it.
        std::function<void(const QVector<qint64> &ids, qint64 removed, qint64 maxIdAfter)> removed;
        std::function<void(qint64 upToId, qint64 removed, qint64 maxIdAfter)> cleared;
        std::function<void(qint64 bytesBefore)> shrinking;
        std::function<void(qint64 bytesBefore, qint64 bytesAfter)> shrunk;
        std::function<void(const QString &error)> failed;
    };

    CaptureRemover(StoreWriter *writer, SearchIndexer *indexer, const CaptureContext *context,
                   Callbacks callbacks);

    void remove(const QVector<qint64> &ids);
    // Every capture up to `upToId` (the last stored when the user asked), then shrinks the file.
    void clearAll(qint64 upToId, bool shrink);
    // A batch was committed: the retention limits (config "retention") are enforced behind it,
    // never deleting the batch itself. At most one such job waits in the writer's queue.
    void afterCommit(const QVector<CaptureSummary> &batch);

private:
    bool removeNow(class CaptureStore &store, const QVector<qint64> &ids);
    void enforce(qint64 keepFrom);

    StoreWriter *m_writer;
    SearchIndexer *m_indexer;
    const CaptureContext *m_context;
    Callbacks m_callbacks;
    std::atomic<bool> m_retentionQueued{false};
    RetentionPolicy::ByteTally m_tally; // on the writer's thread only
    qint64 m_removedBytes = -1;         // by the last removeNow(); -1: it failed
};
