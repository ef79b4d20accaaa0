#pragma once

#include "core/http/RequestHandler.h"
#include "core/config/AppConfig.h"

class StoreWriter;

// The listener's request handler: routes by path to an endpoint, stores the capture, and
// answers with the endpoint's response only once the capture is committed.
class CaptureRecorder : public RequestHandler
{
public:
    CaptureRecorder(AppConfig config, StoreWriter *writer);
    void handle(IncomingRequest request, Reply reply) override;

private:
    AppConfig m_config;
    StoreWriter *m_writer;
};
