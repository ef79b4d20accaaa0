#pragma once

#include <QByteArray>
#include <QString>

struct sqlite3;

// The full-text search index of a store: its own SQLite file beside the store
// (`captures.sqlite-search` for `captures.sqlite`), written only by SearchIndexer, so capturing
// never waits for it. It holds an FTS5 table `capture_text(head, body)` (rowid = capture id;
// contentless), `capture_meta(capture_id, event_type)`, the notes' FTS5 table
// `capture_notes(note)` (NoteIndex) and `index_state` (the last capture id indexed, the last
// note change copied). Queries ATTACH it read-only as `search` (CaptureSearch).
//
// `head` is the request line then one line per header, each written as
// `HeaderMark name ValueMark value`, so `header:NAME` is the phrase "HeaderMark NAME ValueMark"
// and matches that header name exactly (not a longer one).
class SearchIndex
{
public:
    static constexpr qint64 MaxBodyBytes = 1024 * 1024; // of each body, indexed as UTF-8 text
    static constexpr const char *HeaderMark = "hbhdr0";
    static constexpr const char *ValueMark = "hbval0";

    static QString pathFor(const QString &storePath);
    // Creates the schema when missing (on a connection open for writing); false with *error.
    static bool createSchema(sqlite3 *db, QString *error, const char *schema = "main");
    // The last capture id indexed (0 for none) of the database attached as `schema`.
    static qint64 indexedUpTo(sqlite3 *db, const char *schema = "main");
    // An FTS5 phrase of `text` ("..." with quotes doubled); `prefix` makes its last token a
    // prefix.
    static QString phrase(const QString &text, bool prefix = false);
};
