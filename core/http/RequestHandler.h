#pragma once

#include "core/http/IncomingRequest.h"

#include <QByteArray>
#include <functional>

// What the listener does with each request; injected so the listener only speaks HTTP.
// The handler calls `reply` exactly once with the complete response bytes, possibly later
// (after the capture is committed, after a configured delay).
class RequestHandler
{
public:
    using Reply = std::function<void(const QByteArray &response)>;
    virtual ~RequestHandler() = default;
    virtual void handle(IncomingRequest request, Reply reply) = 0;
};
