// The timeline's aggregate query (issue 14): counts per time bucket and verdict class from a
// real SQLite store, bucket widths chosen from the span, captures on bucket edges, the list's
// filter and the query language applied to the counts, and the plan reading captures_received.
#include "core/store/CaptureHistogram.h"
#include "core/store/CaptureSearch.h"
#include "core/store/CaptureStore.h"
#include "core/store/NewCapture.h"

#include <QTemporaryDir>
#include <QtTest>
#include <ctime>
#include <sqlite3.h>

namespace {

constexpr qint64 S = 1000000;
constexpr qint64 Min = 60 * S;
constexpr qint64 H = 60 * Min;
const qint64 T0 = qint64(1763769600) * S; // 2025-11-22 00:00:00 UTC

using Class = CaptureHistogram::Class;

NewCapture capture(qint64 us, const QString &reason, int status = 200,
                   const QString &endpoint = QStringLiteral("stripe"))
{
    NewCapture c;
    c.summary.receivedAtUs = us;
    c.summary.method = "POST";
    c.summary.target = "/hook";
    c.summary.endpointId = endpoint;
    c.summary.status = status;
    c.summary.verdictReason = reason;
    if (!reason.isEmpty())
        c.summary.verdictJson = R"({"hazards":[],"diagnosed":true})";
    c.raw = "POST /hook HTTP/1.1\r\n\r\n";
    return c;
}

CaptureHistogram::Counts counts(qint64 ok, qint64 failed, qint64 stale, qint64 noSecret,
                                qint64 unverified)
{
    return {ok, failed, stale, noSecret, unverified};
}

} // namespace

class TestCaptureHistogram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void widthsFromTheSpan_data();
    void widthsFromTheSpan();
    void alignsToTheLocalClock();
    void emptyStore();
    void oneCapture();
    void countsPerMinuteAndClass();
    void capturesOnEdgesPerSecond();
    void hourBucketsStartOnTheHour();
    void filterSelectsTheCounts();
    void queryLanguageSelectsTheCounts();
    void planReadsTheTimeIndex();

private:
    CaptureHistogram::Result histogram(int maxBuckets, const CaptureFilter &filter = {},
                                       const QString &query = {});
    void store(QList<NewCapture> captures);

    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;
};

void TestCaptureHistogram::initTestCase()
{
    // bucket edges follow the local clock: the expectations below are in UTC
    qputenv("TZ", "UTC");
    tzset();
    QVERIFY(m_dir.isValid());
}

void TestCaptureHistogram::init()
{
    m_path = m_dir.filePath(QStringLiteral("h%1.db").arg(++m_n));
    CaptureStore s;
    QVERIFY2(s.open(m_path), qPrintable(s.errorString()));
}

void TestCaptureHistogram::store(QList<NewCapture> captures)
{
    CaptureStore s;
    QVERIFY2(s.open(m_path), qPrintable(s.errorString()));
    QVERIFY2(s.append(captures), qPrintable(s.errorString()));
}

CaptureHistogram::Result
TestCaptureHistogram::histogram(int maxBuckets, const CaptureFilter &filter, const QString &query)
{
    CaptureSearch search; // the reader's connection, with the search index attached
    QString error;
    if (!search.open(m_path, &error))
        qFatal("cannot open %s: %s", qPrintable(m_path), qPrintable(error));
    sqlite3 *db = search.connection(&error);
    CaptureQuery::Context context;
    context.indexSchema = search.indexSchema();
    const CaptureQuery q = CaptureQuery::parse(query);
    if (!q.isValid())
        qFatal("bad query %s", qPrintable(query));
    return CaptureHistogram::compute(db, q.compile(context), filter, maxBuckets);
}

void TestCaptureHistogram::widthsFromTheSpan_data()
{
    QTest::addColumn<qint64>("spanUs");
    QTest::addColumn<int>("maxBuckets");
    QTest::addColumn<qint64>("widthUs");
    QTest::newRow("one instant") << qint64(0) << 100 << qint64(1000);
    QTest::newRow("59 s in 60") << 59 * S << 60 << S;
    QTest::newRow("60 s in 60: 61 seconds") << 60 * S << 60 << 5 * S;
    QTest::newRow("2 h in 100") << 2 * H << 100 << 5 * Min;
    QTest::newRow("3 days in 100") << 72 * H << 100 << H;
    QTest::newRow("a year in 10") << 365 * 24 * H << 10 << 365 * 24 * H;
    QTest::newRow("one bucket") << 10 * 24 * H << 1 << 30 * 24 * H;
}

void TestCaptureHistogram::widthsFromTheSpan()
{
    QFETCH(qint64, spanUs);
    QFETCH(int, maxBuckets);
    QFETCH(qint64, widthUs);
    QCOMPARE(CaptureHistogram::widthFor(T0, T0 + spanUs, maxBuckets, 0), widthUs);
    // and the buckets it makes do fit
    const qint64 origin = CaptureHistogram::alignDown(T0, widthUs, 0);
    QVERIFY((T0 + spanUs - origin) / widthUs + 1 <= maxBuckets);
}

