#include "core/compare/ByteDiff.h"

#include "core/compare/SequenceDiff.h"

#include <QHash>
#include <QLocale>
#include <QObject>
#include <cstring>

namespace {

// [start, end) of each line of data[from, to), a line ending after its '\n'.
QVector<ByteSpan> lines(const QByteArray &data, qint64 from, qint64 to)
{
    QVector<ByteSpan> out;
    qint64 start = from;
    while (start < to) {
        const qint64 nl = data.indexOf('\n', start);
        const qint64 end = (nl < 0 || nl >= to) ? to : nl + 1;
        out.append({start, end - start});
        start = end;
    }
    return out;
}

// A changed run of lines at most this long is aligned byte by byte, with at most this many edits.
constexpr qint64 RefineBytes = 16 * 1024;
constexpr qint64 RefineEdits = 256;

QString bytes(qint64 n)
{
    return QLocale::c().toString(n);
}

} // namespace

ByteDiff ByteDiff::compare(const QByteArray &left, const QByteArray &right)
{
    return compare(left, right, Limits());
}

ByteDiff ByteDiff::compare(const QByteArray &left, const QByteArray &right, const Limits &limits)
{
    ByteDiff diff;
    if (left == right)
        return diff;
    const qint64 n = left.size(), m = right.size();
    qint64 prefix = 0;
    while (prefix < n && prefix < m && left[prefix] == right[prefix])
        ++prefix;
    qint64 suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix &&
           left[n - 1 - suffix] == right[m - 1 - suffix])
        ++suffix;
    const qint64 ln = n - prefix - suffix, rn = m - prefix - suffix;
    const auto add = [&](qint64 l0, qint64 l1, qint64 r0, qint64 r1) {
        diff.m_hunks.append(Hunk{ByteSpan{l0, l1 - l0}, ByteSpan{r0, r1 - r0}});
    };

    if (ln == 0 || rn == 0) { // a pure insertion or deletion: nothing to align
        diff.m_granularity = Granularity::Bytes;
        add(prefix, prefix + ln, prefix, prefix + rn);
        return diff;
    }
    if (ln + rn <= limits.maxByteLevel) {
        const char *l = left.constData() + prefix;
        const char *r = right.constData() + prefix;
        const auto matches = SequenceDiff::matches(
            ln, rn, [l, r](qint64 i, qint64 j) { return l[i] == r[j]; }, limits.maxEdits,
            limits.maxSteps);
        if (matches) {
            diff.m_granularity = Granularity::Bytes;
            for (const SequenceDiff::Hunk &h : SequenceDiff::hunks(*matches, ln, rn))
                add(prefix + h.leftStart, prefix + h.leftEnd, prefix + h.rightStart,
                    prefix + h.rightEnd);
            return diff;
        }
        diff.m_note = QObject::tr("More than %1 bytes differ: the differences are aligned by line")
                          .arg(bytes(limits.maxEdits));
    } else {
        diff.m_note = QObject::tr("The differing part is %1 bytes: the differences are aligned by "
                                  "line, not byte by byte")
                          .arg(bytes(ln + rn));
    }

    // Line by line over the differing middle, extended to whole lines.
    qint64 from = prefix;
    while (from > 0 && left[from - 1] != '\n')
        --from;
    qint64 lTo = n - suffix, rTo = m - suffix;
    while (lTo < n && rTo < m && (left[lTo - 1] != '\n' || right[rTo - 1] != '\n')) {
        ++lTo; // the suffix is common, so both sides extend alike
        ++rTo;
    }
    const QVector<ByteSpan> ll = lines(left, from, lTo), rl = lines(right, from, rTo);
    QVector<size_t> lh(ll.size()), rh(rl.size());
    for (qsizetype i = 0; i < ll.size(); ++i)
        lh[i] = qHashBits(left.constData() + ll[i].offset, size_t(ll[i].length));
    for (qsizetype i = 0; i < rl.size(); ++i)
        rh[i] = qHashBits(right.constData() + rl[i].offset, size_t(rl[i].length));
    const auto equal = [&](qint64 i, qint64 j) {
        return lh[i] == rh[j] && ll[i].length == rl[j].length &&
               memcmp(left.constData() + ll[i].offset, right.constData() + rl[j].offset,
                      size_t(ll[i].length)) == 0;
    };
    const auto matches =
        SequenceDiff::matches(ll.size(), rl.size(), equal, limits.maxEdits, limits.maxSteps);
    if (matches) {
        diff.m_granularity = Granularity::Lines;
        const auto leftAt = [&](qint64 line) { return line < ll.size() ? ll[line].offset : lTo; };
        const auto rightAt = [&](qint64 line) { return line < rl.size() ? rl[line].offset : rTo; };
        // Each changed run of lines is then aligned byte by byte where that stays cheap, so a
        // changed value is marked as itself, not as its whole line; the budget is shared.
        qint64 budget = limits.maxSteps;
        for (const SequenceDiff::Hunk &h : SequenceDiff::hunks(*matches, ll.size(), rl.size())) {
            const qint64 l0 = leftAt(h.leftStart), l1 = leftAt(h.leftEnd);
            const qint64 r0 = rightAt(h.rightStart), r1 = rightAt(h.rightEnd);
            std::optional<QVector<SequenceDiff::Match>> bytes;
            if (l1 > l0 && r1 > r0 && (l1 - l0) + (r1 - r0) <= RefineBytes && budget > 0) {
                const char *l = left.constData() + l0;
                const char *r = right.constData() + r0;
                qint64 steps = 0;
                bytes = SequenceDiff::matches(
                    l1 - l0, r1 - r0,
                    [l, r, &steps](qint64 i, qint64 j) {
                        ++steps;
                        return l[i] == r[j];
                    },
                    RefineEdits, budget);
                budget -= steps + RefineBytes;
            }
            if (!bytes) {
                add(l0, l1, r0, r1);
                continue;
            }
            for (const SequenceDiff::Hunk &b : SequenceDiff::hunks(*bytes, l1 - l0, r1 - r0))
                add(l0 + b.leftStart, l0 + b.leftEnd, r0 + b.rightStart, r0 + b.rightEnd);
        }
        return diff;
    }
    diff.m_granularity = Granularity::Whole;
    diff.m_note = QObject::tr("The bodies differ too much to align (more than %1 lines differ): "
                              "everything from byte %2 to the last %3 bytes is marked as changed")
                      .arg(bytes(limits.maxEdits), bytes(prefix), bytes(suffix));
    add(prefix, n - suffix, prefix, m - suffix);
    return diff;
}

QList<ByteSpan> ByteDiff::leftSpans() const
{
    QList<ByteSpan> out;
    for (const Hunk &h : m_hunks) {
        if (!h.left.isEmpty())
            out.append(h.left);
    }
    return out;
}

QList<ByteSpan> ByteDiff::rightSpans() const
{
    QList<ByteSpan> out;
    for (const Hunk &h : m_hunks) {
        if (!h.right.isEmpty())
            out.append(h.right);
    }
    return out;
}

qint64 ByteDiff::leftChangedBytes() const
{
    qint64 total = 0;
    for (const Hunk &h : m_hunks)
        total += h.left.length;
    return total;
}

qint64 ByteDiff::rightChangedBytes() const
{
    qint64 total = 0;
    for (const Hunk &h : m_hunks)
        total += h.right.length;
    return total;
}

QString ByteDiff::summary() const
{
    if (m_granularity == Granularity::Identical)
        return QObject::tr("Identical bodies");
    return QObject::tr("%n difference(s): %1 bytes on the left, %2 on the right", nullptr,
                       int(m_hunks.size()))
        .arg(bytes(leftChangedBytes()), bytes(rightChangedBytes()));
}
