#pragma once

#include "core/forward/AwsCredentialResolver.h"
#include "core/forward/EventBridgeClient.h"
#include "core/forward/RetryPolicy.h"
#include "core/pipeline/CaptureContext.h"
#include "core/store/OutboxEntry.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <functional>

class CaptureStore;

// The EventBridge half of the forward stage, on its thread: due rows of one endpoint mapped to
// PutEvents entries (the endpoint's preset), sent in batches of up to 10 with credentials
// resolved as the AWS CLI does (or the endpoint's key typed into the app), and each entry's outcome
// handed back: delivered with its EventId, retrying after the SDKs' backoff (or the server's
// retry-after), or dead with AWS's error code and message (mapping problems and oversize entries
// included).
class EventBridgeSender : public QObject
{
    Q_OBJECT
public:
    using Record = std::function<void(const OutboxEntry &entry)>;

    EventBridgeSender(Record record, QObject *parent = nullptr);

    // Rows of kind "eventbridge"; reads their captures from `store`.
    void send(const QVector<OutboxEntry> &rows, const CaptureStore &store,
              const CaptureContext::Snapshot &context);

private:
    void sendEndpoint(const QVector<OutboxEntry> &rows, const CaptureStore &store,
                      const EndpointConfig &endpoint);
    void fail(OutboxEntry entry, const QString &code, const QString &message, bool retry,
              std::optional<qint64> retryAfterMs = std::nullopt);

    Record m_record;
    QNetworkAccessManager m_network;
    EventBridgeClient m_client;
    AwsCredentialResolver m_credentials;
    StoredAwsKeys m_awsKeys; // the current context's, as of the last send()
    RetryPolicy m_retry;
};
