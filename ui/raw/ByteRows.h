#pragma once

#include "core/capture/ByteSpan.h"
#include "ui/raw/TextRow.h"

#include <QByteArray>

#include <utility>

class LineIndex;

// The rows of a ByteView in its mode, in bytes and grid cells, independent of scrolling: which
// bytes a row holds, the unit a byte belongs to (the byte itself in Hex mode, its character in
// Text mode) and the cells that unit covers. A cheap view over the data and the text index.
class ByteRows
{
public:
    // `lines` is the text index (Text mode) or null (Hex mode, or Text before any index).
    ByteRows(const QByteArray &data, bool hex, const LineIndex *lines);

    qint64 rowCount() const;
    ByteSpan rowSpan(qint64 row) const;
    // -1 outside the data or past the indexed rows.
    qint64 rowOfOffset(qint64 offset) const;
    ByteSpan unitAt(qint64 offset) const;
    TextRow textRow(qint64 row) const;
    // The grid cell the byte's unit starts at and how many cells it takes.
    std::pair<int, int> cellsOf(qint64 offset) const;
    // The unit's first byte at a column of a row (clamped into the row): a byte column in Hex
    // mode, a character column in Text mode.
    qint64 offsetInRow(qint64 row, qint64 column) const;

    struct Hit
    {
        qint64 offset = -1;
        bool inHex = false; // picked in the hex pane rather than the text (or ASCII) one
    };
    // The unit under a grid cell of a row; offset -1 for margins, gaps and space past the end.
    Hit hit(qint64 row, int cell) const;
    // The unit nearest to a grid cell of a row in one pane, for drags past the edges.
    qint64 nearest(qint64 row, int cell, bool inHex) const;

private:
    const QByteArray &m_data;
    bool m_hex;
    const LineIndex *m_lines;
};
