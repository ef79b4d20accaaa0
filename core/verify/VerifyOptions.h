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
    // Called once, from the verifying thread, by the fast step (Verifier::verify) whether or not
    // the diagnosis runs; Verifier::diagnose never calls it.
    std::function<qint64(const QByteArray &deliveryId)> firstSeenDelivery;
    // false: the fast verdict only (the checks, delivery id, duplicate_delivery); the other
    // hazards can be added later with Verifier::diagnose.
    bool diagnose = true;
    // Bodies larger than this get only the diagnosis checks that read the body once per secret
    // (secret forms, other endpoints' secrets, the facts); the body transformations (~15
    // candidates, each hashed with every secret) and URL forms (up to 36, each with the whole
    // body) are skipped and the verdict says so. 8 MiB: GitHub's and Stripe's deliveries stay
    // far below it, and their full diagnosis there stays within a few hundred ms. < 0: no limit.
    qint64 diagnosisBodyLimit = DefaultDiagnosisBodyLimit;
    // An imported capture whose source held only the parsed body (its origin says so): what
    // parsed it and how to capture the raw body instead. The diagnosis then names the JSON
    // layout (JsonLayouts) that reproduced the signature, or says that the raw body is needed.
    QString bodyParsedBy;
    QString rawBodyHowTo;

    static constexpr qint64 DefaultDiagnosisBodyLimit = 8ll * 1024 * 1024;
};
