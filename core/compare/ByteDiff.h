#pragma once

#include "core/capture/ByteSpan.h"

#include <QByteArray>
#include <QString>
#include <QVector>

// The differences between two byte buffers (request bodies) as aligned hunks: byte by byte
// (Myers) where that is affordable, else line by line, else the differing middle as one hunk,
// with a note saying which. The common prefix and suffix are taken off first in linear time, so
// one changed value in a 50 MB body is still found exactly and at once.
class ByteDiff
{
public:
    enum class Granularity
    {
        Identical, // no hunks
        Bytes,
        Lines,
        Whole // one hunk from the first to the last differing byte
    };
    struct Hunk
    {
        ByteSpan left;  // these bytes of the left buffer...
        ByteSpan right; // ...were replaced by these of the right one (either may be empty)
    };
    struct Limits
    {
        qint64 maxByteLevel = 1024 * 1024; // differing middle (both sides) aligned byte by byte
        qint64 maxEdits = 1500;            // insertions plus deletions, bytes or lines
        qint64 maxSteps = 60'000'000;      // comparisons one alignment may make
    };

    static ByteDiff compare(const QByteArray &left, const QByteArray &right);
    static ByteDiff compare(const QByteArray &left, const QByteArray &right, const Limits &limits);

    Granularity granularity() const { return m_granularity; }
    const QVector<Hunk> &hunks() const { return m_hunks; }
    QString note() const { return m_note; } // why the diff is coarser than bytes; empty if not
    QList<ByteSpan> leftSpans() const;      // the non-empty left sides, to highlight
    QList<ByteSpan> rightSpans() const;
    qint64 leftChangedBytes() const;
    qint64 rightChangedBytes() const;
    QString summary() const; // "Identical bodies", "3 differences (12 bytes left, 9 right)"

private:
    Granularity m_granularity = Granularity::Identical;
    QVector<Hunk> m_hunks;
    QString m_note;
};
