#include "ui/raw/LineIndex.h"

#include <algorithm>
#include <cstring>

namespace {

// Bytes looked at between two questions to `cancelled` and two checks of `stopAfter`.
constexpr qint64 kCheckEvery = 256 * 1024;
// A long line is taken in segments of about this many bytes, so ASCII runs are counted with
// arithmetic while a non-ASCII stretch costs only its own decoding.
constexpr qint64 kSegmentBytes = 64 * 1024;

constexpr qint64 kShortLine = 16;
// How far a line's end is searched for at a time.
constexpr qint64 kLineWindow = 256 * 1024;

// Offset just past the '\n' ending the line that starts at `start`, or `size`. A plain loop covers
// the first bytes because a memchr call per line dominates when lines are a few bytes long.
qint64 endOfLine(const char *bytes, qint64 start, qint64 size)
{
    const qint64 shortEnd = std::min(size, start + kShortLine);
    for (qint64 i = start; i < shortEnd; ++i)
        if (bytes[i] == '\n')
            return i + 1;
    if (shortEnd == size)
        return size;
    const void *nl = std::memchr(bytes + shortEnd, '\n', size_t(size - shortEnd));
    return nl ? static_cast<const char *>(nl) - bytes + 1 : size;
}

bool isAscii(const char *bytes, qint64 length)
{
    qint64 i = 0;
    for (; i + 8 <= length; i += 8) {
        quint64 word;
        std::memcpy(&word, bytes + i, 8);
        if (word & 0x8080808080808080ull)
            return false;
    }
    for (; i < length; ++i)
        if (uchar(bytes[i]) >= 0x80)
            return false;
    return true;
}

} // namespace

bool LineIndex::build(const QByteArray &data, int wrapColumns, qint64 stopAfter,
                      const std::function<bool()> &cancelled)
{
    clear();
    m_data = data;
    m_wrapColumns = std::max(1, wrapColumns);

    const char *bytes = m_data.constData();
    const qint64 size = m_data.size();
    const qint64 wrap = m_wrapColumns;
    const qint64 planned = stopAfter >= 0 ? std::min(stopAfter, size) : size;
    m_checkpoints.reserve(size_t(planned / (wrap * kCheckpointInterval) + 16));
    const qint64 segmentRows = std::max<qint64>(1, kSegmentBytes / wrap);

    qint64 pos = 0;
    qint64 lineEnd = 0;
    const qint64 limit = stopAfter >= 0 ? stopAfter : size;
    qint64 nextCheck = std::min(limit, kCheckEvery);
    auto stopHere = [&] {
        nextCheck = std::min(limit, pos + kCheckEvery);
        if (pos < limit && !(cancelled && cancelled()))
            return false;
        m_indexedEnd = pos;
        m_complete = pos >= size;
        return true;
    };
    // A line is searched for its end a window at a time, so a prefix build of one 50 MB line
    // does not scan all of it; `continuing` says the window ended inside the line.
    bool continuing = false;
    while (pos < size) {
        if (pos >= lineEnd && continuing && bytes[pos - 1] == '\n')
            continuing = false; // a row walk ended the line past the window
        if (pos >= lineEnd && !continuing) {
            // A short ASCII line, the bulk of a body of tiny lines, is one row found in one pass.
            const qint64 shortEnd = std::min(size, pos + std::min<qint64>(wrap, kShortLine));
            uchar seen = 0;
            qint64 i = pos;
            for (; i < shortEnd; ++i) {
                seen |= uchar(bytes[i]);
                if (bytes[i] == '\n')
                    break;
            }
            if (i < shortEnd && !(seen & 0x80)) {
                if (m_rowCount == m_nextCheckpointRow) {
                    m_checkpoints.push_back(pos);
                    m_nextCheckpointRow += kCheckpointInterval;
                }
                ++m_rowCount;
                ++m_lineCount;
                pos = lineEnd = i + 1;
                if (pos >= nextCheck && stopHere())
                    return m_complete;
                continue;
            }
            ++m_lineCount;
        }
        if (pos >= lineEnd) {
            const qint64 window = std::min(size, pos + kLineWindow);
            lineEnd = endOfLine(bytes, pos, window);
            continuing = bytes[lineEnd - 1] != '\n' && lineEnd < size;
        }
        const qint64 contentEnd = lineEnd - (bytes[lineEnd - 1] == '\n' ? 1 : 0);
        const qint64 segmentEnd = std::min(contentEnd, pos + segmentRows * wrap);
        // The byte after the segment joins the test: a mark there would belong to its last cell.
        const qint64 tested = std::min(size, segmentEnd + 1) - pos;
        bool walk = !isAscii(bytes + pos, tested);
        if (!walk && segmentEnd == contentEnd && !continuing) {
            const qint64 length = contentEnd - pos;
            addRows(pos, length <= wrap ? 1 : (length + wrap - 1) / wrap);
            pos = lineEnd;
        } else if (!walk) {
            const qint64 rows = (segmentEnd - pos) / wrap;
            addRows(pos, rows);
            pos += rows * wrap;
            walk = rows == 0; // less than a row left in the window
        }
        if (walk) {
            do {
                const qint64 next = nextRowStart(pos);
                addRows(pos, 1);
                pos = next;
            } while (pos < segmentEnd);
        }

        if (pos >= nextCheck && stopHere())
            return m_complete;
    }
    m_indexedEnd = size;
    m_complete = true;
    return true;
}

