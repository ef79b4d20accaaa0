#pragma once

#include "core/capture/CaptureSummary.h"
#include "core/capture/ParsedRequest.h"

#include <QByteArray>

// One stored request: its list record, its exact bytes, and the framing derived from those bytes.
struct Capture
{
    CaptureSummary summary;
    QByteArray raw;
    ParsedRequest parsed;
};
