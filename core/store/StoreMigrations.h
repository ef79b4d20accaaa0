#pragma once

#include <QByteArray>
#include <QString>

struct sqlite3;

// The SQL that takes a store from schema version N-1 to N. Steps are never edited once released:
// a change is a new step.
class StoreMigrations
{
public:
    static QByteArray step(int toVersion);

    // Brings the store on `db` to `toVersion` in one write transaction that begins before the
    // version is read (BEGIN IMMEDIATE), so that two processes opening a new store at once do not
    // both create it: the second waits (busy timeout), then finds it migrated. All steps or none.
    // Refuses a store newer than `toVersion`. `path` is for the messages.
    static bool migrate(sqlite3 *db, int toVersion, const QString &path, QString *error);

    static int userVersion(sqlite3 *db); // -1 when it cannot be read
};
