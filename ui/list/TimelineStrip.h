#pragma once

#include "core/store/CaptureHistogram.h"
#include "core/store/CaptureQuery.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QToolButton;
class RequestListModel;
class SearchBar;
class TimelineReader;

// The timeline strip above the request list (issue 14): the captures over time as stacked bars,
// one per time bucket, coloured by verdict as the Verdict column is (VerdictStyle), so retries
// and bursts show at a glance. The counts follow the list's filter and the search bar's query
// and come from one aggregate query (CaptureHistogram) on a worker (TimelineReader); while live
// captures arrive they are read again at most every RequeryMs. Dragging across the strip
// brushes a time range that the list then shows alone (CaptureFilter's time range, ANDed with
// the other filters); a click outside it, Esc or the × button clears it. From the keyboard:
// Left/Right move between buckets, Shift+Left/Right widen the range, Enter selects the bucket,
// Esc clears.
class TimelineStrip : public QWidget
{
    Q_OBJECT
public:
    static constexpr int RequeryMs = 250;
    // While live captures arrive, a re-read waits RequeryMs, or four times as long as the last
    // read took when that is longer (416 ms over a million captures): re-reading then keeps at
    // most a fifth of a core busy.
    static int requeryDelayMs(qint64 lastReadMs);
    static constexpr int BarPixels = 4; // the narrowest bar on screen

    explicit TimelineStrip(RequestListModel *model, QWidget *parent = nullptr);

    // The search bar whose applied query the counts follow while its result is in the list.
    void followSearch(SearchBar *search);

    const CaptureHistogram::Result &histogram() const { return m_histogram; }
    TimelineReader *reader() const { return m_reader; }
    QToolButton *clearButton() const { return m_clear; }

    // The brushed range: the list's filter's time range (the model keeps it).
    bool hasRange() const;
    qint64 rangeFromUs() const;
    qint64 rangeToUs() const;
    void setRange(qint64 fromUs, qint64 toUs); // filters the list
    void selectBuckets(int first, int last);   // the range those buckets cover
    void clearRange();
    QString rangeText() const; // "10:00:00 – 10:05:00", empty without a range

    int bucketAt(const QPoint &pos) const; // -1 outside the bars
    QRect bucketRect(int bucket) const;
    QString bucketToolTip(int bucket) const;
    int currentBucket() const { return m_cursor; } // the keyboard's
    QColor classColor(CaptureHistogram::Class c) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void histogramChanged(); // a new histogram is shown

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    QString readKey() const; // what the counts depend on, but for new captures
    void onModelChanged();
    void startRead();
    void onReady(const CaptureHistogram::Result &result);
    void paintBars(QPainter &p) const;
    void paintRange(QPainter &p, qint64 fromUs, qint64 toUs) const;
    void moveCursor(int to, bool extend);
    QRect barsRect() const;
    int xOf(qint64 us) const;
    int maxBuckets() const;
    QString timeText(qint64 us) const;
    void updateRangeShown();

    RequestListModel *m_model;
    SearchBar *m_search = nullptr;
    TimelineReader *m_reader;
    QToolButton *m_clear;
    QTimer m_requery;
    CaptureQuery m_query; // the search bar's, applied
    CaptureHistogram::Result m_histogram;
    QString m_key;             // readKey() of the last read started
    qint64 m_readTotal = -1;   // the model's capture count then
    int m_readMax = 0;         // and maxBuckets()
    bool m_again = false;      // more captures arrived while reading
    QElapsedTimer m_readClock; // since the read in flight started
    int m_press = -1;          // the bucket a drag started on
    int m_drag = -1;           // and the one under the mouse
    QPoint m_pressPos;
    int m_cursor = -1;
    int m_anchor = -1; // where Shift+arrows widen from
};
