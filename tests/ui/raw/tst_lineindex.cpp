#include "ui/raw/LineIndex.h"

#include <QTest>

class TestLineIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rows_data();
    void rows();
    void checkpointsAgreeWithSequentialWalk();
    void rebuildReplacesPreviousData();
};

void TestLineIndex::rows_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("wrap");
    QTest::addColumn<qint64>("lines");
    QTest::addColumn<QList<qint64>>("rowLengths");

    using L = QList<qint64>;
    QTest::newRow("empty") << QByteArray() << 128 << qint64(0) << L{};
    QTest::newRow("crlf") << QByteArray("a\r\nbc\r\n") << 128 << qint64(2) << L{3, 4};
    QTest::newRow("lf") << QByteArray("a\nbc\n") << 128 << qint64(2) << L{2, 3};
    QTest::newRow("no trailing newline") << QByteArray("a\nbc") << 128 << qint64(2) << L{2, 2};
    QTest::newRow("mixed endings") << QByteArray("a\r\nb\nc") << 128 << qint64(3) << L{3, 2, 1};
    QTest::newRow("only newline") << QByteArray("\n") << 128 << qint64(1) << L{1};
    QTest::newRow("blank lines") << QByteArray("\n\r\n\n") << 128 << qint64(3) << L{1, 2, 1};
    QTest::newRow("wrapped, unterminated")
        << QByteArray("abcdefghij") << 4 << qint64(1) << L{4, 4, 2};
    QTest::newRow("exact width keeps its newline")
        << QByteArray("abcd\nx") << 4 << qint64(2) << L{5, 1};
    QTest::newRow("one past width") << QByteArray("abcde\n") << 4 << qint64(1) << L{4, 2};
    QTest::newRow("crlf across wrap") << QByteArray("abcd\r\n") << 4 << qint64(1) << L{4, 2};
}

void TestLineIndex::rows()
{
    QFETCH(QByteArray, data);
    QFETCH(int, wrap);
    QFETCH(qint64, lines);
    QFETCH(QList<qint64>, rowLengths);

    LineIndex index;
    index.build(data, wrap);
    QCOMPARE(index.lineCount(), lines);
    QCOMPARE(index.rowCount(), qint64(rowLengths.size()));

    qint64 start = 0;
    for (int row = 0; row < rowLengths.size(); ++row) {
        const ByteSpan expected{start, rowLengths[row]};
        QCOMPARE(index.rowStart(row), expected.offset);
        QCOMPARE(index.rowSpan(row).offset, expected.offset);
        QCOMPARE(index.rowSpan(row).length, expected.length);
        for (qint64 offset = expected.offset; offset < expected.end(); ++offset)
            QCOMPARE(index.rowOfOffset(offset), qint64(row));
        start = expected.end();
    }
    QCOMPARE(start, qint64(data.size()));
    QCOMPARE(index.rowOfOffset(-1), qint64(-1));
    QCOMPARE(index.rowOfOffset(data.size()), qint64(-1));
    QVERIFY(index.rowSpan(index.rowCount()).isEmpty());
}

void TestLineIndex::checkpointsAgreeWithSequentialWalk()
{
    // Line lengths from a fixed LCG: short lines, empty lines and lines several wraps long, enough
    // rows to cross many checkpoints.
    QByteArray data;
    quint32 state = 12345;
    while (data.size() < 200000) {
        state = state * 1103515245u + 12345u;
        const int length = int((state >> 16) % 40);
        data.append(QByteArray(length, 'x'));
        data.append((state >> 8) % 3 == 0 ? "\r\n" : "\n");
    }
    data.append("tail without newline");

    const int wrap = 7;
    LineIndex index;
    index.build(data, wrap);
    QVERIFY(index.rowCount() > 10 * LineIndex::kCheckpointInterval);

    qint64 start = 0;
    qint64 row = 0;
    while (start < data.size()) {
        QCOMPARE(index.rowStart(row), start);
        const qint64 next = index.nextRowStart(start);
        QVERIFY(next > start);
        QVERIFY(next - start <= wrap + 1);
        QCOMPARE(index.rowOfOffset(start), row);
        QCOMPARE(index.rowOfOffset(next - 1), row);
        start = next;
        ++row;
    }
    QCOMPARE(row, index.rowCount());
}

void TestLineIndex::rebuildReplacesPreviousData()
{
    LineIndex index;
    index.build("a\nb\nc\n", 128);
    QCOMPARE(index.rowCount(), qint64(3));
    index.build("single line", 128);
    QCOMPARE(index.rowCount(), qint64(1));
    QCOMPARE(index.rowSpan(0).length, qint64(11));
    index.clear();
    QVERIFY(index.isEmpty());
    QCOMPARE(index.rowOfOffset(0), qint64(-1));
}

QTEST_APPLESS_MAIN(TestLineIndex)
#include "tst_lineindex.moc"
