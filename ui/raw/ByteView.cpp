#include "ui/raw/ByteView.h"

#include "ui/raw/ByteRows.h"
#include "ui/raw/CursorKeys.h"
#include "ui/raw/HexRow.h"
#include "ui/raw/TextIndexer.h"
#include "ui/raw/TextRow.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <climits>
#include <cmath>

namespace {

constexpr int kMarginPx = 4;

ByteSpan intersect(ByteSpan a, ByteSpan b)
{
    const qint64 start = std::max(a.offset, b.offset);
    const qint64 end = std::min(a.end(), b.end());
    return end > start ? ByteSpan{start, end - start} : ByteSpan{};
}

} // namespace

ByteView::ByteView(QWidget *parent) : QAbstractScrollArea(parent), m_text(new TextIndexer(this))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    // A scrollbar that came and went with the row count would change the soft-wrap width and
    // re-wrap the text each time.
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    updateMetrics();
    updateScrollBars();
    connect(m_text, &TextIndexer::indexReplaced, this, &ByteView::onIndexReplaced);
    connect(m_text, &TextIndexer::ready, this, &ByteView::textIndexReady);
    connect(m_text, &TextIndexer::cancelled, this, &ByteView::textIndexCancelled);
}

ByteView::~ByteView() = default;

void ByteView::setData(const QByteArray &data)
{
    m_data = data;
    m_text->reset(data);
    m_pendingVisible = -1;
    // Position and state are reset before indexing so the first screen is the top of the data.
    verticalScrollBar()->setValue(0);
    if (m_mode == Mode::Text)
        rebuildLineIndex();
    m_highlights.clear();
    m_cursor = -1;
    m_anchor = -1;
    m_dragging = false;
    updateScrollBars();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    setSelectionSpan({});
    viewport()->update();
}

void ByteView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    const qint64 topOffset = rowSpan(verticalScrollBar()->value()).offset;
    m_mode = mode;
    if (m_mode == Mode::Text)
        rebuildLineIndex();
    else
        m_text->cancel();
    updateScrollBars();
    verticalScrollBar()->setValue(int(std::max<qint64>(0, rowOfOffset(topOffset))));
    viewport()->update();
}

void ByteView::setSoftWrap(bool on)
{
    if (on == m_softWrap)
        return;
    m_softWrap = on;
    rebuildLineIndex();
    updateScrollBars();
    viewport()->update();
}

void ByteView::setLineEndMarks(bool on)
{
    if (on == m_lineEndMarks)
        return;
    m_lineEndMarks = on;
    viewport()->update();
}

int ByteView::wrapColumns() const
{
    return lines() ? lines()->wrapColumns() : 0;
}

bool ByteView::isIndexing() const
{
    return m_text->isBuilding();
}

void ByteView::setIndexThreadPool(QThreadPool *pool)
{
    m_text->setThreadPool(pool);
}

const LineIndex *ByteView::lines() const
{
    return m_text->index().get();
}

ByteSpan ByteView::characterAt(qint64 offset) const
{
    if (offset < 0 || offset >= m_data.size())
        return {};
    return unitAt(offset);
}

void ByteView::setHighlights(const QList<ByteSpan> &spans)
{
    m_highlights = spans;
    if (!m_highlights.isEmpty())
        ensureVisible(m_highlights.first().offset);
    viewport()->update();
}

void ByteView::clearHighlights()
{
    m_highlights.clear();
    viewport()->update();
}

void ByteView::ensureVisible(qint64 offset)
{
    if (offset < 0 || offset >= m_data.size())
        return;

    const qint64 row = rowOfOffset(offset);
    if (row < 0) { // not indexed yet: shown when the worker's index arrives
        m_pendingVisible = offset;
        return;
    }
    QScrollBar *vertical = verticalScrollBar();
    const qint64 top = vertical->value();
    const qint64 rows = visibleRows();
    // A step just past an edge scrolls by that step (keyboard navigation); a jump from far away
    // lands a third down the viewport so what precedes the target is visible too.
    qint64 newTop = top;
    if (row < top)
        newTop = top - row <= rows ? row : row - rows / 3;
    else if (row >= top + rows)
        newTop = row - (top + rows) < rows ? row - rows + 1 : row - rows / 3;
    vertical->setValue(int(std::clamp<qint64>(newTop, 0, INT_MAX)));

    const auto [cell, cellWidth] = cellsOf(offset);
    QScrollBar *horizontal = horizontalScrollBar();
    const int left = int(std::floor(kMarginPx + cell * m_charWidth));
    const int right = int(std::ceil(kMarginPx + (cell + cellWidth) * m_charWidth));
    if (left < horizontal->value())
        horizontal->setValue(left - kMarginPx);
    else if (right > horizontal->value() + viewport()->width())
        horizontal->setValue(right - viewport()->width() + kMarginPx);
}

