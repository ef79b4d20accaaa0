#include "ui/raw/ByteView.h"

#include <QClipboard>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QMouseEvent>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

namespace {

QByteArray allByteValues(int repeat)
{
    QByteArray data;
    for (int r = 0; r < repeat; ++r)
        for (int i = 0; i < 256; ++i)
            data.append(char(i));
    return data;
}

// Offsets under each pixel of one viewport row, with runs of the same value collapsed.
QList<qint64> offsetsAcrossRow(const ByteView &view, int y)
{
    QList<qint64> offsets;
    for (int x = 0; x < view.viewport()->width(); ++x) {
        const qint64 offset = view.byteAt(QPoint(x, y));
        if (offsets.isEmpty() || offsets.last() != offset)
            offsets.append(offset);
    }
    return offsets;
}

// The right-most pixel of a row showing `offset`: its ASCII cell in Hex mode.
QPoint lastPointOf(const ByteView &view, qint64 offset)
{
    const int y = view.byteRect(offset).center().y();
    for (int x = view.viewport()->width() - 1; x >= 0; --x)
        if (view.byteAt(QPoint(x, y)) == offset)
            return {x - 1, y};
    return {};
}

// Painting follows the viewport, not the buffer: the rows drawn are those that fit in the view
// (plus the partly visible ones at its edges), each at most one row of bytes, and a taller view
// draws more of them. A view that painted every row of a 50 MB buffer fails here.
void verifyPaintFollowsViewport(ByteView *view, qint64 maxBytesPerRow)
{
    view->viewport()->repaint();
    const ByteView::PaintCount painted = view->lastPaint();
    const qint64 lineHeight = view->byteRect(0).height();
    QVERIFY(lineHeight > 0);
    QVERIFY(painted.rows > 0);
    QVERIFY2(painted.rows <= view->viewport()->height() / lineHeight + 2,
             qPrintable(QString::number(painted.rows)));
    QVERIFY2(painted.bytes <= painted.rows * maxBytesPerRow,
             qPrintable(QString::number(painted.bytes)));
    view->resize(view->width(), view->height() * 2);
    view->viewport()->repaint();
    QVERIFY(view->lastPaint().rows > painted.rows);
    QVERIFY(view->lastPaint().rows <= view->viewport()->height() / lineHeight + 2);
}

// Big text is indexed on a worker; the full index arrives through the event loop.
void waitForTextIndex(ByteView *view)
{
    if (!view->isIndexing())
        return;
    QSignalSpy ready(view, &ByteView::textIndexReady);
    QVERIFY(ready.wait(120000));
    QVERIFY(!view->isIndexing());
}

void dragTo(QWidget *viewport, const QPoint &pos)
{
    QMouseEvent move(QEvent::MouseMove, pos, viewport->mapToGlobal(pos), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
}

} // namespace

class TestByteView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void hexByteAtMapsCells();
    void hexByteAtOutsideIsMinusOne();
    void textByteAtMapsCells();
    void textRowsFollowLineEndings();
    void clickEmitsByteClicked();
    void dragSelectsRange();
    void keyboardMovesCursor();
    void copyUsesColumnOfSelection();
    void highlightScrollsFarOffsetIntoView();
    void highlightScrollsInTextMode();
    void modeSwitchKeepsTopByte();
    void setDataResetsState();
    void largeBufferHex();
    void largeBufferText();
    void largeBufferTextWorstCase();

private:
    ByteView *m_view = nullptr;
};

