#include "core/store/CaptureOrder.h"

int CaptureOrder::verdictRank(const QString &reason)
{
    if (reason.isEmpty())
        return 5;
    if (reason == QLatin1String("ok"))
        return 4;
    if (reason == QLatin1String("no_secret"))
        return 3;
    if (reason == QLatin1String("timestamp_outside_tolerance"))
        return 2;
    return 1;
}

const char *CaptureOrder::verdictRankSql()
{
    // Exactly the expression of the index verdicts_rank (StoreMigrations, version 7), so that
    // ORDER BY it walks the index. Captures without a verdict (rank 5) are read separately.
    return "CASE reason WHEN 'ok' THEN 4 WHEN 'no_secret' THEN 3 "
           "WHEN 'timestamp_outside_tolerance' THEN 2 ELSE 1 END";
}

CaptureOrder::Place CaptureOrder::placeOf(const CaptureSummary &s) const
{
    switch (key) {
    case Key::Arrival:
        return {s.id, s.id};
    case Key::Time:
        return {s.receivedAtUs, s.id};
    case Key::Status:
        return {s.status, s.id};
    case Key::Size:
        return {s.rawSize, s.id};
    case Key::Verdict:
        return {verdictRank(s.verdictReason), s.id};
    case Key::Bookmark:
        return {1, s.id}; // a capture is stored without a bookmark
    }
    return {s.id, s.id};
}
