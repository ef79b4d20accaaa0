#pragma once

#include "core/capture/Durability.h"

#include <QString>

struct sqlite3;

// Opens a store's SQLite connection, for writing or for reading only. Each returns nullptr and
// sets *error (one line naming the file and the problem) on failure.
class StoreOpener
{
public:
    static constexpr int BusyTimeoutMs = 5000;

    // Creates the file and its folder when missing, switches to WAL, sets the durability and
    // migrates to `schemaVersion`. Refuses a store it could only read ("The store … is
    // read-only: …") instead of failing at the first capture.
    static sqlite3 *openForWriting(const QString &path, Durability durability, int schemaVersion,
                                   QString *error);

    // Never writes the store: SQLITE_OPEN_READONLY, no pragma that writes, no schema created, no
    // migration, no checkpoint (a leftover WAL is read, not folded into the file). Refuses a file
    // that is not a Hookbench store of `schemaVersion` (an empty file included).
    //
    // Reading a WAL store needs its -shm index: SQLite creates an empty -wal and the -shm beside
    // the store when they are missing and the folder allows (the store file is never touched). In
    // a read-only folder with no -wal file there is nothing in a WAL to read and no writer (a
    // writer keeps its -wal until it closes), so the file is opened immutable=1. A -wal file
    // without a -shm in a read-only folder cannot be read in place: refused, saying so.
    static sqlite3 *openReadOnly(const QString &path, int schemaVersion, QString *error);

    // Before the process's first SQLite connection (every open here calls it; other code that
    // opens one calls it first): turns off SQLite's memory statistics, which take one
    // process-wide mutex on every allocation, so the writer, the search indexer and the
    // readers on their threads no longer queue on it. Once per process; later calls do nothing.
    static void configureLibrary();
};
