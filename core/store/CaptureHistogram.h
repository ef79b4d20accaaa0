#pragma once

#include "core/store/CaptureFilter.h"
#include "core/store/CaptureQuery.h"

#include <QByteArray>
#include <QString>
#include <QVector>
#include <array>

struct sqlite3;

// Captures over time for the timeline strip (TimelineStrip): how many captures fall in each time
// bucket, by verdict class, answered by one aggregate statement over the index
// captures_received (a row per bucket with its counts by class), so a million captures cost one
// pass of the index and no rows leave SQLite but the counts. The time axis spans every capture in
// the store (it stays put while the filter changes); the counts are those of the captures that pass
// the filter.
class CaptureHistogram
{
public:
    // As the request list's Verdict column colours them (VerdictHeadline's tones): a request
    // that could not be parsed, with no verdict, counts as failed.
    enum Class
    {
        Ok,
        Failed,
        Stale,
        NoSecret,
        Unverified,
        ClassCount
    };
    using Counts = std::array<qint64, ClassCount>;

    struct Result
    {
        bool ok = false;
        bool interrupted = false;
        QString error;
        qint64 originUs = 0;     // where the first bucket starts
        qint64 widthUs = 0;      // 0 when the store holds no capture
        QVector<Counts> buckets; // bucket i covers [originUs + i * widthUs, + widthUs)
        qint64 firstUs = 0;      // the earliest and latest capture in the store
        qint64 lastUs = 0;

        qint64 startOf(int bucket) const { return originUs + bucket * widthUs; }
        qint64 endUs() const { return startOf(int(buckets.size())); }
        static qint64 total(const Counts &counts);
        qint64 total() const; // every capture counted
    };

    // The bucket widths offered, ascending: 1 ms, 10 ms, 100 ms, 1 s, 5 s, 15 s, 1 min, 5 min,
    // 15 min, 1 h, 3 h, 6 h, 1 day, 7 days, 30 days, 365 days.
    static const QVector<qint64> &niceWidthsUs();
    // Where a bucket of `widthUs` holding `us` starts: aligned to the local clock (an hour's
    // buckets start on the hour, a day's at local midnight), `utcOffsetS` east of UTC.
    static qint64 alignDown(qint64 us, qint64 widthUs, int utcOffsetS);
    // The narrowest nice width that puts [firstUs, lastUs] in at most `maxBuckets` buckets
    // (beyond 365 days a multiple of it).
    static qint64 widthFor(qint64 firstUs, qint64 lastUs, int maxBuckets, int utcOffsetS);

    // The aggregate statement: parameters are the origin, the width, the number of buckets, then
    // `condition`'s.
    static QByteArray sql(const QByteArray &condition);
    // The SQL expression of a capture's class (over captures LEFT JOIN verdicts).
    static const char *classSql();

    // Reads the histogram on `db` (a store connection; with the search index attached where
    // `query` needs it, CaptureSearch::connection) in one read transaction. `query` and
    // `filter` select the captures counted; the filter's time range is ignored (it is what the
    // timeline's brush sets, and the strip shows what is around it).
    static Result compute(sqlite3 *db, const CaptureQuery::Sql &query, const CaptureFilter &filter,
                          int maxBuckets);
};
