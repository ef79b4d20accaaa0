// The timeline strip above the request list (issue 14), offscreen over a real store: its buckets
// come from the store and follow the filters and the search bar, live captures are counted
// again, a brushed range (mouse or keyboard) filters the list model (ANDed with the other
// filters) and Esc, a click outside or the × button clears it; tooltips, colours on light and
// dark palettes, accessibility.
#include "core/store/CaptureStore.h"
#include "core/store/NewCapture.h"
#include "ui/list/RequestListModel.h"
#include "ui/list/SearchBar.h"
#include "ui/list/TimelineReader.h"
#include "ui/list/TimelineStrip.h"
#include "ui/verdict/VerdictStyle.h"

#include <QApplication>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>
#include <ctime>

namespace {

constexpr qint64 S = 1000000;
const qint64 T0 = qint64(1763769600) * S; // 2025-11-22 00:00:00 UTC

// Capture i (id i + 1) at T0 + i minutes: even ones pass, odd ones fail; 7 and 8 answered 500.
NewCapture capture(qint64 us, const QString &reason, int status = 200)
{
    NewCapture c;
    c.summary.receivedAtUs = us;
    c.summary.method = "POST";
    c.summary.target = "/hook";
    c.summary.endpointId = QStringLiteral("stripe");
    c.summary.status = status;
    c.summary.verdictReason = reason;
    c.summary.verdictJson = R"({"hazards":[],"diagnosed":true})";
    c.raw = "POST /hook HTTP/1.1\r\n\r\n";
    return c;
}

QVector<qint64> rows(const RequestListModel &model)
{
    QVector<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.append(model.captureId(r));
    return ids;
}

QPalette palette(bool dark)
{
    QPalette p;
    p.setColor(QPalette::Base, dark ? QColor(0x1e, 0x1e, 0x1e) : QColor(Qt::white));
    p.setColor(QPalette::Text, dark ? QColor(0xee, 0xee, 0xee) : QColor(Qt::black));
    return p;
}

} // namespace

class TestTimelineStrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void bucketsFromTheStore();
    void emptyStoreThenLiveCaptures();
    void filterAndSearchChangeTheCounts();
    void brushingFiltersTheList();
    void brushIsAndedWithTheOtherFilters();
    void liveCapturesInAndOutsideTheRange();
    void clearing();
    void keyboard();
    void tooltipColoursAndNames();
    void slowReadsAreRepeatedLessOften();

private:
    // A strip over a model of the store, 400 px wide (15 s buckets over these 9 minutes).
    void open(RequestListModel &model, TimelineStrip &strip);
    qint64 append(const NewCapture &c); // through a writer, handed to the model as live
    void drag(TimelineStrip &strip, int fromBucket, int toBucket);

    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;
};

void TestTimelineStrip::initTestCase()
{
    qputenv("TZ", "UTC");
    tzset();
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath("settings"));
    QCoreApplication::setOrganizationName(QStringLiteral("hookbench-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_timelinestrip"));
}

void TestTimelineStrip::init()
{
    m_path = m_dir.filePath(QStringLiteral("t%1.db").arg(++m_n));
    CaptureStore store;
    QVERIFY(store.open(m_path));
    if (QByteArray(QTest::currentTestFunction()) == "emptyStoreThenLiveCaptures")
        return;
    QList<NewCapture> cs;
    for (int i = 0; i < 10; ++i)
        cs << capture(T0 + i * 60 * S,
                      i % 2 ? QStringLiteral("signature_mismatch") : QStringLiteral("ok"),
                      i == 7 || i == 8 ? 500 : 200);
    QVERIFY(store.append(cs));
}

void TestTimelineStrip::open(RequestListModel &model, TimelineStrip &strip)
{
    // shown first: the first read is for the bars that fit
    strip.resize(400, strip.sizeHint().height());
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QSignalSpy read(&strip, &TimelineStrip::histogramChanged);
    QVERIFY(model.open(m_path, nullptr));
    while (read.isEmpty() || strip.reader()->isReading())
        QVERIFY2(read.wait(10000), "the timeline was not read");
}

