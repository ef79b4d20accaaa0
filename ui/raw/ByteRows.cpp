#include "ui/raw/ByteRows.h"

#include "ui/raw/HexRow.h"
#include "ui/raw/LineIndex.h"

#include <algorithm>

namespace {

constexpr qint64 kHexBytes = HexRow::kBytesPerRow;

} // namespace

ByteRows::ByteRows(const QByteArray &data, bool hex, const LineIndex *lines)
    : m_data(data), m_hex(hex), m_lines(hex ? nullptr : lines)
{}

qint64 ByteRows::rowCount() const
{
    if (m_hex)
        return (m_data.size() + kHexBytes - 1) / kHexBytes;
    return m_lines ? m_lines->rowCount() : 0;
}

ByteSpan ByteRows::rowSpan(qint64 row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    if (!m_hex)
        return m_lines->rowSpan(row);
    const qint64 start = row * kHexBytes;
    return {start, std::min<qint64>(kHexBytes, m_data.size() - start)};
}

qint64 ByteRows::rowOfOffset(qint64 offset) const
{
    if (offset < 0 || offset >= m_data.size())
        return -1;
    if (m_hex)
        return offset / kHexBytes;
    return m_lines ? m_lines->rowOfOffset(offset) : -1;
}

ByteSpan ByteRows::unitAt(qint64 offset) const
{
    if (m_hex || !m_lines || offset < 0 || offset >= m_data.size())
        return {offset, 1};
    const TextCell cell = m_lines->cellAt(offset);
    return {cell.offset, cell.length};
}

TextRow ByteRows::textRow(qint64 row) const
{
    return TextRow(m_data, rowSpan(row));
}

std::pair<int, int> ByteRows::cellsOf(qint64 offset) const
{
    const qint64 row = rowOfOffset(offset);
    if (m_hex)
        return {HexRow(m_data.size()).cellOfColumn(int(offset - row * kHexBytes)), 2};
    const TextRow text = textRow(row);
    const int index = text.cellIndexOf(offset);
    if (index < 0)
        return {0, 1};
    return {text.columnOf(index), text.cells()[size_t(index)].columns};
}

qint64 ByteRows::offsetInRow(qint64 row, qint64 column) const
{
    const ByteSpan rowBytes = rowSpan(row);
    if (m_hex)
        return rowBytes.offset +
               std::clamp<qint64>(column, 0, std::max<qint64>(0, rowBytes.length - 1));
    // Text columns count cells: the character covering the column, or the row's last one.
    const TextRow text(m_data, rowBytes);
    if (text.cellCount() == 0)
        return rowBytes.offset;
    const int index =
        text.cellIndexAtColumn(int(std::clamp<qint64>(column, 0, std::max(0, text.columns() - 1))));
    return text.cells()[size_t(index < 0 ? text.cellCount() - 1 : index)].offset;
}

ByteRows::Hit ByteRows::hit(qint64 row, int cell) const
{
    if (row < 0 || row >= rowCount() || cell < 0)
        return {};
    const ByteSpan rowBytes = rowSpan(row);
    if (!m_hex) {
        const TextRow text(m_data, rowBytes);
        const int index = text.cellIndexAtColumn(cell);
        if (index < 0)
            return {};
        return {text.cells()[size_t(index)].offset, false};
    }
    const HexRow::Hit hit = HexRow(m_data.size()).hit(cell);
    if (hit.column < 0 || hit.column >= rowBytes.length)
        return {};
    return {rowBytes.offset + hit.column, hit.inHex};
}

qint64 ByteRows::nearest(qint64 row, int cell, bool inHex) const
{
    if (!m_hex)
        return offsetInRow(row, cell);
    return offsetInRow(row, HexRow(m_data.size()).nearestColumn(cell, inHex));
}
