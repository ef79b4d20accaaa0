#include "core/verify/Verdict.h"

#include <QJsonArray>

QString Verdict::reasonCode(Reason reason)
{
    switch (reason) {
    case Reason::MissingSignatureHeader:
        return QStringLiteral("missing_signature_header");
    case Reason::MalformedSignatureHeader:
        return QStringLiteral("malformed_signature_header");
    case Reason::MissingTimestamp:
        return QStringLiteral("missing_timestamp");
    case Reason::NoSecret:
        return QStringLiteral("no_secret");
    case Reason::SignatureMismatch:
        return QStringLiteral("signature_mismatch");
    case Reason::TimestampOutsideTolerance:
        return QStringLiteral("timestamp_outside_tolerance");
    case Reason::Ok:
        break;
    }
    return QStringLiteral("ok");
}

QString Verdict::signedContentPreview() const
{
    const QString text = QString::fromUtf8(signedContent.left(400));
    if (text.size() <= 80 && signedContent.size() <= 400)
        return text;
    return text.left(80) + QChar(0x2026);
}

bool Verdict::hasHazard(const QString &code) const
{
    for (const Hazard &h : hazards) {
        if (h.code == code)
            return true;
    }
    return false;
}

QJsonObject Verdict::SkippedCheck::toJson() const
{
    QJsonObject o{{QStringLiteral("check"), check},
                  {QStringLiteral("reason"), reason},
                  {QStringLiteral("detail"), detail}};
    if (!transform.isEmpty())
        o.insert(QStringLiteral("transform"), transform);
    return o;
}

QJsonObject Verdict::toJson() const
{
    QJsonArray hz;
    for (const Hazard &h : hazards)
        hz.append(h.toJson());
    QJsonArray skipped;
    for (const SkippedCheck &s : skippedChecks)
        skipped.append(s.toJson());
    return {
        {QStringLiteral("valid"), valid},
        {QStringLiteral("provider"), provider},
        {QStringLiteral("reason"), reasonCode()},
        {QStringLiteral("message"), message},
        {QStringLiteral("matched_secret"),
         matchedSecret >= 0 ? QJsonValue(matchedSecret) : QJsonValue()},
        {QStringLiteral("timestamp"), hasTimestamp ? QJsonValue(timestamp) : QJsonValue()},
        {QStringLiteral("timestamp_age_s"),
         hasTimestamp ? QJsonValue(timestampAgeS) : QJsonValue()},
        {QStringLiteral("signed_content_preview"),
         hasSignedContent ? QJsonValue(signedContentPreview()) : QJsonValue()},
        {QStringLiteral("expected"), expected.isEmpty() ? QJsonValue() : QJsonValue(expected)},
        {QStringLiteral("received"), QJsonArray::fromStringList(received)},
        {QStringLiteral("hazards"), hz},
        // Extensions of the CONTRACT object (readers that do not know them ignore them).
        {QStringLiteral("delivery_id"),
         deliveryId.isEmpty() ? QJsonValue() : QJsonValue(QString::fromUtf8(deliveryId))},
        {QStringLiteral("diagnosed"), diagnosed},
        {QStringLiteral("skipped_checks"), skipped},
        {QStringLiteral("tried"), search.triedJson()},
        {QStringLiteral("remaining"), search.remainingJson()},
    };
}

QString Verdict::humanReport() const
{
    QString out;
    out += (valid ? QStringLiteral("VALID") : QStringLiteral("INVALID")) + QStringLiteral(" (") +
           reasonCode() + QStringLiteral(") provider ") + provider + QLatin1Char('\n');
    out += message + QLatin1Char('\n');
    for (const Step &s : steps) {
        const char *mark = s.state == Step::State::Passed   ? "ok  "
                           : s.state == Step::State::Failed ? "FAIL"
                                                            : "--  ";
        out += QStringLiteral("  [%1] %2: %3\n").arg(QLatin1String(mark), s.label, s.detail);
    }
    if (hasSignedContent)
        out += QStringLiteral("  signed content: ") + signedContentPreview() + QLatin1Char('\n');
    if (!expected.isEmpty())
        out += QStringLiteral("  expected: ") + expected + QLatin1Char('\n');
    for (const QString &r : received)
        out += QStringLiteral("  received: ") + r + QLatin1Char('\n');
    for (const Hazard &h : hazards) {
        out +=
            QStringLiteral("  hazard %1%2: %3\n")
                .arg(h.code,
                     h.transform.isEmpty() ? QString()
                                           : QStringLiteral(" (") + h.transform + QLatin1Char(')'),
                     h.detail);
        if (!h.advice.isEmpty())
            out += QStringLiteral("    fix: ") + h.advice + QLatin1Char('\n');
    }
    for (const SkippedCheck &s : skippedChecks)
        out += QStringLiteral("  note: ") + s.detail + QLatin1Char('\n');
    if (!search.remaining.isEmpty()) {
        out += QStringLiteral("  tried, none reproduces the signature: ") + search.summary() +
               QLatin1Char('\n');
        for (const DiagnosisSearch::Remaining &r : search.remaining)
            out += QStringLiteral("  left: ") + r.detail + QLatin1Char('\n');
    }
    return out;
}
