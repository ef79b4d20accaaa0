#pragma once

#include "core/capture/CaptureSummary.h"

#include <QByteArray>

// A capture on its way into the store: its list record (id not yet assigned) and its exact bytes.
struct NewCapture
{
    CaptureSummary summary; // verdictReason/verdictJson, when set, are stored beside the capture
    QByteArray raw;
    QByteArray deliveryId; // the provider's event/delivery id, for spotting replays
};
