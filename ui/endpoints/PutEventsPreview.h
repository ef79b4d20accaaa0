#pragma once

#include "core/config/EndpointConfig.h"
#include "core/forward/EventBridgeEntry.h"
#include "core/rules/EventEnvelope.h"
#include "ui/endpoints/SelectedCapture.h"

#include <QString>

#include <optional>

// What the forward stage would put on the bus for one capture with an endpoint's settings: the
// PutEvents entry (EventBridgeInputBuilder, then EventBridgeMapper, as the forward stage and
// `pattern test --store` do), or why there is none, in plain words; and the event a rule sees.
class PutEventsPreview
{
public:
    struct Mapped
    {
        std::optional<EventBridgeEntry> entry;
        QString problem; // why the capture does not go on the bus; empty with an entry
        bool ok() const { return entry.has_value(); }
    };

    static Mapped map(const SelectedCapture &capture, const EndpointConfig &endpoint);
    // Source, DetailType, Resources, the size against the limit and the Detail indented; or the
    // problem. Ends with what a delivered PutEvents does and does not mean.
    static QString text(const SelectedCapture *capture, const EndpointConfig &endpoint);
    // The envelope EventBridge delivers to rules, with the forward config's account and region
    // (else 123456789012 and AWS_REGION, then us-east-1, as `pattern test`); false with
    // `problem` when the capture is not on the bus.
    static bool envelope(const SelectedCapture &capture, const EndpointConfig &endpoint,
                         EventEnvelope *out, QString *problem);

    static QString acceptedNotMatched(); // the plain statement shown under every preview
};
