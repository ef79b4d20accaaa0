#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// One explanation of a verdict (CONTRACT.md, "hazards"), found by recomputing the signature.
struct Hazard
{
    QString code;      // secret_whitespace, secret_format, body_modified, ...
    QString transform; // secret_format / body_modified: what changed
    int secretIndex = -1;
    QString endpoint;       // secret_of_other_endpoint
    QString url;            // url_mismatch: the URL that matches
    qint64 skewS = 0;       // timestamp_in_future
    QString detected;       // wrong_provider
    qint64 firstSeenId = 0; // duplicate_delivery
    qint64 offset = -1;     // body_not_utf8
    // Two faults at once: the code of the other hazard this one reproduces the signature with
    // (neither alone does); JSON "combined_with".
    QString combinedWith;
    QString detail; // what happened, in plain words
    QString advice; // what to change in the receiving app

    // The contract's hazard object: code, the extra fields of that code, detail.
    QJsonObject toJson() const;
    // duplicate_delivery for delivery `id`, first captured as capture `firstSeenId`.
    static Hazard duplicateDelivery(const QByteArray &id, qint64 firstSeenId);
    bool operator==(const Hazard &o) const
    {
        return code == o.code && transform == o.transform && secretIndex == o.secretIndex &&
               endpoint == o.endpoint && url == o.url && detected == o.detected &&
               combinedWith == o.combinedWith;
    }
};
