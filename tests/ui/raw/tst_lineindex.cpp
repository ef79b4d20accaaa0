#include "ui/raw/LineIndex.h"

#include <QRandomGenerator>
#include <QTest>

namespace {

// The rows by the definition, one cell at a time: a row ends after a '\n', or before a cell that
// would end past the wrap column (a row holds at least one cell; the '\n' always fits).
QList<qint64> referenceRowStarts(const QByteArray &data, int wrap)
{
    QList<qint64> starts;
    qint64 pos = 0;
    while (pos < data.size()) {
        starts.append(pos);
        int column = 0;
        while (pos < data.size()) {
            const TextCell cell = Utf8CellDecoder::cellAt(data.constData(), data.size(), pos);
            if (cell.kind == TextCell::Kind::LineFeed) {
                pos = cell.end();
                break;
            }
            if (column > 0 && column + cell.columns > wrap)
                break;
            column += cell.columns;
            pos = cell.end();
        }
    }
    return starts;
}

// Bytes mixing long ASCII stretches, UTF-8 text (accents, CJK, emoji, combining marks), line
// breaks and random bytes (mostly invalid UTF-8).
QByteArray mixedBytes(QRandomGenerator &random, qint64 size)
{
    static const QList<QByteArray> pieces{"Zo\xc3\xab caf\xc3\xa9 ",
                                          "\xe6\x97\xa5\xe6\x9c\xac",
                                          "\xf0\x9f\x98\x80",
                                          "e\xcc\x81",
                                          "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
                                          "\r\n",
                                          "\n",
                                          "\t",
                                          "\xef\xb8\x8f",
                                          "\xe2\x80\x8d"};
    QByteArray data;
    while (data.size() < size) {
        const quint32 pick = random.bounded(10);
        if (pick < 3)
            data.append(QByteArray(int(random.bounded(300)), 'a' + char(random.bounded(26))));
        else if (pick < 8)
            data.append(pieces[int(random.bounded(pieces.size()))]);
        else
            data.append(char(random.bounded(256)));
    }
    return data;
}

} // namespace

class TestLineIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rows_data();
    void rows();
    void checkpointsAgreeWithSequentialWalk();
    void rebuildReplacesPreviousData();
    void matchesReferenceOnMixedBytes();
    void linesLongerThanTheSearchWindow();
    void partialIndexStopsAtARowStart();
    void cancelledBuildStopsEarly();
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
    // Cells, not bytes, fill a row: "Zoë " is 4 cells in 5 bytes, "café\n" 5 cells in 6 bytes.
    QTest::newRow("utf8 wraps by characters")
        << QByteArray("Zo\xc3\xab caf\xc3\xa9\n") << 4 << qint64(1) << L{5, 6};
    QTest::newRow("wide character moves to the next row") << QByteArray("a\xe6\x97\xa5"
                                                                        "b")
                                                          << 2 << qint64(1) << L{1, 3, 1};
    QTest::newRow("invalid byte takes four columns") << QByteArray("ab\xff"
                                                                   "c")
                                                     << 4 << qint64(1) << L{2, 1, 1};
    QTest::newRow("combining mark stays with its base at the wrap")
        << QByteArray("abce\xcc\x81x") << 4 << qint64(1) << L{6, 1};
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

