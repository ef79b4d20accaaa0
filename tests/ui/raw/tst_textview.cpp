#include "ui/raw/ByteView.h"

#include <QFontMetricsF>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

// ByteView's Text mode: UTF-8 decoded into character cells, invalid bytes marked, the exact
// byte <-> character mapping, soft wrap, line-end marks, and the worker-built index of big bodies.
namespace {

QByteArray utf8(const char *text)
{
    return QByteArray(text);
}

// Random bytes mixing ASCII, UTF-8 (accents, CJK, emoji with modifiers, combining marks),
// line breaks and arbitrary bytes, most of them invalid UTF-8.
QByteArray mixedBytes(QRandomGenerator &random, qint64 size)
{
    static const QList<QByteArray> pieces{"Zo\xc3\xab",
                                          "caf\xc3\xa9",
                                          "\xe6\x97\xa5\xe6\x9c\xac",
                                          "\xf0\x9f\x98\x80",
                                          "e\xcc\x81",
                                          "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
                                          "\r\n",
                                          "\n",
                                          "\t",
                                          " ",
                                          "{\"a\":1}"};
    QByteArray data;
    while (data.size() < size) {
        if (random.bounded(4) == 0)
            data.append(char(random.bounded(256)));
        else
            data.append(pieces[int(random.bounded(pieces.size()))]);
    }
    return data;
}

// 50 MB of JSON-ish lines with non-ASCII text.
QByteArray bigBody(char tag)
{
    QByteArray line = "{\"customer\":\"Zo\xc3\xab caf\xc3\xa9\",\"tag\":\"";
    line += tag;
    line += "\",\"note\":\"\xe6\x97\xa5\xe6\x9c\xac\"}\r\n";
    QByteArray data;
    data.reserve(50 * 1024 * 1024 + line.size());
    while (data.size() < 50 * 1024 * 1024)
        data.append(line);
    return data;
}

// Occupies the pool's only thread until released, so a test decides when the index job runs.
class PoolGate
{
public:
    explicit PoolGate(QThreadPool &pool)
    {
        pool.setMaxThreadCount(1);
        pool.start([this] {
            m_started.release();
            m_release.acquire();
        });
        m_started.acquire();
    }
    ~PoolGate() { open(); }
    void open()
    {
        if (!m_open)
            m_release.release();
        m_open = true;
    }

private:
    QSemaphore m_started;
    QSemaphore m_release;
    bool m_open = false;
};

} // namespace

class TestTextView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void showsUtf8Characters();
    void wideAndCombiningCharactersTakeTheirCells();
    void invalidBytesAreMarkedAndSelectable();
    void everyByteBelongsToOneCharacter();
    void characterSelectionIsTheirExactBytes();
    void softWrapChangesLayoutNotMapping();
    void lineEndMarksToggle();
    void bigBodyIsIndexedOnAWorker();
    void newDataCancelsTheRunningIndexJob();

private:
    ByteView *m_view = nullptr;
    qreal m_charWidth = 1;
};

void TestTextView::init()
{
    m_view = new ByteView;
    m_view->resize(700, 400);
    m_view->setMode(ByteView::Mode::Text);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_charWidth = QFontMetricsF(m_view->font()).horizontalAdvance(QLatin1Char('0'));
}

void TestTextView::cleanup()
{
    delete m_view;
    m_view = nullptr;
}

void TestTextView::showsUtf8Characters()
{
    m_view->setData(utf8("Zo\xc3\xab caf\xc3\xa9\r\n\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80"));
    QCOMPARE(m_view->rowCount(), qint64(2));
    QCOMPARE(m_view->rowText(0), QStringLiteral("Zoë café␍␊"));
    QCOMPARE(m_view->rowText(1), QStringLiteral("日本 😀"));
    // ë is its two bytes, shown in one cell; the cell after it starts where they end.
    QCOMPARE(m_view->characterAt(2), (ByteSpan{2, 2}));
    QCOMPARE(m_view->characterAt(3), (ByteSpan{2, 2}));
    QCOMPARE(m_view->byteRect(3), m_view->byteRect(2));
    QVERIFY(qAbs(m_view->byteRect(4).left() - m_view->byteRect(1).left() - 2 * m_charWidth) <= 1);
    QCOMPARE(m_view->byteAt(m_view->byteRect(2).center()), qint64(2));
}