QByteArray ByteView::selectedBytes() const
{
    if (m_selection.isEmpty())
        return {};
    return m_data.mid(m_selection.offset, m_selection.length);
}

void ByteView::copySelection() const
{
    const QByteArray bytes = selectedBytes();
    if (bytes.isEmpty())
        return;
    const bool asHex = m_mode == Mode::Hex && m_pane == Pane::Hex;
    QGuiApplication::clipboard()->setText(asHex ? QString::fromLatin1(bytes.toHex(' '))
                                                : QString::fromUtf8(bytes));
}

qint64 ByteView::rowCount() const
{
    return rows().rowCount();
}

QString ByteView::rowText(qint64 row) const
{
    if (m_mode != Mode::Text || row < 0 || row >= rowCount())
        return {};
    return rows().textRow(row).text(m_data, m_lineEndMarks);
}

qint64 ByteView::byteAt(const QPoint &viewportPos) const
{
    return hitTest(viewportPos).offset;
}

QRect ByteView::byteRect(qint64 offset) const
{
    if (offset < 0 || offset >= m_data.size())
        return {};
    const qint64 row = rowOfOffset(offset);
    if (row < 0)
        return {};
    const auto [cell, cells] = cellsOf(offset);
    const QPointF topLeft(cellX(cell), rowY(row));
    return QRectF(topLeft, QSizeF(cells * m_charWidth, m_lineHeight)).toRect();
}

void ByteView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setFont(font());
    m_lastPaint = {};
    const qint64 rows = rowCount();
    if (rows == 0)
        return;

    const qint64 top = verticalScrollBar()->value();
    const qint64 last = std::min(rows, top + viewport()->height() / m_lineHeight + 2);
    const QColor highlightColor(255, 190, 0, 90);
    QColor selectionColor = palette().color(QPalette::Highlight);
    selectionColor.setAlpha(120);

    const QColor invalidColor(220, 40, 40, 70);
    TextRow::Style style;
    style.text = palette().color(QPalette::Text);
    style.mark = palette().color(QPalette::PlaceholderText);
    style.invalidText = style.text;
    style.lineEndMarks = m_lineEndMarks;

    qint64 textRowStart = m_mode == Mode::Text ? lines()->rowStart(top) : 0;
    for (qint64 row = top; row < last; ++row) {
        ByteSpan rowBytes;
        TextRow text;
        if (m_mode == Mode::Hex) {
            rowBytes.offset = row * kBytesPerHexRow;
            rowBytes.length = std::min<qint64>(kBytesPerHexRow, m_data.size() - rowBytes.offset);
        } else {
            // Walk forward from the first visible row rather than looking each row up again.
            const qint64 next = lines()->nextRowStart(textRowStart);
            rowBytes = {textRowStart, next - textRowStart};
            textRowStart = next;
            text = TextRow(m_data, rowBytes);
            text.paintInvalidBackgrounds(painter, cellX(0), rowY(row), m_charWidth, m_lineHeight,
                                         invalidColor);
        }
        const TextRow *layout = m_mode == Mode::Text ? &text : nullptr;

        for (const ByteSpan &span : std::as_const(m_highlights))
            paintRunBackground(painter, row, rowBytes, layout, span, highlightColor);
        paintRunBackground(painter, row, rowBytes, layout, m_selection, selectionColor);
        if (m_mode == Mode::Hex)
            HexRow(m_data.size())
                .paint(painter, m_data, rowBytes, cellX(0), rowY(row) + m_ascent, m_charWidth,
                       palette());
        else
            text.paint(painter, m_data, cellX(0), rowY(row) + m_ascent, m_charWidth, style);
        paintCursor(painter, row, rowBytes, layout);
        ++m_lastPaint.rows;
        m_lastPaint.bytes += rowBytes.length;
    }
}

void ByteView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_mode == Mode::Text && m_softWrap && lines() &&
        targetWrapColumns() != lines()->wrapColumns())
        rebuildLineIndex();
    updateScrollBars();
}

void ByteView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        updateMetrics();
        if (m_mode == Mode::Text && m_softWrap)
            rebuildLineIndex();
        updateScrollBars();
    }
    QAbstractScrollArea::changeEvent(event);
}

void ByteView::scrollContentsBy(int, int)
{
    // The scrollbars count rows and cells, not pixels, so there is nothing to blit: repaint.
    viewport()->update();
}

void ByteView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const Hit hit = hitTest(event->position().toPoint());
    if (hit.offset < 0)
        return;
    m_pane = hit.pane;
    m_dragging = true;
    moveCursor(hit.offset, event->modifiers() & Qt::ShiftModifier);
}

