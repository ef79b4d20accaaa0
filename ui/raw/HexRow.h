#pragma once

#include "core/capture/ByteSpan.h"

#include <QtGlobal>

class QPainter;
class QPalette;

// The hex dump's grid of one row: the offset column (kOffsetDigits or more hex digits), two
// spaces, 16 bytes as hex pairs three cells apart (an extra gap after the 8th), two spaces, and
// the same bytes as ASCII ('.' for anything else). Maps byte columns to cells and back.
class HexRow
{
public:
    static constexpr int kBytesPerRow = 16;

    // The grid for a buffer of `dataSize` bytes (wider offsets past 4 GB).
    explicit HexRow(qint64 dataSize);

    int hexStartCell() const { return m_digits + 2; }
    int asciiStartCell() const { return hexStartCell() + kBytesPerRow * 3 + 2; }
    int endCell() const { return asciiStartCell() + kBytesPerRow; }
    // First of the byte's two hex cells.
    int cellOfColumn(int column) const;

    struct Hit
    {
        int column = -1; // -1 for the offset column, gaps and margins
        bool inHex = true;
    };
    // The byte a cell belongs to: a hex byte owns its two digits and the space after them; the
    // middle gap belongs to nobody.
    Hit hit(int cell) const;
    // The byte column nearest to a cell in one pane (for drags past the edges); may be out of
    // range, callers clamp.
    int nearestColumn(int cell, bool inHex) const;

    // Draws the row; cell 0 is at originX.
    void paint(QPainter &painter, const QByteArray &data, ByteSpan rowBytes, qreal originX,
               qreal baseline, qreal charWidth, const QPalette &palette) const;

private:
    int m_digits = 8;
};