void TestTextView::wideAndCombiningCharactersTakeTheirCells()
{
    // 日 (wide), e + combining acute, 👍🏽 (emoji + skin tone), x.
    const QByteArray data = utf8("\xe6\x97\xa5"
                                 "e\xcc\x81"
                                 "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"
                                 "x");
    m_view->setData(data);
    QCOMPARE(m_view->rowText(0), QString::fromUtf8(data));
    QCOMPARE(m_view->characterAt(1), (ByteSpan{0, 3}));
    QCOMPARE(m_view->characterAt(4), (ByteSpan{3, 3})); // the mark belongs to its e
    QCOMPARE(m_view->characterAt(10), (ByteSpan{6, 8}));
    QCOMPARE(m_view->characterAt(14), (ByteSpan{14, 1}));
    const QRect wide = m_view->byteRect(0);
    QVERIFY(qAbs(wide.width() - 2 * m_charWidth) <= 1);
    QVERIFY(qAbs(m_view->byteRect(3).width() - m_charWidth) <= 1);
    QVERIFY(qAbs(m_view->byteRect(6).width() - 2 * m_charWidth) <= 1);
    // Columns: 日 0-1, é 2, 👍🏽 3-4, x 5.
    QVERIFY(qAbs(m_view->byteRect(14).left() - wide.left() - 5 * m_charWidth) <= 1);
    for (int column = 0; column < 6; ++column) {
        const QPoint at(int(wide.left() + (column + 0.5) * m_charWidth), wide.center().y());
        const qint64 expected[] = {0, 0, 3, 6, 6, 14};
        QCOMPARE(m_view->byteAt(at), expected[column]);
    }
}

void TestTextView::invalidBytesAreMarkedAndSelectable()
{
    // Latin-1 é (0xE9), a truncated sequence, an overlong '/', a UTF-16 surrogate.
    const QByteArray data = utf8("caf\xe9 \xe2\x82 \xc0\xaf \xed\xa0\x80!");
    m_view->setData(data);
    QCOMPARE(m_view->rowText(0), QStringLiteral("caf\\xe9 \\xe2\\x82 \\xc0\\xaf \\xed\\xa0\\x80!"));
    for (qint64 offset : {3, 5, 6, 8, 9, 11, 12, 13})
        QCOMPARE(m_view->characterAt(offset), (ByteSpan{offset, 1}));
    const QRect invalid = m_view->byteRect(3);
    QVERIFY(qAbs(invalid.width() - 4 * m_charWidth) <= 1);

    // A tinted background sets the cell apart from a valid one.
    const QImage image = m_view->viewport()->grab().toImage();
    const QPoint inside(1, 1);
    QVERIFY(image.pixel(invalid.topLeft() + inside) !=
            image.pixel(m_view->byteRect(0).topLeft() + inside));

    // Clicking anywhere on \xe9 selects that one byte; extending picks up the next characters.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      invalid.topRight() + QPoint(-2, invalid.height() / 2));
    QCOMPARE(m_view->selection(), (ByteSpan{3, 1}));
    QCOMPARE(m_view->selectedBytes(), QByteArray("\xe9"));
    QTest::keyClick(m_view, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(m_view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(m_view->selectedBytes(), QByteArray("\xe9 \xe2"));
}

void TestTextView::everyByteBelongsToOneCharacter()
{
    QRandomGenerator random(77);
    for (int round = 0; round < 8; ++round) {
        const QByteArray data = mixedBytes(random, 600);
        m_view->setSoftWrap(round % 2 == 0);
        m_view->setData(data);
        qint64 expectedStart = 0;
        QRect previous;
        for (qint64 offset = 0; offset < data.size(); ++offset) {
            const ByteSpan character = m_view->characterAt(offset);
            QVERIFY(character.contains(offset));
            if (character.offset == offset) {
                // Characters tile the bytes in order: each starts where the previous ended...
                QCOMPARE(character.offset, expectedStart);
                expectedStart = character.end();
                // ...and sits after it on the screen (same row further right, or a lower row).
                m_view->ensureVisible(offset);
                const QRect rect = m_view->byteRect(offset);
                QVERIFY(m_view->viewport()->rect().contains(rect.center()));
                QCOMPARE(m_view->byteAt(rect.center()), offset);
                m_view->ensureVisible(std::max<qint64>(0, offset - 1));
                previous = m_view->byteRect(std::max<qint64>(0, offset - 1));
                if (offset > 0) {
                    const QRect now = m_view->byteRect(offset);
                    QVERIFY(now.top() > previous.top() ||
                            (now.top() == previous.top() && now.left() >= previous.right()));
                }
            } else {
                // Every byte of a character maps to the same cell.
                QCOMPARE(m_view->byteRect(offset), m_view->byteRect(character.offset));
            }
        }
        QCOMPARE(expectedStart, qint64(data.size()));
    }
}

void TestTextView::characterSelectionIsTheirExactBytes()
{
    QRandomGenerator random(4242);
    const QByteArray data = mixedBytes(random, 400);
    m_view->setData(data);
    QList<ByteSpan> characters;
    for (qint64 offset = 0; offset < data.size(); offset = characters.last().end())
        characters.append(m_view->characterAt(offset));

    for (int trial = 0; trial < 60; ++trial) {
        int first = int(random.bounded(characters.size()));
        int last = int(random.bounded(characters.size()));
        const ByteSpan a = characters[first];
        const ByteSpan b = characters[last];
        // Click the first character (anywhere in it), shift-click the last: the selection is
        // exactly the bytes from the first's first byte to the last's last byte, either way round.
        m_view->ensureVisible(a.end() - 1);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                          m_view->byteRect(a.end() - 1).center());
        m_view->ensureVisible(b.offset);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                          m_view->byteRect(b.offset).center());
        if (first > last)
            std::swap(first, last);
        const ByteSpan expected{characters[first].offset,
                                characters[last].end() - characters[first].offset};
        QCOMPARE(m_view->selection(), expected);
        QCOMPARE(m_view->selectedBytes(), data.mid(expected.offset, expected.length));
        // And back: the characters covering the selection are exactly those clicked.
        QCOMPARE(m_view->characterAt(expected.offset), characters[first]);
        QCOMPARE(m_view->characterAt(expected.end() - 1), characters[last]);
    }
}

