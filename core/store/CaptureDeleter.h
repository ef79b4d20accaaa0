#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

class CaptureStore;
struct sqlite3;

// Deletes captures with every row beside them, on the store's writing connection (the session's
// writer). The side tables are found in the schema rather than listed here: every table with a
// capture_id column (verdicts, capture_bytes, forward_outbox, capture_origins, capture_marks,
// and whatever a later schema adds), plus the chunks or file of large captures. Each call is one
// transaction: all or nothing (a large capture's file goes once its row is gone).
class CaptureDeleter
{
public:
    explicit CaptureDeleter(CaptureStore &store) : m_store(store) {}

    // The tables of `schema` ("main" or an attached one) with a capture_id column.
    static QStringList sideTables(sqlite3 *db, const char *schema = "main");
    // The columns of a table, in order.
    static QStringList columns(sqlite3 *db, const char *schema, const QString &table);

    // Deletes these captures (ids not stored are ignored). After it, removedCount() and
    // removedBytes() tell what went and maxIdAfter() the highest id left (0 for none).
    bool remove(const QVector<qint64> &ids);
    // Every capture up to `upToId` (those stored later stay: they arrived after the clear).
    bool removeAll(qint64 upToId);
    // VACUUM, then the WAL copied back and truncated, so the file shrinks. Slow on a large store;
    // captures handed to the writer meanwhile wait and are stored after it.
    bool shrink();

    qint64 removedCount() const { return m_removedCount; }
    qint64 removedBytes() const { return m_removedBytes; }
    qint64 maxIdAfter() const { return m_maxIdAfter; }
    QString errorString() const { return m_error; }

private:
    bool run(const QByteArray &sql);
    bool fail(const QString &what);
    qint64 single(const char *sql) const;
    bool deleteDoomed(); // the rows of temp.doomed_captures, inside the caller's transaction
    bool commit();       // and then removes the files of the large captures deleted

    CaptureStore &m_store;
    qint64 m_removedCount = 0;
    qint64 m_removedBytes = 0;
    qint64 m_maxIdAfter = 0;
    QList<qint64> m_uploads; // of the large captures being deleted
    QString m_error;
};
