#pragma once

#include "core/capture/CaptureSummary.h"

#include <QByteArray>
#include <QStringList>

// Which captures the list shows. The predicate lives here, in core, so the store can answer it
// with one indexed query over a million rows and live captures can be tested one by one.
class CaptureFilter
{
public:
    enum class Verdict
    {
        Any,
        Pass,
        Fail,
        Stale,
        NoSecret,
        Unverified
    };

    // The overall state of a capture's forwards (CaptureSummary::forwardState).
    enum class Forward
    {
        Any,
        None, // no forward at all
        Queued,
        Retrying,
        Delivered,
        Dead,
        Skipped
    };

    Verdict verdict = Verdict::Any;
    QString endpointId;         // empty: any endpoint
    bool withUnmatched = false; // with endpointId: also the captures that matched no endpoint
    Forward forward = Forward::Any;
    // A time range (the timeline's brush, TimelineStrip): received_us in [fromUs, toUs).
    // None while toUs <= fromUs.
    qint64 fromUs = 0;
    qint64 toUs = 0;

    bool hasTimeRange() const { return toUs > fromUs; }
    bool isEmpty() const
    {
        return verdict == Verdict::Any && endpointId.isEmpty() && forward == Forward::Any &&
               !hasTimeRange();
    }
    bool matches(const CaptureSummary &summary) const;
    // Over captures LEFT JOIN verdicts; "1" when empty. The endpoint and the forward states are
    // `?` placeholders (the times are integers): bind sqlParameters() after the query's own
    // parameters.
    QByteArray sqlCondition() const;
    QStringList sqlParameters() const;

    // The SQL expression (over `captures`) of a capture's overall forward state: a correlated
    // subquery on forward_outbox(capture_id), so it costs one index probe a row.
    static const char *forwardStateSql();
    static QString forwardStateName(Forward forward); // "" for Any and None

    static Verdict categoryOf(const QString &reason); // Unverified for an empty reason

private:
    QByteArray verdictCondition() const;
    QStringList forwardParameters() const; // the forward state's, last of sqlParameters()
};
