#pragma once

#include <QtGlobal>

// Bounds on what one request may make the listener hold; each is answered with its own status.
struct FramingLimits
{
    qint64 maxHeaderBytes = 64 * 1024;        // request line + headers -> 431
    qint64 maxBodyBytes = 64ll * 1024 * 1024; // decoded (de-chunked) body -> 413
};
