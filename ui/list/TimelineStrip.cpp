#include "ui/list/TimelineStrip.h"

#include "ui/list/RequestListModel.h"
#include "ui/list/SearchBar.h"
#include "ui/list/TimelineReader.h"
#include "ui/verdict/VerdictStyle.h"

#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QToolButton>
#include <QToolTip>
#include <algorithm>

namespace {

constexpr int Margin = 3;

// bottom to top: what needs seeing most sits on the baseline
constexpr CaptureHistogram::Class StackOrder[] = {
    CaptureHistogram::Failed, CaptureHistogram::Stale, CaptureHistogram::NoSecret,
    CaptureHistogram::Unverified, CaptureHistogram::Ok};

QString className(CaptureHistogram::Class c)
{
    switch (c) {
    case CaptureHistogram::Ok:
        return TimelineStrip::tr("ok");
    case CaptureHistogram::Failed:
        return TimelineStrip::tr("failed");
    case CaptureHistogram::Stale:
        return TimelineStrip::tr("stale");
    case CaptureHistogram::NoSecret:
        return TimelineStrip::tr("no secret");
    case CaptureHistogram::Unverified:
    case CaptureHistogram::ClassCount:
        break;
    }
    return TimelineStrip::tr("not verified");
}

} // namespace

TimelineStrip::TimelineStrip(RequestListModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_reader(new TimelineReader(this)),
      m_clear(new QToolButton(this))
{
    setObjectName(QStringLiteral("timelineStrip"));
    setAccessibleName(tr("Capture timeline"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_clear->setObjectName(QStringLiteral("clearTimeRange"));
    m_clear->setText(QStringLiteral("×"));
    m_clear->setAutoRaise(true);
    m_clear->setFocusPolicy(Qt::TabFocus);
    m_clear->setAccessibleName(tr("Clear time range"));
    m_clear->setToolTip(tr("Show every time again (Esc on the timeline)"));
    m_clear->hide();
    connect(m_clear, &QToolButton::clicked, this, &TimelineStrip::clearRange);

    m_requery.setSingleShot(true);
    m_requery.setInterval(RequeryMs);
    connect(&m_requery, &QTimer::timeout, this, &TimelineStrip::startRead);
    connect(m_reader, &TimelineReader::ready, this, &TimelineStrip::onReady);
    connect(m_model, &RequestListModel::countsChanged, this, &TimelineStrip::onModelChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineStrip::onModelChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                // verdicts changed (new verdicts, verified again): counted again soon
                if (from.column() <= RequestListModel::VerdictColumn &&
                    to.column() >= RequestListModel::VerdictColumn && !m_requery.isActive())
                    m_requery.start();
            });
    onModelChanged();
}

void TimelineStrip::followSearch(SearchBar *search)
{
    m_search = search;
    connect(search, &SearchBar::applied, this, [this](const QString &query) {
        m_query = CaptureQuery::parse(query);
        onModelChanged();
    });
}

QString TimelineStrip::readKey() const
{
    const CaptureFilter &f = m_model->filter();
    return QStringLiteral("%1\n%2 %3 %4 %5\n%6")
        .arg(m_model->storePath())
        .arg(int(f.verdict))
        .arg(int(f.forward))
        .arg(f.withUnmatched)
        .arg(f.endpointId,
             m_model->searchActive() && m_query.isValid() ? m_query.text() : QString());
}

void TimelineStrip::onModelChanged()
{
    updateRangeShown();
    if (m_model->storePath().isEmpty())
        return;
    if (readKey() != m_key) {
        m_requery.stop();
        startRead(); // another filter or store: at once, the read in flight is dropped
    } else if (m_model->totalCount() != m_readTotal && !m_requery.isActive()) {
        m_requery.start(); // live captures: at most every requeryDelayMs()
    }
}

void TimelineStrip::startRead()
{
    const QString key = readKey();
    if (m_reader->isReading() && key == m_key) {
        m_again = true; // the same counts with more captures: read once this one is in
        return;
    }
    m_key = key;
    m_again = false;
    m_readTotal = m_model->totalCount();
    m_readMax = maxBuckets();
    m_readClock.start();
    CaptureQuery::Context context;
    if (m_search)
        context.endpointProviders = m_search->endpointProviders();
    const bool searching = m_model->searchActive() && m_query.isValid();
    m_reader->read(m_model->storePath(), searching ? m_query : CaptureQuery::parse({}), context,
                   m_model->filter(), m_readMax);
}

int TimelineStrip::requeryDelayMs(qint64 lastReadMs)
{
    return int(std::clamp<qint64>(4 * lastReadMs, RequeryMs, 60000));
}

void TimelineStrip::onReady(const CaptureHistogram::Result &result)
{
    m_requery.setInterval(requeryDelayMs(m_readClock.elapsed()));
    if (result.ok) {
        m_histogram = result;
        setToolTip({});
    } else {
        setToolTip(tr("The timeline could not be read: %1").arg(result.error));
    }
    if (m_cursor >= m_histogram.buckets.size())
        m_cursor = int(m_histogram.buckets.size()) - 1;
    updateRangeShown();
    update();
    Q_EMIT histogramChanged();
    if (m_again && !m_requery.isActive())
        m_requery.start();
}

bool TimelineStrip::hasRange() const
{
    return m_model->filter().hasTimeRange();
}

qint64 TimelineStrip::rangeFromUs() const
{
    return hasRange() ? m_model->filter().fromUs : 0;
}

qint64 TimelineStrip::rangeToUs() const
{
    return hasRange() ? m_model->filter().toUs : 0;
}

void TimelineStrip::setRange(qint64 fromUs, qint64 toUs)
{
    CaptureFilter filter = m_model->filter();
    if (filter.fromUs == fromUs && filter.toUs == toUs)
        return;
    filter.fromUs = fromUs;
    filter.toUs = toUs;
    m_model->setFilter(filter);
}

void TimelineStrip::selectBuckets(int first, int last)
{
    const int n = int(m_histogram.buckets.size());
    if (n == 0)
        return;
    first = qBound(0, first, n - 1);
    last = qBound(0, last, n - 1);
    if (first > last)
        std::swap(first, last);
    setRange(m_histogram.startOf(first), m_histogram.startOf(last + 1));
}

void TimelineStrip::clearRange()
{
    setRange(0, 0);
    m_anchor = -1;
}

QString TimelineStrip::timeText(qint64 us) const
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(us / 1000);
    const qint64 width = m_histogram.widthUs;
    const bool oneDay = QDateTime::fromMSecsSinceEpoch(m_histogram.originUs / 1000).date() ==
                        QDateTime::fromMSecsSinceEpoch(m_histogram.endUs() / 1000 - 1).date();
    if (width >= 24 * 3600 * qint64(1000000))
        return t.toString(QStringLiteral("yyyy-MM-dd"));
    const QString clock = width < 1000000    ? QStringLiteral("HH:mm:ss.zzz")
                          : width < 60000000 ? QStringLiteral("HH:mm:ss")
                                             : QStringLiteral("HH:mm");
    return t.toString(oneDay ? clock : QStringLiteral("yyyy-MM-dd ") + clock);
}

QString TimelineStrip::rangeText() const
{
    if (!hasRange())
        return {};
    return tr("%1 – %2").arg(timeText(rangeFromUs()), timeText(rangeToUs()));
}

void TimelineStrip::updateRangeShown()
{
    const bool range = hasRange();
    m_clear->setVisible(range);
    setAccessibleDescription(
        range ? tr("Showing %1 only; Esc shows every time").arg(rangeText())
              : tr("%1 captures over time; drag, or Shift+arrows, to show a time range only")
                    .arg(QLocale().toString(m_histogram.total())));
    update();
}

QRect TimelineStrip::barsRect() const
{
    const int text = fontMetrics().height();
    const int right = m_clear->width() + Margin; // kept for the × button: the bars stay put
    return QRect(Margin, Margin, width() - 2 * Margin - right, height() - 2 * Margin - text);
}

int TimelineStrip::maxBuckets() const
{
    return qBound(1, barsRect().width() / BarPixels, 1000);
}

int TimelineStrip::xOf(qint64 us) const
{
    const QRect bars = barsRect();
    const qint64 span = m_histogram.endUs() - m_histogram.originUs;
    if (span <= 0)
        return bars.left();
    const double f = qBound(0.0, double(us - m_histogram.originUs) / double(span), 1.0);
    return bars.left() + int(f * bars.width() + 0.5);
}

QRect TimelineStrip::bucketRect(int bucket) const
{
    const QRect bars = barsRect();
    if (bucket < 0 || bucket >= m_histogram.buckets.size())
        return {};
    const int x0 = xOf(m_histogram.startOf(bucket));
    const int x1 = xOf(m_histogram.startOf(bucket + 1));
    return QRect(x0, bars.top(), qMax(1, x1 - x0), bars.height());
}

int TimelineStrip::bucketAt(const QPoint &pos) const
{
    const QRect bars = barsRect();
    const int n = int(m_histogram.buckets.size());
    if (n == 0 || pos.x() < bars.left() || pos.x() > bars.right() || pos.y() < 0 ||
        pos.y() > height())
        return -1;
    return qBound(0, int(qint64(pos.x() - bars.left()) * n / qMax(1, bars.width())), n - 1);
}

QColor TimelineStrip::classColor(CaptureHistogram::Class c) const
{
    // the Verdict column's colours (VerdictHeadline's tones), on this palette
    static const VerdictHeadline::Tone tones[] = {
        VerdictHeadline::Tone::Pass, VerdictHeadline::Tone::Fail, VerdictHeadline::Tone::Stale,
        VerdictHeadline::Tone::NotChecked, VerdictHeadline::Tone::None};
    const QColor color = VerdictStyle::color(tones[c], palette());
    if (color.isValid())
        return color;
    // not verified: the text colour, faded towards the base
    const QColor text = palette().color(QPalette::Text), base = palette().color(QPalette::Base);
    return QColor::fromRgbF((text.redF() + base.redF()) / 2, (text.greenF() + base.greenF()) / 2,
                            (text.blueF() + base.blueF()) / 2);
}

QString TimelineStrip::bucketToolTip(int bucket) const
{
    if (bucket < 0 || bucket >= m_histogram.buckets.size())
        return {};
    const CaptureHistogram::Counts &c = m_histogram.buckets.at(bucket);
    const qint64 total = CaptureHistogram::Result::total(c);
    QStringList parts;
    for (const CaptureHistogram::Class k : StackOrder) {
        if (c[k] > 0)
            parts.append(QStringLiteral("%1 %2").arg(QLocale().toString(c[k]), className(k)));
    }
    const QString when = tr("%1 – %2").arg(timeText(m_histogram.startOf(bucket)),
                                           timeText(m_histogram.startOf(bucket + 1)));
    if (total == 0)
        return tr("%1\nno capture").arg(when);
    const QString counts = parts.join(QStringLiteral(", "));
    return total == 1 ? tr("%1\n1 capture: %2").arg(when, counts)
                      : tr("%1\n%2 captures: %3").arg(when, QLocale().toString(total), counts);
}

QSize TimelineStrip::sizeHint() const
{
    return QSize(600, minimumSizeHint().height());
}

QSize TimelineStrip::minimumSizeHint() const
{
    return QSize(120, 2 * Margin + fontMetrics().height() * 3);
}

void TimelineStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    const QRect bars = barsRect();
    const QRect labels(bars.left(), bars.bottom() + 1, bars.width(), fontMetrics().height());
    p.setPen(pal.color(QPalette::PlaceholderText));
    if (m_histogram.buckets.isEmpty()) {
        p.drawText(bars, Qt::AlignCenter, tr("No captures yet: the timeline fills as they arrive"));
        return;
    }
    paintBars(p);
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, timeText(m_histogram.originUs));
    p.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, timeText(m_histogram.endUs()));
    if (m_press >= 0 && m_drag >= 0) {
        paintRange(p, m_histogram.startOf(qMin(m_press, m_drag)),
                   m_histogram.startOf(qMax(m_press, m_drag) + 1));
    } else if (hasRange()) {
        paintRange(p, rangeFromUs(), rangeToUs());
        p.setPen(pal.color(QPalette::Text));
        p.drawText(labels, Qt::AlignHCenter | Qt::AlignVCenter, rangeText());
    }
    if (hasFocus() && m_cursor >= 0) {
        p.setPen(QPen(pal.color(QPalette::Text), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(bucketRect(m_cursor).adjusted(0, 0, -1, -1));
    }
}

void TimelineStrip::paintBars(QPainter &p) const
{
    const QRect bars = barsRect();
    qint64 most = 1;
    for (const CaptureHistogram::Counts &c : m_histogram.buckets)
        most = qMax(most, CaptureHistogram::Result::total(c));
    for (int i = 0; i < m_histogram.buckets.size(); ++i) {
        const CaptureHistogram::Counts &c = m_histogram.buckets.at(i);
        const QRect r = bucketRect(i);
        const int w = r.width() > 2 ? r.width() - 1 : r.width(); // a gap between wide bars
        int bottom = bars.bottom() + 1;
        for (const CaptureHistogram::Class k : StackOrder) {
            if (c[k] == 0)
                continue;
            // at least a pixel: one failed delivery among thousands still shows
            const int h = qMax(1, int(double(c[k]) * bars.height() / double(most) + 0.5));
            p.fillRect(r.left(), bottom - h, w, h, classColor(k));
            bottom -= h;
        }
    }
}

void TimelineStrip::paintRange(QPainter &p, qint64 fromUs, qint64 toUs) const
{
    const QRect bars = barsRect();
    const QRect r(QPoint(xOf(fromUs), bars.top()), QPoint(xOf(toUs) - 1, bars.bottom()));
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(60);
    p.fillRect(r, fill);
    p.setPen(palette().color(QPalette::Highlight));
    p.drawLine(r.topLeft(), r.bottomLeft());
    p.drawLine(r.topRight(), r.bottomRight());
}

void TimelineStrip::mousePressEvent(QMouseEvent *event)
{
    const int bucket = bucketAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || bucket < 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_press = m_drag = bucket;
    m_pressPos = event->position().toPoint();
    update();
}

void TimelineStrip::mouseMoveEvent(QMouseEvent *event)
{
    if (m_press < 0)
        return;
    const QRect bars = barsRect();
    QPoint pos = event->position().toPoint();
    pos.setX(qBound(bars.left(), pos.x(), bars.right())); // dragging past the ends selects to them
    pos.setY(bars.center().y());
    m_drag = bucketAt(pos);
    update();
}

void TimelineStrip::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_press < 0 || event->button() != Qt::LeftButton)
        return;
    const int from = m_press, to = m_drag;
    m_press = m_drag = -1;
    const QPoint moved = event->position().toPoint() - m_pressPos;
    if (moved.manhattanLength() >= QApplication::startDragDistance() && to >= 0) {
        selectBuckets(from, to);
        m_cursor = to;
        m_anchor = from;
    } else if (hasRange()) {
        // a click outside the range clears it; inside, it stays
        const qint64 t = m_histogram.startOf(from);
        if (t + m_histogram.widthUs <= rangeFromUs() || t >= rangeToUs())
            clearRange();
    }
    update();
}

