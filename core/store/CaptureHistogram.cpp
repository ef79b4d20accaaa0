#include "core/store/CaptureHistogram.h"

#include "core/store/SqliteValues.h"

#include <QDateTime>
#include <sqlite3.h>

using SqliteValues::Statement;

namespace {

constexpr qint64 Ms = 1000;
constexpr qint64 S = 1000 * Ms;
constexpr qint64 Min = 60 * S;
constexpr qint64 H = 60 * Min;
constexpr qint64 Day = 24 * H;

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

qint64 bucketsFor(qint64 firstUs, qint64 lastUs, qint64 widthUs, int utcOffsetS)
{
    return floorDiv(lastUs - CaptureHistogram::alignDown(firstUs, widthUs, utcOffsetS), widthUs) +
           1;
}

} // namespace

qint64 CaptureHistogram::Result::total(const Counts &counts)
{
    qint64 sum = 0;
    for (const qint64 n : counts)
        sum += n;
    return sum;
}

qint64 CaptureHistogram::Result::total() const
{
    qint64 sum = 0;
    for (const Counts &c : buckets)
        sum += total(c);
    return sum;
}

const QVector<qint64> &CaptureHistogram::niceWidthsUs()
{
    static const QVector<qint64> widths = {Ms,  10 * Ms, 100 * Ms, S,        5 * S, 15 * S,
                                           Min, 5 * Min, 15 * Min, H,        3 * H, 6 * H,
                                           Day, 7 * Day, 30 * Day, 365 * Day};
    return widths;
}

qint64 CaptureHistogram::alignDown(qint64 us, qint64 widthUs, int utcOffsetS)
{
    const qint64 offset = qint64(utcOffsetS) * S;
    return floorDiv(us + offset, widthUs) * widthUs - offset;
}

qint64 CaptureHistogram::widthFor(qint64 firstUs, qint64 lastUs, int maxBuckets, int utcOffsetS)
{
    maxBuckets = qMax(1, maxBuckets);
    for (const qint64 width : niceWidthsUs()) {
        if (bucketsFor(firstUs, lastUs, width, utcOffsetS) <= maxBuckets)
            return width;
    }
    // centuries of captures: whole years
    const qint64 year = niceWidthsUs().last();
    qint64 width = year * (floorDiv(lastUs - firstUs, year * maxBuckets) + 1);
    while (bucketsFor(firstUs, lastUs, width, utcOffsetS) > maxBuckets)
        width += year;
    return width;
}

const char *CaptureHistogram::classSql()
{
    // Ok, Failed, Stale, NoSecret, Unverified (the enum's values); a request that could not be
    // parsed has no verdict and is shown failed, as in the list
    return "CASE coalesce(verdicts.reason, CASE captures.parse_error WHEN '' THEN '' ELSE '!' END)"
           " WHEN 'ok' THEN 0 WHEN 'timestamp_outside_tolerance' THEN 2 WHEN 'no_secret' THEN 3"
           " WHEN '' THEN 4 ELSE 1 END";
}

QByteArray CaptureHistogram::sql(const QByteArray &condition)
{
    // One row per bucket (a recursive CTE counts them out), each counted by its class from its
    // range of the index captures_received: the captures arrive grouped by bucket, so no sorter
    // of a million rows (as a GROUP BY over the bucket expression needs: 30 % more CPU). The
    // index is named: a filter on another indexed column (endpoint) would otherwise walk that
    // index once per bucket.
    return QByteArray("WITH RECURSIVE bucket(i, lo) AS (SELECT 0, ?1 UNION ALL"
                      " SELECT i + 1, lo + ?2 FROM bucket WHERE i + 1 < ?3)"
                      " SELECT bucket.i, (SELECT json_array(sum(c = 0), sum(c = 1), sum(c = 2),"
                      " sum(c = 3), sum(c = 4)) FROM (SELECT ") +
           classSql() +
           " AS c FROM captures INDEXED BY captures_received LEFT JOIN verdicts ON "
           "verdicts.capture_id = captures.id"
           " WHERE captures.received_us >= bucket.lo AND captures.received_us < bucket.lo + ?2"
           " AND (" +
           condition + "))) FROM bucket";
}

