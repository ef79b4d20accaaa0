#include "core/pipeline/EventBridgeSender.h"

#include "core/capture/ContentDecoder.h"
#include "core/forward/EventBridgeMapper.h"
#include "core/forward/PutEventsBatcher.h"
#include "core/http/RequestFramer.h"
#include "core/pipeline/ForwardWorker.h"
#include "core/store/CaptureStore.h"

#include <QDateTime>
#include <QJsonDocument>

namespace {

std::optional<EventBridgeInput> inputOf(const CaptureStore &store, qint64 id)
{
    const std::optional<Capture> capture = store.capture(id);
    if (!capture)
        return std::nullopt;
    const ParsedRequest parsed = RequestFramer::parse(capture->raw);
    EventBridgeInput in;
    in.method = parsed.method;
    in.target = parsed.target;
    for (const HeaderField &h : parsed.headers)
        in.headers.append({h.name, h.value});
    const QByteArray body = parsed.body(capture->raw);
    const ContentDecoder::Result decoded =
        ContentDecoder::decode(body, parsed.header("Content-Encoding"));
    in.body = decoded.ok ? decoded.data : body;
    const QJsonDocument verdict = QJsonDocument::fromJson(store.verdictJson(id));
    if (verdict.isObject())
        in.verdict = verdict.object();
    in.receivedAt = QDateTime::fromMSecsSinceEpoch(capture->summary.receivedAtUs / 1000, Qt::UTC);
    return in;
}

} // namespace

EventBridgeSender::EventBridgeSender(Record record, QObject *parent)
    : QObject(parent), m_record(std::move(record)), m_network(this), m_client(&m_network, this)
{}

void EventBridgeSender::fail(OutboxEntry e, const QString &code, const QString &message, bool retry,
                             std::optional<qint64> retryAfterMs)
{
    e.attempts += 1;
    e.errorCode = code;
    e.errorMessage = message;
    if (retry && e.attempts < ForwardWorker::MaxAttempts) {
        e.state = OutboxEntry::State::Retrying;
        e.nextAttemptMs =
            QDateTime::currentMSecsSinceEpoch() + m_retry.delayMs(e.attempts, retryAfterMs);
    } else {
        e.state = OutboxEntry::State::Dead;
    }
    m_record(e);
}

void EventBridgeSender::send(const QVector<OutboxEntry> &rows, const CaptureStore &store,
                             const CaptureContext::Snapshot &context)
{
    QHash<QString, QVector<OutboxEntry>> byEndpoint;
    for (const OutboxEntry &e : rows)
        byEndpoint[e.endpointId].append(e);
    for (auto it = byEndpoint.cbegin(); it != byEndpoint.cend(); ++it) {
        const EndpointConfig *endpoint = context->config().endpointById(it.key());
        if (!endpoint || !endpoint->forward.eventBridge) {
            for (const OutboxEntry &e : it.value())
                fail(e, QStringLiteral("target-removed"),
                     QStringLiteral("endpoint %1 no longer forwards to EventBridge").arg(it.key()),
                     false);
            continue;
        }
        sendEndpoint(it.value(), store, *endpoint);
    }
}

void EventBridgeSender::sendEndpoint(const QVector<OutboxEntry> &rows, const CaptureStore &store,
                                     const EndpointConfig &endpoint)
{
    const EventBridgeForwardTarget &target = *endpoint.forward.eventBridge;
    const AwsCredentialResolver::RegionResult region =
        m_credentials.region(target.region, target.profile);
    const AwsCredentialResolver::Result credentials = m_credentials.resolve(target.profile);
    QList<EventBridgeEntry> entries;
    QVector<OutboxEntry> mapped;
    for (const OutboxEntry &row : rows) {
        const std::optional<EventBridgeInput> in = inputOf(store, row.captureId);
        if (!in) {
            fail(row, QStringLiteral("target-removed"),
                 QStringLiteral("the capture is no longer in the store"), false);
            continue;
        }
        const EventBridgeMapper::Result entry = EventBridgeMapper::map(*in, target);
        if (!entry.ok()) {
            fail(row, entry.error.code(), entry.error.message, false);
            continue;
        }
        if (!region.error.isEmpty() || !credentials.credentials) {
            // Fixed in the config or the environment, then retried by hand.
            fail(row, QStringLiteral("configuration"),
                 region.error.isEmpty() ? credentials.error : region.error, false);
            continue;
        }
        entries.append(*entry.entry);
        mapped.append(row);
    }
    const PutEventsBatcher batcher(target.maxEntryBytes);
    for (const QList<qsizetype> &batch : batcher.split(entries)) {
        QList<EventBridgeEntry> sent;
        QVector<OutboxEntry> sentRows;
        for (const qsizetype i : batch) {
            sent.append(entries.at(i));
            sentRows.append(mapped.at(i));
        }
        m_client.send(sent, region.region, target.endpointUrl, *credentials.credentials,
                      [this, sentRows](const PutEventsResult &result) {
                          if (result.credentialsExpired)
                              m_credentials.forgetCachedCredentials();
                          for (qsizetype i = 0; i < sentRows.size(); ++i) {
                              const PutEventsResult::Entry &r = result.entries.value(i);
                              OutboxEntry e = sentRows.at(i);
                              if (r.state == PutEventsResult::State::Delivered) {
                                  e.attempts += 1;
                                  e.state = OutboxEntry::State::Delivered;
                                  e.eventId = r.eventId;
                                  e.errorCode.clear();
                                  e.errorMessage.clear();
                                  m_record(e);
                              } else {
                                  fail(e, r.errorCode, r.errorMessage,
                                       r.state == PutEventsResult::State::Retry,
                                       result.retryAfterMs);
                              }
                          }
                      });
    }
}
