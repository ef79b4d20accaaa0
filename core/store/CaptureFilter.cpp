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
            (withUnmatched && summary.endpointId.isEmpty()));
}

QByteArray CaptureFilter::sqlCondition() const
{
    QByteArray condition = verdictCondition();
    if (!endpointId.isEmpty()) {
        QByteArray literal = endpointId.toUtf8();
        literal.replace('\'', "''");
        condition = "(" + condition + ") AND (endpoint = '" + literal + "'" +
                    (withUnmatched ? " OR endpoint = '')" : ")");
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
