#pragma once

#include "core/verify/Hazard.h"
#include "core/capture/ByteSpan.h"

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

    ByteSpan signatureHeaderLine; // in the raw request; empty when absent / in the body
    ByteSpan bodyInSignedContent; // where the body sits in signedContent; empty if unsigned
    QList<ByteSpan> bodyRawSpans; // the signed body bytes in the raw request

    static QString reasonCode(Reason reason); // "signature_mismatch"
    QString reasonCode() const { return reasonCode(reason); }
    QString signedContentPreview() const; // first 80 characters, then "…"
    bool hasHazard(const QString &code) const;

    // Exactly the CONTRACT verdict object (nulls where nothing applies).
    QJsonObject toJson() const;
    // The report `hookbench-cli verify` prints without --json.
    QString humanReport() const;
    // Advice lines are in hazards; steps and expected/received are shown too.
};