void TestCaptureHistogram::alignsToTheLocalClock()
{
    // UTC+5:30: local hours start at :30 UTC; 07:10 local is 01:40 UTC
    const qint64 t = T0 + 100 * Min;
    QCOMPARE(CaptureHistogram::alignDown(t, H, 19800), T0 + 90 * Min);
    QCOMPARE(CaptureHistogram::alignDown(t, H, 0), T0 + 60 * Min);
    QCOMPARE(CaptureHistogram::alignDown(t, 24 * H, 19800), T0 - 330 * Min);
    QCOMPARE(CaptureHistogram::alignDown(T0 - 1, S, 0), T0 - S); // before 1970 too
    QCOMPARE(CaptureHistogram::alignDown(-1, S, 0), -S);
}

void TestCaptureHistogram::emptyStore()
{
    const CaptureHistogram::Result r = histogram(100);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.widthUs, 0);
    QVERIFY(r.buckets.isEmpty());
    QCOMPARE(r.total(), 0);
}

void TestCaptureHistogram::oneCapture()
{
    store({capture(T0 + 1234567, QStringLiteral("no_secret"))});
    const CaptureHistogram::Result r = histogram(100);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.widthUs, 1000); // the narrowest width
    QCOMPARE(r.buckets.size(), 1);
    QCOMPARE(r.originUs, T0 + 1234000);
    QCOMPARE(r.buckets.at(0), counts(0, 0, 0, 1, 0));
    QCOMPARE(r.firstUs, T0 + 1234567);
    QCOMPARE(r.lastUs, T0 + 1234567);
}

void TestCaptureHistogram::countsPerMinuteAndClass()
{
    NewCapture malformed = capture(T0 + 125 * S, {});
    malformed.summary.parseError = QStringLiteral("bad request line");
    store({capture(T0, QStringLiteral("ok")), capture(T0 + 10 * S, QStringLiteral("ok")),
           capture(T0 + 60 * S - 1, QStringLiteral("signature_mismatch")),
           capture(T0 + 60 * S, QStringLiteral("timestamp_outside_tolerance")),
           capture(T0 + 61 * S, QStringLiteral("no_secret")), capture(T0 + 125 * S, {}),
           malformed});
    // 126 s: 1 s, 5 s and 15 s buckets are too many for 3
    const CaptureHistogram::Result r = histogram(3);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.widthUs, Min);
    QCOMPARE(r.originUs, T0);
    QCOMPARE(r.buckets.size(), 3);
    QCOMPARE(r.buckets.at(0), counts(2, 1, 0, 0, 0));
    QCOMPARE(r.buckets.at(1), counts(0, 0, 1, 1, 0)); // 60 s exactly starts the second minute
    QCOMPARE(r.buckets.at(2), counts(0, 1, 0, 0, 1)); // malformed counts as failed
    QCOMPARE(r.total(), 7);
    QCOMPARE(r.endUs(), T0 + 3 * Min);
}

void TestCaptureHistogram::capturesOnEdgesPerSecond()
{
    store({capture(T0 + 5 * S - 1, QStringLiteral("ok")), capture(T0 + 5 * S, QStringLiteral("ok")),
           capture(T0 + 5 * S, QStringLiteral("signature_mismatch")),
           capture(T0 + 6 * S, QStringLiteral("ok")),
           capture(T0 + 64 * S + 999999, QStringLiteral("ok"))});
    const CaptureHistogram::Result r = histogram(200);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.widthUs, S);
    QCOMPARE(r.originUs, T0 + 4 * S);
    QCOMPARE(r.buckets.size(), 61); // 4 s to 64 s
    QCOMPARE(r.buckets.at(0), counts(1, 0, 0, 0, 0));
    QCOMPARE(r.buckets.at(1), counts(1, 1, 0, 0, 0));
    QCOMPARE(r.buckets.at(2), counts(1, 0, 0, 0, 0));
    QCOMPARE(r.buckets.at(60), counts(1, 0, 0, 0, 0));
    for (int i = 3; i < 60; ++i)
        QCOMPARE(CaptureHistogram::Result::total(r.buckets.at(i)), 0);
    QCOMPARE(r.total(), 5);
}

void TestCaptureHistogram::hourBucketsStartOnTheHour()
{
    store({capture(T0 + 30 * Min, QStringLiteral("ok")),
           capture(T0 + 4 * H + 59 * Min, QStringLiteral("ok")),
           capture(T0 + 2 * H, QStringLiteral("signature_mismatch"))});
    const CaptureHistogram::Result r = histogram(10);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.widthUs, H);
    QCOMPARE(r.originUs, T0); // on the hour, not at the first capture
    QCOMPARE(r.buckets.size(), 5);
    QCOMPARE(r.buckets.at(0), counts(1, 0, 0, 0, 0));
    QCOMPARE(r.buckets.at(2), counts(0, 1, 0, 0, 0));
    QCOMPARE(r.buckets.at(4), counts(1, 0, 0, 0, 0));
}