qint64 TestTimelineStrip::append(const NewCapture &c)
{
    CaptureStore store;
    if (!store.open(m_path))
        return 0;
    QList<NewCapture> one{c};
    if (!store.append(one))
        return 0;
    return one.first().summary.id;
}

void TestTimelineStrip::drag(TimelineStrip &strip, int fromBucket, int toBucket)
{
    const QPoint from = strip.bucketRect(fromBucket).center();
    const QPoint to = strip.bucketRect(toBucket).center();
    QTest::mousePress(&strip, Qt::LeftButton, {}, from);
    QTest::mouseMove(&strip, (from + to) / 2);
    QTest::mouseMove(&strip, to);
    QTest::mouseRelease(&strip, Qt::LeftButton, {}, to);
}

void TestTimelineStrip::bucketsFromTheStore()
{
    RequestListModel model;
    TimelineStrip strip(&model);
    open(model, strip);
    const CaptureHistogram::Result &h = strip.histogram();
    QCOMPARE(h.widthUs, 15 * S); // 541 s in at most 98 bars
    QCOMPARE(h.originUs, T0);
    QCOMPARE(h.total(), 10);
    for (int i = 0; i < h.buckets.size(); ++i) {
        const CaptureHistogram::Counts &c = h.buckets.at(i);
        const bool holds = i % 4 == 0;
        QCOMPARE(CaptureHistogram::Result::total(c), holds ? 1 : 0);
        if (holds)
            QCOMPARE(c[(i / 4) % 2 ? CaptureHistogram::Failed : CaptureHistogram::Ok], 1);
    }
    QCOMPARE(strip.bucketAt(strip.bucketRect(8).center()), 8);
    QCOMPARE(strip.bucketAt(QPoint(-5, 5)), -1);
}

void TestTimelineStrip::emptyStoreThenLiveCaptures()
{
    RequestListModel model;
    TimelineStrip strip(&model);
    open(model, strip);
    QSignalSpy read(&strip, &TimelineStrip::histogramChanged);
    QVERIFY(strip.histogram().ok);
    QVERIFY(strip.histogram().buckets.isEmpty());
    QVERIFY(strip.bucketToolTip(0).isEmpty());

    // a capture arrives: counted again (coalesced), one bucket
    NewCapture c = capture(T0, QStringLiteral("ok"));
    c.summary.id = append(c);
    QVERIFY(c.summary.id > 0);
    read.clear();
    model.appendLive({c.summary});
    QVERIFY(read.wait(10000));
    QCOMPARE(strip.histogram().total(), 1);
    QCOMPARE(strip.histogram().buckets.size(), 1);
}

void TestTimelineStrip::filterAndSearchChangeTheCounts()
{
    RequestListModel model;
    SearchBar search(&model);
    TimelineStrip strip(&model);
    strip.followSearch(&search);
    open(model, strip);
    QSignalSpy read(&strip, &TimelineStrip::histogramChanged);
    CaptureFilter failed;
    failed.verdict = CaptureFilter::Verdict::Fail;
    model.setFilter(failed);
    QVERIFY(read.wait(10000));
    QCOMPARE(strip.histogram().total(), 5);
    QCOMPARE(strip.histogram().originUs, T0); // the axis stays

    // the search bar's query, ANDed with the combos' filter: capture 7 fails and answered 500
    QSignalSpy applied(&search, &SearchBar::applied);
    search.edit()->setText(QStringLiteral("status:500"));
    search.apply();
    QVERIFY(applied.wait(10000));
    while (strip.histogram().total() != 1 || strip.reader()->isReading())
        QVERIFY(read.wait(10000));
    QCOMPARE(strip.histogram().buckets.at(28)[CaptureHistogram::Failed], 1);

    search.edit()->clear();
    search.apply();
    model.setFilter({});
    while (strip.histogram().total() != 10 || strip.reader()->isReading())
        QVERIFY(read.wait(10000));
}

