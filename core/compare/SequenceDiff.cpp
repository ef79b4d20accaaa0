#include "core/compare/SequenceDiff.h"

QVector<SequenceDiff::Hunk> SequenceDiff::hunks(const QVector<Match> &matches, qint64 n, qint64 m)
{
    QVector<Hunk> out;
    qint64 x = 0, y = 0;
    const auto gap = [&](qint64 toX, qint64 toY) {
        if (toX > x || toY > y)
            out.append(Hunk{x, toX, y, toY});
    };
    for (const Match &match : matches) {
        gap(match.left, match.right);
        x = match.left + match.length;
        y = match.right + match.length;
    }
    gap(n, m);
    return out;
}