void TestCaptureHistogram::filterSelectsTheCounts()
{
    store({capture(T0, QStringLiteral("ok")),
           capture(T0 + 1 * Min, QStringLiteral("ok"), 200, "gh"),
           capture(T0 + 2 * Min, QStringLiteral("signature_mismatch")),
           capture(T0 + 3 * Min, QStringLiteral("missing_signature_header"), 200, "gh"),
           capture(T0 + 9 * Min, QStringLiteral("ok"))});
    const CaptureHistogram::Result all = histogram(10);
    QCOMPARE(all.widthUs, Min);
    QCOMPARE(all.total(), 5);

    CaptureFilter failed;
    failed.verdict = CaptureFilter::Verdict::Fail;
    const CaptureHistogram::Result f = histogram(10, failed);
    QVERIFY2(f.ok, qPrintable(f.error));
    // the axis stays; only the failed ones are counted
    QCOMPARE(f.originUs, all.originUs);
    QCOMPARE(f.widthUs, all.widthUs);
    QCOMPARE(f.buckets.size(), all.buckets.size());
    QCOMPARE(f.total(), 2);
    QCOMPARE(f.buckets.at(2), counts(0, 1, 0, 0, 0));
    QCOMPARE(f.buckets.at(3), counts(0, 1, 0, 0, 0));

    CaptureFilter gh;
    gh.endpointId = QStringLiteral("gh");
    const CaptureHistogram::Result g = histogram(10, gh);
    QCOMPARE(g.total(), 2);
    QCOMPARE(g.buckets.at(1), counts(1, 0, 0, 0, 0));
    QCOMPARE(g.buckets.at(3), counts(0, 1, 0, 0, 0));

    // the brushed time range is what the strip shows around: it does not narrow the counts
    CaptureFilter brushed = failed;
    brushed.fromUs = T0 + 3 * Min;
    brushed.toUs = T0 + 4 * Min;
    const CaptureHistogram::Result b = histogram(10, brushed);
    QCOMPARE(b.total(), 2);
    QCOMPARE(b.buckets, f.buckets);
}

void TestCaptureHistogram::queryLanguageSelectsTheCounts()
{
    store({capture(T0, QStringLiteral("ok")), capture(T0 + 1 * Min, QStringLiteral("ok"), 500),
           capture(T0 + 1 * Min + 1, QStringLiteral("signature_mismatch"), 401),
           capture(T0 + 4 * Min, QStringLiteral("ok"), 503)});
    const CaptureHistogram::Result r = histogram(10, {}, QStringLiteral("status:>=500"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.widthUs, Min);
    QCOMPARE(r.total(), 2);
    QCOMPARE(r.buckets.at(1), counts(1, 0, 0, 0, 0));
    QCOMPARE(r.buckets.at(4), counts(1, 0, 0, 0, 0));

    // the query and the combos' filter together (ANDed)
    CaptureFilter failed;
    failed.verdict = CaptureFilter::Verdict::Fail;
    const CaptureHistogram::Result both = histogram(10, failed, QStringLiteral("status:4xx"));
    QCOMPARE(both.total(), 1);
    QCOMPARE(both.buckets.at(1), counts(0, 1, 0, 0, 0));
    QCOMPARE(histogram(10, failed, QStringLiteral("status:5xx")).total(), 0);
}

void TestCaptureHistogram::planReadsTheTimeIndex()
{
    store({capture(T0, QStringLiteral("ok"))});
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open_v2(m_path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr),
             SQLITE_OK);
    CaptureFilter failed;
    failed.verdict = CaptureFilter::Verdict::Fail;
    CaptureFilter endpoint; // an indexed column of its own: still read by time
    endpoint.endpointId = QStringLiteral("stripe");
    for (const QByteArray &condition :
         {QByteArray("1"), failed.sqlCondition(), endpoint.sqlCondition()}) {
        const QByteArray sql = "EXPLAIN QUERY PLAN " + CaptureHistogram::sql(condition);
        sqlite3_stmt *stmt = nullptr;
        QCOMPARE(sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr), SQLITE_OK);
        QStringList plan;
        while (sqlite3_step(stmt) == SQLITE_ROW)
            plan.append(
                QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 3))));
        sqlite3_finalize(stmt);
        const QString text = plan.join(QLatin1Char('\n'));
        QVERIFY2(text.contains(QLatin1String("captures_received")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("SCAN captures")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("captures_endpoint")), qPrintable(text));
    }
    sqlite3_close(db);
}

QTEST_GUILESS_MAIN(TestCaptureHistogram)
#include "tst_capturehistogram.moc"
