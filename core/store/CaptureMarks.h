#pragma once

#include "core/store/CaptureMark.h"

#include <QHash>
#include <QVector>

class CaptureStore;

// Bookmarks and notes on captures (table capture_marks, schema 8), on a store's connection. The
// writes need the writing connection (through the session's StoreWriter); reads work on any.
// Each write stamps its rows' updated_at with a value above every one before it, so that the
// search indexer can re-index the notes changed since it last looked (NoteIndex).
class CaptureMarks
{
public:
    explicit CaptureMarks(CaptureStore &store) : m_store(store), m_writing(&store) {}
    // Reads only: the writes fail.
    explicit CaptureMarks(const CaptureStore &store) : m_store(store) {}

    // Sets or clears the bookmark of each of these captures, in one transaction; ids not stored
    // are left out. False with the store's errorString() set.
    bool setBookmarked(const QVector<qint64> &ids, bool bookmarked) const;
    // Sets the note (an empty or blank one clears it).
    bool setNote(qint64 id, const QString &note) const;

    CaptureMark mark(qint64 id) const; // an empty mark when none was set
    // The marks of these ids that hold a bookmark or a note (any order; up to a page at a time).
    QHash<qint64, CaptureMark> marksOf(const QVector<qint64> &ids) const;
    QVector<qint64> bookmarkedIds() const; // ascending
    // Every capture's mark that holds a bookmark or a note.
    QHash<qint64, CaptureMark> all() const;

private:
    bool upsert(qint64 id, const char *sql, const QString *note, bool bookmarked) const;

    const CaptureStore &m_store;
    CaptureStore *m_writing = nullptr;
};
