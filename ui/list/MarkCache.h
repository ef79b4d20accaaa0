#pragma once

#include "core/store/CaptureMark.h"

#include <QHash>
#include <QVector>

class CaptureStore;

// The request list's bookmarks and notes: every capture that has one, read when the store
// opens (they are few: set by hand) and again for the captures whose marks were stored since
// (CaptureSession::marksChanged), so the list's star and tooltips never read SQLite a row at a
// time.
class MarkCache
{
public:
    void load(const CaptureStore &store);
    void reload(const CaptureStore &store, const QVector<qint64> &ids);
    void clear() { m_marks.clear(); }

    bool isBookmarked(qint64 id) const { return m_marks.value(id).bookmarked; }
    QString note(qint64 id) const { return m_marks.value(id).note; }
    CaptureMark mark(qint64 id) const;
    int count() const { return int(m_marks.size()); }

    // A cell's tooltip with the note below it.
    static QString toolTip(const QString &cell, const QString &note);

private:
    QHash<qint64, CaptureMark> m_marks; // only captures with a bookmark or a note
};
