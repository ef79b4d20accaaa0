#pragma once

#include "core/capture/Capture.h"

#include <QByteArray>

// The capture selected in the main window when the endpoint editor opened: what the forward
// preview and the rule tester map. `verdictJson` is its verdict as the store keeps it.
struct SelectedCapture
{
    Capture capture;
    QByteArray verdictJson;
};
