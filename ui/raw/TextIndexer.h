#pragma once

#include "ui/raw/LineIndex.h"

#include <QByteArray>
#include <QObject>

#include <memory>

class LineIndexBuilder;
class QThreadPool;

// Keeps the text rows (LineIndex) of a ByteView's data for a wrap width. Data up to
// kSyncIndexBytes is indexed at once. Bigger data gets a prefix index of its first
// kFirstScreenBytes at once, so the first screen paints immediately, and its full index from a
// worker (LineIndexBuilder); a new width keeps the old rows in place until the worker has the new
// ones. New data or a new width cancels the running job.
class TextIndexer : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kSyncIndexBytes = 1024 * 1024;
    static constexpr qint64 kFirstScreenBytes = 128 * 1024;

    explicit TextIndexer(QObject *parent = nullptr);

    void setThreadPool(QThreadPool *pool);
    // Drops the rows of the previous data and cancels its job; index() is null until update().
    void reset(const QByteArray &data);
    // Makes sure the rows for `wrapColumns` are there or on their way.
    void update(int wrapColumns);
    void cancel();

    const std::shared_ptr<const LineIndex> &index() const { return m_index; }
    bool isBuilding() const;

Q_SIGNALS:
    // index() changed; `previous` is the index it replaced (null for new data).
    void indexReplaced(std::shared_ptr<const LineIndex> previous);
    // The full index is in place: `buildNs` is the worker's build time (0 when built at once).
    void ready(qint64 rows, qint64 buildNs);
    void cancelled(qint64 bytesScanned);

private:
    void install(std::shared_ptr<const LineIndex> index);

    QByteArray m_data;
    std::shared_ptr<const LineIndex> m_index;
    LineIndexBuilder *m_builder;
    int m_buildWrap = 0; // the width the running job builds
};
