#pragma once

#include "core/capture/CaptureSummary.h"

#include <QByteArray>

// The order the request list shows captures in, answered by the store (CaptureStore::ids): arrival
// (id), or by time, status, size, verdict or bookmark with the id breaking ties, ascending or
// descending. Arrival, time and verdict walk an index; status and size are a scan sorted in memory
// (their indexes cost every commit more than the sort costs a click: StoreMigrations, version
// 10). A capture's place is (key, id), so any two compare strictly.
struct CaptureOrder
{
    enum class Key
    {
        Arrival, // id: the order they were stored in
        Time,    // received_us (imported captures keep the time they were sent)
        Status,  // the status the listener answered with
        Size,    // raw_size
        Verdict, // failed, stale, no secret, passed, not verified (verdictRank)
        Bookmark // bookmarked (0) before the others (1): capture_marks
    };

    Key key = Key::Arrival;
    bool descending = false;

    bool isArrival() const { return key == Key::Arrival; }
    bool operator==(const CaptureOrder &o) const
    {
        return key == o.key && descending == o.descending;
    }
    bool operator!=(const CaptureOrder &o) const { return !(*this == o); }

    // Where a capture goes: its key (the id itself for Arrival) and its id.
    struct Place
    {
        qint64 key = 0;
        qint64 id = 0;
    };
    Place placeOf(const CaptureSummary &summary) const;
    // Whether a comes before b in this order.
    bool before(const Place &a, const Place &b) const
    {
        const bool less = a.key != b.key ? a.key < b.key : a.id < b.id;
        const bool same = a.key == b.key && a.id == b.id;
        return descending ? !less && !same : less;
    }

    // 1 failed, 2 stale, 3 no secret, 4 passed, 5 not verified (an empty reason).
    static int verdictRank(const QString &reason);
    // The same over `verdicts.reason` (CASE ... END; the expression index verdicts_rank has it).
    static const char *verdictRankSql();
};
