#include "core/store/ForwardOutbox.h"

#include "core/store/CaptureStore.h"
#include "core/store/SqliteValues.h"

#include <QDateTime>

using namespace SqliteValues;

namespace {

const char *const Columns =
    "id, capture_id, endpoint, kind, target, state, attempts, next_attempt_ms, updated_ms, "
    "error_code, error_message, event_id, http_status, elapsed_ms, response, note";

OutboxEntry readEntry(sqlite3_stmt *stmt)
{
    OutboxEntry e;
    e.id = sqlite3_column_int64(stmt, 0);
    e.captureId = sqlite3_column_int64(stmt, 1);
    e.endpointId = columnText(stmt, 2);
    e.kind = columnText(stmt, 3);
    e.target = columnText(stmt, 4);
    OutboxEntry::stateFromName(columnText(stmt, 5), &e.state);
    e.attempts = sqlite3_column_int(stmt, 6);
    e.nextAttemptMs = sqlite3_column_int64(stmt, 7);
    e.updatedMs = sqlite3_column_int64(stmt, 8);
    e.errorCode = columnText(stmt, 9);
    e.errorMessage = columnText(stmt, 10);
    e.eventId = columnText(stmt, 11);
    e.httpStatus = sqlite3_column_int(stmt, 12);
    e.elapsedMs = sqlite3_column_int(stmt, 13);
    e.response = columnBytes(stmt, 14);
    e.note = columnText(stmt, 15);
    return e;
}

QVector<OutboxEntry> readAll(sqlite3_stmt *stmt)
{
    QVector<OutboxEntry> rows;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        rows.append(readEntry(stmt));
    return rows;
}

} // namespace

bool ForwardOutbox::insert(qint64 captureId, const QString &endpointId,
                           const QList<OutboxEntry> &entries) const
{
    sqlite3_stmt *stmt = m_store.prepared(
        "INSERT INTO forward_outbox (capture_id, endpoint, kind, target, state, next_attempt_ms, "
        "updated_ms, error_code, error_message, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const OutboxEntry &e : entries) {
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, captureId);
        bindText(stmt, 2, endpointId);
        bindText(stmt, 3, e.kind);
        bindText(stmt, 4, e.target);
        bindText(stmt, 5, OutboxEntry::stateName(e.state));
        sqlite3_bind_int64(stmt, 6, e.nextAttemptMs);
        sqlite3_bind_int64(stmt, 7, now);
        bindText(stmt, 8, e.errorCode);
        bindText(stmt, 9, e.errorMessage);
        bindText(stmt, 10, e.note);
        if (sqlite3_step(stmt) != SQLITE_DONE)
            return false;
    }
    return true;
}

QVector<OutboxEntry> ForwardOutbox::due(qint64 nowMs, int limit, const QVector<qint64> &busy) const
{
    const QByteArray sql = QByteArray("SELECT ") + Columns +
                           " FROM forward_outbox INDEXED BY forward_outbox_open WHERE state IN "
                           "('queued', 'retrying') AND next_attempt_ms <= ? AND kind != 'proxy' "
                           "ORDER BY next_attempt_ms, id LIMIT ?";
    Statement stmt(m_store.m_db, sql.constData());
    if (!stmt)
        return {};
    sqlite3_bind_int64(stmt.get(), 1, nowMs);
    sqlite3_bind_int(stmt.get(), 2, limit + int(busy.size())); // busy rows are skipped below
    QVector<OutboxEntry> rows;
    for (const OutboxEntry &e : readAll(stmt.get())) {
        if (!busy.contains(e.id) && rows.size() < limit)
            rows.append(e);
    }
    return rows;
}

