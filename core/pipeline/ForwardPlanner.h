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
};
