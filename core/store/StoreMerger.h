#pragma once

#include "core/store/CaptureStore.h"

#include <QHash>
#include <QString>
#include <QVector>

// Copies every capture of another store into this one (File > Merge Store Into This), with the
// rows beside each (every table with a capture_id column that both stores have: verdicts,
// origins, marks, forward history, ...), under new ids. A capture already here (same received
// time and the same bytes) is skipped. Batches run on the writing connection (the session's
// writer), each its own transaction, so a cancelled merge leaves whole captures only. Forward
// rows still queued in the other store are not copied: merging never sends anything.
class StoreMerger
{
public:
    static constexpr int BatchSize = 200;

    explicit StoreMerger(const QString &sourcePath) : m_sourcePath(sourcePath) {}

    // Reads the other store's ids (a Hookbench store, refused otherwise, or when it is `target`).
    bool open(const QString &targetPath, QString *error);
    qint64 total() const { return m_ids.size(); }
    qint64 done() const { return m_next; }
    bool atEnd() const { return m_next >= m_ids.size(); }
    qint64 copied() const { return m_copied; }
    qint64 skipped() const { return m_skipped; }

    // The next batch into `target` (the writer's connection), one transaction.
    bool nextBatch(CaptureStore &target, QString *error);

private:
    bool copyOne(CaptureStore &target, qint64 sourceId, QString *error);
    bool isDuplicate(CaptureStore &target, const Capture &capture) const;
    bool prepareTables(CaptureStore &target, QString *error);

    QString m_sourcePath;
    CaptureStore m_source;
    QVector<qint64> m_ids;
    qint64 m_next = 0;
    qint64 m_copied = 0;
    qint64 m_skipped = 0;
    QByteArray m_captureColumns;             // both stores' captures columns but id
    QHash<QString, QByteArray> m_sideInsert; // table → INSERT ... SELECT with ?1 new, ?2 old id
};