qint64 ForwardOutbox::nextDueMs(qint64 afterMs) const
{
    Statement stmt(m_store.m_db, "SELECT min(next_attempt_ms) FROM forward_outbox INDEXED BY "
                                 "forward_outbox_open WHERE state IN "
                                 "('queued', 'retrying') AND kind != 'proxy' AND "
                                 "next_attempt_ms > ?");
    if (stmt)
        sqlite3_bind_int64(stmt.get(), 1, afterMs);
    if (!stmt || sqlite3_step(stmt.get()) != SQLITE_ROW ||
        sqlite3_column_type(stmt.get(), 0) == SQLITE_NULL)
        return -1;
    return sqlite3_column_int64(stmt.get(), 0);
}

QVector<OutboxEntry> ForwardOutbox::list(qint64 captureId, const OutboxEntry::State *state,
                                         int limit) const
{
    // Only the conditions that apply, so SQLite uses forward_outbox(capture_id) or
    // forward_outbox(state, capture_id) instead of scanning every row (the app's timeline and
    // dead-letter view ask this over large outboxes).
    const QByteArray sql = QByteArray("SELECT ") + Columns + " FROM forward_outbox WHERE " +
                           (captureId != 0 ? "capture_id = ?1" : "?1 = 0") + " AND " +
                           (state ? "state = ?2" : "?2 IS NULL") +
                           " ORDER BY capture_id DESC, id LIMIT ?3";
    Statement stmt(m_store.m_db, sql.constData());
    if (!stmt)
        return {};
    sqlite3_bind_int64(stmt.get(), 1, captureId);
    if (state)
        bindText(stmt.get(), 2, OutboxEntry::stateName(*state));
    sqlite3_bind_int(stmt.get(), 3, limit);
    return readAll(stmt.get());
}

bool ForwardOutbox::update(const OutboxEntry &e) const
{
    sqlite3_stmt *stmt = m_store.prepared(
        "UPDATE forward_outbox SET state = ?, attempts = ?, next_attempt_ms = ?, updated_ms = ?, "
        "error_code = ?, error_message = ?, event_id = ?, http_status = ?, elapsed_ms = ?, "
        "response = ?, note = ? WHERE id = ?");
    if (!stmt)
        return false;
    sqlite3_reset(stmt);
    bindText(stmt, 1, OutboxEntry::stateName(e.state));
    sqlite3_bind_int(stmt, 2, e.attempts);
    sqlite3_bind_int64(stmt, 3, e.nextAttemptMs);
    sqlite3_bind_int64(stmt, 4, QDateTime::currentMSecsSinceEpoch());
    bindText(stmt, 5, e.errorCode);
    bindText(stmt, 6, e.errorMessage);
    bindText(stmt, 7, e.eventId);
    sqlite3_bind_int(stmt, 8, e.httpStatus);
    sqlite3_bind_int(stmt, 9, e.elapsedMs);
    bindBytes(stmt, 10, e.response);
    bindText(stmt, 11, e.note);
    sqlite3_bind_int64(stmt, 12, e.id);
    return sqlite3_step(stmt) == SQLITE_DONE;
}

int ForwardOutbox::retryDead(const QVector<qint64> &captureIds, bool allDead) const
{
    Statement stmt(m_store.m_db,
                   "UPDATE forward_outbox SET state = 'queued', attempts = 0, next_attempt_ms = 0, "
                   "updated_ms = ?1 WHERE state = 'dead' AND (?2 OR capture_id = ?3)");
    if (!stmt)
        return -1;
    sqlite3_bind_int64(stmt.get(), 1, QDateTime::currentMSecsSinceEpoch());
    sqlite3_bind_int(stmt.get(), 2, allDead ? 1 : 0);
    int changed = 0;
    const QVector<qint64> ids = allDead ? QVector<qint64>{0} : captureIds;
    for (const qint64 id : ids) {
        sqlite3_reset(stmt.get());
        sqlite3_bind_int64(stmt.get(), 3, id);
        if (sqlite3_step(stmt.get()) != SQLITE_DONE)
            return -1;
        changed += sqlite3_changes(m_store.m_db);
    }
    return changed;
}
