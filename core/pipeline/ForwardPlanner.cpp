#include "core/pipeline/ForwardPlanner.h"

#include "core/capture/EventType.h"
#include "core/http/RequestFramer.h"

namespace {

OutboxEntry entry(const QString &kind, const QString &target)
{
    OutboxEntry e;
    e.kind = kind;
    e.target = target;
    return e;
}

void skip(OutboxEntry &e, const QString &code, const QString &message)
{
    e.state = OutboxEntry::State::Skipped;
    e.errorCode = code;
    e.errorMessage = message;
}

// Why nothing goes out for this verdict, or empty.
QString notVerifiedReason(const ForwardConfig &forward, const QString &reason)
{
    if (!forward.onlyVerified || reason == QLatin1String("ok"))
        return {};
    return reason.isEmpty()
               ? QStringLiteral("not verified (the endpoint has no provider); only "
                                "verified events are forwarded")
               : QStringLiteral("not verified (%1); only verified events are forwarded")
                     .arg(reason);
}

QString eventTypeOf(const QByteArray &raw)
{
    return EventType::of(raw, RequestFramer::parse(raw));
}

} // namespace

bool ForwardPlanner::sends(const ForwardConfig &forward, const HttpForwardTarget &target,
                           const QString &verdictReason, const QByteArray &raw)
{
    return notVerifiedReason(forward, verdictReason).isEmpty() &&
           (target.types.isEmpty() || EventType::matches(eventTypeOf(raw), target.types));
}

QString ForwardPlanner::kindOf(const HttpForwardTarget &target)
{
    return target.proxy ? QStringLiteral("proxy") : QStringLiteral("http");
}

QList<OutboxEntry> ForwardPlanner::plan(const EndpointConfig &endpoint, const NewCapture &capture)
{
    const ForwardConfig &forward = endpoint.forward;
    if (forward.isEmpty())
        return {};
    const QString notVerified = notVerifiedReason(forward, capture.summary.verdictReason);

    QList<OutboxEntry> rows;
    bool typeRead = false;
    QString type;
    for (const HttpForwardTarget &t : forward.http) {
        OutboxEntry e = entry(kindOf(t), t.url.toString());
        if (!notVerified.isEmpty()) {
            skip(e, QStringLiteral("not-verified"), notVerified);
        } else if (!t.types.isEmpty()) {
            if (!typeRead) {
                type = eventTypeOf(capture.raw);
                typeRead = true;
            }
            if (!EventType::matches(type, t.types))
                skip(e, QStringLiteral("type-filtered"),
                     QStringLiteral("event type \"%1\" matches none of %2")
                         .arg(type, t.types.join(", ")));
        }
        rows.append(e);
    }
    if (forward.eventBridge) {
        OutboxEntry e = entry(QStringLiteral("eventbridge"), forward.eventBridge->bus);
        if (!notVerified.isEmpty())
            skip(e, QStringLiteral("not-verified"), notVerified);
        rows.append(e);
    }
    return rows;
}
