#pragma once

#include <QString>

struct sqlite3;

// The notes' part of the search index (SearchIndex): the FTS5 table `capture_notes(note)`
// (rowid = capture id) in the index file, kept up to date from the store's capture_marks by the
// search indexer. The index remembers the last updated_at it copied (`index_state` key
// `notes_up_to`); each sync copies the notes changed since, in order, a batch per transaction,
// so a note set or cleared is searchable once the indexer has looked again, and an index
// rebuilt from nothing holds every note.
class NoteIndex
{
public:
    static constexpr int BatchSize = 1000;

    // `store` reads the store (read-only is enough), `index` writes the index file. Returns how
    // many notes were copied, or -1 with *error naming the problem.
    static int sync(sqlite3 *store, sqlite3 *index, QString *error);
};
