#pragma once

#include "core/capture/ByteSpan.h"

#include <QByteArray>

#include <vector>

// Visual rows of a byte buffer shown as text: a line ends after each '\n' (the '\n' belongs to the
// line it ends), and a line longer than wrapColumns bytes is wrapped into rows of wrapColumns
// bytes, so painting a row never costs more than wrapColumns cells. A row may hold
// wrapColumns + 1 bytes when the extra byte is the '\n', so a line of exactly wrapColumns
// characters does not produce a row holding only its line break. There is no empty row after a
// trailing '\n'.
//
// build() is one memchr pass over the buffer. Only every kCheckpointInterval-th row start is
// stored, so a 50 MB body of short lines costs a few MB; the rows between two checkpoints are
// found by a short forward scan.
class LineIndex
{
public:
    static constexpr qint64 kCheckpointInterval = 64;

    void build(const QByteArray &data, int wrapColumns);
    void clear();

    bool isEmpty() const { return m_rowCount == 0; }
    int wrapColumns() const { return m_wrapColumns; }
    qint64 rowCount() const { return m_rowCount; }
    qint64 lineCount() const { return m_lineCount; }

    // Offset of the first byte of `row`; the data size when row == rowCount().
    qint64 rowStart(qint64 row) const;
    // Start of the row following the one starting at `rowStart` (the data size after the last).
    qint64 nextRowStart(qint64 rowStart) const;
    ByteSpan rowSpan(qint64 row) const;
    // Row holding the byte at `offset`; -1 when the offset is outside the data.
    qint64 rowOfOffset(qint64 offset) const;

private:
    QByteArray m_data; // implicitly shared with the view: no copy of the payload
    int m_wrapColumns = 0;
    qint64 m_rowCount = 0;
    qint64 m_lineCount = 0;
    std::vector<qint64> m_checkpoints; // start offsets of rows 0, K, 2K, ...
};
