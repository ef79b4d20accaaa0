#include "core/pipeline/BusEventBuilder.h"

#include "core/forward/EventBridgeInputBuilder.h"
#include "core/forward/EventBridgeMapper.h"

#include <QUuid>

BusEventBuilder::Result BusEventBuilder::build(const Capture &capture,
                                               const QByteArray &verdictJson,
                                               const EndpointConfig &endpoint,
                                               const QString &account, const QString &region)
{
    Result out;
    if (!endpoint.forward.eventBridge) {
        out.notOnBus = QStringLiteral("endpoint %1 does not forward to EventBridge "
                                      "(no forward.eventbridge), so no rule sees its captures")
                           .arg(endpoint.id);
        return out;
    }
    const EventBridgeForwardTarget &target = *endpoint.forward.eventBridge;
    const QString reason = capture.summary.verdictReason;
    if (endpoint.forward.onlyVerified && reason != QLatin1String("ok")) {
        out.notOnBus =
            QStringLiteral("not forwarded: not verified (%1) and only verified events are "
                           "forwarded (forward.only_verified)")
                .arg(reason.isEmpty() ? QStringLiteral("no provider") : reason);
        return out;
    }
    EventBridgeInput input;
    QString error;
    if (!EventBridgeInputBuilder::build(capture, verdictJson, &input, &error)) {
        out.notOnBus = QStringLiteral("not forwarded: %1").arg(error);
        return out;
    }
    const EventBridgeMapper::Result mapped = EventBridgeMapper::map(input, target);
    if (!mapped.ok()) {
        out.notOnBus =
            QStringLiteral("not forwarded: %1 (%2)").arg(mapped.error.message, mapped.error.code());
        return out;
    }
    const EventBridgeEntry &e = *mapped.entry;
    const QString eventAccount = !account.isEmpty()          ? account
                                 : !target.account.isEmpty() ? target.account
                                                             : QString::fromLatin1(DefaultAccount);
    QString eventRegion = !region.isEmpty() ? region : target.region;
    if (eventRegion.isEmpty())
        eventRegion = qEnvironmentVariable("AWS_REGION", QString::fromLatin1(DefaultRegion));
    // the same id for the same capture, as the CLI's, so both show the same event
    const QString eventId =
        QUuid::createUuidV5(QUuid(), QStringLiteral("hookbench-capture-%1").arg(capture.summary.id))
            .toString(QUuid::WithoutBraces);
    if (mapped.detailObject) // parsed by the mapper: not again
        out.envelope =
            EventEnvelope::fromParts(e.source, e.detailType, *mapped.detailObject, e.resources,
                                     eventAccount, eventRegion, input.receivedAt, eventId);
    else if (!EventEnvelope::fromEntry(e.source, e.detailType, e.detail, e.resources, eventAccount,
                                       eventRegion, input.receivedAt, eventId, &out.envelope,
                                       &error)) {
        out.notOnBus = QStringLiteral("not forwarded: %1").arg(error);
        return out;
    }
    out.onBus = true;
    return out;
}