void TestTextView::softWrapChangesLayoutNotMapping()
{
    QByteArray line;
    for (int i = 0; i < 60; ++i)
        line += "Zo\xc3\xab caf\xc3\xa9 \xe6\x97\xa5 \xff ";
    const QByteArray data = line + "\n" + line;

    m_view->setSoftWrap(false);
    m_view->setData(data);
    const qint64 unwrappedRows = m_view->rowCount();
    QCOMPARE(unwrappedRows, qint64(2));
    QList<ByteSpan> unwrapped;
    for (qint64 offset = 0; offset < data.size(); ++offset)
        unwrapped.append(m_view->characterAt(offset));
    QVERIFY(m_view->horizontalScrollBar()->maximum() > 0); // runs off the right edge

    m_view->setSoftWrap(true);
    QVERIFY(m_view->wrapColumns() < ByteView::kTextWrapColumns);
    QVERIFY(m_view->rowCount() > unwrappedRows);
    QCOMPARE(m_view->horizontalScrollBar()->maximum(), 0); // fits the pane
    for (qint64 offset = 0; offset < data.size(); ++offset)
        QCOMPARE(m_view->characterAt(offset), unwrapped[offset]);
    // The first line's last character ends inside the viewport.
    const qint64 endOfFirstLine = line.size() - 1;
    m_view->ensureVisible(endOfFirstLine);
    QVERIFY(m_view->byteRect(endOfFirstLine).right() <= m_view->viewport()->width());

    // A narrower pane wraps into more rows, with the same characters.
    const qint64 wideRows = m_view->rowCount();
    m_view->resize(m_view->width() / 2, m_view->height());
    QVERIFY(m_view->rowCount() > wideRows);
    for (qint64 offset = 0; offset < data.size(); offset += 7)
        QCOMPARE(m_view->characterAt(offset), unwrapped[offset]);
}

