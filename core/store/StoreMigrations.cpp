#include "core/store/StoreMigrations.h"

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
    default:
        return {};
    }
}