void TestByteView::init()
{
    m_view = new ByteView;
    m_view->resize(900, 400);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestByteView::cleanup()
{
    delete m_view;
    m_view = nullptr;
}

void TestByteView::hexByteAtMapsCells()
{
    m_view->setData(allByteValues(1));
    const QFontMetricsF metrics(m_view->font());
    const qreal charWidth = metrics.horizontalAdvance(QLatin1Char('0'));

    for (qint64 offset = 0; offset < 64; ++offset)
        QCOMPARE(m_view->byteAt(m_view->byteRect(offset).center()), offset);

    // Rows are one line apart, bytes three cells apart, with one extra cell after the 8th.
    QCOMPARE(m_view->byteRect(17).top() - m_view->byteRect(1).top(),
             QFontMetrics(m_view->font()).height());
    QVERIFY(qAbs(m_view->byteRect(2).left() - m_view->byteRect(1).left() - 3 * charWidth) <= 1);
    QVERIFY(qAbs(m_view->byteRect(8).left() - m_view->byteRect(7).left() - 4 * charWidth) <= 1);

    // Sweeping one row left to right meets the 16 hex cells (split in two groups), then the same
    // 16 bytes again in the ASCII column, each in one contiguous run.
    const QList<qint64> sweep = offsetsAcrossRow(*m_view, m_view->byteRect(32).center().y());
    QList<qint64> expected{-1};
    for (qint64 i = 32; i < 40; ++i)
        expected.append(i);
    expected.append(-1);
    for (qint64 i = 40; i < 48; ++i)
        expected.append(i);
    expected.append(-1);
    for (qint64 i = 32; i < 48; ++i)
        expected.append(i);
    expected.append(-1);
    QCOMPARE(sweep, expected);
}

void TestByteView::hexByteAtOutsideIsMinusOne()
{
    m_view->setData(QByteArray(20, 'a')); // one full row and 4 bytes
    const QRect first = m_view->byteRect(0);
    const int lineHeight = QFontMetrics(m_view->font()).height();
    QCOMPARE(m_view->byteAt(QPoint(-1, first.center().y())), qint64(-1));
    QCOMPARE(m_view->byteAt(QPoint(first.left() / 2, first.center().y())), qint64(-1)); // offsets
    QCOMPARE(m_view->byteAt(first.center() + QPoint(0, lineHeight)), qint64(16));
    QCOMPARE(m_view->byteAt(m_view->byteRect(5).center() + QPoint(0, lineHeight)), qint64(-1));
    QCOMPARE(m_view->byteAt(first.center() + QPoint(0, 2 * lineHeight)), qint64(-1));
    QVERIFY(m_view->byteRect(20).isNull());
}

void TestByteView::textByteAtMapsCells()
{
    m_view->setMode(ByteView::Mode::Text);
    m_view->setData("ab\r\ncd\nef");
    const qreal charWidth = QFontMetricsF(m_view->font()).horizontalAdvance(QLatin1Char('0'));
    const int lineHeight = QFontMetrics(m_view->font()).height();
    const QPointF origin = m_view->byteRect(0).center();
    auto at = [&](int column, int row) {
        return m_view->byteAt((origin + QPointF(column * charWidth, row * lineHeight)).toPoint());
    };

    QCOMPARE(at(0, 0), qint64(0));
    QCOMPARE(at(2, 0), qint64(2)); // the CR has a cell of its own
    QCOMPARE(at(3, 0), qint64(3)); // and so has the LF
    QCOMPARE(at(4, 0), qint64(-1));
    QCOMPARE(at(0, 1), qint64(4));
    QCOMPARE(at(1, 1), qint64(5));
    QCOMPARE(at(2, 1), qint64(6));
    QCOMPARE(at(1, 2), qint64(8));
    QCOMPARE(at(2, 2), qint64(-1)); // no trailing newline: the last row ends with its last byte
    QCOMPARE(at(0, 3), qint64(-1));

    for (qint64 offset = 0; offset < 9; ++offset)
        QCOMPARE(m_view->byteAt(m_view->byteRect(offset).center()), offset);
}

void TestByteView::textRowsFollowLineEndings()
{
    m_view->setMode(ByteView::Mode::Text);
    m_view->setData("a\r\nb\nc");
    QCOMPARE(m_view->rowCount(), qint64(3));
    QCOMPARE(m_view->byteRect(2).top(), m_view->byteRect(0).top());
    QVERIFY(m_view->byteRect(3).top() > m_view->byteRect(2).top());
    QCOMPARE(m_view->byteRect(4).top(), m_view->byteRect(3).top());

    m_view->setSoftWrap(false);
    m_view->setData(QByteArray(3000, 'x')); // one line, wrapped at a fixed width
    QCOMPARE(m_view->wrapColumns(), ByteView::kTextWrapColumns);
    QCOMPARE(m_view->rowCount(), qint64(3));
    QCOMPARE(m_view->byteRect(ByteView::kTextWrapColumns).left(), m_view->byteRect(0).left());
}

void TestByteView::clickEmitsByteClicked()
{
    m_view->setData(allByteValues(1));
    QSignalSpy clicked(m_view, &ByteView::byteClicked);
    QSignalSpy selected(m_view, &ByteView::selectionChanged);

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->byteRect(37).center());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toLongLong(), qint64(37));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<ByteSpan>(), (ByteSpan{37, 1}));
    QCOMPARE(m_view->cursorOffset(), qint64(37));

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, lastPointOf(*m_view, 70));
    QCOMPARE(clicked.count(), 2);
    QCOMPARE(clicked.at(1).at(0).toLongLong(), qint64(70));

    m_view->setMode(ByteView::Mode::Text);
    m_view->setData("first\nsecond\n");
    const int lineHeight = QFontMetrics(m_view->font()).height();
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      m_view->byteRect(2).center() + QPoint(0, lineHeight));
    QCOMPARE(clicked.count(), 3);
    QCOMPARE(clicked.at(2).at(0).toLongLong(), qint64(8)); // 'c' of "second"

    // A click where there is no byte changes nothing.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      m_view->byteRect(0).center() + QPoint(0, 5 * lineHeight));
    QCOMPARE(clicked.count(), 3);
}

