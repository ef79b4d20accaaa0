#pragma once

#include "core/capture/ByteSpan.h"
#include "ui/raw/Utf8CellDecoder.h"

#include <QByteArray>

#include <functional>
#include <vector>

// Visual rows of a byte buffer shown as text, counted in character cells (Utf8CellDecoder): a
// line ends after each '\n' (the '\n' belongs to the line it ends), and a line wider than
// wrapColumns cells continues on the next row, breaking only between cells, so a character's
// bytes never straddle two rows and painting a row never costs more than wrapColumns cells. The
// '\n' may sit one column past wrapColumns, so a line of exactly wrapColumns cells does not
// produce a row holding only its line break. There is no empty row after a trailing '\n'.
//
// build() is one pass over the buffer: memchr finds the lines, and runs of ASCII are counted with
// arithmetic, so only non-ASCII text is decoded. Only every kCheckpointInterval-th row start is
// stored, so a 50 MB body of short lines costs a few MB; the rows between two checkpoints are
// found by a short forward walk.
//
// An index may be partial: built up to a limit (the first screen of a big body, while the rest is
// built on a worker) or stopped by cancellation. It then holds the rows that start before
// indexedEnd(), and offsets past that have no row yet.
class LineIndex
{
public:
    static constexpr qint64 kCheckpointInterval = 64;

    // Builds the rows of `data`, stopping at the first row start at or past `stopAfter` (-1: no
    // limit) or when `cancelled` answers true (asked every few hundred KB). Returns whether the
    // whole buffer was indexed.
    bool build(const QByteArray &data, int wrapColumns, qint64 stopAfter = -1,
               const std::function<bool()> &cancelled = {});
    void clear();

    bool isEmpty() const { return m_rowCount == 0; }
    bool isComplete() const { return m_complete; }
    const QByteArray &data() const { return m_data; }
    int wrapColumns() const { return m_wrapColumns; }
    qint64 rowCount() const { return m_rowCount; }
    qint64 lineCount() const { return m_lineCount; }
    qint64 indexedEnd() const { return m_indexedEnd; }

    // Offset of the first byte of `row`; indexedEnd() when row == rowCount().
    qint64 rowStart(qint64 row) const;
    // Start of the row following the one starting at `rowStart` (the data size after the last).
    qint64 nextRowStart(qint64 rowStart) const;
    ByteSpan rowSpan(qint64 row) const;
    // Row holding the byte at `offset`; -1 when the offset is outside the indexed bytes.
    qint64 rowOfOffset(qint64 offset) const;
    // The character cell holding the byte at `offset`; a one-byte span outside the indexed bytes.
    TextCell cellAt(qint64 offset) const;

private:
    void addRows(qint64 start, qint64 rows);

    QByteArray m_data; // implicitly shared with the view: no copy of the payload
    int m_wrapColumns = 0;
    qint64 m_rowCount = 0;
    qint64 m_lineCount = 0;
    qint64 m_indexedEnd = 0;
    bool m_complete = true;
    qint64 m_nextCheckpointRow = 0;
    std::vector<qint64> m_checkpoints; // start offsets of rows 0, K, 2K, ...
};
