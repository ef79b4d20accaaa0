#include "ui/raw/TextRow.h"

#include <QPainter>
#include <QString>

#include <algorithm>

namespace {

constexpr char16_t kCarriageReturnMark = u'\u240D'; // ␍
constexpr char16_t kLineFeedMark = u'\u240A';       // ␊
constexpr char16_t kTabMark = u'\u2192';            // →
constexpr char16_t kDeleteMark = u'\u2421';         // ␡
constexpr char16_t kOtherMark = u'\u00B7';          // ·
constexpr char kHexDigits[] = "0123456789abcdef";

// The mark drawn for a cell that has no glyph of its own; null for none.
QChar markOf(const TextCell &cell, bool lineEndMarks)
{
    switch (cell.kind) {
    case TextCell::Kind::Tab:
        return QChar(kTabMark);
    case TextCell::Kind::CarriageReturn:
        return lineEndMarks ? QChar(kCarriageReturnMark) : QChar();
    case TextCell::Kind::LineFeed:
        return lineEndMarks ? QChar(kLineFeedMark) : QChar();
    case TextCell::Kind::Control:
        if (cell.codePoint < 0x20)
            return QChar(char16_t(0x2400 + cell.codePoint)); // control pictures
        return QChar(cell.codePoint == 0x7f ? kDeleteMark : kOtherMark);
    case TextCell::Kind::Format:
        return QChar(kOtherMark);
    default:
        return QChar();
    }
}

} // namespace

TextRow::TextRow(const QByteArray &data, ByteSpan rowBytes)
{
    const char *bytes = data.constData();
    const qint64 size = data.size();
    const qint64 end = std::min<qint64>(rowBytes.end(), size);
    int column = 0;
    for (qint64 pos = rowBytes.offset; pos < end;) {
        TextCell cell = Utf8CellDecoder::cellAt(bytes, size, pos);
        m_cells.push_back(cell);
        m_columns.push_back(column);
        column += cell.columns;
        pos = cell.end();
    }
    m_columns.push_back(column);
}

int TextRow::cellIndexOf(qint64 offset) const
{
    const auto after = std::upper_bound(m_cells.begin(), m_cells.end(), offset,
                                        [](qint64 o, const TextCell &c) { return o < c.offset; });
    if (after == m_cells.begin())
        return -1;
    const auto cell = std::prev(after);
    return offset < cell->end() ? int(cell - m_cells.begin()) : -1;
}

int TextRow::cellIndexAtColumn(int column) const
{
    if (column < 0 || column >= columns())
        return -1;
    const auto after = std::upper_bound(m_columns.begin(), m_columns.end() - 1, column);
    return int(after - m_columns.begin()) - 1;
}

std::pair<int, int> TextRow::columnRange(ByteSpan span) const
{
    if (m_cells.empty() || span.isEmpty())
        return {0, 0};
    const qint64 rowStart = m_cells.front().offset;
    const qint64 rowEnd = m_cells.back().end();
    const qint64 first = std::max(span.offset, rowStart);
    const qint64 last = std::min(span.end(), rowEnd) - 1;
    if (last < first)
        return {0, 0};
    const int firstCell = cellIndexOf(first);
    const int lastCell = cellIndexOf(last);
    return {m_columns[size_t(firstCell)], m_columns[size_t(lastCell) + 1]};
}

QString TextRow::glyphOf(const TextCell &cell, const char *bytes, bool lineEndMarks)
{
    switch (cell.kind) {
    case TextCell::Kind::Ascii:
        return QString(QLatin1Char(bytes[cell.offset]));
    case TextCell::Kind::Char:
        return QString::fromUtf8(bytes + cell.offset, cell.length);
    case TextCell::Kind::Invalid: {
        const uchar byte = uchar(bytes[cell.offset]);
        const char escaped[] = {'\\', 'x', kHexDigits[byte >> 4], kHexDigits[byte & 0xf]};
        return QLatin1String(escaped, 4);
    }
    default: {
        const QChar mark = markOf(cell, lineEndMarks);
        return mark.isNull() ? QString() : QString(mark);
    }
    }
}

QString TextRow::text(const QByteArray &data, bool lineEndMarks) const
{
    QString text;
    for (const TextCell &cell : m_cells)
        text += glyphOf(cell, data.constData(), lineEndMarks);
    return text;
}

void TextRow::paintInvalidBackgrounds(QPainter &painter, qreal originX, qreal top, qreal charWidth,
                                      int lineHeight, const QColor &color) const
{
    for (size_t i = 0; i < m_cells.size(); ++i)
        if (m_cells[i].kind == TextCell::Kind::Invalid)
            painter.fillRect(QRectF(originX + m_columns[i] * charWidth, top,
                                    m_cells[i].columns * charWidth, lineHeight),
                             color);
}

void TextRow::paint(QPainter &painter, const QByteArray &data, qreal originX, qreal baseline,
                    qreal charWidth, const Style &style) const
{
    const char *bytes = data.constData();
    auto x = [&](int column) { return originX + column * charWidth; };

    // Runs of plain ASCII are drawn as one string: the fixed-pitch font keeps them on the grid.
    // Everything else is drawn alone at its own cell, since a fallback font may have another
    // advance and must not shift the cells after it.
    QString run;
    int runStart = 0;
    auto flush = [&] {
        if (run.isEmpty())
            return;
        painter.setPen(style.text);
        painter.drawText(QPointF(x(runStart), baseline), run);
        run.clear();
    };
    for (size_t i = 0; i < m_cells.size(); ++i) {
        const TextCell &cell = m_cells[i];
        const int column = m_columns[i];
        if (cell.kind == TextCell::Kind::Ascii) {
            if (run.isEmpty())
                runStart = column;
            run.append(QLatin1Char(bytes[cell.offset]));
            continue;
        }
        flush();
        const QString glyph = glyphOf(cell, bytes, style.lineEndMarks);
        if (glyph.isEmpty())
            continue;
        painter.setPen(cell.kind == TextCell::Kind::Char      ? style.text
                       : cell.kind == TextCell::Kind::Invalid ? style.invalidText
                                                              : style.mark);
        painter.drawText(QPointF(x(column), baseline), glyph);
    }
    flush();
}
