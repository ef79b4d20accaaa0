#include "core/store/StoreMigrations.h"

#include <sqlite3.h>

namespace {

bool exec(sqlite3 *db, const char *sql, QString *error)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    *error = QString::fromUtf8(message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return false;
}

} // namespace

QByteArray StoreMigrations::step(int toVersion)
{
    switch (toVersion) {
    case 1:
        return "CREATE TABLE captures ("
               " id INTEGER PRIMARY KEY,"
               " received_us INTEGER NOT NULL,"
               " peer TEXT NOT NULL,"
               " method BLOB NOT NULL,"
               " target BLOB NOT NULL,"
               " endpoint TEXT NOT NULL,"
               " content_type BLOB NOT NULL,"
               " raw_size INTEGER NOT NULL,"
               " body_size INTEGER NOT NULL,"
               " status INTEGER NOT NULL,"
               " parse_error TEXT NOT NULL,"
               " raw BLOB NOT NULL);";
    case 2:
        // The raw bytes move to their own table so that paging the list never reads them,
        // and verdicts get a table beside the (immutable) captures.
        return "CREATE TABLE capture_bytes ("
               " capture_id INTEGER PRIMARY KEY REFERENCES captures(id) ON DELETE CASCADE,"
               " raw BLOB NOT NULL);"
               "INSERT INTO capture_bytes (capture_id, raw) SELECT id, raw FROM captures;"
               "ALTER TABLE captures DROP COLUMN raw;"
               "CREATE INDEX captures_endpoint ON captures(endpoint, id);"
               "CREATE TABLE verdicts ("
               " capture_id INTEGER PRIMARY KEY REFERENCES captures(id) ON DELETE CASCADE,"
               " computed_us INTEGER NOT NULL,"
               " valid INTEGER NOT NULL,"
               " reason TEXT NOT NULL,"
               " verdict_json BLOB NOT NULL);";
    case 3:
        // Delivery ids let a replayed or retried event be recognised.
        return "ALTER TABLE captures ADD COLUMN delivery_id BLOB NOT NULL DEFAULT x'';"
               "CREATE INDEX captures_delivery ON captures(delivery_id, id) WHERE delivery_id != "
               "x'';";
    case 4:
        // A large capture is written as chunks, each in a transaction of its own, so storing it
        // never holds up the commits of other senders' captures; its row in capture_bytes then
        // names the upload whose chunks hold its bytes. The application id lets file managers
        // recognise a store (resources/mime).
        return "CREATE TABLE capture_chunks ("
               " id INTEGER PRIMARY KEY,"
               " upload INTEGER NOT NULL,"
               " seq INTEGER NOT NULL,"
               " bytes BLOB NOT NULL);"
               "CREATE UNIQUE INDEX capture_chunks_upload ON capture_chunks(upload, seq);"
               "ALTER TABLE capture_bytes ADD COLUMN upload INTEGER;"
               "CREATE INDEX capture_bytes_upload ON capture_bytes(upload) WHERE upload IS NOT "
               "NULL;"
               "PRAGMA application_id = 1212891726;"; // 0x484B424E, "HKBN"
    case 5:
        // The forward outbox: one row per capture and target, written in the capture's own
        // transaction, so a forward is never lost between the answer and its delivery.
        return "CREATE TABLE forward_outbox ("
               " id INTEGER PRIMARY KEY,"
               " capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,"
               " endpoint TEXT NOT NULL,"
               " kind TEXT NOT NULL,"
               " target TEXT NOT NULL,"
               " state TEXT NOT NULL,"
               " attempts INTEGER NOT NULL DEFAULT 0,"
               " next_attempt_ms INTEGER NOT NULL DEFAULT 0,"
               " updated_ms INTEGER NOT NULL,"
               " error_code TEXT NOT NULL DEFAULT '',"
               " error_message TEXT NOT NULL DEFAULT '',"
               " event_id TEXT NOT NULL DEFAULT '',"
               " http_status INTEGER NOT NULL DEFAULT 0,"
               " elapsed_ms INTEGER NOT NULL DEFAULT 0,"
               " response BLOB NOT NULL DEFAULT x'',"
               " note TEXT NOT NULL DEFAULT '');"
               "CREATE INDEX forward_outbox_open ON forward_outbox(next_attempt_ms, id)"
               " WHERE state IN ('queued', 'retrying');"
               "CREATE INDEX forward_outbox_capture ON forward_outbox(capture_id);"
               "CREATE INDEX forward_outbox_state ON forward_outbox(state, capture_id);";
    case 6:
        // Imported captures: where each came from (file, shape, entry) and what of it could not
        // be rebuilt exactly (a JSON array of sentences). Listener captures have no row here.
        return "CREATE TABLE capture_origins ("
               " capture_id INTEGER PRIMARY KEY REFERENCES captures(id) ON DELETE CASCADE,"
               " source TEXT NOT NULL,"
               " format TEXT NOT NULL,"
               " entry INTEGER NOT NULL,"
               " imported_us INTEGER NOT NULL,"
               " not_rebuilt TEXT NOT NULL DEFAULT '[]');";
    case 7:
        // The event type a delivery announces (EventType; empty when none says, and for
        // captures stored before this version), and the indexes the request list sorts by
        // (CaptureOrder): time, status, size (those two dropped again in 10), and the
        // verdict's rank, whose expression is CaptureOrder::verdictRankSql() exactly.
        return "ALTER TABLE captures ADD COLUMN event_type TEXT NOT NULL DEFAULT '';"
               "CREATE INDEX captures_received ON captures(received_us);"
               "CREATE INDEX captures_status ON captures(status);"
               "CREATE INDEX captures_size ON captures(raw_size);"
               "CREATE INDEX verdicts_rank ON verdicts(CASE reason WHEN 'ok' THEN 4 WHEN "
               "'no_secret' THEN 3 WHEN 'timestamp_outside_tolerance' THEN 2 ELSE 1 END);";
    case 8:
        // Bookmarks and notes (CaptureMarks), beside the immutable captures: one row a capture
        // once either was set (cleared ones stay, bookmarked 0 and note NULL). updated_at is in
        // microseconds and strictly increasing over the table, so the search indexer reads
        // the notes changed since it last looked (NoteIndex).
        return "CREATE TABLE capture_marks ("
               " capture_id INTEGER PRIMARY KEY REFERENCES captures(id) ON DELETE CASCADE,"
               " bookmarked INTEGER NOT NULL DEFAULT 0,"
               " note TEXT,"
               " updated_at INTEGER NOT NULL);"
               "CREATE INDEX capture_marks_bookmarked ON capture_marks(capture_id)"
               " WHERE bookmarked = 1;"
               "CREATE INDEX capture_marks_updated ON capture_marks(updated_at);";
    case 9:
        // A large capture's bytes are a file beside the store (LargeCaptureFiles), named by the
        // upload its capture_bytes row refers to; capture_chunks keeps those of earlier versions.
        // Nothing in the tables changes, but a version that looks for chunks only must not
        // open a store that holds such files.
        return {};
    case 10:
        // Every index on captures costs each commit a page written to the WAL and, at the
        // checkpoint, to the database and the disk: with four of them that was nearly half of a
        // commit's frames under bench/ingest.sh's load. Status and size have no ranges to answer
        // (the list sorts by them with a scan sorted in memory, on its worker, and status:
        // filters read the rows they check anyway), so their indexes go; time keeps its own, for
        // the timeline's buckets and the before:/after: ranges.
        return "DROP INDEX IF EXISTS captures_status;"
               "DROP INDEX IF EXISTS captures_size;";
    default:
        return {};
    }
}