void LineIndex::addRows(qint64 start, qint64 rows)
{
    // Checkpoint rows falling inside a run of full ASCII rows start at whole multiples of `wrap`.
    for (; m_nextCheckpointRow < m_rowCount + rows; m_nextCheckpointRow += kCheckpointInterval)
        m_checkpoints.push_back(start + (m_nextCheckpointRow - m_rowCount) * m_wrapColumns);
    m_rowCount += rows;
}

void LineIndex::clear()
{
    m_data.clear();
    m_wrapColumns = 0;
    m_rowCount = 0;
    m_lineCount = 0;
    m_indexedEnd = 0;
    m_complete = true;
    m_nextCheckpointRow = 0;
    m_checkpoints.clear();
}

qint64 LineIndex::nextRowStart(qint64 rowStart) const
{
    const qint64 size = m_data.size();
    const char *bytes = m_data.constData();
    qint64 pos = rowStart;
    qint64 column = 0;
    while (pos < size) {
        // Plain ASCII bytes are one cell each; the last one before a non-ASCII byte is decoded
        // below since marks after it are part of its cell.
        const qint64 limit = std::min(size, pos + (m_wrapColumns - column));
        qint64 p = pos;
        while (p < limit && uchar(bytes[p]) < 0x80 && bytes[p] != '\n')
            ++p;
        if (p > pos && p < size && uchar(bytes[p]) >= 0x80)
            --p;
        column += p - pos;
        pos = p;
        if (pos >= size)
            break;
        if (bytes[pos] == '\n')
            return pos + 1; // the line break always fits, even one column past the wrap
        const TextCell cell = Utf8CellDecoder::cellAt(bytes, size, pos);
        if (column > 0 && column + cell.columns > m_wrapColumns)
            break;
        column += cell.columns;
        pos = cell.end();
    }
    return pos;
}

qint64 LineIndex::rowStart(qint64 row) const
{
    if (row <= 0)
        return 0;
    if (row >= m_rowCount)
        return m_indexedEnd;
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
    if (offset < 0 || offset >= m_indexedEnd)
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

TextCell LineIndex::cellAt(qint64 offset) const
{
    const qint64 row = rowOfOffset(offset);
    if (row < 0) {
        TextCell single;
        single.offset = offset;
        single.length = 1;
        single.columns = 1;
        return single;
    }
    const char *bytes = m_data.constData();
    const qint64 size = m_data.size();
    for (qint64 pos = rowStart(row);;) {
        const TextCell cell = Utf8CellDecoder::cellAt(bytes, size, pos);
        if (cell.end() > offset)
            return cell;
        pos = cell.end();
    }
}
