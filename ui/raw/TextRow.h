#pragma once

#include "core/capture/ByteSpan.h"
#include "ui/raw/Utf8CellDecoder.h"

#include <QByteArray>
#include <QColor>
#include <QString>

#include <utility>
#include <vector>

class QPainter;

// The character cells of one text row with the column each starts at: the single place where the
// text view turns bytes into columns (painting, hit testing, cell rectangles, backgrounds).
class TextRow
{
public:
    struct Style
    {
        QColor text;
        QColor mark;              // tabs, line ends, controls
        QColor invalidText;       // \xNN
        bool lineEndMarks = true; // ␍ and ␊ for CR and LF (blank cells otherwise)
    };

    TextRow() = default;
    TextRow(const QByteArray &data, ByteSpan rowBytes);

    const std::vector<TextCell> &cells() const { return m_cells; }
    int cellCount() const { return int(m_cells.size()); }
    int columnOf(int cellIndex) const { return m_columns[size_t(cellIndex)]; }
    int columns() const { return m_columns.empty() ? 0 : m_columns.back(); }
    // Index of the cell holding the byte; -1 outside the row.
    int cellIndexOf(qint64 offset) const;
    // Index of the cell covering the column; -1 past the row's last cell or before column 0.
    int cellIndexAtColumn(int column) const;
    // Columns [first, second) of the cells holding any byte of `span`; first == second if none.
    std::pair<int, int> columnRange(ByteSpan span) const;

    // What the cell shows: its characters, a mark, "\xNN", or nothing (a blank line end).
    static QString glyphOf(const TextCell &cell, const char *bytes, bool lineEndMarks);
    // The row's glyphs in order, as painted.
    QString text(const QByteArray &data, bool lineEndMarks) const;

    // The tint behind bytes outside valid UTF-8 (drawn before highlights and selection).
    void paintInvalidBackgrounds(QPainter &painter, qreal originX, qreal top, qreal charWidth,
                                 int lineHeight, const QColor &color) const;
    // Draws the row's glyphs; column 0 is at originX, cells are charWidth wide.
    void paint(QPainter &painter, const QByteArray &data, qreal originX, qreal baseline,
               qreal charWidth, const Style &style) const;

private:
    std::vector<TextCell> m_cells;
    std::vector<int> m_columns; // start column of each cell, then the end column of the row
};