void TestTimelineStrip::brushingFiltersTheList()
{
    RequestListModel model;
    TimelineStrip strip(&model);
    open(model, strip);
    QCOMPARE(model.rowCount(), 10);
    // from capture 2's bucket to capture 4's: [2 min, 4 min 15 s)
    drag(strip, 8, 16);
    QVERIFY(strip.hasRange());
    QCOMPARE(strip.rangeFromUs(), T0 + 120 * S);
    QCOMPARE(strip.rangeToUs(), T0 + 255 * S);
    QCOMPARE(model.filter().fromUs, T0 + 120 * S);
    QCOMPARE(rows(model), QVector<qint64>({3, 4, 5}));
    QVERIFY(strip.clearButton()->isVisible());
    QCOMPARE(strip.rangeText(), QStringLiteral("00:02:00 – 00:04:15"));
    // the counts stay whole: the strip shows what is around the range
    QCOMPARE(strip.histogram().total(), 10);

    // dragging right to left selects the same way; past the end selects to it
    drag(strip, 36, 30);
    QCOMPARE(rows(model), QVector<qint64>({9, 10}));
    const QPoint past(strip.width() + 20, strip.bucketRect(0).center().y());
    QTest::mousePress(&strip, Qt::LeftButton, {}, strip.bucketRect(32).center());
    QTest::mouseMove(&strip, past);
    QTest::mouseRelease(&strip, Qt::LeftButton, {}, past);
    QCOMPARE(rows(model), QVector<qint64>({9, 10}));
    QCOMPARE(strip.rangeToUs(), strip.histogram().endUs());
}

void TestTimelineStrip::brushIsAndedWithTheOtherFilters()
{
    RequestListModel model;
    TimelineStrip strip(&model);
    open(model, strip);
    strip.selectBuckets(4, 23); // captures 1 to 5
    QCOMPARE(rows(model), QVector<qint64>({2, 3, 4, 5, 6}));
    CaptureFilter failed = model.filter();
    failed.verdict = CaptureFilter::Verdict::Fail;
    model.setFilter(failed);
    QCOMPARE(rows(model), QVector<qint64>({2, 4, 6}));
    QVERIFY(strip.hasRange());
    // sorted by time, the order's index read on the worker: the same rows
    QSignalSpy counts(&model, &RequestListModel::countsChanged);
    model.sort(RequestListModel::TimeColumn, Qt::DescendingOrder);
    while (model.isLoading())
        QVERIFY(counts.wait(10000));
    QCOMPARE(rows(model), QVector<qint64>({6, 4, 2}));
}

void TestTimelineStrip::liveCapturesInAndOutsideTheRange()
{
    RequestListModel model;
    TimelineStrip strip(&model);
    open(model, strip);
    strip.selectBuckets(8, 16);
    QCOMPARE(rows(model), QVector<qint64>({3, 4, 5}));
    NewCapture inside = capture(T0 + 150 * S, QStringLiteral("ok"));
    NewCapture outside = capture(T0 + 600 * S, QStringLiteral("ok"));
    inside.summary.id = append(inside);
    outside.summary.id = append(outside);
    QSignalSpy read(&strip, &TimelineStrip::histogramChanged);
    model.appendLive({inside.summary, outside.summary});
    QCoreApplication::processEvents(); // the model takes live captures once per event-loop turn
    QCOMPARE(rows(model), QVector<qint64>({3, 4, 5, inside.summary.id}));
    // and the strip counts them both
    while (strip.histogram().total() != 12)
        QVERIFY(read.wait(10000));
}

void TestTimelineStrip::clearing()
{
    RequestListModel model;
    TimelineStrip strip(&model);
    open(model, strip);

    strip.selectBuckets(8, 16);
    strip.setFocus();
    QTest::keyClick(&strip, Qt::Key_Escape);
    QVERIFY(!strip.hasRange());
    QCOMPARE(model.rowCount(), 10);
    QVERIFY(!strip.clearButton()->isVisible());

    strip.selectBuckets(8, 16);
    QVERIFY(strip.clearButton()->isVisible());
    QTest::mouseClick(strip.clearButton(), Qt::LeftButton);
    QVERIFY(!strip.hasRange());
    QCOMPARE(model.rowCount(), 10);

    // a click inside the range keeps it, outside clears it
    strip.selectBuckets(8, 16);
    QTest::mouseClick(&strip, Qt::LeftButton, {}, strip.bucketRect(12).center());
    QCOMPARE(model.rowCount(), 3);
    QTest::mouseClick(&strip, Qt::LeftButton, {}, strip.bucketRect(30).center());
    QVERIFY(!strip.hasRange());
    QCOMPARE(model.rowCount(), 10);
}

