#include "core/compare/ByteDiff.h"

#include <QTest>

class TestByteDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void identical();
    void oneChangedValue();
    void insertionAndDeletion();
    void hunksRebuildTheRightSide_data();
    void hunksRebuildTheRightSide();
    void tooManyByteEditsFallsBackToLines();
    void changedLinesAreRefinedToBytes();
    void tooManyLinesFallsBackToWhole();
    void largeBodiesDoNotHang();
};

namespace {

// Applying the hunks to the left gives the right: the diff is a faithful edit script.
QByteArray apply(const QByteArray &left, const QByteArray &right, const ByteDiff &diff)
{
    QByteArray out;
    qint64 at = 0;
    for (const ByteDiff::Hunk &h : diff.hunks()) {
        out += left.mid(at, h.left.offset - at);
        out += right.mid(h.right.offset, h.right.length);
        at = h.left.end();
    }
    return out + left.mid(at);
}

} // namespace

void TestByteDiff::identical()
{
    const ByteDiff diff = ByteDiff::compare("same", "same");
    QCOMPARE(diff.granularity(), ByteDiff::Granularity::Identical);
    QVERIFY(diff.hunks().isEmpty());
    QCOMPARE(diff.summary(), QStringLiteral("Identical bodies"));
}

void TestByteDiff::oneChangedValue()
{
    const QByteArray left = R"({"amount":1500,"currency":"eur"})";
    const QByteArray right = R"({"amount":2500,"currency":"eur"})";
    const ByteDiff diff = ByteDiff::compare(left, right);
    QCOMPARE(diff.granularity(), ByteDiff::Granularity::Bytes);
    QCOMPARE(diff.hunks().size(), 1);
    QCOMPARE(diff.hunks()[0].left, (ByteSpan{10, 1}));
    QCOMPARE(diff.hunks()[0].right, (ByteSpan{10, 1}));
    QCOMPARE(diff.leftSpans(), QList<ByteSpan>({{10, 1}}));
    QVERIFY(diff.note().isEmpty());
    QCOMPARE(diff.summary(),
             QStringLiteral("1 difference(s): 1 bytes on the left, 1 on the right"));
}

void TestByteDiff::insertionAndDeletion()
{
    const ByteDiff inserted = ByteDiff::compare("abcdef", "abcXYdef");
    QCOMPARE(inserted.hunks().size(), 1);
    QCOMPARE(inserted.hunks()[0].left, (ByteSpan{3, 0}));
    QCOMPARE(inserted.hunks()[0].right, (ByteSpan{3, 2}));
    QVERIFY(inserted.leftSpans().isEmpty()); // nothing to paint on the left
    const ByteDiff removed = ByteDiff::compare("abcXYdef", "abcdef");
    QCOMPARE(removed.hunks()[0].left, (ByteSpan{3, 2}));
    QVERIFY(removed.hunks()[0].right.isEmpty());
}

void TestByteDiff::hunksRebuildTheRightSide_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::newRow("empty to text") << QByteArray() << QByteArray("text");
    QTest::newRow("text to empty") << QByteArray("text") << QByteArray();
    QTest::newRow("repeated bytes") << QByteArray("aaaaab") << QByteArray("baaaaa");
    QTest::newRow("pretty vs compact")
        << QByteArray("{\n  \"a\": 1,\n  \"b\": [1, 2]\n}") << QByteArray(R"({"a":1,"b":[1,2]})");
    QTest::newRow("binary with NULs")
        << QByteArray("\x00\x01\x02\xff\x00", 5) << QByteArray("\x00\x02\xff\xfe\x00\x00", 6);
    QTest::newRow("crlf vs lf") << QByteArray("a\r\nb\r\nc\r\n") << QByteArray("a\nb\nc\n");
}

void TestByteDiff::hunksRebuildTheRightSide()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    const ByteDiff diff = ByteDiff::compare(left, right);
    QCOMPARE(apply(left, right, diff), right);
    QCOMPARE(diff.granularity(), ByteDiff::Granularity::Bytes);
}

