#pragma once

#include "core/capture/Capture.h"
#include "core/forward/EventBridgeInput.h"

#include <QString>

// What EventBridgeMapper reads of a stored capture: its request framed again, the body with its
// Content-Encoding undone, and its stored verdict (JSON, as the store keeps it). One place for
// the forward stage, the rule tester and the app's preview, so all three put the same event on
// the bus.
class EventBridgeInputBuilder
{
public:
    // False with `error` set when the request never framed or its body cannot be decoded.
    static bool build(const Capture &capture, const QByteArray &verdictJson, EventBridgeInput *in,
                      QString *error);
};