void TimelineStrip::moveCursor(int to, bool extend)
{
    const int n = int(m_histogram.buckets.size());
    if (n == 0)
        return;
    const int previous = m_cursor < 0 ? to : m_cursor;
    m_cursor = qBound(0, to, n - 1);
    if (extend) {
        if (m_anchor < 0)
            m_anchor = previous;
        selectBuckets(m_anchor, m_cursor);
    } else {
        m_anchor = -1;
    }
    update();
}

void TimelineStrip::keyPressEvent(QKeyEvent *event)
{
    const bool extend = event->modifiers() & Qt::ShiftModifier;
    const int last = int(m_histogram.buckets.size()) - 1;
    switch (event->key()) {
    case Qt::Key_Escape:
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (!hasRange())
            break;
        clearRange();
        return;
    case Qt::Key_Left:
        moveCursor(m_cursor < 0 ? last : m_cursor - 1, extend);
        return;
    case Qt::Key_Right:
        moveCursor(m_cursor < 0 ? 0 : m_cursor + 1, extend);
        return;
    case Qt::Key_Home:
        moveCursor(0, extend);
        return;
    case Qt::Key_End:
        moveCursor(last, extend);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_cursor < 0)
            break;
        m_anchor = m_cursor;
        selectBuckets(m_cursor, m_cursor);
        return;
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

void TimelineStrip::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_clear->setFixedHeight(qMin(height() - 2 * Margin, m_clear->sizeHint().height()));
    m_clear->move(width() - Margin - m_clear->width(), Margin);
    // more or fewer bars fit: counted again in buckets of another width
    if (maxBuckets() != m_readMax && !m_model->storePath().isEmpty() && !m_requery.isActive())
        m_requery.start();
}

void TimelineStrip::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
}

bool TimelineStrip::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString text = bucketToolTip(bucketAt(help->pos()));
        if (text.isEmpty())
            return QWidget::event(event); // the widget's own (an error) or none
        QToolTip::showText(help->globalPos(), text, this, bucketRect(bucketAt(help->pos())));
        return true;
    }
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)
        update();
    return QWidget::event(event);
}
