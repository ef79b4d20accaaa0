#pragma once

#include "core/capture/Capture.h"
#include "core/config/EndpointConfig.h"
#include "core/rules/EventEnvelope.h"

#include <QByteArray>
#include <QString>

// The event a capture becomes on the bus, as its endpoint's `forward.eventbridge` would put it
// there and a rule would see it (the chain of `hookbench-cli pattern test --store`): capture →
// EventBridgeInputBuilder → EventBridgeMapper → EventEnvelope, with the account and region of
// the forward config (or the caller's), else 123456789012 and AWS_REGION or us-east-1. For
// `pattern test --store`, the inspector's rules pane and the list's matches column; safe on any
// thread.
class BusEventBuilder
{
public:
    static constexpr const char *DefaultAccount = "123456789012";
    static constexpr const char *DefaultRegion = "us-east-1";

    struct Result
    {
        bool onBus = false;
        QString notOnBus; // why there is no event (no forward.eventbridge, not verified, mapping)
        EventEnvelope envelope;
    };

    // `account` and `region`, when given, replace the forward config's (the CLI's --account and
    // --region).
    static Result build(const Capture &capture, const QByteArray &verdictJson,
                        const EndpointConfig &endpoint, const QString &account = {},
                        const QString &region = {});
};
