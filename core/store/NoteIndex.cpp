#include "core/store/NoteIndex.h"

#include "core/store/SqliteValues.h"

#include <QByteArray>

using namespace SqliteValues;

namespace {

int fail(sqlite3 *db, const char *what, QString *error)
{
    *error = QStringLiteral("Cannot %1 the notes' search index: %2")
                 .arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(db)));
    return -1;
}

} // namespace

int NoteIndex::sync(sqlite3 *store, sqlite3 *index, QString *error)
{
    const Statement upTo(index, "SELECT value FROM index_state WHERE key = 'notes_up_to'");
    if (!upTo || sqlite3_step(upTo.get()) != SQLITE_ROW)
        return fail(index, "read", error);
    qint64 from = sqlite3_column_int64(upTo.get(), 0);
    int copied = 0;
    const Statement changed(store, "SELECT capture_id, note, updated_at FROM capture_marks"
                                   " WHERE updated_at > ? ORDER BY updated_at LIMIT ?");
    const Statement remove(index, "DELETE FROM capture_notes WHERE rowid = ?");
    const Statement insert(index, "INSERT INTO capture_notes (rowid, note) VALUES (?, ?)");
    const Statement state(index, "UPDATE index_state SET value = ? WHERE key = 'notes_up_to'");
    if (!changed)
        return fail(store, "read", error);
    if (!remove || !insert || !state)
        return fail(index, "prepare", error);
    while (true) {
        sqlite3_reset(changed.get());
        sqlite3_bind_int64(changed.get(), 1, from);
        sqlite3_bind_int(changed.get(), 2, BatchSize);
        int rc = sqlite3_step(changed.get());
        if (rc != SQLITE_ROW) { // nothing changed since: the index file is not written
            sqlite3_reset(changed.get());
            return rc == SQLITE_DONE ? copied : fail(store, "read", error);
        }
        if (sqlite3_exec(index, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail(index, "write", error);
        qint64 last = from;
        bool ok = true;
        int rows = 0;
        for (; ok && rc == SQLITE_ROW; rc = sqlite3_step(changed.get())) {
            ++rows;
            const qint64 id = sqlite3_column_int64(changed.get(), 0);
            last = sqlite3_column_int64(changed.get(), 2);
            sqlite3_reset(remove.get());
            sqlite3_bind_int64(remove.get(), 1, id);
            ok = sqlite3_step(remove.get()) == SQLITE_DONE;
            if (ok && sqlite3_column_type(changed.get(), 1) != SQLITE_NULL) {
                sqlite3_reset(insert.get());
                sqlite3_bind_int64(insert.get(), 1, id);
                bindText(insert.get(), 2, columnText(changed.get(), 1));
                ok = sqlite3_step(insert.get()) == SQLITE_DONE;
            }
        }
        sqlite3_reset(changed.get()); // ends the read of the store's snapshot
        if (ok) {
            sqlite3_reset(state.get());
            sqlite3_bind_int64(state.get(), 1, last);
            ok = sqlite3_step(state.get()) == SQLITE_DONE;
        }
        if (!ok || sqlite3_exec(index, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
            fail(index, "write", error);
            sqlite3_exec(index, "ROLLBACK", nullptr, nullptr, nullptr);
            return -1;
        }
        copied += rows;
        if (rows < BatchSize)
            return copied;
        from = last;
    }
}
