#pragma once

#include "core/forward/AwsCredentials.h"
#include "core/forward/EventBridgeEntry.h"
#include "core/forward/SigV4Signer.h"

#include <QDateTime>
#include <QList>
#include <QUrl>

// One signed PutEvents call (awsJson1_1): POST / with X-Amz-Target AWSEvents.PutEvents, the
// entries as {"Entries": [...]} with each Detail as a JSON string, SigV4 for service `events`.
struct PutEventsRequest
{
    QUrl url;
    QByteArray body;
    SigV4Signer::Headers
        headers; // Host, Content-Type, X-Amz-Target, X-Amz-Date, token, Authorization
    QByteArray canonicalRequest; // for diagnostics; the session token is redacted

    // https://events.REGION.amazonaws.com/ unless endpoint_url says otherwise (LocalStack, tests).
    static QUrl endpoint(const QString &region, const QUrl &endpointUrl);
    static QByteArray hostHeader(const QUrl &url); // host[:port], the port only when not default
    static QByteArray bodyFor(const QList<EventBridgeEntry> &entries);
    static PutEventsRequest build(const QList<EventBridgeEntry> &entries, const QString &region,
                                  const QUrl &endpointUrl, const AwsCredentials &credentials,
                                  const QDateTime &at);
};
