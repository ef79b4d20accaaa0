#include "core/pipeline/CaptureRouter.h"

#include "core/forward/HttpDelivery.h"
#include "core/forward/LocalForwardRequest.h"
#include "core/http/HttpResponse.h"
#include "core/http/RequestFramer.h"
#include "core/pipeline/DiagnosisStage.h"
#include "core/pipeline/ForwardPlanner.h"
#include "core/pipeline/ForwardWorker.h"
#include "core/pipeline/TokenRedaction.h"
#include "core/store/ForwardOutbox.h"
#include "core/store/StoreWriter.h"

#include <QTimer>
#include <optional>

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

// The proxy target of an endpoint, if it has one.
const HttpForwardTarget *proxyTarget(const EndpointConfig *endpoint)
{
    if (!endpoint)
        return nullptr;
    for (const HttpForwardTarget &t : endpoint->forward.http) {
        if (t.proxy)
            return &t;
    }
    return nullptr;
}

// The local app's answer as the sender gets it: its status, headers and body, framed again
// for this connection.
QByteArray senderAnswer(const QByteArray &appResponse, bool close)
{
    const qsizetype headEnd = appResponse.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = appResponse.left(headEnd).split('\n');
    const int status = lines.value(0).split(' ').value(1).toInt();
    HttpResponse::Headers headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon);
        if (colon > 0 && !LocalForwardRequest::isHopByHop(name, {}))
            headers.append({name, line.mid(colon + 1).trimmed()});
    }
    return HttpResponse::build(status, headers, appResponse.mid(headEnd + 4), close);
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
    const EndpointConfig *endpoint = nullptr;
    if (request.errorStatus != 0) {
        s.status = request.errorStatus;
        response = HttpResponse::plain(s.status, parsed.error.toUtf8(), true);
    } else if ((endpoint = context->config().endpointForPath(parsed.target))) {
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

    const HttpForwardTarget *proxy = request.errorStatus == 0 ? proxyTarget(endpoint) : nullptr;
    const bool close = !request.keepAlive;
    const QByteArray proxyRaw = proxy ? capture.raw : QByteArray(); // shared, not copied
    // A plain token (GitLab) is checked now and stored redacted; the local app still gets it.
    const bool redacted = TokenRedaction::apply(capture, parsed, *context);
    // The fast verdict (no diagnosis) is computed on the writer thread and committed with the
    // capture; the diagnosis runs after the answer, on the diagnosis stage.
    // The outbox rows go in the same transaction, decided with that verdict. The writer uses
    // the connection's framing of the bytes rather than framing them again, unless they were
    // redacted since (its header values hold the token).
    std::optional<ParsedRequest> framed;
    if (request.errorStatus == 0 && !redacted)
        framed = std::move(request.parsed);
    auto prepare = [context, endpoint, framed = std::move(framed)](NewCapture &c,
                                                                   const CaptureStore &store) {
        if (framed)
            context->annotate(c, *framed, store);
        else
            context->annotate(c, store);
        if (endpoint)
            c.outbox = ForwardPlanner::plan(*endpoint, c);
    };
    m_writer->enqueue(
        std::move(capture), std::move(prepare),
        [this, context, reply = std::move(reply), response, delayMs, proxy, close, raw = proxyRaw,
         endpoint](const CaptureSummary &stored, bool ok) {
            if (!ok) { // the sender should retry: this request is not stored
                reply(HttpResponse::plain(503, "Hookbench could not store this request", true));
                return;
            }
            if (proxy &&
                ForwardPlanner::sends(endpoint->forward, *proxy, stored.verdictReason, raw))
                sendThroughProxy(stored.id, raw, *proxy, reply, close);
            else if (delayMs > 0)
                QTimer::singleShot(delayMs, [reply, response] { reply(response); });
            else
                reply(response);
            // After the answer, with the context its fast verdict was reached with.
            if (!stored.verdictReason.isEmpty())
                m_diagnosis->submit(stored, context);
        });
}

void CaptureRouter::sendThroughProxy(qint64 captureId, const QByteArray &raw,
                                     const HttpForwardTarget &target, const Reply &reply,
                                     bool close)
{
    const QByteArray request = LocalForwardRequest::build(raw, RequestFramer::parse(raw), target);
    HttpDelivery::send(
        target.url, request, target.timeoutMs,
        [this, captureId, reply, close](const HttpDelivery::Result &result) {
            if (result.answered)
                reply(senderAnswer(result.response, close));
            else if (result.errorCode == QLatin1String("timeout"))
                reply(HttpResponse::plain(504, "The local app did not answer in time", true));
            else
                reply(HttpResponse::plain(
                    502, "The local app could not be reached: " + result.errorMessage.toUtf8(),
                    true));
            // Recorded as delivered or dead: the sender got the app's answer (or the failure)
            // and retries by itself; Hookbench does not send it again.
            m_writer->post([captureId, result](CaptureStore &store) {
                ForwardOutbox outbox(store);
                for (OutboxEntry e : outbox.list(captureId, nullptr)) {
                    if (e.kind != QLatin1String("proxy") || !e.isOpen())
                        continue;
                    e = ForwardWorker::outcome(e, result, 0, 0);
                    if (e.state == OutboxEntry::State::Retrying)
                        e.state = OutboxEntry::State::Dead;
                    return outbox.update(e);
                }
                return true;
            });
        });
}
