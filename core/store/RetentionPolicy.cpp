#include "core/store/RetentionPolicy.h"

#include "core/store/CaptureStore.h"

#include <sqlite3.h>

QVector<qint64> RetentionPolicy::victims(const CaptureStore &store, qint64 keepFrom, bool *more,
                                         ByteTally *tally) const
{
    *more = false;
    QVector<qint64> ids;
    if (!m_limits.isSet() || !store.m_db)
        return ids;
    sqlite3 *db = store.m_db;
    // A bare count(*) is answered from the smallest index at once (about 2 ms for a million
    // captures); the bytes are summed only under a size limit, and then only those stored since
    // the tally's last id.
    const auto single = [db](const char *sql, qint64 bound, qint64 *second) {
        sqlite3_stmt *stmt = nullptr;
        qint64 value = 0;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
            if (sqlite3_bind_parameter_count(stmt) > 0)
                sqlite3_bind_int64(stmt, 1, bound);
            if (sqlite3_step(stmt) == SQLITE_ROW) {
                value = sqlite3_column_int64(stmt, 0);
                if (second)
                    *second = sqlite3_column_int64(stmt, 1);
            }
        }
        sqlite3_finalize(stmt);
        return value;
    };
    const qint64 count = single("SELECT count(*) FROM captures", 0, nullptr);
    qint64 bytes = 0;
    if (m_limits.maxMegabytes > 0) {
        ByteTally scratch;
        ByteTally &t = tally ? *tally : scratch;
        qint64 lastId = 0;
        const qint64 since = t.bytes < 0 ? 0 : t.upToId;
        const qint64 added = single("SELECT total(raw_size), coalesce(max(id), ?1) FROM captures"
                                    " WHERE id > ?1",
                                    since, &lastId);
        t.bytes = (t.bytes < 0 ? 0 : t.bytes) + added;
        t.upToId = lastId;
        bytes = t.bytes;
    }
    const qint64 extraCount =
        m_limits.maxCaptures > 0 ? qMax<qint64>(0, count - m_limits.maxCaptures) : 0;
    const qint64 extraBytes =
        m_limits.maxMegabytes > 0 ? qMax<qint64>(0, bytes - m_limits.maxBytes()) : 0;
    if (extraCount == 0 && extraBytes == 0)
        return ids;

    const bool marks = single("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name ="
                              " 'capture_marks'",
                              0, nullptr) > 0;
    const char *sql = marks
                          ? "SELECT id, raw_size FROM captures c WHERE id < ?1 AND NOT EXISTS"
                            " (SELECT 1 FROM capture_marks m WHERE m.capture_id = c.id AND"
                            " m.bookmarked != 0) ORDER BY id LIMIT ?2"
                          : "SELECT id, raw_size FROM captures WHERE id < ?1 ORDER BY id LIMIT ?2";
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return ids;
    }
    sqlite3_bind_int64(stmt, 1, keepFrom);
    sqlite3_bind_int(stmt, 2, BatchSize + 1);
    qint64 freedCount = 0, freedBytes = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        if (freedCount >= extraCount && freedBytes >= extraBytes)
            break;
        if (ids.size() == BatchSize) {
            *more = true;
            break;
        }
        ids.append(sqlite3_column_int64(stmt, 0));
        ++freedCount;
        freedBytes += sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    return ids;
}
