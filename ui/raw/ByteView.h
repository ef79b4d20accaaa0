#pragma once

#include "core/capture/ByteSpan.h"
#include "ui/raw/ByteSpanMetaType.h"
#include "ui/raw/HexRow.h"
#include "ui/raw/LineIndex.h"

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QList>

#include <memory>

class ByteRows;
class QThreadPool;
class TextIndexer;
class TextRow;

// Shows a byte buffer (a raw request, possibly 50 MB+) as a hex dump or as text, painting only the
// rows in the viewport so its cost depends on the window, never on the payload. The vertical
// scrollbar counts rows, not pixels.
//
// The view is a grid of fixed-pitch character cells. Hex mode rows hold 16 bytes: an offset
// column, the bytes as hex (an extra gap after the 8th) and the same bytes as ASCII ('.' for
// anything else). Text mode decodes UTF-8 (Utf8CellDecoder): each character is one cell (two for
// wide ones) holding all its bytes, a byte outside valid UTF-8 is a cell of its own shown as \xNN
// on a tinted background, tab shows as '→', CR and LF as '␍' and '␊' (or blank without line-end
// marks), other controls as control pictures. Rows end after each '\n' and wrap at the viewport
// width (soft wrap) or at kTextWrapColumns. Clicks, the cursor and selections move by whole cells,
// so a selection is always the exact bytes of the characters it covers.
//
// The text rows of a big body are indexed on a worker (TextIndexer): its first screen is indexed
// at once so it paints immediately, the rest arrives later (textIndexReady), and new data or a new
// wrap width cancels the running job.
class ByteView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    enum class Mode
    {
        Hex,
        Text
    };
    Q_ENUM(Mode)

    static constexpr int kBytesPerHexRow = HexRow::kBytesPerRow;
    // Text rows wrap here when soft wrap is off (and at most here when it is on).
    static constexpr int kTextWrapColumns = 1024;
    static constexpr int kMinWrapColumns = 16;

    explicit ByteView(QWidget *parent = nullptr);
    ~ByteView() override;

    // The buffer is implicitly shared, not copied. Highlights, selection and cursor are reset.
    void setData(const QByteArray &data);
    QByteArray data() const { return m_data; }

    // Keeps the byte at the top of the viewport in view across the switch.
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    // Text mode: wrap long lines at the viewport width rather than at kTextWrapColumns.
    void setSoftWrap(bool on);
    bool softWrap() const { return m_softWrap; }
    // Text mode: show CR and LF as ␍ and ␊. The layout is the same either way.
    void setLineEndMarks(bool on);
    bool lineEndMarks() const { return m_lineEndMarks; }
    // The wrap width of the text rows shown now (0 before any text index exists).
    int wrapColumns() const;
    // Whether the full text index is still being built on a worker.
    bool isIndexing() const;
    // The pool the text index is built on (the global one by default); for tests and benches.
    void setIndexThreadPool(QThreadPool *pool);

    // The bytes shown as one unit with the byte at `offset`: its character in Text mode, the byte
    // itself in Hex mode; empty outside the data.
    ByteSpan characterAt(qint64 offset) const;

    // Paints a background behind these bytes and scrolls the first span into view.
    void setHighlights(const QList<ByteSpan> &spans);
    void clearHighlights();
    QList<ByteSpan> highlights() const { return m_highlights; }

    // Brings the byte at `offset` into view: does nothing when it is visible, steps when it is
    // just off an edge, and puts it a third of the way down the viewport when it is further away.
    void ensureVisible(qint64 offset);

    qint64 cursorOffset() const { return m_cursor; }
    ByteSpan selection() const { return m_selection; }
    QByteArray selectedBytes() const;
    // Puts the selected bytes on the clipboard: as hex pairs when they were selected in the hex
    // column, as text otherwise.
    void copySelection() const;

    qint64 rowCount() const;
    // What Text mode draws in a row, cell by cell (TextRow::text); empty in Hex mode.
    QString rowText(qint64 row) const;
    // Byte under a viewport position; -1 for margins, gaps and space past the end of a row.
    qint64 byteAt(const QPoint &viewportPos) const;
    // Viewport rectangle of the byte's hex cell (Hex mode) or its character's cells (Text mode,
    // the same for every byte of a character); may lie
    // outside the viewport when the byte is scrolled away; null for offsets outside the data.
    QRect byteRect(qint64 offset) const;

    // What the last paint drew: rows and bytes. It follows the viewport, not the buffer: a 50 MB
    // body paints as many rows as a 1 KB one that fills the view (tests hold the view to that).
    struct PaintCount
    {
        qint64 rows = 0;
        qint64 bytes = 0;
    };
    PaintCount lastPaint() const { return m_lastPaint; }

Q_SIGNALS:
    void byteClicked(qint64 offset);
    void selectionChanged(ByteSpan selection);
    // The whole text index is in place: built at once for small data, or by the worker.
    void textIndexReady(qint64 rows, qint64 buildNs);
    // A worker build was cancelled (new data, new wrap width) after scanning these bytes.
    void textIndexCancelled(qint64 bytesScanned);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    // Which column a byte was picked in; only Hex mode has two, and copy follows the choice.
    enum class Pane
    {
        Hex,
        Text
    };
    struct Hit
    {
        qint64 offset = -1;
        Pane pane = Pane::Text;
    };

    void updateMetrics();
    void updateScrollBars();
    void rebuildLineIndex();
    int targetWrapColumns() const;
    void onIndexReplaced(const std::shared_ptr<const LineIndex> &previous);
    const LineIndex *lines() const;
    ByteRows rows() const;
    ByteSpan unitAt(qint64 offset) const;
    std::pair<int, int> cellsOf(qint64 offset) const;
    int visibleRows() const;
    int contentCells() const;
    ByteSpan rowSpan(qint64 row) const;
    qint64 rowOfOffset(qint64 offset) const;
    qreal cellX(int cell) const;
    int rowY(qint64 row) const;
    Hit hitTest(const QPoint &pos) const;
    qint64 nearestByte(const QPoint &pos, Pane pane) const;
    void moveCursor(qint64 offset, bool extendSelection);
    void setSelectionSpan(ByteSpan selection);

    // `text` is the row's layout in Text mode, null in Hex mode.
    void paintRunBackground(QPainter &painter, qint64 row, ByteSpan rowBytes, const TextRow *text,
                            ByteSpan run, const QColor &color) const;
    void paintCursor(QPainter &painter, qint64 row, ByteSpan rowBytes, const TextRow *text) const;

    QByteArray m_data;
    Mode m_mode = Mode::Hex;
    TextIndexer *m_text; // Text mode's rows; built when Text mode needs them
    bool m_softWrap = true;
    bool m_lineEndMarks = true;
    qint64 m_pendingVisible = -1; // asked to show before its row was indexed
    QList<ByteSpan> m_highlights;
    qint64 m_cursor = -1;
    qint64 m_anchor = -1;
    ByteSpan m_selection;
    Pane m_pane = Pane::Hex;
    bool m_dragging = false;

    qreal m_charWidth = 1;
    int m_lineHeight = 1;
    PaintCount m_lastPaint;
    int m_ascent = 0;
};
