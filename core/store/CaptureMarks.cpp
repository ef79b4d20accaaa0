#include "core/store/CaptureMarks.h"

#include "core/store/CaptureStore.h"
#include "core/store/SqliteValues.h"

#include <QDateTime>

using namespace SqliteValues;

namespace {

// ?1 the capture id, ?2 the bookmark or the note, ?3 now (µs). The stamp is above every other
// row's, so that writes in the same microsecond still come in order.
const char *const SetBookmark =
    "INSERT INTO capture_marks (capture_id, bookmarked, updated_at)"
    " SELECT id, ?2, max(?3, coalesce((SELECT max(updated_at) FROM capture_marks), 0) + 1)"
    " FROM captures WHERE id = ?1"
    " ON CONFLICT (capture_id) DO UPDATE SET bookmarked = excluded.bookmarked,"
    " updated_at = excluded.updated_at";
const char *const SetNote =
    "INSERT INTO capture_marks (capture_id, note, updated_at)"
    " SELECT id, ?2, max(?3, coalesce((SELECT max(updated_at) FROM capture_marks), 0) + 1)"
    " FROM captures WHERE id = ?1"
    " ON CONFLICT (capture_id) DO UPDATE SET note = excluded.note,"
    " updated_at = excluded.updated_at";
const char *const Columns = "SELECT capture_id, bookmarked, coalesce(note, ''), updated_at"
                            " FROM capture_marks";

CaptureMark readMark(sqlite3_stmt *stmt)
{
    CaptureMark m;
    m.captureId = sqlite3_column_int64(stmt, 0);
    m.bookmarked = sqlite3_column_int(stmt, 1) != 0;
    m.note = columnText(stmt, 2);
    m.updatedAt = sqlite3_column_int64(stmt, 3);
    return m;
}

qint64 nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

} // namespace

bool CaptureMarks::upsert(qint64 id, const char *sql, const QString *note, bool bookmarked) const
{
    const Lent stmt(m_writing->prepared(sql));
    if (!stmt)
        return m_writing->setError(QStringLiteral("Cannot prepare a mark for capture %1").arg(id));
    sqlite3_bind_int64(stmt.get(), 1, id);
    if (!note)
        sqlite3_bind_int(stmt.get(), 2, bookmarked ? 1 : 0);
    else if (note->trimmed().isEmpty())
        sqlite3_bind_null(stmt.get(), 2);
    else
        bindText(stmt.get(), 2, *note);
    sqlite3_bind_int64(stmt.get(), 3, nowUs());
    if (sqlite3_step(stmt.get()) != SQLITE_DONE)
        return m_writing->setError(
            QStringLiteral("Cannot store the %1 of capture %2 in %3")
                .arg(note ? QStringLiteral("note") : QStringLiteral("bookmark"))
                .arg(id)
                .arg(m_store.path()));
    return true;
}

bool CaptureMarks::setBookmarked(const QVector<qint64> &ids, bool bookmarked) const
{
    if (!m_writing || !m_writing->exec("BEGIN IMMEDIATE"))
        return false;
    for (const qint64 id : ids) {
        if (!upsert(id, SetBookmark, nullptr, bookmarked)) {
            const QString why = m_writing->m_error;
            m_writing->exec("ROLLBACK");
            m_writing->m_error = why;
            return false;
        }
    }
    return m_writing->exec("COMMIT");
}

bool CaptureMarks::setNote(qint64 id, const QString &note) const
{
    return m_writing && upsert(id, SetNote, &note, false);
}

CaptureMark CaptureMarks::mark(qint64 id) const
{
    const Lent stmt(m_store.prepared("SELECT capture_id, bookmarked, coalesce(note, ''),"
                                     " updated_at FROM capture_marks WHERE capture_id = ?"));
    if (stmt) {
        sqlite3_bind_int64(stmt.get(), 1, id);
        if (sqlite3_step(stmt.get()) == SQLITE_ROW)
            return readMark(stmt.get());
    }
    CaptureMark none;
    none.captureId = id;
    return none;
}

QHash<qint64, CaptureMark> CaptureMarks::marksOf(const QVector<qint64> &ids) const
{
    QHash<qint64, CaptureMark> out;
    if (ids.isEmpty() || !m_store.m_db)
        return out;
    // The ids as a JSON array: one statement, one parameter, whatever the page's size.
    QByteArray list = "[";
    for (qsizetype i = 0; i < ids.size(); ++i)
        list += (i ? "," : "") + QByteArray::number(ids.at(i));
    list += ']';
    const QByteArray sql = QByteArray(Columns) +
                           " WHERE capture_id IN (SELECT value FROM json_each(?))"
                           " AND (bookmarked = 1 OR note IS NOT NULL)";
    const Statement stmt(m_store.m_db, sql.constData());
    if (!stmt)
        return out;
    sqlite3_bind_text(stmt.get(), 1, list.constData(), int(list.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
        const CaptureMark m = readMark(stmt.get());
        out.insert(m.captureId, m);
    }
    return out;
}

QVector<qint64> CaptureMarks::bookmarkedIds() const
{
    QVector<qint64> out;
    const Lent stmt(m_store.prepared(
        "SELECT capture_id FROM capture_marks WHERE bookmarked = 1 ORDER BY capture_id"));
    while (stmt && sqlite3_step(stmt.get()) == SQLITE_ROW)
        out.append(sqlite3_column_int64(stmt.get(), 0));
    return out;
}

QHash<qint64, CaptureMark> CaptureMarks::all() const
{
    QHash<qint64, CaptureMark> out;
    if (!m_store.m_db)
        return out;
    const QByteArray sql = QByteArray(Columns) + " WHERE bookmarked = 1 OR note IS NOT NULL";
    const Statement stmt(m_store.m_db, sql.constData());
    while (stmt && sqlite3_step(stmt.get()) == SQLITE_ROW) {
        const CaptureMark m = readMark(stmt.get());
        out.insert(m.captureId, m);
    }
    return out;
}
