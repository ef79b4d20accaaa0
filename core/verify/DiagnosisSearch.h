#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// What a diagnosis tried to reproduce a signature (verdict JSON "tried"), and, when nothing
// did, what is left to explain the miss ("remaining"): so a verdict never ends in a bare
// "mismatch".
struct DiagnosisSearch
{
    // A cause the diagnosis cannot test from here.
    struct Remaining
    {
        QString code; // "body_tampered", "secret_not_here", "url_unknown"
        QString detail;
        QJsonObject toJson() const;
    };

    bool ran = false;             // the received signature was compared (not just read)
    int secrets = 0;              // the secrets as given
    QStringList secretForms;      // repairs tried: "trimmed", "add_prefix", ...
    int secretRepairs = 0;        // repaired keys tried (all secrets)
    int otherEndpointSecrets = 0; // other endpoints' secrets tried
    QStringList bodyTransforms;   // body transformations tried (candidates made)
    QStringList urlVariants;      // URL forms tried
    int combinations = 0;         // secret repair x (body transformation | URL form) tried
    QList<Remaining> remaining;   // only when nothing reproduced the signature

    // null when the signature was not compared.
    QJsonValue triedJson() const;
    QJsonArray remainingJson() const;
    // One line for people: "2 secrets (as given, trimmed, add_prefix), 11 body ..., 0 ...".
    QString summary() const;
};
