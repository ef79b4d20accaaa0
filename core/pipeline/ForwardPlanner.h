#pragma once

#include "core/config/EndpointConfig.h"
#include "core/store/NewCapture.h"

// The outbox rows of an arriving capture, decided with its fast verdict before it is committed:
// one per configured target, queued, or skipped with the reason (not verified, another event
// type) so the delivery timeline can say why nothing was sent.
class ForwardPlanner
{
public:
    static QList<OutboxEntry> plan(const EndpointConfig &endpoint, const NewCapture &capture);
    static QString kindOf(const HttpForwardTarget &target);
    // Whether plan() queues `target` for a capture with this verdict and these bytes (the router
    // asks it for a proxy target, whose answer it waits for).
    static bool sends(const ForwardConfig &forward, const HttpForwardTarget &target,
                      const QString &verdictReason, const QByteArray &raw);
};