void TestByteDiff::tooManyByteEditsFallsBackToLines()
{
    QByteArray left, right;
    for (int i = 0; i < 50; ++i) {
        left += "line " + QByteArray::number(i) + " unchanged\n";
        right += "line " + QByteArray::number(i) + " unchanged\n";
        if (i == 20) {
            left += QByteArray(300, 'x') + '\n';
            right += QByteArray(300, 'y') + '\n';
        }
    }
    ByteDiff::Limits limits;
    limits.maxEdits = 100; // 600 byte edits needed
    const ByteDiff diff = ByteDiff::compare(left, right, limits);
    QCOMPARE(diff.granularity(), ByteDiff::Granularity::Lines);
    QVERIFY2(diff.note().contains("aligned by line"), qPrintable(diff.note()));
    QCOMPARE(diff.hunks().size(), 1);
    const ByteDiff::Hunk h = diff.hunks()[0];
    QCOMPARE(left.mid(h.left.offset, h.left.length), QByteArray(300, 'x') + '\n');
    QCOMPARE(right.mid(h.right.offset, h.right.length), QByteArray(300, 'y') + '\n');
    QCOMPARE(apply(left, right, diff), right);
}

// Lines changed all over a body: aligned by line, then each changed line byte by byte, so the
// changed values are marked and not their whole lines.
void TestByteDiff::changedLinesAreRefinedToBytes()
{
    QByteArray left, right;
    for (int i = 0; i < 400; ++i) {
        const QByteArray key = "  \"key" + QByteArray::number(i) + "\": ";
        left += key + QByteArray::number(i) + ",\n";
        // every 10th value gets 10 more bytes: 400 byte edits, 80 line edits
        right += key + QByteArray::number(i) + (i % 10 ? "" : "0123456789") + ",\n";
    }
    ByteDiff::Limits limits;
    limits.maxEdits = 100;
    const ByteDiff diff = ByteDiff::compare(left, right, limits);
    QCOMPARE(diff.granularity(), ByteDiff::Granularity::Lines);
    QCOMPARE(apply(left, right, diff), right);
    // the inserted bytes, not their lines (about 20 bytes each)
    QCOMPARE(diff.rightChangedBytes(), 400);
    QCOMPARE(diff.leftChangedBytes(), 0);
    QCOMPARE(diff.hunks().size(), 40);
}

void TestByteDiff::tooManyLinesFallsBackToWhole()
{
    QByteArray left = "head\n", right = "head\n";
    for (int i = 0; i < 400; ++i) {
        left += "L" + QByteArray::number(i) + '\n';
        right += "R" + QByteArray::number(i) + '\n';
    }
    left += "tail";
    right += "tail";
    ByteDiff::Limits limits;
    limits.maxEdits = 50;
    const ByteDiff diff = ByteDiff::compare(left, right, limits);
    QCOMPARE(diff.granularity(), ByteDiff::Granularity::Whole);
    QVERIFY2(diff.note().contains("differ too much"), qPrintable(diff.note()));
    QCOMPARE(diff.hunks().size(), 1);
    QCOMPARE(diff.hunks()[0].left.offset, 5);              // the common prefix is kept out of it
    QCOMPARE(diff.hunks()[0].left.end(), left.size() - 8); // "399\ntail" is common
    QCOMPARE(apply(left, right, diff), right);
}

// A 50 MB body with a change near each end and a completely different one: bounded either way
// (the cost limit makes the second fall back rather than run for minutes).
void TestByteDiff::largeBodiesDoNotHang()
{
    QByteArray left(50 * 1024 * 1024, 'a');
    for (qsizetype i = 0; i < left.size(); i += 80)
        left[i] = '\n';
    QByteArray right = left;
    right[100] = 'B';
    right[right.size() - 100] = 'C';
    const ByteDiff near = ByteDiff::compare(left, right);
    QCOMPARE(apply(left, right, near), right);
    QCOMPARE(near.leftChangedBytes(), near.rightChangedBytes());
    QVERIFY(near.granularity() != ByteDiff::Granularity::Identical);

    QByteArray other(left.size(), 'b');
    const ByteDiff far = ByteDiff::compare(left, other);
    QCOMPARE(far.granularity(), ByteDiff::Granularity::Whole);
    QCOMPARE(apply(left, other, far), other);
}

QTEST_GUILESS_MAIN(TestByteDiff)
#include "tst_bytediff.moc"