void ByteView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging || !(event->buttons() & Qt::LeftButton))
        return;
    const QPoint pos = event->position().toPoint();
    // Dragging past an edge scrolls one row per move, enough to extend a selection off-screen.
    QScrollBar *vertical = verticalScrollBar();
    if (pos.y() < 0)
        vertical->setValue(vertical->value() - 1);
    else if (pos.y() >= viewport()->height())
        vertical->setValue(vertical->value() + 1);

    const qint64 offset = nearestByte(pos, m_pane);
    if (offset < 0 || offset == m_cursor)
        return;
    m_cursor = offset;
    const ByteSpan anchor = unitAt(m_anchor);
    const ByteSpan cursor = unitAt(m_cursor);
    const qint64 start = std::min(anchor.offset, cursor.offset);
    setSelectionSpan({start, std::max(anchor.end(), cursor.end()) - start});
    viewport()->update();
}

void ByteView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    m_dragging = false;
    event->accept();
}

void ByteView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    if (m_data.isEmpty()) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }

    const qint64 current = std::max<qint64>(0, m_cursor);
    const qint64 row = rowOfOffset(current);
    if (row < 0) { // the cursor's row is not indexed yet
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    CursorKeys::Place place;
    place.cursor = current;
    place.cursorEnd = unitAt(current).end();
    place.row = row;
    place.rowBytes = rowSpan(row);
    // Up and Down keep the byte column (Hex) or the character column (Text).
    place.column =
        m_mode == Mode::Hex ? current - place.rowBytes.offset : qint64(cellsOf(current).first);
    place.lastRow = rowCount() - 1;
    place.pageRows = visibleRows();
    place.dataSize = m_data.size();
    place.offsetInRow = [this](qint64 r, qint64 c) { return rows().offsetInRow(r, c); };
    const qint64 target = CursorKeys::target(event->key(), event->modifiers(), place);
    if (target < 0) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    moveCursor(target, event->modifiers() & Qt::ShiftModifier);
    event->accept();
}

void ByteView::updateMetrics()
{
    const QFontMetrics metrics(font());
    m_charWidth = std::max<qreal>(1, QFontMetricsF(font()).horizontalAdvance(QLatin1Char('0')));
    m_lineHeight = std::max(1, metrics.height());
    m_ascent = metrics.ascent();
    viewport()->update();
}

void ByteView::updateScrollBars()
{
    const int rows = visibleRows();
    QScrollBar *vertical = verticalScrollBar();
    vertical->setRange(0, int(std::clamp<qint64>(rowCount() - rows, 0, INT_MAX)));
    vertical->setPageStep(rows);
    vertical->setSingleStep(1);

    const int contentWidth = int(std::ceil(2 * kMarginPx + contentCells() * m_charWidth));
    QScrollBar *horizontal = horizontalScrollBar();
    horizontal->setRange(0, std::max(0, contentWidth - viewport()->width()));
    horizontal->setPageStep(viewport()->width());
    horizontal->setSingleStep(int(std::ceil(m_charWidth)));
}

void ByteView::rebuildLineIndex()
{
    if (m_mode == Mode::Text)
        m_text->update(targetWrapColumns());
}

int ByteView::targetWrapColumns() const
{
    if (!m_softWrap)
        return kTextWrapColumns;
    // One column stays free for a line break sitting past the last character.
    const int cells = int((viewport()->width() - 2 * kMarginPx) / m_charWidth) - 1;
    return std::clamp(cells, kMinWrapColumns, kTextWrapColumns);
}

void ByteView::onIndexReplaced(const std::shared_ptr<const LineIndex> &previous)
{
    // The byte at the top stays at the top when the same data is wrapped anew or fully indexed.
    const qint64 topOffset = previous ? previous->rowStart(verticalScrollBar()->value()) : 0;
    updateScrollBars();
    if (previous)
        verticalScrollBar()->setValue(int(std::max<qint64>(0, rowOfOffset(topOffset))));
    if (m_pendingVisible >= 0 && rowOfOffset(m_pendingVisible) >= 0) {
        const qint64 offset = m_pendingVisible;
        m_pendingVisible = -1;
        ensureVisible(offset);
    }
    viewport()->update();
}

ByteRows ByteView::rows() const
{
    return ByteRows(m_data, m_mode == Mode::Hex, lines());
}

ByteSpan ByteView::unitAt(qint64 offset) const
{
    return rows().unitAt(offset);
}

std::pair<int, int> ByteView::cellsOf(qint64 offset) const
{
    return rows().cellsOf(offset);
}

int ByteView::visibleRows() const
{
    return std::max(1, viewport()->height() / m_lineHeight);
}

int ByteView::contentCells() const
{
    if (m_mode == Mode::Hex)
        return HexRow(m_data.size()).endCell();
    return (lines() ? lines()->wrapColumns() : targetWrapColumns()) + 1;
}

