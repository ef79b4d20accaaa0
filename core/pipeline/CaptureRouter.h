#pragma once

#include "core/http/RequestHandler.h"
#include "core/pipeline/CaptureContext.h"

class DiagnosisStage;
class StoreWriter;

// The listener's request handler: routes by path to an endpoint of the current context, hands
// the capture to the store writer (its fast verdict computed there, in the same transaction),
// answers with the endpoint's response only once the capture is committed, and then hands a
// verified capture to the diagnosis with the same context. The capture's outbox rows are decided
// with its fast verdict and committed with it; for a proxy target the answer is the local app's.
class CaptureRouter : public RequestHandler
{
public:
    CaptureRouter(const CaptureContext *context, StoreWriter *writer, DiagnosisStage *diagnosis);
    void handle(IncomingRequest request, Reply reply) override;

private:
    // Proxy mode: the sender gets the local app's answer (504 when it is too slow).
    void sendThroughProxy(qint64 captureId, const QByteArray &raw, const HttpForwardTarget &target,
                          const Reply &reply, bool close);

    const CaptureContext *m_context;
    StoreWriter *m_writer;
    DiagnosisStage *m_diagnosis;
};