void TestTimelineStrip::keyboard()
{
    RequestListModel model;
    TimelineStrip strip(&model);
    open(model, strip);
    strip.setFocus();
    QTest::keyClick(&strip, Qt::Key_Home);
    QCOMPARE(strip.currentBucket(), 0);
    QVERIFY(!strip.hasRange()); // moving alone selects nothing
    for (int i = 0; i < 4; ++i)
        QTest::keyClick(&strip, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(strip.currentBucket(), 4);
    QCOMPARE(rows(model), QVector<qint64>({1, 2})); // [0, 75 s)
    QTest::keyClick(&strip, Qt::Key_Left, Qt::ShiftModifier);
    QCOMPARE(rows(model), QVector<qint64>({1}));
    QTest::keyClick(&strip, Qt::Key_End);
    QTest::keyClick(&strip, Qt::Key_Return);
    QCOMPARE(rows(model), QVector<qint64>({10}));
    QTest::keyClick(&strip, Qt::Key_Escape);
    QCOMPARE(model.rowCount(), 10);
    QVERIFY(!strip.accessibleName().isEmpty());
    QVERIFY(!strip.clearButton()->accessibleName().isEmpty());
    QVERIFY(strip.focusPolicy() & Qt::TabFocus);
}

void TestTimelineStrip::tooltipColoursAndNames()
{
    RequestListModel model;
    TimelineStrip strip(&model);
    open(model, strip);
    QCOMPARE(strip.bucketToolTip(4), QStringLiteral("00:01:00 – 00:01:15\n1 capture: 1 failed"));
    QCOMPARE(strip.bucketToolTip(5), QStringLiteral("00:01:15 – 00:01:30\nno capture"));
    for (const bool dark : {false, true}) {
        strip.setPalette(palette(dark));
        const QColor base = strip.palette().color(QPalette::Base);
        QCOMPARE(strip.classColor(CaptureHistogram::Ok),
                 VerdictStyle::color(VerdictHeadline::Tone::Pass, strip.palette()));
        QCOMPARE(strip.classColor(CaptureHistogram::Failed),
                 VerdictStyle::color(VerdictHeadline::Tone::Fail, strip.palette()));
        QCOMPARE(strip.classColor(CaptureHistogram::Stale),
                 VerdictStyle::color(VerdictHeadline::Tone::Stale, strip.palette()));
        QCOMPARE(strip.classColor(CaptureHistogram::NoSecret),
                 VerdictStyle::color(VerdictHeadline::Tone::NotChecked, strip.palette()));
        for (int c = 0; c < CaptureHistogram::ClassCount; ++c)
            QVERIFY2(VerdictStyle::contrast(strip.classColor(CaptureHistogram::Class(c)), base) >=
                         2.0,
                     qPrintable(QStringLiteral("class %1 on %2").arg(c).arg(base.name())));
        // painted: the bucket of capture 1 shows the failed colour
        const QImage image = strip.grab().toImage();
        const QRect bar = strip.bucketRect(4);
        QCOMPARE(image.pixelColor(bar.left(), bar.bottom()),
                 strip.classColor(CaptureHistogram::Failed));
    }
}

void TestTimelineStrip::slowReadsAreRepeatedLessOften()
{
    // Live captures re-read the counts at most every 250 ms, or four times the last read's time.
    QCOMPARE(TimelineStrip::requeryDelayMs(0), TimelineStrip::RequeryMs);
    QCOMPARE(TimelineStrip::requeryDelayMs(62), TimelineStrip::RequeryMs);
    QCOMPARE(TimelineStrip::requeryDelayMs(100), 400);
    QCOMPARE(TimelineStrip::requeryDelayMs(416), 1664);
    QCOMPARE(TimelineStrip::requeryDelayMs(3600000), 60000);
}

QTEST_MAIN(TestTimelineStrip)
#include "tst_timelinestrip.moc"
