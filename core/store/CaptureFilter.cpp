#include "core/store/CaptureFilter.h"

CaptureFilter::Verdict CaptureFilter::categoryOf(const QString &reason)
{
    if (reason.isEmpty())
        return Verdict::Unverified;
    if (reason == QLatin1String("ok"))
        return Verdict::Pass;
    if (reason == QLatin1String("timestamp_outside_tolerance"))
        return Verdict::Stale;
    if (reason == QLatin1String("no_secret"))
        return Verdict::NoSecret;
    return Verdict::Fail;
}

bool CaptureFilter::matches(const CaptureSummary &summary) const
{
    return (verdict == Verdict::Any || categoryOf(summary.verdictReason) == verdict) &&
           (endpointId.isEmpty() || summary.endpointId == endpointId ||
            (withUnmatched && summary.endpointId.isEmpty())) &&
           (forward == Forward::Any || summary.forwardState == forwardStateName(forward)) &&
           (!hasTimeRange() || (summary.receivedAtUs >= fromUs && summary.receivedAtUs < toUs));
}

const char *CaptureFilter::forwardStateSql()
{
    // The most pressing state of any row wins: one dead forward makes the capture "dead".
    return "(SELECT CASE min(CASE state WHEN 'dead' THEN 1 WHEN 'retrying' THEN 2"
           " WHEN 'queued' THEN 3 WHEN 'delivered' THEN 4 ELSE 5 END)"
           " WHEN 1 THEN 'dead' WHEN 2 THEN 'retrying' WHEN 3 THEN 'queued'"
           " WHEN 4 THEN 'delivered' WHEN 5 THEN 'skipped' ELSE '' END"
           " FROM forward_outbox WHERE forward_outbox.capture_id = captures.id)";
}

QString CaptureFilter::forwardStateName(Forward forward)
{
    switch (forward) {
    case Forward::Queued:
        return QStringLiteral("queued");
    case Forward::Retrying:
        return QStringLiteral("retrying");
    case Forward::Delivered:
        return QStringLiteral("delivered");
    case Forward::Dead:
        return QStringLiteral("dead");
    case Forward::Skipped:
        return QStringLiteral("skipped");
    case Forward::Any:
    case Forward::None:
        break;
    }
    return {};
}

QStringList CaptureFilter::sqlParameters() const
{
    QStringList params;
    if (!endpointId.isEmpty())
        params.append(endpointId);
    return params + forwardParameters();
}

QStringList CaptureFilter::forwardParameters() const
{
    if (forward == Forward::Any || forward == Forward::None)
        return {};
    // the state, then the states that outrank it (forwardStateSql()'s order)
    QStringList params = {forwardStateName(forward)};
    for (const Forward higher :
         {Forward::Dead, Forward::Retrying, Forward::Queued, Forward::Delivered}) {
        if (higher == forward)
            break;
        params.append(forwardStateName(higher));
    }
    return params;
}

QByteArray CaptureFilter::sqlCondition() const
{
    QByteArray condition = verdictCondition();
    if (hasTimeRange()) // integers, read from the index captures_received
        condition = "(" + condition +
                    ") AND captures.received_us >= " + QByteArray::number(fromUs) +
                    " AND captures.received_us < " + QByteArray::number(toUs);
    if (!endpointId.isEmpty()) // the first of sqlParameters()
        condition =
            "(" + condition + ") AND (endpoint = ?" + (withUnmatched ? " OR endpoint = '')" : ")");
    if (forward == Forward::None) {
        condition = "(" + condition +
                    ") AND NOT EXISTS (SELECT 1 FROM forward_outbox"
                    " WHERE forward_outbox.capture_id = captures.id)";
    } else if (forward != Forward::Any) {
        // A capture's overall state is X when it has a row in state X and none in a state that
        // outranks X: both sets read from the covering forward_outbox(state, capture_id) index
        // (over a million captures, 3x faster than the per-capture subquery of
        // forwardStateSql() for a state most captures are in).
        const qsizetype higher = forwardParameters().size() - 1;
        condition = "(" + condition +
                    ") AND captures.id IN (SELECT capture_id FROM forward_outbox WHERE state = ?";
        if (higher > 0) {
            QByteArray marks = "?";
            for (qsizetype i = 1; i < higher; ++i)
                marks += ", ?";
            condition +=
                " EXCEPT SELECT capture_id FROM forward_outbox WHERE state IN (" + marks + ")";
        }
        condition += ")";
    }
    return condition;
}

QByteArray CaptureFilter::verdictCondition() const
{
    switch (verdict) {
    case Verdict::Any:
        return "1";
    case Verdict::Pass:
        return "verdicts.reason = 'ok'";
    case Verdict::Stale:
        return "verdicts.reason = 'timestamp_outside_tolerance'";
    case Verdict::NoSecret:
        return "verdicts.reason = 'no_secret'";
    case Verdict::Unverified:
        return "verdicts.reason IS NULL";
    case Verdict::Fail:
        return "verdicts.reason NOT IN ('ok', 'timestamp_outside_tolerance', 'no_secret')";
    }
    return "1";
}
