#pragma once

#include "core/capture/FramingLimits.h"

// Every bound the listener enforces; each is configurable (config file "listen.limits").
struct ListenerLimits
{
    FramingLimits framing;
    int headerTimeoutMs = 10000; // from a request's first byte to the end of its headers -> 408
    int idleTimeoutMs = 60000;   // a keep-alive connection with nothing to say, or a stalled body
    int maxConnections = 256;    // beyond this a new connection gets 503 and is closed
};