void TestByteView::dragSelectsRange()
{
    m_view->setData(allByteValues(1));
    QSignalSpy selected(m_view, &ByteView::selectionChanged);

    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, m_view->byteRect(20).center());
    dragTo(m_view->viewport(), m_view->byteRect(40).center());
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, m_view->byteRect(40).center());
    QCOMPARE(m_view->selection(), (ByteSpan{20, 21}));
    QCOMPARE(selected.last().at(0).value<ByteSpan>(), (ByteSpan{20, 21}));
    QCOMPARE(m_view->selectedBytes(), allByteValues(1).mid(20, 21));

    // Dragging backwards and past the end of a row clamps to that row's edge.
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, m_view->byteRect(40).center());
    dragTo(m_view->viewport(), QPoint(1, m_view->byteRect(18).center().y()));
    QCOMPARE(m_view->selection(), (ByteSpan{16, 25}));
}

void TestByteView::keyboardMovesCursor()
{
    m_view->setData(allByteValues(4));
    QSignalSpy clicked(m_view, &ByteView::byteClicked);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->byteRect(5).center());

    QTest::keyClick(m_view, Qt::Key_Right);
    QCOMPARE(clicked.last().at(0).toLongLong(), qint64(6));
    QTest::keyClick(m_view, Qt::Key_Down);
    QCOMPARE(clicked.last().at(0).toLongLong(), qint64(22));
    QTest::keyClick(m_view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(m_view->selection(), (ByteSpan{22, 2}));
    QTest::keyClick(m_view, Qt::Key_End);
    QCOMPARE(m_view->cursorOffset(), qint64(31));
    QCOMPARE(m_view->selection(), (ByteSpan{31, 1}));
    QTest::keyClick(m_view, Qt::Key_Home);
    QCOMPARE(m_view->cursorOffset(), qint64(16));
    QTest::keyClick(m_view, Qt::Key_Left);
    QCOMPARE(m_view->cursorOffset(), qint64(15));
    QTest::keyClick(m_view, Qt::Key_Up);
    QCOMPARE(m_view->cursorOffset(), qint64(15)); // already on the first row

    const int page = m_view->verticalScrollBar()->pageStep();
    QTest::keyClick(m_view, Qt::Key_PageDown);
    QCOMPARE(m_view->cursorOffset(), qint64(15 + 16 * page));
    QTest::keyClick(m_view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(m_view->cursorOffset(), qint64(1023));
    QVERIFY(m_view->verticalScrollBar()->value() > 0); // the cursor was scrolled into view
    QVERIFY(m_view->viewport()->rect().contains(m_view->byteRect(1023)));
    QTest::keyClick(m_view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(m_view->cursorOffset(), qint64(0));
    QCOMPARE(m_view->verticalScrollBar()->value(), 0);

    // In Text mode, Down keeps the column, clamped to a shorter next row.
    m_view->setMode(ByteView::Mode::Text);
    m_view->setData("abcdef\nxy\n");
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->byteRect(4).center());
    QTest::keyClick(m_view, Qt::Key_Down);
    QCOMPARE(m_view->cursorOffset(), qint64(9)); // the '\n' after "xy"
}

void TestByteView::copyUsesColumnOfSelection()
{
    m_view->setData("Hello, world\r\n");
    QClipboard *clipboard = QGuiApplication::clipboard();

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->byteRect(0).center());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                      m_view->byteRect(2).center());
    QCOMPARE(m_view->selection(), (ByteSpan{0, 3}));
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard->text(), QStringLiteral("48 65 6c"));

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, lastPointOf(*m_view, 7));
    QTest::keyClick(m_view, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard->text(), QStringLiteral("wo"));

    m_view->setMode(ByteView::Mode::Text);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->byteRect(10).center());
    QTest::keyClick(m_view, Qt::Key_End, Qt::ShiftModifier);
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard->text(), QStringLiteral("ld\r\n"));
}

