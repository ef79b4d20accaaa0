#pragma once

#include "core/capture/CaptureSummary.h"
#include "core/store/CaptureOrigin.h"
#include "core/store/OutboxEntry.h"

#include <QByteArray>

// A capture on its way into the store: its list record (id not yet assigned) and its exact bytes.
struct NewCapture
{
    CaptureSummary summary; // verdictReason/verdictJson, when set, are stored beside the capture
    QByteArray raw;
    QByteArray deliveryId; // the provider's event/delivery id, for spotting replays
    // Non-zero: the bytes are already in the store as the file of this upload (a large capture;
    // see LargeCaptureFiles and StoreWriter), and the capture's row refers to it; their size is
    // then summary.rawSize, and `raw` may have been released.
    qint64 upload = 0;
    // Where it is to be forwarded (or why it is not), written in the capture's own transaction.
    QList<OutboxEntry> outbox;
    // Set for an imported capture: written in the capture's own transaction.
    CaptureOrigin origin;
};
