#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <functional>

// Everything a verification needs besides the request. A value type: copy it to a worker thread.
struct VerifyOptions
{
    QString provider;    // a name from ProviderRegistry::names(), or "auto"
    QJsonObject scheme;  // generic-hmac: {"header", "algorithm", "encoding", "prefix", "template",
                         // "timestamp_header", "id_header", "tolerance_s"}
    int toleranceS = -1; // -1: the provider's default; 0: timestamps not checked
    qint64 atS = 0;      // unix seconds the timestamp is judged against (a capture's arrival)
    QString url;         // the URL the provider signed; empty: http:// + Host + target
    QList<QByteArray> secrets; // tried in order; public keys for Discord / SendGrid
    // Secrets of other endpoints (endpoint id, secret), for secret_of_other_endpoint.
    QList<QPair<QString, QByteArray>> otherEndpointSecrets;
    // Returns the id of an earlier capture with this delivery id, or 0; for duplicate_delivery.
    // Called from the verifying thread.
    std::function<qint64(const QByteArray &deliveryId)> firstSeenDelivery;
    bool diagnose = true; // false: the verdict only, no hazards (bulk re-verification)
};