void TestByteView::highlightScrollsFarOffsetIntoView()
{
    m_view->setData(QByteArray(1024 * 1024, 'z'));
    QScrollBar *vertical = m_view->verticalScrollBar();
    QCOMPARE(vertical->value(), 0);

    const qint64 far = 900000;
    m_view->setHighlights({{far, 8}, {10, 2}});
    const qint64 row = far / ByteView::kBytesPerHexRow;
    QVERIFY(vertical->value() > 0);
    QVERIFY(row >= vertical->value());
    QVERIFY(row < vertical->value() + vertical->pageStep());
    QVERIFY(m_view->viewport()->rect().contains(m_view->byteRect(far)));
    QCOMPARE(m_view->highlights().size(), 2);
    // The highlighted byte's cell is painted differently from its unhighlighted neighbour's.
    const QImage image = m_view->viewport()->grab().toImage();
    const QPoint inside(1, 1);
    QVERIFY(image.pixel(m_view->byteRect(far).topLeft() + inside) !=
            image.pixel(m_view->byteRect(far + 8).topLeft() + inside));

    m_view->clearHighlights();
    QVERIFY(m_view->highlights().isEmpty());

    const int before = vertical->value();
    m_view->ensureVisible(far + 16); // already on screen: no scrolling
    QCOMPARE(vertical->value(), before);
    m_view->ensureVisible(0);
    QCOMPARE(vertical->value(), 0);
}

void TestByteView::highlightScrollsInTextMode()
{
    QByteArray data;
    for (int i = 0; i < 20000; ++i)
        data.append("line " + QByteArray::number(i) + "\r\n");
    m_view->setMode(ByteView::Mode::Text);
    m_view->setData(data);
    QCOMPARE(m_view->rowCount(), qint64(20000));

    const qint64 target = data.indexOf("line 15000\r\n") + 5;
    m_view->setHighlights({{target, 5}});
    QVERIFY(m_view->verticalScrollBar()->value() > 0);
    QVERIFY(m_view->viewport()->rect().contains(m_view->byteRect(target)));
    QCOMPARE(m_view->byteAt(m_view->byteRect(target).center()), target);
    QVERIFY(!m_view->grab().isNull());
}

