#include "core/pipeline/ForwardWorker.h"

#include "core/forward/LocalForwardRequest.h"
#include "core/forward/ResignHeaders.h"
#include "core/forward/RetryPolicy.h"
#include "core/http/RequestFramer.h"
#include "core/pipeline/EventBridgeSender.h"
#include "core/store/ForwardOutbox.h"
#include "core/store/StoreWriter.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <mutex>

struct ForwardWorker::Link
{
    std::mutex mutex;
    ForwardWorker *worker = nullptr;
};

namespace {

const HttpForwardTarget *findTarget(const EndpointConfig *endpoint, const OutboxEntry &entry)
{
    if (!endpoint)
        return nullptr;
    for (const HttpForwardTarget &t : endpoint->forward.http) {
        if (t.url.toString() == entry.target)
            return &t;
    }
    return nullptr;
}

bool retryable(const HttpDelivery::Result &result)
{
    if (!result.answered)
        return true; // refused, timed out, reset: the app may be restarting
    return result.status >= 500 || result.status == 408 || result.status == 429;
}

} // namespace

ForwardWorker::ForwardWorker(QString storePath, const CaptureContext *context, StoreWriter *writer)
    : m_storePath(std::move(storePath)), m_context(context), m_writer(writer), m_timer(this),
      m_link(std::make_shared<Link>())
{
    m_link->worker = this;
    m_eventBridge = new EventBridgeSender([this](const OutboxEntry &e) { record(e); }, this);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ForwardWorker::drain);
}

ForwardWorker::~ForwardWorker()
{
    std::lock_guard<std::mutex> lock(m_link->mutex);
    m_link->worker = nullptr;
}

OutboxEntry ForwardWorker::outcome(OutboxEntry e, const HttpDelivery::Result &result, qint64 nowMs,
                                   double jitter)
{
    e.attempts += 1;
    e.elapsedMs = result.elapsedMs;
    e.httpStatus = result.status;
    e.response = result.response.left(KeptResponseBytes);
    e.errorCode.clear();
    e.errorMessage.clear();
    if (result.answered && result.status >= 200 && result.status < 300) {
        e.state = OutboxEntry::State::Delivered;
        return e;
    }
    if (result.answered) {
        e.errorCode = QStringLiteral("http-%1").arg(result.status);
        e.errorMessage = QStringLiteral("the app answered %1").arg(result.status);
    } else {
        e.errorCode = result.errorCode;
        e.errorMessage = result.errorMessage;
    }
    if (retryable(result) && e.attempts < MaxAttempts) {
        e.state = OutboxEntry::State::Retrying;
        e.nextAttemptMs = nowMs + RetryPolicy([jitter] { return jitter; }).delayMs(e.attempts);
    } else {
        e.state = OutboxEntry::State::Dead;
        if (retryable(result))
            e.errorMessage += QStringLiteral(" (gave up after %1 attempts)").arg(e.attempts);
    }
    return e;
}

void ForwardWorker::drain()
{
    if (!m_store.isOpen() && !m_store.openReadOnly(m_storePath))
        return; // no store yet (nothing committed): the next commit wakes this again
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QVector<qint64> busy(m_busy.begin(), m_busy.end());
    // Every commit wakes this: the rows in flight are capped, and read in whole batches' worth
    // so EventBridge gets full calls (a short one only when fewer rows are due).
    int room = MaxInFlight - int(m_busy.size());
    if (room >= FullBatch)
        room -= room % FullBatch;
    const QVector<OutboxEntry> due =
        room > 0 ? ForwardOutbox(m_store).due(now, room, busy) : QVector<OutboxEntry>();
    QVector<OutboxEntry> toBus;
    for (const OutboxEntry &entry : due) {
        m_busy.insert(entry.id);
        if (entry.kind == QLatin1String("eventbridge"))
            toBus.append(entry);
        else
            sendHttp(entry);
    }
    if (!toBus.isEmpty())
        m_eventBridge->send(toBus, m_store, m_context->current());
    // Woken by each commit here; the poll finds rows another process queued again
    // (`forward retry`) and the due retries.
    const qint64 next = ForwardOutbox(m_store).nextDueMs(now);
    m_timer.start(int(next > 0 ? qBound(qint64(0), next - now, qint64(PollMs)) : PollMs));
}

void ForwardWorker::sendHttp(const OutboxEntry &entry)
{
    const CaptureContext::Snapshot context = m_context->current();
    const EndpointConfig *endpoint = context->config().endpointById(entry.endpointId);
    const HttpForwardTarget *target = findTarget(endpoint, entry);
    const std::optional<Capture> capture = m_store.capture(entry.captureId);
    if (!target || !capture) {
        OutboxEntry dead = entry;
        dead.state = OutboxEntry::State::Dead;
        dead.errorCode = QStringLiteral("target-removed");
        dead.errorMessage = capture
                                ? QStringLiteral("%1 is no longer a forward target of endpoint %2")
                                      .arg(entry.target, entry.endpointId)
                                : QStringLiteral("the capture is no longer in the store");
        record(dead);
        return;
    }
    const ParsedRequest parsed = RequestFramer::parse(capture->raw);
    LocalForwardRequest::Headers replace;
    QString note;
    if (target->resign) {
        const QList<SigningSecret> secrets = context->secrets().value(endpoint->id);
        const ResignHeaders::Result signed_ = ResignHeaders::forCapture(
            *endpoint, secrets.isEmpty() ? QByteArray() : secrets.first().value, capture->raw,
            parsed, target->url, QDateTime::currentSecsSinceEpoch());
        replace = signed_.headers;
        note = ResignHeaders::note(signed_);
    }
    const QByteArray request = LocalForwardRequest::build(capture->raw, parsed, *target, replace);
    HttpDelivery::send(
        target->url, request, target->timeoutMs,
        [this, entry, note](const HttpDelivery::Result &result) {
            OutboxEntry next = outcome(entry, result, QDateTime::currentMSecsSinceEpoch(),
                                       QRandomGenerator::global()->generateDouble());
            next.note = note;
            record(next);
        },
        this);
}

void ForwardWorker::record(const OutboxEntry &entry)
{
    m_writer->post([entry, link = m_link](CaptureStore &store) {
        const bool ok = ForwardOutbox(store).update(entry);
        std::lock_guard<std::mutex> lock(link->mutex);
        if (link->worker)
            QMetaObject::invokeMethod(
                link->worker, [w = link->worker, entry, ok] { w->settled(entry, ok); },
                Qt::QueuedConnection);
        return ok;
    });
}

void ForwardWorker::settled(const OutboxEntry &entry, bool stored)
{
    m_busy.remove(entry.id);
    if (!stored) { // the store refused the write (and said so): the row is tried again later
        m_timer.start(StoreRetryMs);
        return;
    }
    Q_EMIT entryUpdated(entry);
    // Read more once a batch's worth has settled, not after each row: the rows then come in
    // groups, and EventBridge gets full batches of 10 instead of one entry a call.
    if (m_busy.size() <= MaxInFlight - FullBatch)
        drain();
}