void TestTextView::lineEndMarksToggle()
{
    m_view->setData("a\r\nb\n");
    const QRect cr = m_view->byteRect(1);
    const QRect lf = m_view->byteRect(2);
    QCOMPARE(m_view->rowText(0), QStringLiteral("a␍␊"));
    QCOMPARE(m_view->rowText(1), QStringLiteral("b␊"));
    const QImage marked = m_view->viewport()->grab().toImage().copy(cr.united(lf));

    m_view->setLineEndMarks(false);
    QCOMPARE(m_view->rowText(0), QStringLiteral("a"));
    QCOMPARE(m_view->rowText(1), QStringLiteral("b"));
    // Same cells, same bytes under them: only the marks are gone.
    QCOMPARE(m_view->byteRect(1), cr);
    QCOMPARE(m_view->byteRect(2), lf);
    QCOMPARE(m_view->byteAt(cr.center()), qint64(1));
    QCOMPARE(m_view->rowCount(), qint64(2));
    const QImage blank = m_view->viewport()->grab().toImage().copy(cr.united(lf));
    QVERIFY(marked != blank);

    m_view->setLineEndMarks(true);
    QCOMPARE(m_view->rowText(0), QStringLiteral("a␍␊"));
}

void TestTextView::bigBodyIsIndexedOnAWorker()
{
    QThreadPool pool;
    PoolGate gate(pool); // the index job waits until the gate opens
    m_view->setIndexThreadPool(&pool);
    const QByteArray data = bigBody('a');
    QSignalSpy ready(m_view, &ByteView::textIndexReady);

    m_view->setData(data);
    // The first screen is there at once, from a prefix index; the rest is still to come.
    QVERIFY(m_view->isIndexing());
    QVERIFY(m_view->rowCount() >= m_view->verticalScrollBar()->pageStep());
    QVERIFY(m_view->rowCount() < 1000000);
    QVERIFY(m_view->rowText(0).startsWith(QStringLiteral("{\"customer\":\"Zoë café\"")));
    m_view->viewport()->repaint();
    QVERIFY(m_view->lastPaint().rows > 0);

    // The GUI thread keeps answering while the job is pending: a timer fires and the view paints.
    QTimer heartbeat;
    QSignalSpy beats(&heartbeat, &QTimer::timeout);
    heartbeat.start(1);
    QVERIFY(beats.wait(5000));
    QVERIFY(m_view->isIndexing());
    QCOMPARE(ready.count(), 0);
    // Asking to see a byte past the first screen is kept until its row is known.
    const qint64 far = data.size() - 5;
    m_view->ensureVisible(far);

    gate.open();
    QVERIFY(ready.wait(120000));
    QVERIFY(!m_view->isIndexing());
    const qint64 lineLength = data.indexOf('\n') + 1;
    QCOMPARE(m_view->rowCount(), qint64(data.size() / lineLength));
    QVERIFY(m_view->viewport()->rect().contains(m_view->byteRect(far).center()));
    // `far` is the last byte of 本: the click lands on the character's first byte.
    QCOMPARE(m_view->characterAt(far), (ByteSpan{far - 2, 3}));
    QCOMPARE(m_view->byteAt(m_view->byteRect(far).center()), far - 2);
    m_view->setIndexThreadPool(QThreadPool::globalInstance());
}

void TestTextView::newDataCancelsTheRunningIndexJob()
{
    QThreadPool pool;
    PoolGate gate(pool);
    m_view->setIndexThreadPool(&pool);
    QSignalSpy ready(m_view, &ByteView::textIndexReady);
    QSignalSpy cancelled(m_view, &ByteView::textIndexCancelled);

    const QByteArray first = bigBody('a');
    m_view->setData(first);
    QVERIFY(m_view->isIndexing());
    QByteArray second = bigBody('b');
    second.append("tail without a line break");
    m_view->setData(second); // another capture shown: the first job is cancelled

    gate.open();
    QVERIFY(ready.wait(120000));
    QTRY_COMPARE(cancelled.count(), 1);
    QCOMPARE(cancelled.first().first().toLongLong(), qint64(0)); // it never ran
    QCOMPARE(ready.count(), 1);
    const qint64 lineLength = second.indexOf('\n') + 1;
    QCOMPARE(m_view->rowCount(), qint64(second.size() / lineLength) + 1);
    QCOMPARE(m_view->rowText(m_view->rowCount() - 1), QStringLiteral("tail without a line break"));
    m_view->setIndexThreadPool(QThreadPool::globalInstance());
}

QTEST_MAIN(TestTextView)
#include "tst_textview.moc"
