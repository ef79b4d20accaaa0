#pragma once

#include "CaptureSummary.h"
#include "ParsedRequest.h"

#include <QByteArray>

// One stored request: its list record, its exact bytes, and the framing derived from those bytes.
struct Capture
{
    CaptureSummary summary;
    QByteArray raw;
    ParsedRequest parsed;
};
