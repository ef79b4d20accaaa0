#include "core/pipeline/CaptureRouter.h"

#include "core/http/HttpResponse.h"
#include "core/pipeline/DiagnosisStage.h"
#include "core/store/StoreWriter.h"

#include <QTimer>

namespace {

// For a request whose framing failed early, take method and target from the request line as sent.
void requestLineParts(const QByteArray &raw, QByteArray &method, QByteArray &target)
{
    const qsizetype eol = raw.indexOf('\n');
    const QByteArray line = raw.left(qMin<qsizetype>(eol < 0 ? raw.size() : eol, 8192)).trimmed();
    const QList<QByteArray> parts = line.split(' ');
    if (method.isEmpty() && !parts.isEmpty())
        method = parts.at(0).left(32);
    if (target.isEmpty() && parts.size() > 1)
        target = parts.at(1);
}

} // namespace

CaptureRouter::CaptureRouter(const CaptureContext *context, StoreWriter *writer,
                             DiagnosisStage *diagnosis)
    : m_context(context), m_writer(writer), m_diagnosis(diagnosis)
{}

void CaptureRouter::handle(IncomingRequest request, Reply reply)
{
    CaptureContext::Snapshot context = m_context->current();
    const ParsedRequest &parsed = request.parsed;
    NewCapture capture;
    CaptureSummary &s = capture.summary;
    s.receivedAtUs = request.receivedAtUs;
    s.peer = request.peer;
    s.method = parsed.method;
    s.target = parsed.target;
    if (request.errorStatus != 0)
        requestLineParts(request.raw, s.method, s.target);
    s.contentType = parsed.header("Content-Type");
    s.bodySize = parsed.bodySize();
    s.parseError = parsed.error;

    QByteArray response;
    int delayMs = 0;
    if (request.errorStatus != 0) {
        s.status = request.errorStatus;
        response = HttpResponse::plain(s.status, parsed.error.toUtf8(), true);
    } else if (const EndpointConfig *endpoint = context->config().endpointForPath(parsed.target)) {
        s.endpointId = endpoint->id;
        s.status = endpoint->response.status;
        response = HttpResponse::build(s.status, endpoint->response.headers,
                                       endpoint->response.body, !request.keepAlive);
        delayMs = endpoint->response.delayMs;
    } else {
        s.status = 200;
        response = HttpResponse::build(200, {}, {}, !request.keepAlive);
    }
    capture.raw = std::move(request.raw);

    // The fast verdict (no diagnosis) is computed on the writer thread and committed with the
    // capture; the diagnosis runs after the answer, on the diagnosis stage.
    auto prepare = [context](NewCapture &c, const CaptureStore &store) {
        context->annotate(c, store);
    };
    m_writer->enqueue(
        std::move(capture), std::move(prepare),
        [this, context, reply = std::move(reply), response, delayMs](const CaptureSummary &stored,
                                                                     bool ok) {
            if (!ok) { // the sender should retry: this request is not stored
                reply(HttpResponse::plain(503, "Hookbench could not store this request", true));
                return;
            }
            if (delayMs > 0)
                QTimer::singleShot(delayMs, [reply, response] { reply(response); });
            else
                reply(response);
            // After the answer, with the context its fast verdict was reached with.
            if (!stored.verdictReason.isEmpty())
                m_diagnosis->submit(stored, context);
        });
}
