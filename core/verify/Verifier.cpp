#include "core/verify/Verifier.h"

#include "core/verify/Diagnosis.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/SchemeKey.h"
#include "core/verify/SignatureEvidence.h"
#include "core/verify/SignedContent.h"

#include <QJsonValue>

namespace {

using Step = Verdict::Step;

void step(Verdict &v, const QString &label, Step::State state, const QString &detail)
{
    v.steps.append({label, state, detail});
}

QString versionLabel(const ProviderScheme &s)
{
    return s.signatureKey.isEmpty() ? QStringLiteral("received")
                                    : QString::fromLatin1(s.signatureKey);
}

QList<SchemeKey> keysOf(const SignatureEvidence &e, const ProviderScheme &scheme,
                        const VerifyOptions &options)
{
    QList<SchemeKey> keys;
    for (const QByteArray &secret : options.secrets)
        keys.append(SchemeKey::fromSecret(e.algorithm(), scheme.secretFormat, secret));
    return keys;
}

// The fast facts: the delivery id, and whether it was captured before.
void recordDelivery(const SignatureEvidence &e, const ProviderScheme &scheme,
                    const VerifyOptions &options, Verdict &v)
{
    v.deliveryId = e.deliveryId(scheme);
    if (v.deliveryId.isEmpty() || !options.firstSeenDelivery)
        return;
    v.firstSeenId = qMax<qint64>(0, options.firstSeenDelivery(v.deliveryId));
    if (v.firstSeenId > 0)
        v.hazards.append(Hazard::duplicateDelivery(v.deliveryId, v.firstSeenId));
}

// No scheme could be resolved ("auto" found no provider's headers): nothing to compare
// against, but the body facts still hold.
void diagnoseUnresolved(const QByteArray &raw, const ParsedRequest &parsed,
                        const VerifyOptions &options, Verdict &v)
{
    if (options.provider != QLatin1String("auto")) {
        v.diagnosed = true;
        return;
    }
    ProviderScheme none;
    none.name = options.provider;
    const SignatureEvidence e = SignatureEvidence::read(raw, parsed, none, options.url);
    const QList<SchemeKey> keys;
    Diagnosis(none, e, parsed, options, keys).run(v);
}

// A JWS that verifies with one of the keys while its claims do not fit the request (the body's
// hash, the query string hash, the issuer) says so: the secret is right, the request is not what
// was signed. Otherwise the secret is wrong (or the token was forged).
QString jwsMismatchMessage(const QList<SchemeKey> &keys, const SignedContent &content,
                           const SignatureEvidence &e)
{
    for (int i = 0; i < keys.size(); ++i) {
        if (keys.at(i).isValid() && keys.at(i).matches(content.pieces, e.signature.decoded))
            return QStringLiteral("The JWS verifies with secret #%1, but %2")
                .arg(i)
                .arg(content.problem);
    }
    QString message = QStringLiteral("The JWS signature (HS256) verifies with none of the %1 "
                                     "secret(s)")
                          .arg(keys.size());
    if (!content.problem.isEmpty())
        message += QStringLiteral("; also, ") + content.problem;
    return message;
}

// The token's "exp" claim (unix seconds) against the checking time; empty when not expired.
QString jwsExpiry(const SignatureEvidence &e, qint64 atS)
{
    const QJsonValue exp = e.signature.jwsClaims.value(QLatin1String("exp"));
    if (!exp.isDouble())
        return {};
    const qint64 expS = qint64(exp.toDouble());
    if (atS <= expS)
        return {};
    return QStringLiteral("the token expired %1 s before the checking time (exp %2)")
        .arg(atS - expS)
        .arg(expS);
}

} // namespace

Verdict Verifier::verify(const QByteArray &raw, const ParsedRequest &parsed,
                         const VerifyOptions &options)
{
    QString error;
    const auto scheme = ProviderRegistry::resolve(options.provider, options.scheme, parsed, &error);
    if (scheme)
        return verify(raw, parsed, *scheme, options);
    Verdict v;
    v.provider = options.provider;
    v.reason = Verdict::Reason::MissingSignatureHeader;
    v.message = error;
    step(v, QStringLiteral("Signature header"), Step::State::Failed, error);
    if (options.diagnose)
        diagnoseUnresolved(raw, parsed, options, v);
    return v;
}