CaptureHistogram::Result CaptureHistogram::compute(sqlite3 *db, const CaptureQuery::Sql &query,
                                                   const CaptureFilter &filter, int maxBuckets)
{
    Result r;
    if (!db) {
        r.error = QStringLiteral("No store is open");
        return r;
    }
    // one snapshot for the span and the counts (unless the caller holds one already)
    const bool inRead = sqlite3_get_autocommit(db) != 0 &&
                        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
    const auto done = [&](Result &result) -> Result & {
        if (inRead)
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        return result;
    };
    {
        // two probes of captures_received (min and max together would scan the table)
        const Statement span(db, "SELECT (SELECT min(received_us) FROM captures),"
                                 " (SELECT max(received_us) FROM captures)");
        if (!span || sqlite3_step(span.get()) != SQLITE_ROW) {
            r.error = QStringLiteral("Cannot read the captures' times: %1")
                          .arg(QString::fromUtf8(sqlite3_errmsg(db)));
            return done(r);
        }
        if (sqlite3_column_type(span.get(), 0) == SQLITE_NULL) {
            r.ok = true; // no capture yet
            return done(r);
        }
        r.firstUs = sqlite3_column_int64(span.get(), 0);
        r.lastUs = sqlite3_column_int64(span.get(), 1);
    }
    const int offsetS = QDateTime::fromMSecsSinceEpoch(r.firstUs / Ms).offsetFromUtc();
    r.widthUs = widthFor(r.firstUs, r.lastUs, maxBuckets, offsetS);
    r.originUs = alignDown(r.firstUs, r.widthUs, offsetS);
    r.buckets.resize(floorDiv(r.lastUs - r.originUs, r.widthUs) + 1);
    r.buckets.fill(Counts{});

    CaptureFilter counted = filter;
    counted.fromUs = counted.toUs = 0;
    const QByteArray text = sql("(" + query.condition + ") AND (" + counted.sqlCondition() + ")");
    const Statement stmt(db, text.constData());
    if (!stmt) {
        r.error = QStringLiteral("Cannot count the captures over time: %1")
                      .arg(QString::fromUtf8(sqlite3_errmsg(db)));
        return done(r);
    }
    sqlite3_bind_int64(stmt.get(), 1, r.originUs);
    sqlite3_bind_int64(stmt.get(), 2, r.widthUs);
    sqlite3_bind_int64(stmt.get(), 3, r.buckets.size());
    int index = 4;
    for (const QVariant &v : query.parameters)
        SqliteValues::bindVariant(stmt.get(), index++, v);
    for (const QString &p : counted.sqlParameters())
        SqliteValues::bindVariant(stmt.get(), index++, p);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
        const qint64 bucket = sqlite3_column_int64(stmt.get(), 0);
        // [n0, n1, n2, n3, n4], null for none
        const QList<QByteArray> counts =
            SqliteValues::columnBytes(stmt.get(), 1).mid(1).chopped(1).split(',');
        if (bucket < 0 || bucket >= r.buckets.size() || counts.size() != ClassCount)
            continue;
        for (int c = 0; c < ClassCount; ++c)
            r.buckets[bucket][c] = counts.at(c).toLongLong(); // 0 for null
    }
    r.interrupted = rc == SQLITE_INTERRUPT;
    r.ok = rc == SQLITE_DONE;
    if (!r.ok) {
        r.buckets.clear();
        r.error = r.interrupted ? QStringLiteral("The count was cancelled")
                                : QStringLiteral("Counting the captures over time failed: %1")
                                      .arg(QString::fromUtf8(sqlite3_errmsg(db)));
    }
    return done(r);
}
