#pragma once

#include "core/capture/ByteSpan.h"
#include "core/verify/DiagnosisSearch.h"
#include "core/verify/Hazard.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// The outcome of verifying one request: the CONTRACT verdict object, plus what a verdict panel
// shows (the steps, the signed content and where the signature header and the body sit).
class Verdict
{
public:
    // In the order they are checked; the first failing one is the reason.
    enum class Reason
    {
        MissingSignatureHeader,
        MalformedSignatureHeader,
        MissingTimestamp,
        NoSecret,
        SignatureMismatch,
        TimestampOutsideTolerance,
        Ok
    };
    struct Step
    {
        enum class State
        {
            Passed,
            Failed,
            Skipped
        };
        QString label; // "Signature header", "Parsed", "Timestamp", "Secret"
        State state = State::Skipped;
        QString detail;
    };
    // A diagnosis check that was not run (or not fully), and why: the hazards list is then not
    // the whole story. Verdict JSON "skipped_checks".
    struct SkippedCheck
    {
        QString check;     // the hazard code it would report: "body_modified", "url_mismatch"
        QString transform; // when only some of its forms were skipped: "json_reserialized"
        QString reason;    // "json_depth", "json_growth", "body_size"
        QString detail;    // in plain words, e.g. "JSON nested deeper than 1024 levels: ..."

        QJsonObject toJson() const;
        bool operator==(const SkippedCheck &o) const
        {
            return check == o.check && transform == o.transform && reason == o.reason;
        }
    };

    bool valid = false;
    QString provider;
    Reason reason = Reason::MissingSignatureHeader;
    QString message;
    int matchedSecret = -1; // 0-based; also set on TimestampOutsideTolerance
    bool hasTimestamp = false;
    qint64 timestamp = 0;     // unix seconds
    qint64 timestampAgeS = 0; // atS - timestamp (negative: in the future)
    int toleranceS = -1;      // the tolerance applied; -1 none
    QByteArray signedContent; // exactly the bytes signed (empty when not built)
    bool hasSignedContent = false;
    QString expected;     // the signature computed (matched secret, else the first); empty if none
    QStringList received; // the signatures as sent
    QList<Hazard> hazards;
    QList<Step> steps;

    // Computed by the fast step (Verifier::verify, with or without the diagnosis): the delivery
    // id (header, or the scheme's top-level body field; empty if none) and the earlier capture
    // with the same id (the duplicate_delivery hazard; 0 if none or not looked up).
    QByteArray deliveryId;
    qint64 firstSeenId = 0;
    // Whether the diagnosis has run (Verifier::diagnose or options.diagnose), and what it left out.
    bool diagnosed = false;
    QList<SkippedCheck> skippedChecks;
    // What the diagnosis tried, and what is left when nothing reproduced the signature.
    DiagnosisSearch search;

    ByteSpan signatureHeaderLine; // in the raw request; empty when absent / in the body
    ByteSpan bodyInSignedContent; // where the body sits in signedContent; empty if unsigned
    QList<ByteSpan> bodyRawSpans; // the signed body bytes in the raw request

    static QString reasonCode(Reason reason); // "signature_mismatch"
    QString reasonCode() const { return reasonCode(reason); }
    QString signedContentPreview() const; // first 80 characters, then "…"
    bool hasHazard(const QString &code) const;

    // The CONTRACT verdict object (nulls where nothing applies), extended with "delivery_id"
    // (string or null), "diagnosed" (bool), "skipped_checks" (array of {check, transform?,
    // reason, detail}), "tried" (null, or what the diagnosis tried: {secrets, secret_forms,
    // secret_repairs, other_endpoint_secrets, body_transforms, url_variants, combinations}) and
    // "remaining" (array of {code, detail}: causes left when nothing reproduced the signature).
    QJsonObject toJson() const;
    // The report `hookbench-cli verify` prints without --json.
    QString humanReport() const;
    // Advice lines are in hazards; steps and expected/received are shown too.
};
