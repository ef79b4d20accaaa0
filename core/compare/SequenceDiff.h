#pragma once

#include <QVector>
#include <QtGlobal>
#include <algorithm>
#include <optional>

// Myers' O(ND) difference algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986)
// over two sequences given by their lengths and an equality test on positions, with its cost
// bounded: it gives up (nullopt) past `maxEdits` insertions plus deletions or after `maxSteps`
// comparisons, so a caller falls back to a coarser diff instead of hanging on a 50 MB body.
// Memory is O(maxEdits²) integers for the trace (1,500 edits: about 18 MB).
//
// A hand-written diff rather than Debian's libdtl: dtl has no bound on its cost and keeps an
// element object per input element, a few GB for a 50 MB body.
class SequenceDiff
{
public:
    // A run of equal elements: left[left, left + length) equals right[right, right + length).
    struct Match
    {
        qint64 left = 0;
        qint64 right = 0;
        qint64 length = 0;
    };
    // A run where left[leftStart, leftEnd) was replaced by right[rightStart, rightEnd); either
    // range may be empty (pure insertion or deletion), never both.
    struct Hunk
    {
        qint64 leftStart = 0;
        qint64 leftEnd = 0;
        qint64 rightStart = 0;
        qint64 rightEnd = 0;
        bool operator==(const Hunk &o) const
        {
            return leftStart == o.leftStart && leftEnd == o.leftEnd && rightStart == o.rightStart &&
                   rightEnd == o.rightEnd;
        }
    };

    static constexpr qint64 DefaultMaxEdits = 1500;
    static constexpr qint64 DefaultMaxSteps = 60'000'000;

    // The equal runs of the shortest edit script, in order; nullopt when over a bound.
    template <class Equal>
    static std::optional<QVector<Match>> matches(qint64 n, qint64 m, Equal equal,
                                                 qint64 maxEdits = DefaultMaxEdits,
                                                 qint64 maxSteps = DefaultMaxSteps);

    // The gaps between the matches: what changed, in order.
    static QVector<Hunk> hunks(const QVector<Match> &matches, qint64 n, qint64 m);
};

template <class Equal>
std::optional<QVector<SequenceDiff::Match>> SequenceDiff::matches(qint64 n, qint64 m, Equal equal,
                                                                  qint64 maxEdits, qint64 maxSteps)
{
    const qint64 max = qMin(n + m, maxEdits);
    const qint64 offset = max + 1;
    QVector<qint64> v(2 * max + 3, 0);
    // trace[d] holds v[-d-1 .. d+1] as it was before step d (what the backtrack reads).
    QVector<QVector<qint64>> trace;
    qint64 steps = 0;
    qint64 found = -1;
    for (qint64 d = 0; d <= max && found < 0; ++d) {
        trace.append(QVector<qint64>(v.cbegin() + (offset - d - 1), v.cbegin() + (offset + d + 2)));
        for (qint64 k = -d; k <= d; k += 2) {
            qint64 x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                           ? v[offset + k + 1]
                           : v[offset + k - 1] + 1;
            qint64 y = x - k;
            while (x < n && y < m && equal(x, y)) {
                ++x;
                ++y;
                ++steps;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
        steps += d + 1;
        if (found < 0 && steps > maxSteps)
            return std::nullopt;
    }
    if (found < 0)
        return std::nullopt;

    QVector<Match> out;
    qint64 x = n, y = m;
    for (qint64 d = found; d >= 0; --d) {
        const QVector<qint64> &t = trace[d];
        const auto at = [&](qint64 k) { return t[k + d + 1]; };
        const qint64 k = x - y;
        const qint64 prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
        const qint64 prevX = d == 0 ? 0 : at(prevK);
        const qint64 prevY = d == 0 ? 0 : prevX - prevK;
        // the snake: from the end of the edit at (prevX, prevY) diagonally to (x, y)
        const qint64 startX = d == 0 ? 0 : (prevK == k + 1 ? prevX : prevX + 1);
        const qint64 length = x - startX;
        if (length > 0)
            out.append(Match{startX, y - length, length});
        x = prevX;
        y = prevY;
    }
    std::reverse(out.begin(), out.end());
    return out;
}
