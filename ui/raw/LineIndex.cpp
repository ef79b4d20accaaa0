#include "ui/raw/LineIndex.h"

#include <algorithm>
#include <cstring>

namespace {

// Offset just past the '\n' ending the line that starts at `start`, or `size`. A plain loop covers
// the first bytes because a memchr call per line dominates when lines are a few bytes long.
qint64 endOfLine(const char *bytes, qint64 start, qint64 size)
{
    constexpr qint64 kShortLine = 16;
    const qint64 shortEnd = std::min(size, start + kShortLine);
    for (qint64 i = start; i < shortEnd; ++i)
        if (bytes[i] == '\n')
            return i + 1;
    if (shortEnd == size)
        return size;
    const void *nl = std::memchr(bytes + shortEnd, '\n', size_t(size - shortEnd));
    return nl ? static_cast<const char *>(nl) - bytes + 1 : size;
}

} // namespace

void LineIndex::build(const QByteArray &data, int wrapColumns)
{
    clear();
    m_data = data;
    m_wrapColumns = std::max(1, wrapColumns);

    const char *bytes = m_data.constData();
    const qint64 size = m_data.size();
    const qint64 wrap = m_wrapColumns;
    m_checkpoints.reserve(size_t(size / (wrap * kCheckpointInterval) + 16));

    // Rows are counted per line with arithmetic rather than row by row, so a single 50 MB line
    // (minified JSON) costs one memchr pass.
    qint64 lineStart = 0;
    qint64 nextCheckpointRow = 0;
    while (lineStart < size) {
        const qint64 lineEnd = endOfLine(bytes, lineStart, size);
        const bool terminated = bytes[lineEnd - 1] == '\n';
        // A terminated line may put its '\n' as the (wrap + 1)-th byte of its last row.
        const qint64 wrappedLength = lineEnd - lineStart - (terminated ? 1 : 0);
        // Short lines skip the division: a body of tiny lines is where this loop's cost shows.
        const qint64 rows = wrappedLength <= wrap ? 1 : (wrappedLength + wrap - 1) / wrap;

        // Checkpoint rows falling inside this line start at whole multiples of `wrap`.
        for (; nextCheckpointRow < m_rowCount + rows; nextCheckpointRow += kCheckpointInterval)
            m_checkpoints.push_back(lineStart + (nextCheckpointRow - m_rowCount) * wrap);

        m_rowCount += rows;
        ++m_lineCount;
        lineStart = lineEnd;
    }
}

void LineIndex::clear()
{
    m_data.clear();
    m_wrapColumns = 0;
    m_rowCount = 0;
    m_lineCount = 0;
    m_checkpoints.clear();
}

qint64 LineIndex::nextRowStart(qint64 rowStart) const
{
    const qint64 size = m_data.size();
    if (rowStart >= size)
        return size;
    const qint64 window = std::min<qint64>(m_wrapColumns + 1, size - rowStart);
    const char *bytes = m_data.constData();
    if (const void *nl = std::memchr(bytes + rowStart, '\n', size_t(window)))
        return static_cast<const char *>(nl) - bytes + 1;
    return std::min<qint64>(rowStart + m_wrapColumns, size);
}

qint64 LineIndex::rowStart(qint64 row) const
{
    if (row <= 0)
        return 0;
    if (row >= m_rowCount)
        return m_data.size();
    qint64 start = m_checkpoints[size_t(row / kCheckpointInterval)];
    for (qint64 r = row % kCheckpointInterval; r > 0; --r)
        start = nextRowStart(start);
    return start;
}

ByteSpan LineIndex::rowSpan(qint64 row) const
{
    if (row < 0 || row >= m_rowCount)
        return {};
    const qint64 start = rowStart(row);
    return {start, nextRowStart(start) - start};
}

qint64 LineIndex::rowOfOffset(qint64 offset) const
{
    if (offset < 0 || offset >= m_data.size())
        return -1;
    const auto after = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), offset);
    const qint64 checkpoint = (after - m_checkpoints.begin()) - 1;
    qint64 row = checkpoint * kCheckpointInterval;
    qint64 start = m_checkpoints[size_t(checkpoint)];
    for (qint64 next = nextRowStart(start); next <= offset; next = nextRowStart(start)) {
        start = next;
        ++row;
    }
    return row;
}
