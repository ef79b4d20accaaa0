#include "core/compare/HeaderDiff.h"

#include "core/compare/SequenceDiff.h"

#include <QHash>
#include <QObject>
#include <algorithm>
#include <limits>

namespace {

QVector<QByteArray> lowerNames(const QList<HeaderField> &headers)
{
    QVector<QByteArray> out;
    out.reserve(headers.size());
    for (const HeaderField &h : headers)
        out.append(h.name.toLower());
    return out;
}

} // namespace

HeaderDiff HeaderDiff::compare(const QList<HeaderField> &left, const QList<HeaderField> &right)
{
    const QVector<QByteArray> ln = lowerNames(left), rn = lowerNames(right);
    QVector<int> pairOfLeft(ln.size(), -1), pairOfRight(rn.size(), -1);
    QVector<bool> moved(ln.size(), false);
    const auto pair = [&](const QVector<SequenceDiff::Match> &matches, qint64 leftFrom,
                          qint64 rightFrom) {
        for (const SequenceDiff::Match &m : matches) {
            for (qint64 i = 0; i < m.length; ++i) {
                pairOfLeft[leftFrom + m.left + i] = int(rightFrom + m.right + i);
                pairOfRight[rightFrom + m.right + i] = int(leftFrom + m.left + i);
            }
        }
    };
    // Header lists are short (the listener caps them), so the alignments' bounds are never met.
    constexpr qint64 NoBound = std::numeric_limits<qint64>::max();
    // First the headers sent alike (name in any case, same value), then, in each gap between
    // those, the same names with other values: so of two X-Forwarded-For the one whose value
    // stayed is the one kept.
    const auto alike = SequenceDiff::matches(
        ln.size(), rn.size(),
        [&](qint64 i, qint64 j) { return ln[i] == rn[j] && left[i].value == right[j].value; },
        ln.size() + rn.size(), NoBound);
    const QVector<SequenceDiff::Match> same = alike.value_or(QVector<SequenceDiff::Match>());
    pair(same, 0, 0);
    for (const SequenceDiff::Hunk &gap : SequenceDiff::hunks(same, ln.size(), rn.size())) {
        const qint64 n = gap.leftEnd - gap.leftStart, m = gap.rightEnd - gap.rightStart;
        const auto byName = SequenceDiff::matches(
            n, m,
            [&](qint64 i, qint64 j) { return ln[gap.leftStart + i] == rn[gap.rightStart + j]; },
            n + m, NoBound);
        pair(byName.value_or(QVector<SequenceDiff::Match>()), gap.leftStart, gap.rightStart);
    }
    // Left over on both sides with the same name: the same header, moved. The k-th leftover of a
    // name on the left pairs with the k-th on the right.
    QHash<QByteArray, QVector<int>> unpairedRight;
    for (int j = 0; j < rn.size(); ++j) {
        if (pairOfRight[j] < 0)
            unpairedRight[rn[j]].append(j);
    }
    for (int i = 0; i < ln.size(); ++i) {
        if (pairOfLeft[i] >= 0)
            continue;
        auto it = unpairedRight.find(ln[i]);
        if (it == unpairedRight.end() || it->isEmpty())
            continue;
        const int j = it->takeFirst();
        pairOfLeft[i] = j;
        pairOfRight[j] = i;
        moved[i] = true;
    }

    QHash<QByteArray, int> leftCount, rightCount;
    for (const QByteArray &name : ln)
        ++leftCount[name];
    for (const QByteArray &name : rn)
        ++rightCount[name];

    HeaderDiff diff;
    const auto addRow = [&](int i, int j, bool isMoved) {
        Row row;
        row.left = i;
        row.right = j;
        row.moved = isMoved;
        const QByteArray &name = i >= 0 ? ln[i] : rn[j];
        row.duplicate = leftCount.value(name) > 1 || rightCount.value(name) > 1;
        if (row.duplicate && !diff.m_duplicates.contains(QString::fromLatin1(name)))
            diff.m_duplicates.append(QString::fromLatin1(name));
        if (i < 0) {
            row.change = Change::Added;
        } else if (j < 0) {
            row.change = Change::Removed;
        } else {
            row.recased = left[i].name != right[j].name;
            row.change = left[i].value == right[j].value ? Change::Same : Change::ValueChanged;
        }
        diff.m_rows.append(row);
    };
    // Rows follow the left side; a right-only header comes where its side reaches it, and a
    // moved one sits at its place on the left.
    int j = 0;
    for (int i = 0; i < ln.size(); ++i) {
        if (pairOfLeft[i] >= 0 && !moved[i]) {
            for (; j < pairOfLeft[i]; ++j) {
                if (pairOfRight[j] < 0)
                    addRow(-1, j, false);
            }
            j = pairOfLeft[i] + 1;
        }
        addRow(i, pairOfLeft[i], moved[i]);
    }
    for (; j < rn.size(); ++j) {
        if (pairOfRight[j] < 0)
            addRow(-1, j, false);
    }
    return diff;
}

bool HeaderDiff::identical() const
{
    for (const Row &row : m_rows) {
        if (row.change != Change::Same || row.recased || row.moved)
            return false;
    }
    return true;
}

int HeaderDiff::count(Change change) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [change](const Row &r) { return r.change == change; }));
}

int HeaderDiff::recasedCount() const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.recased; }));
}

int HeaderDiff::movedCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.moved; }));
}

QStringList HeaderDiff::duplicateNames() const
{
    return m_duplicates;
}

QString HeaderDiff::summary() const
{
    if (identical())
        return m_duplicates.isEmpty()
                   ? QObject::tr("Identical headers")
                   : QObject::tr("Identical headers; repeated: %1").arg(m_duplicates.join(", "));
    QStringList parts;
    const auto part = [&](int n, const char *text) {
        if (n > 0)
            parts.append(QObject::tr(text, nullptr, n));
    };
    part(count(Change::ValueChanged), "%n changed");
    part(count(Change::Added), "%n added");
    part(count(Change::Removed), "%n removed");
    part(recasedCount(), "%n re-cased");
    part(movedCount(), "%n moved");
    QString text = parts.join(QStringLiteral(", "));
    if (!m_duplicates.isEmpty())
        text += QObject::tr("; repeated: %1").arg(m_duplicates.join(", "));
    return text;
}
