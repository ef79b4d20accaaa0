#include "core/store/StoreMerger.h"

#include "core/store/CaptureDeleter.h"

#include <QFileInfo>
#include <sqlite3.h>

namespace {

const char *const Source = "merge_source";

QByteArray quoted(const QString &name)
{
    QByteArray q = name.toUtf8();
    q.replace('"', "\"\"");
    return '"' + q + '"';
}

bool exec(sqlite3 *db, const QByteArray &sql, QString *error)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    *error = QString::fromUtf8(message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return false;
}

// The table's INTEGER PRIMARY KEY column other than capture_id (a row id of its own), if any.
QString ownRowId(sqlite3 *db, const QString &table)
{
    sqlite3_stmt *stmt = nullptr;
    QString name;
    if (sqlite3_prepare_v2(db,
                           "SELECT name FROM pragma_table_info(?) WHERE pk = 1 AND"
                           " upper(type) = 'INTEGER' AND name != 'capture_id'",
                           -1, &stmt, nullptr) == SQLITE_OK) {
        const QByteArray t = table.toUtf8();
        sqlite3_bind_text(stmt, 1, t.constData(), int(t.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            name = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    }
    sqlite3_finalize(stmt);
    return name;
}

} // namespace

bool StoreMerger::open(const QString &targetPath, QString *error)
{
    if (QFileInfo(m_sourcePath).canonicalFilePath() == QFileInfo(targetPath).canonicalFilePath()) {
        *error = QStringLiteral("%1 is the store open now: nothing to merge").arg(m_sourcePath);
        return false;
    }
    if (!m_source.openReadOnly(m_sourcePath)) {
        *error = m_source.errorString();
        return false;
    }
    m_ids = m_source.ids();
    return true;
}

bool StoreMerger::prepareTables(CaptureStore &target, QString *error)
{
    if (!m_captureColumns.isEmpty())
        return true;
    sqlite3 *db = target.m_db;
    const QStringList theirs = CaptureDeleter::columns(db, Source, QStringLiteral("captures"));
    for (const QString &column : CaptureDeleter::columns(db, "main", QStringLiteral("captures"))) {
        if (column != QLatin1String("id") && theirs.contains(column))
            m_captureColumns += (m_captureColumns.isEmpty() ? "" : ", ") + quoted(column);
    }
    const QStringList sourceTables = CaptureDeleter::sideTables(db, Source);
    for (const QString &table : CaptureDeleter::sideTables(db, "main")) {
        // the bytes are copied from the capture as read (chunks included)
        if (table == QLatin1String("capture_bytes") || !sourceTables.contains(table))
            continue;
        const QStringList source = CaptureDeleter::columns(db, Source, table);
        const QString rowId = ownRowId(db, table);
        QByteArray into = "capture_id", from = "?1";
        for (const QString &column : CaptureDeleter::columns(db, "main", table)) {
            if (column == QLatin1String("capture_id") || column == rowId ||
                !source.contains(column))
                continue;
            into += ", " + quoted(column);
            // a table's change clock (capture_marks.updated_at, read by the note indexer) must
            // keep rising: the copied rows are changes made now
            if (column == QLatin1String("updated_at"))
                from +=
                    ", (SELECT coalesce(max(updated_at), 0) + 1 FROM main." + quoted(table) + ")";
            else
                from += ", " + quoted(column);
        }
        QByteArray sql = "INSERT INTO main." + quoted(table) + " (" + into + ") SELECT " + from +
                         " FROM " + Source + "." + quoted(table) + " WHERE capture_id = ?2";
        if (table == QLatin1String("forward_outbox"))
            sql += " AND state NOT IN ('queued', 'retrying')";
        m_sideInsert.insert(table, sql);
    }
    if (m_captureColumns.isEmpty()) {
        *error = QStringLiteral("%1 has no captures table to merge").arg(m_sourcePath);
        return false;
    }
    return true;
}

bool StoreMerger::isDuplicate(CaptureStore &target, const Capture &capture) const
{
    sqlite3_stmt *stmt = nullptr;
    QVector<qint64> candidates;
    if (sqlite3_prepare_v2(target.m_db,
                           "SELECT id FROM main.captures WHERE received_us = ? AND raw_size = ?",
                           -1, &stmt, nullptr) == SQLITE_OK) {
        sqlite3_bind_int64(stmt, 1, capture.summary.receivedAtUs);
        sqlite3_bind_int64(stmt, 2, capture.raw.size());
        while (sqlite3_step(stmt) == SQLITE_ROW)
            candidates.append(sqlite3_column_int64(stmt, 0));
    }
    sqlite3_finalize(stmt);
    for (const qint64 id : candidates) {
        const std::optional<Capture> here = target.capture(id);
        if (here && here->raw == capture.raw)
            return true;
    }
    return false;
}

bool StoreMerger::copyOne(CaptureStore &target, qint64 sourceId, QString *error)
{
    const std::optional<Capture> capture = m_source.capture(sourceId);
    if (!capture)
        return true; // deleted from the other store meanwhile
    if (isDuplicate(target, *capture)) {
        ++m_skipped;
        return true;
    }
    sqlite3 *db = target.m_db;
    const QByteArray insert = "INSERT INTO main.captures (" + m_captureColumns + ") SELECT " +
                              m_captureColumns + " FROM " + Source + ".captures WHERE id = ?";
    sqlite3_stmt *stmt = nullptr;
    bool ok = sqlite3_prepare_v2(db, insert.constData(), -1, &stmt, nullptr) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_int64(stmt, 1, sourceId);
        ok = sqlite3_step(stmt) == SQLITE_DONE;
    }
    sqlite3_finalize(stmt);
    const qint64 newId = sqlite3_last_insert_rowid(db);
    stmt = nullptr;
    ok = ok && sqlite3_prepare_v2(db,
                                  "INSERT INTO main.capture_bytes (capture_id, raw, upload)"
                                  " VALUES (?, ?, NULL)",
                                  -1, &stmt, nullptr) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_int64(stmt, 1, newId);
        sqlite3_bind_blob64(stmt, 2, capture->raw.constData(), sqlite3_uint64(capture->raw.size()),
                            SQLITE_STATIC);
        ok = sqlite3_step(stmt) == SQLITE_DONE;
    }
    sqlite3_finalize(stmt);
    for (auto it = m_sideInsert.cbegin(); ok && it != m_sideInsert.cend(); ++it) {
        stmt = nullptr;
        ok = sqlite3_prepare_v2(db, it.value().constData(), -1, &stmt, nullptr) == SQLITE_OK;
        if (ok) {
            sqlite3_bind_int64(stmt, 1, newId);
            sqlite3_bind_int64(stmt, 2, sourceId);
            ok = sqlite3_step(stmt) == SQLITE_DONE;
        }
        sqlite3_finalize(stmt);
    }
    if (!ok)
        *error = QStringLiteral("Cannot merge capture %1 of %2: %3")
                     .arg(sourceId)
                     .arg(m_sourcePath, QString::fromUtf8(sqlite3_errmsg(db)));
    else
        ++m_copied;
    return ok;
}

bool StoreMerger::nextBatch(CaptureStore &target, QString *error)
{
    sqlite3 *db = target.m_db;
    QString why;
    QByteArray path = m_sourcePath.toUtf8();
    path.replace('\'', "''");
    if (!exec(db, "ATTACH '" + path + "' AS " + Source, &why)) {
        *error = QStringLiteral("Cannot read %1: %2").arg(m_sourcePath, why);
        return false;
    }
    const qint64 copied = m_copied, skipped = m_skipped;
    bool ok = prepareTables(target, error) && exec(db, "BEGIN IMMEDIATE", error);
    const qint64 end = qMin<qint64>(m_next + BatchSize, m_ids.size());
    for (qint64 i = m_next; ok && i < end; ++i)
        ok = copyOne(target, m_ids.at(i), error);
    if (ok && !exec(db, "COMMIT", error))
        ok = false;
    if (!ok) {
        exec(db, "ROLLBACK", &why);
        m_copied = copied; // the batch is undone as a whole
        m_skipped = skipped;
    } else {
        m_next = end;
    }
    exec(db, QByteArray("DETACH ") + Source, &why);
    return ok;
}