void TestByteView::modeSwitchKeepsTopByte()
{
    QByteArray data;
    for (int i = 0; i < 5000; ++i)
        data.append("0123456789abcde\n");
    m_view->setData(data);
    m_view->verticalScrollBar()->setValue(1000);
    const qint64 topByte = m_view->byteAt(m_view->byteRect(16000).center());
    QCOMPARE(topByte, qint64(16000));

    m_view->setMode(ByteView::Mode::Text);
    QCOMPARE(m_view->mode(), ByteView::Mode::Text);
    QCOMPARE(m_view->verticalScrollBar()->value(), 1000); // one 16-byte line per row
    QCOMPARE(m_view->byteRect(16000).top(), 0);
}

void TestByteView::setDataResetsState()
{
    m_view->setData(allByteValues(1));
    m_view->setHighlights({{3, 4}});
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->byteRect(9).center());
    QSignalSpy selected(m_view, &ByteView::selectionChanged);

    m_view->setData("new");
    QVERIFY(m_view->highlights().isEmpty());
    QVERIFY(m_view->selection().isEmpty());
    QCOMPARE(m_view->cursorOffset(), qint64(-1));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(m_view->rowCount(), qint64(1));
}

void TestByteView::largeBufferHex()
{
    const qint64 size = 50 * 1024 * 1024 + 7;
    const QByteArray data(size, 'A');

    m_view->setData(data);
    m_view->viewport()->repaint();

    const qint64 rows = (size + 15) / 16;
    QCOMPARE(m_view->rowCount(), rows);
    QScrollBar *vertical = m_view->verticalScrollBar();
    QCOMPARE(qint64(vertical->maximum()) + vertical->pageStep(), rows);

    vertical->setValue(vertical->maximum());
    QCOMPARE(m_view->byteAt(m_view->byteRect(size - 1).center()), size - 1);
    verifyPaintFollowsViewport(m_view, ByteView::kBytesPerHexRow);
}

void TestByteView::largeBufferText()
{
    // 80-byte lines, each one row, and a single unbroken line wrapped at a fixed width.
    QByteArray lines;
    lines.reserve(50 * 1024 * 1024);
    const QByteArray line = QByteArray(78, 'x') + "\r\n";
    while (lines.size() < 50 * 1024 * 1024)
        lines.append(line);
    const QByteArray oneLine(50 * 1024 * 1024, '{');
    m_view->setMode(ByteView::Mode::Text);

    m_view->setData(lines);
    m_view->viewport()->repaint();
    waitForTextIndex(m_view);
    QCOMPARE(m_view->rowCount(), qint64(lines.size() / line.size()));
    QScrollBar *vertical = m_view->verticalScrollBar();
    QCOMPARE(qint64(vertical->maximum()) + vertical->pageStep(), m_view->rowCount());
    verifyPaintFollowsViewport(m_view, line.size());
    if (QTest::currentTestFailed())
        return;

    m_view->setData(oneLine);
    m_view->viewport()->repaint();
    waitForTextIndex(m_view);
    const qint64 wrap = m_view->wrapColumns();
    QVERIFY(wrap >= ByteView::kMinWrapColumns);
    QCOMPARE(m_view->rowCount(), (qint64(oneLine.size()) + wrap - 1) / wrap);
    QCOMPARE(qint64(vertical->maximum()) + vertical->pageStep(), m_view->rowCount());
    verifyPaintFollowsViewport(m_view, wrap);
}

void TestByteView::largeBufferTextWorstCase()
{
    const QByteArray nl(50 * 1024 * 1024, '\n');
    m_view->setMode(ByteView::Mode::Text);
    m_view->setData(nl);
    m_view->viewport()->repaint();
    waitForTextIndex(m_view);
    QCOMPARE(m_view->rowCount(), qint64(nl.size()));
    QCOMPARE(m_view->byteAt(m_view->byteRect(3).center()), qint64(3));
    verifyPaintFollowsViewport(m_view, 1);
}

QTEST_MAIN(TestByteView)
#include "tst_byteview.moc"