ByteSpan ByteView::rowSpan(qint64 row) const
{
    return rows().rowSpan(row);
}

qint64 ByteView::rowOfOffset(qint64 offset) const
{
    return rows().rowOfOffset(offset);
}

qreal ByteView::cellX(int cell) const
{
    return kMarginPx + cell * m_charWidth - horizontalScrollBar()->value();
}

int ByteView::rowY(qint64 row) const
{
    return int((row - verticalScrollBar()->value()) * m_lineHeight);
}

ByteView::Hit ByteView::hitTest(const QPoint &pos) const
{
    if (pos.y() < 0 || pos.x() < 0)
        return {};
    const qint64 row = verticalScrollBar()->value() + pos.y() / m_lineHeight;
    const qreal cell = (pos.x() + horizontalScrollBar()->value() - kMarginPx) / m_charWidth;
    if (cell < 0)
        return {};
    const ByteRows::Hit hit = rows().hit(row, int(cell));
    return {hit.offset, hit.inHex ? Pane::Hex : Pane::Text};
}

qint64 ByteView::nearestByte(const QPoint &pos, Pane pane) const
{
    const qint64 count = rowCount();
    if (count == 0)
        return -1;
    const qint64 row = std::clamp<qint64>(verticalScrollBar()->value() +
                                              qint64(std::floor(qreal(pos.y()) / m_lineHeight)),
                                          0, count - 1);
    const int cell =
        int(std::floor((pos.x() + horizontalScrollBar()->value() - kMarginPx) / m_charWidth));
    return rows().nearest(row, cell, m_mode == Mode::Hex && pane == Pane::Hex);
}

void ByteView::moveCursor(qint64 offset, bool extendSelection)
{
    const ByteSpan cursor = unitAt(offset);
    m_cursor = cursor.offset;
    if (!extendSelection || m_anchor < 0)
        m_anchor = m_cursor;
    ensureVisible(m_cursor);
    const ByteSpan anchor = unitAt(m_anchor);
    const qint64 start = std::min(anchor.offset, cursor.offset);
    setSelectionSpan({start, std::max(anchor.end(), cursor.end()) - start});
    viewport()->update();
    Q_EMIT byteClicked(m_cursor);
}

void ByteView::setSelectionSpan(ByteSpan selection)
{
    if (selection == m_selection)
        return;
    m_selection = selection;
    viewport()->update();
    Q_EMIT selectionChanged(selection);
}

void ByteView::paintRunBackground(QPainter &painter, qint64 row, ByteSpan rowBytes,
                                  const TextRow *text, ByteSpan run, const QColor &color) const
{
    const ByteSpan visible = intersect(rowBytes, run);
    if (visible.isEmpty())
        return;
    const int first = int(visible.offset - rowBytes.offset);
    const int last = int(visible.end() - rowBytes.offset) - 1;
    const qreal y = rowY(row);
    auto fill = [&](qreal left, qreal right) {
        painter.fillRect(QRectF(left, y, right - left, m_lineHeight), color);
    };
    if (text) {
        const auto [firstColumn, endColumn] = text->columnRange(visible);
        fill(cellX(firstColumn), cellX(endColumn));
        return;
    }
    // Hex backgrounds cover the spaces between selected bytes so a run reads as one block.
    const HexRow hex(m_data.size());
    fill(cellX(hex.cellOfColumn(first)), cellX(hex.cellOfColumn(last) + 2));
    fill(cellX(hex.asciiStartCell() + first), cellX(hex.asciiStartCell() + last + 1));
}

void ByteView::paintCursor(QPainter &painter, qint64 row, ByteSpan rowBytes,
                           const TextRow *text) const
{
    if (!rowBytes.contains(m_cursor))
        return;
    const int column = int(m_cursor - rowBytes.offset);
    const qreal y = rowY(row);
    auto outline = [&](int cell, int cells, Qt::PenStyle style) {
        painter.setPen(QPen(palette().color(QPalette::Text), 1, style));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(cellX(cell), y, cells * m_charWidth, m_lineHeight - 1));
    };
    if (text) {
        const int index = text->cellIndexOf(m_cursor);
        if (index >= 0)
            outline(text->columnOf(index), text->cells()[size_t(index)].columns, Qt::SolidLine);
        return;
    }
    // The pane the cursor was placed in gets the solid outline, its twin a dotted one.
    const bool inHex = m_pane == Pane::Hex;
    const HexRow hex(m_data.size());
    outline(hex.cellOfColumn(column), 2, inHex ? Qt::SolidLine : Qt::DotLine);
    outline(hex.asciiStartCell() + column, 1, inHex ? Qt::DotLine : Qt::SolidLine);
}