void Verifier::diagnose(const QByteArray &raw, const ParsedRequest &parsed,
                        const VerifyOptions &options, Verdict &verdict)
{
    if (verdict.diagnosed)
        return;
    QString error;
    const auto scheme = ProviderRegistry::resolve(options.provider, options.scheme, parsed, &error);
    if (!scheme) {
        diagnoseUnresolved(raw, parsed, options, verdict);
        return;
    }
    // Reading the evidence again is one pass over the headers (and the body for schemes with a
    // body id or timestamp); the body is not copied. The checks are not redone.
    const SignatureEvidence e = SignatureEvidence::read(raw, parsed, *scheme, options.url);
    const QList<SchemeKey> keys = keysOf(e, *scheme, options);
    Diagnosis(*scheme, e, parsed, options, keys).run(verdict);
}

Verdict Verifier::verify(const QByteArray &raw, const ParsedRequest &parsed,
                         const ProviderScheme &scheme, const VerifyOptions &options)
{
    Verdict v;
    v.provider = scheme.name;
    const SignatureEvidence e = SignatureEvidence::read(raw, parsed, scheme, options.url);
    recordDelivery(e, scheme, options, v);
    QList<SchemeKey> keys;
    auto finish = [&](Verdict::Reason reason, const QString &message) {
        v.reason = reason;
        v.valid = reason == Verdict::Reason::Ok;
        v.message = message;
        if (options.diagnose) {
            if (keys.isEmpty())
                keys = keysOf(e, scheme, options);
            Diagnosis(scheme, e, parsed, options, keys).run(v);
        }
        return v;
    };

    v.signatureHeaderLine = e.headerLine;
    const QString headerName = QString::fromLatin1(e.header.name);
    if (e.problem == SignatureEvidence::Problem::MissingHeader) {
        step(v, QStringLiteral("Signature header"), Step::State::Failed, e.message);
        return finish(Verdict::Reason::MissingSignatureHeader, e.message);
    }
    step(v, QStringLiteral("Signature header"), Step::State::Passed, headerName);
    for (const QByteArray &t : e.signature.texts) // a plain token is the secret: never shown
        v.received.append(scheme.isToken() ? QStringLiteral("[redacted]") : QString::fromLatin1(t));
    if (e.problem == SignatureEvidence::Problem::Malformed) {
        step(v, QStringLiteral("Parsed"), Step::State::Failed, e.message);
        return finish(Verdict::Reason::MalformedSignatureHeader, e.message);
    }
    step(v, QStringLiteral("Parsed"), Step::State::Passed,
         QStringLiteral("%1 signature(s)").arg(e.signature.decoded.size()));

    const int tolerance = options.toleranceS >= 0 ? options.toleranceS : scheme.toleranceS;
    v.toleranceS = e.hasTimestamp && tolerance > 0 ? tolerance : -1;
    if (e.hasTimestamp) {
        v.hasTimestamp = true;
        v.timestamp = e.timestampS;
        v.timestampAgeS = options.atS - e.timestampS;
    }
    if (e.problem == SignatureEvidence::Problem::MissingTimestamp) {
        step(v, QStringLiteral("Timestamp"), Step::State::Failed, e.message);
        return finish(Verdict::Reason::MissingTimestamp, e.message);
    }

    const QList<SignedContent> contents = SignedContent::build(scheme, e, e.body, e.url);
    const SignedContent &content = contents.first();
    // A token (GitLab) signs nothing: there is no signed content to show.
    v.hasSignedContent = !scheme.isToken();
    if (v.hasSignedContent)
        v.signedContent = content.joined();
    if (content.bodyOffset >= 0 && v.hasSignedContent) {
        v.bodyInSignedContent = {content.bodyOffset, content.bodyLength};
        v.bodyRawSpans = parsed.rawSpansOfBody({0, qint64(e.body.size())});
    }

    if (options.secrets.isEmpty()) {
        step(v, QStringLiteral("Secret"), Step::State::Failed, QStringLiteral("no secret given"));
        return finish(Verdict::Reason::NoSecret,
                      QStringLiteral("No secret was given or configured for %1").arg(scheme.name));
    }
    keys = keysOf(e, scheme, options);

    // Each HMAC over the content is computed once: the first one is also the "expected" shown
    // when nothing matches (a second pass would halve the verification rate on large bodies).
    int matchedContent = 0;
    QByteArray firstDigest;
    for (int i = 0; i < keys.size() && v.matchedSecret < 0; ++i) {
        const SchemeKey &key = keys.at(i);
        for (int c = 0; c < contents.size(); ++c) {
            if (!contents.at(c).problem.isEmpty() || !key.isValid())
                continue;
            bool hit = false;
            if (key.isPublicKey()) {
                hit = key.matches(contents.at(c).pieces, e.signature.decoded);
            } else {
                const QByteArray digest = key.compute(contents.at(c).pieces);
                if (firstDigest.isEmpty())
                    firstDigest = digest;
                hit = key.matchesDigest(digest, e.signature.decoded);
                if (hit)
                    v.expected =
                        QString::fromLatin1(SignatureHeaderParser::encode(scheme.encoding, digest));
            }
            if (hit) {
                v.matchedSecret = i;
                matchedContent = c;
                break;
            }
        }
    }
    if (scheme.isToken())
        v.expected.clear(); // the token is the secret: never shown
    else if (v.matchedSecret < 0 && !firstDigest.isEmpty())
        v.expected =
            QString::fromLatin1(SignatureHeaderParser::encode(scheme.encoding, firstDigest));
    if (matchedContent != 0 && v.hasSignedContent)
        v.signedContent = contents.at(matchedContent).joined();

    if (v.matchedSecret < 0) {
        int unusable = 0;
        for (const SchemeKey &k : keys)
            unusable += k.isValid() ? 0 : 1;
        QString message =
            QStringLiteral("No %1 signature matches the %2 with any of the %3 secret(s)")
                .arg(versionLabel(scheme), content.bodyOffset >= 0
                                               ? QStringLiteral("body")
                                               : QStringLiteral("signed content"))
                .arg(keys.size());
        if (unusable)
            message += QStringLiteral(" (%1 of them cannot be a key of this scheme)").arg(unusable);
        if (!content.problem.isEmpty())
            message += QStringLiteral("; ") + content.problem;
        if (scheme.isToken())
            message = QStringLiteral("The %1 value equals none of the %2 secret(s)")
                          .arg(headerName)
                          .arg(keys.size());
        if (scheme.isJws())
            message = jwsMismatchMessage(keys, content, e);
        step(v, QStringLiteral("Secret"), Step::State::Failed, message);
        return finish(Verdict::Reason::SignatureMismatch, message);
    }
    step(v, QStringLiteral("Secret"), Step::State::Passed,
         QStringLiteral("secret #%1 matches").arg(v.matchedSecret));

    const QString expiry = scheme.isJws() && tolerance != 0 ? jwsExpiry(e, options.atS) : QString();
    if (!expiry.isEmpty()) {
        step(v, QStringLiteral("Timestamp"), Step::State::Failed, expiry);
        return finish(Verdict::Reason::TimestampOutsideTolerance,
                      QStringLiteral("The signature is right but ") + expiry);
    }
    if (v.hasTimestamp && v.toleranceS > 0) {
        const bool tooOld = v.timestampAgeS > v.toleranceS;
        const bool tooNew = scheme.toleranceBothWays && -v.timestampAgeS > v.toleranceS;
        const QString detail =
            QStringLiteral("age %1 s, tolerance %2 s%3")
                .arg(v.timestampAgeS)
                .arg(v.toleranceS)
                .arg(scheme.toleranceBothWays ? QStringLiteral(" both ways") : QString());
        if (tooOld || tooNew) {
            step(v, QStringLiteral("Timestamp"), Step::State::Failed, detail);
            return finish(
                Verdict::Reason::TimestampOutsideTolerance,
                QStringLiteral(
                    "The signature is right but the timestamp is %1 s %2 (tolerance %3 s)")
                    .arg(qAbs(v.timestampAgeS))
                    .arg(tooOld ? QStringLiteral("old") : QStringLiteral("in the future"))
                    .arg(v.toleranceS));
        }
        step(v, QStringLiteral("Timestamp"), Step::State::Passed, detail);
    } else {
        step(v, QStringLiteral("Timestamp"), Step::State::Skipped,
             v.hasTimestamp ? QStringLiteral("no tolerance applies")
                            : QStringLiteral("none signed"));
    }
    return finish(Verdict::Reason::Ok,
                  (scheme.isToken() ? QStringLiteral("The token equals secret #%1")
                                    : QStringLiteral("The signature matches secret #%1"))
                      .arg(v.matchedSecret));
}
