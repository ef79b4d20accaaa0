#include "core/compare/SequenceDiff.h"

#include <QRandomGenerator>
#include <QTest>

class TestSequenceDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortestScriptOnRandomInputs();
    void classicExample();
    void emptySides();
    void givesUpPastMaxEdits();
    void givesUpPastMaxSteps();
};

namespace {

int lcsLength(const QByteArray &a, const QByteArray &b)
{
    QVector<int> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
    for (int i = 1; i <= a.size(); ++i) {
        for (int j = 1; j <= b.size(); ++j)
            cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : qMax(prev[j], cur[j - 1]);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::optional<QVector<SequenceDiff::Match>> diff(const QByteArray &a, const QByteArray &b,
                                                 qint64 maxEdits = SequenceDiff::DefaultMaxEdits,
                                                 qint64 maxSteps = SequenceDiff::DefaultMaxSteps)
{
    return SequenceDiff::matches(
        a.size(), b.size(), [&](qint64 i, qint64 j) { return a[i] == b[j]; }, maxEdits, maxSteps);
}

} // namespace

// Every answer is a common subsequence (each match really equal, in order on both sides) as
// long as the longest one: the edit script is the shortest.
void TestSequenceDiff::shortestScriptOnRandomInputs()
{
    QRandomGenerator random(1234);
    for (int round = 0; round < 400; ++round) {
        QByteArray a, b;
        const int n = random.bounded(40), m = random.bounded(40);
        for (int i = 0; i < n; ++i)
            a += char('a' + random.bounded(3));
        for (int i = 0; i < m; ++i)
            b += char('a' + random.bounded(3));
        const auto matches = diff(a, b);
        QVERIFY(matches);
        qint64 total = 0, lastLeft = 0, lastRight = 0;
        for (const SequenceDiff::Match &match : *matches) {
            QVERIFY(match.length > 0);
            QVERIFY(match.left >= lastLeft && match.right >= lastRight);
            QCOMPARE(a.mid(match.left, match.length), b.mid(match.right, match.length));
            lastLeft = match.left + match.length;
            lastRight = match.right + match.length;
            total += match.length;
        }
        QCOMPARE(total, qint64(lcsLength(a, b)));
        // and the hunks cover exactly what the matches leave out
        qint64 leftChanged = 0, rightChanged = 0;
        for (const SequenceDiff::Hunk &h : SequenceDiff::hunks(*matches, n, m)) {
            QVERIFY(h.leftEnd > h.leftStart || h.rightEnd > h.rightStart);
            leftChanged += h.leftEnd - h.leftStart;
            rightChanged += h.rightEnd - h.rightStart;
        }
        QCOMPARE(leftChanged, n - total);
        QCOMPARE(rightChanged, m - total);
    }
}

void TestSequenceDiff::classicExample()
{
    // Myers' paper: ABCABBA → CBABAC takes 5 edits, so 4 elements are kept.
    const auto matches = diff("ABCABBA", "CBABAC");
    QVERIFY(matches);
    qint64 kept = 0;
    for (const auto &m : *matches)
        kept += m.length;
    QCOMPARE(kept, 4);
}

void TestSequenceDiff::emptySides()
{
    QVERIFY(diff("", "")->isEmpty());
    const auto inserted = diff("", "abc");
    QVERIFY(inserted && inserted->isEmpty());
    const QVector<SequenceDiff::Hunk> hunks = SequenceDiff::hunks(*inserted, 0, 3);
    QCOMPARE(hunks.size(), 1);
    QCOMPARE(hunks[0], (SequenceDiff::Hunk{0, 0, 0, 3}));
}

void TestSequenceDiff::givesUpPastMaxEdits()
{
    QVERIFY(diff("aaaa", "bbbb", 8)); // 8 edits exactly
    QVERIFY(!diff("aaaa", "bbbb", 7));
}

void TestSequenceDiff::givesUpPastMaxSteps()
{
    const QByteArray a(5000, 'a'), b(5000, 'b');
    QVERIFY(!diff(a, b, 100000, 1000));
}

QTEST_GUILESS_MAIN(TestSequenceDiff)
#include "tst_sequencediff.moc"
