#pragma once

#include "core/http/RequestHandler.h"
#include "core/pipeline/CaptureContext.h"

class DiagnosisStage;
class StoreWriter;

// The listener's request handler: routes by path to an endpoint of the current context, hands
// the capture to the store writer (its fast verdict computed there, in the same transaction),
// answers with the endpoint's response only once the capture is committed, and then hands a
// verified capture to the diagnosis with the same context.
class CaptureRouter : public RequestHandler
{
public:
    CaptureRouter(const CaptureContext *context, StoreWriter *writer, DiagnosisStage *diagnosis);
    void handle(IncomingRequest request, Reply reply) override;

private:
    const CaptureContext *m_context;
    StoreWriter *m_writer;
    DiagnosisStage *m_diagnosis;
};
