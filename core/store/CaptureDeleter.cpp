#include "core/store/CaptureDeleter.h"

#include "core/store/CaptureStore.h"
#include "core/store/LargeCaptureFiles.h"

#include <sqlite3.h>

namespace {

QByteArray quoted(const QString &name)
{
    QByteArray q = name.toUtf8();
    q.replace('"', "\"\"");
    return '"' + q + '"';
}

// The first column of a statement's rows, as text; finalizes it.
QStringList names(sqlite3_stmt *stmt)
{
    QStringList list;
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        list.append(
            QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))));
    sqlite3_finalize(stmt);
    return list;
}

} // namespace

QStringList CaptureDeleter::sideTables(sqlite3 *db, const char *schema)
{
    // pragma_table_info takes the schema as its second argument.
    const QByteArray sql = QByteArray("SELECT s.name FROM ") + schema +
                           ".sqlite_schema s WHERE s.type = 'table' AND s.name != 'captures'"
                           " AND s.name NOT LIKE 'sqlite_%' AND EXISTS (SELECT 1 FROM"
                           " pragma_table_info(s.name, ?) WHERE name = 'capture_id')"
                           " ORDER BY s.name";
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr) == SQLITE_OK)
        sqlite3_bind_text(stmt, 1, schema, -1, SQLITE_STATIC);
    return names(stmt);
}

QStringList CaptureDeleter::columns(sqlite3 *db, const char *schema, const QString &table)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray t = table.toUtf8();
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?, ?) ORDER BY cid", -1, &stmt,
                           nullptr) == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, t.constData(), int(t.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, schema, -1, SQLITE_STATIC);
    }
    return names(stmt);
}

bool CaptureDeleter::run(const QByteArray &sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_store.m_db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    m_error = QString::fromUtf8(message ? message : sqlite3_errmsg(m_store.m_db));
    sqlite3_free(message);
    return false;
}

bool CaptureDeleter::fail(const QString &what)
{
    const QString why = m_error;
    sqlite3_exec(m_store.m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    m_error = QStringLiteral("Cannot %1 in %2: %3").arg(what, m_store.path(), why);
    return false;
}

qint64 CaptureDeleter::single(const char *sql) const
{
    sqlite3_stmt *stmt = nullptr;
    qint64 value = 0;
    if (sqlite3_prepare_v2(m_store.m_db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

bool CaptureDeleter::deleteDoomed()
{
    m_removedCount = single("SELECT count(*) FROM captures WHERE id IN"
                            " (SELECT id FROM temp.doomed_captures)");
    m_removedBytes = single("SELECT total(raw_size) FROM captures WHERE id IN"
                            " (SELECT id FROM temp.doomed_captures)");
    m_uploads.clear();
    sqlite3_stmt *uploads = nullptr;
    if (sqlite3_prepare_v2(m_store.m_db,
                           "SELECT upload FROM capture_bytes WHERE upload IS NOT NULL AND"
                           " capture_id IN (SELECT id FROM temp.doomed_captures)",
                           -1, &uploads, nullptr) == SQLITE_OK) {
        while (sqlite3_step(uploads) == SQLITE_ROW)
            m_uploads.append(sqlite3_column_int64(uploads, 0));
    }
    sqlite3_finalize(uploads);
    // The chunks first: capture_bytes names their upload.
    QByteArray sql = "DELETE FROM capture_chunks WHERE upload IN (SELECT upload FROM"
                     " capture_bytes WHERE upload IS NOT NULL AND capture_id IN"
                     " (SELECT id FROM temp.doomed_captures));";
    for (const QString &table : sideTables(m_store.m_db))
        sql += "DELETE FROM " + quoted(table) +
               " WHERE capture_id IN (SELECT id FROM temp.doomed_captures);";
    sql += "DELETE FROM captures WHERE id IN (SELECT id FROM temp.doomed_captures);"
           "DELETE FROM temp.doomed_captures;";
    if (!run(sql))
        return false;
    m_maxIdAfter = single("SELECT coalesce(max(id), 0) FROM captures");
    return true;
}

bool CaptureDeleter::remove(const QVector<qint64> &ids)
{
    m_removedCount = m_removedBytes = 0;
    if (!run("BEGIN IMMEDIATE;"
             "CREATE TEMP TABLE IF NOT EXISTS doomed_captures (id INTEGER PRIMARY KEY);"
             "DELETE FROM temp.doomed_captures;"))
        return fail(QStringLiteral("delete captures"));
    sqlite3_stmt *insert = nullptr;
    bool ok = sqlite3_prepare_v2(m_store.m_db,
                                 "INSERT OR IGNORE INTO temp.doomed_captures (id) VALUES (?)", -1,
                                 &insert, nullptr) == SQLITE_OK;
    for (qsizetype i = 0; ok && i < ids.size(); ++i) {
        sqlite3_reset(insert);
        sqlite3_bind_int64(insert, 1, ids.at(i));
        ok = sqlite3_step(insert) == SQLITE_DONE;
    }
    if (!ok)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_store.m_db));
    sqlite3_finalize(insert);
    if (!ok || !deleteDoomed() || !commit())
        return fail(QStringLiteral("delete captures"));
    return true;
}

bool CaptureDeleter::removeAll(qint64 upToId)
{
    m_removedCount = m_removedBytes = 0;
    const QByteArray upTo = QByteArray::number(upToId);
    if (!run("BEGIN IMMEDIATE;"
             "CREATE TEMP TABLE IF NOT EXISTS doomed_captures (id INTEGER PRIMARY KEY);"
             "DELETE FROM temp.doomed_captures;"
             "INSERT INTO temp.doomed_captures (id) SELECT id FROM captures WHERE id <= " +
             upTo + ";") ||
        !deleteDoomed() || !commit())
        return fail(QStringLiteral("clear the captures"));
    return true;
}

bool CaptureDeleter::commit()
{
    if (!run("COMMIT"))
        return false;
    // Removed only now: until the commit the rows still referred to them. A process killed
    // in between leaves them unreferenced, and the next open removes them.
    LargeCaptureFiles(m_store.path()).remove(m_uploads);
    m_uploads.clear();
    return true;
}

bool CaptureDeleter::shrink()
{
    // VACUUM refuses to run beside a statement of this connection still stepping (a cached
    // query left on a row); none of them holds anything the writer needs.
    for (sqlite3_stmt *s = sqlite3_next_stmt(m_store.m_db, nullptr); s;
         s = sqlite3_next_stmt(m_store.m_db, s)) {
        if (sqlite3_stmt_busy(s))
            sqlite3_reset(s);
    }
    if (!run("VACUUM"))
        return fail(QStringLiteral("shrink the store"));
    // A reader still on an old snapshot may keep part of the WAL; the next checkpoint gets it.
    run("PRAGMA wal_checkpoint(TRUNCATE)");
    m_error.clear();
    return true;
}
