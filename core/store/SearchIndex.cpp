#include "core/store/SearchIndex.h"

#include <sqlite3.h>

QString SearchIndex::pathFor(const QString &storePath)
{
    return storePath + QStringLiteral("-search");
}

bool SearchIndex::createSchema(sqlite3 *db, QString *error, const char *schema)
{
    const QByteArray s(schema);
    const QByteArray sql =
        "CREATE VIRTUAL TABLE IF NOT EXISTS " + s +
        ".capture_text USING fts5(head, body, content='',"
        " tokenize='unicode61 remove_diacritics 2');"
        "CREATE TABLE IF NOT EXISTS " +
        s +
        ".capture_meta (capture_id INTEGER PRIMARY KEY, event_type TEXT NOT NULL);"
        "CREATE INDEX IF NOT EXISTS " +
        s +
        ".capture_meta_type ON capture_meta(event_type);"
        "CREATE VIRTUAL TABLE IF NOT EXISTS " +
        s +
        ".capture_notes USING fts5(note, tokenize='unicode61 remove_diacritics 2');"
        "CREATE TABLE IF NOT EXISTS " +
        s +
        ".index_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
        "INSERT OR IGNORE INTO " +
        s + ".index_state (key, value) VALUES ('indexed_up_to', 0), ('notes_up_to', 0);";
    char *message = nullptr;
    if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    *error = QString::fromUtf8(message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return false;
}

qint64 SearchIndex::indexedUpTo(sqlite3 *db, const char *schema)
{
    const QByteArray sql =
        QByteArray("SELECT value FROM ") + schema + ".index_state WHERE key = 'indexed_up_to'";
    sqlite3_stmt *stmt = nullptr;
    qint64 value = 0;
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

QString SearchIndex::phrase(const QString &text, bool prefix)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"') +
           (prefix ? QStringLiteral("*") : QString());
}
