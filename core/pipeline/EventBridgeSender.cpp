#include "core/pipeline/EventBridgeSender.h"

#include "core/forward/EventBridgeInputBuilder.h"
#include "core/forward/EventBridgeMapper.h"
#include "core/forward/PutEventsBatcher.h"
#include "core/pipeline/ForwardWorker.h"
#include "core/store/CaptureStore.h"

#include <QDateTime>

EventBridgeSender::EventBridgeSender(Record record, QObject *parent)
    : QObject(parent), m_record(std::move(record)), m_network(this), m_client(&m_network, this)
{
    // Credentials "keychain": the key the app or `listen` read from the keychain beforehand.
    m_credentials.setStoredKeySource([this](const QString &id) { return m_awsKeys.lookup(id); });
}

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
    m_awsKeys = context->awsKeys(); // what the stored-key source reads
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
    const AwsCredentialResolver::Result credentials =
        target.credentials == EventBridgeForwardTarget::Credentials::Keychain
            ? m_credentials.resolveStored(endpoint.id)
            : m_credentials.resolve(target.profile);
    QList<EventBridgeEntry> entries;
    QVector<OutboxEntry> mapped;
    for (const OutboxEntry &row : rows) {
        const std::optional<Capture> capture = store.capture(row.captureId);
        EventBridgeInput in;
        QString why;
        if (!capture) {
            fail(row, QStringLiteral("target-removed"),
                 QStringLiteral("the capture is no longer in the store"), false);
            continue;
        }
        if (!EventBridgeInputBuilder::build(*capture, store.verdictJson(row.captureId), &in,
                                            &why)) {
            fail(row, QStringLiteral("unreadable-capture"), why, false);
            continue;
        }
        const EventBridgeMapper::Result entry = EventBridgeMapper::map(in, target);
        if (!entry.ok()) {
            fail(row, entry.error.code(), entry.error.message, false);
            continue;
        }
        if (!region.error.isEmpty() || !credentials.credentials) {
            // Fixed in the config or the environment, then retried by hand (a keychain that
            // has not been read yet is waited for).
            fail(row, QStringLiteral("configuration"),
                 region.error.isEmpty() ? credentials.error : region.error,
                 region.error.isEmpty() && credentials.retryable);
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