int StoreMigrations::userVersion(sqlite3 *db)
{
    sqlite3_stmt *stmt = nullptr;
    int version = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return version;
}

bool StoreMigrations::migrate(sqlite3 *db, int toVersion, const QString &path, QString *error)
{
    QString why;
    if (!exec(db, "BEGIN IMMEDIATE", &why)) {
        *error = QStringLiteral("Cannot open the store %1 for writing: %2").arg(path, why);
        return false;
    }
    QString problem;
    const int from = userVersion(db);
    if (from < 0) {
        problem = QStringLiteral("Cannot read the schema version of %1: %2")
                      .arg(path, QString::fromUtf8(sqlite3_errmsg(db)));
    } else if (from > toVersion) {
        problem = QStringLiteral("The store %1 has schema version %2, newer than this Hookbench "
                                 "understands (%3)")
                      .arg(path)
                      .arg(from)
                      .arg(toVersion);
    }
    for (int version = from + 1; problem.isEmpty() && version <= toVersion; ++version) {
        const QByteArray sql = step(version) + "PRAGMA user_version=" + QByteArray::number(version);
        if (!exec(db, sql.constData(), &why))
            problem = QStringLiteral("Migrating %1 to schema version %2 failed: %3")
                          .arg(path)
                          .arg(version)
                          .arg(why);
    }
    if (problem.isEmpty() && !exec(db, "COMMIT", &why))
        problem = QStringLiteral("Migrating %1 failed: %2").arg(path, why);
    if (problem.isEmpty())
        return true;
    exec(db, "ROLLBACK", &why);
    *error = problem;
    return false;
}
