#pragma once

#include "core/capture/Capture.h"
#include "core/store/CaptureMark.h"
#include "core/store/CaptureOrigin.h"

#include <QByteArray>
#include <QStringList>

// One capture on its way out: its summary, its exact (or redacted) bytes and their framing.
struct ExportItem
{
    Capture capture;      // parsed is filled (RequestFramer::parse of raw)
    QStringList redacted; // what --redact-secrets replaced, e.g. "header Stripe-Signature"
    CaptureOrigin origin; // set for an imported capture
    CaptureMark mark;     // its bookmark and note (HAR: the entry's comment; JSONL: "note")
};