void TestLineIndex::matchesReferenceOnMixedBytes()
{
    // Long enough that ASCII stretches cross the builder's 64 KB segments at several widths.
    QRandomGenerator random(20240607);
    for (int round = 0; round < 6; ++round) {
        const QByteArray data = mixedBytes(random, round < 3 ? 3000 : 300000);
        for (int wrap : {1, 3, 16, 80, 1024}) {
            const QList<qint64> starts = referenceRowStarts(data, wrap);
            LineIndex index;
            QVERIFY(index.build(data, wrap));
            QCOMPARE(index.rowCount(), qint64(starts.size()));
            for (qsizetype row = 0; row < starts.size(); ++row) {
                QCOMPARE(index.rowStart(row), starts[row]);
                const qint64 end = row + 1 < starts.size() ? starts[row + 1] : data.size();
                QCOMPARE(index.rowSpan(row), (ByteSpan{starts[row], end - starts[row]}));
            }
            // Every byte has a row and a cell, and the cells tile the data in order.
            const qint64 step = data.size() > 10000 ? 97 : 1;
            for (qint64 offset = 0; offset < data.size(); offset += step) {
                const qint64 row = index.rowOfOffset(offset);
                QVERIFY(row >= 0);
                QVERIFY(index.rowSpan(row).contains(offset));
                const TextCell cell = index.cellAt(offset);
                QVERIFY(cell.offset <= offset && offset < cell.end());
                QVERIFY(index.rowSpan(row).contains(cell.offset));
                QVERIFY(index.rowSpan(row).contains(cell.end() - 1));
            }
        }
    }
}

void TestLineIndex::linesLongerThanTheSearchWindow()
{
    // Line ends are searched for 256 KB at a time: lines of a few hundred KB, ASCII and mixed,
    // must come out as the definition says, with the right line count.
    QRandomGenerator random(99);
    QByteArray mixed = mixedBytes(random, 700000);
    mixed.replace('\n', ' ');
    const QByteArray data =
        mixed + "\nshort\n" + QByteArray(600000, 'y') + "\n" + mixed.left(300000);
    for (int wrap : {16, 1024}) {
        const QList<qint64> starts = referenceRowStarts(data, wrap);
        LineIndex index;
        QVERIFY(index.build(data, wrap));
        QCOMPARE(index.lineCount(), qint64(4));
        QCOMPARE(index.rowCount(), qint64(starts.size()));
        for (qsizetype row = 0; row < starts.size(); ++row)
            QCOMPARE(index.rowStart(row), starts[row]);
    }
}

void TestLineIndex::partialIndexStopsAtARowStart()
{
    QByteArray data;
    for (int i = 0; i < 100000; ++i)
        data.append("Zo\xc3\xab caf\xc3\xa9 " + QByteArray::number(i) + "\n");
    LineIndex full;
    QVERIFY(full.build(data, 40));
    LineIndex prefix;
    QVERIFY(!prefix.build(data, 40, 256 * 1024));
    QVERIFY(!prefix.isComplete());
    QVERIFY(prefix.indexedEnd() >= 256 * 1024);
    QVERIFY(prefix.indexedEnd() < data.size());
    QVERIFY(prefix.rowCount() < full.rowCount());
    // Its rows are the full index's first rows; past its end nothing has a row yet.
    for (qint64 row = 0; row < prefix.rowCount(); row += 101)
        QCOMPARE(prefix.rowSpan(row), full.rowSpan(row));
    QCOMPARE(prefix.rowStart(prefix.rowCount()), prefix.indexedEnd());
    QCOMPARE(full.rowStart(prefix.rowCount()), prefix.indexedEnd());
    QCOMPARE(prefix.rowOfOffset(prefix.indexedEnd()), qint64(-1));
    QCOMPARE(prefix.rowOfOffset(prefix.indexedEnd() - 1), prefix.rowCount() - 1);
}

void TestLineIndex::cancelledBuildStopsEarly()
{
    const QByteArray data(8 * 1024 * 1024, 'x');
    LineIndex index;
    int asked = 0;
    QVERIFY(!index.build(data, 100, -1, [&asked] { return ++asked >= 2; }));
    QCOMPARE(asked, 2);
    QVERIFY(!index.isComplete());
    QVERIFY(index.indexedEnd() > 0);
    QVERIFY(index.indexedEnd() < data.size() / 4);
    QVERIFY(index.build(data, 100, -1, [] { return false; }));
    QCOMPARE(index.rowCount(), qint64(data.size() / 100 + 1));
}

QTEST_APPLESS_MAIN(TestLineIndex)
#include "tst_lineindex.moc"
