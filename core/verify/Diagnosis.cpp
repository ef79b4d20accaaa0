#include "core/verify/Diagnosis.h"

#include "core/capture/Utf8Check.h"
#include "core/verify/BodyPrefixMac.h"
#include "core/verify/BodyVariants.h"
#include "core/verify/JsonLayouts.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/SecretDecoder.h"
#include "core/verify/SignedContent.h"
#include "core/verify/UrlVariants.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <memory>
#include <vector>

namespace {

// A timestamp this far ahead of the checking time is clock skew, not rounding.
constexpr qint64 FutureSkewS = 5;

struct BodyText
{
    const char *transform;
    const char *detail;
    const char *advice;
};

const BodyText BodyTexts[] = {
    {"json_reserialized",
     "The signature matches once the JSON is laid out as it was sent: something between the "
     "sender and here parsed and re-serialised it (other indentation or spacing)",
     "Verify the raw body bytes before any JSON middleware (e.g. express.raw() on the webhook "
     "route, request.get_data() in Flask), never JSON.stringify(req.body)"},
    {"lf_to_crlf",
     "The signature matches with LF line endings: the body's LFs were turned into CRLF on the way",
     "Read the body as bytes; turn off line-ending conversion (text-mode reads, proxies, "
     "git autocrlf on saved fixtures)"},
    {"crlf_to_lf",
     "The signature matches with CRLF line endings: the body's CRLFs were turned into LF on the "
     "way",
     "Read the body as bytes; do not read it in text mode or normalise line endings"},
    {"trailing_newline_added",
     "The signature matches without the final newline: one was appended after signing",
     "Do not append a newline to the body (echo, heredocs, editors saving fixtures, proxies)"},
    {"trailing_newline_removed",
     "The signature matches with a final newline: the one that was sent has been removed",
     "Verify the exact bytes received; do not trim the body"},
    {"unicode_escaped",
     "The signature matches with the non-ASCII characters written as UTF-8: something turned "
     "them into \\uXXXX escapes (a JSON library re-encoding the body)",
     "Verify the raw body before any JSON parsing and re-encoding (PHP json_encode, Python "
     "json.dumps with ensure_ascii)"},
    {"unicode_unescaped",
     "The signature matches with the non-ASCII characters as \\uXXXX escapes: something decoded "
     "the escapes into UTF-8",
     "Verify the raw body before any JSON parsing and re-encoding"},
    {"slashes_escaped",
     "The signature matches with plain '/': something wrote '/' as '\\/' (PHP json_encode does)",
     "Verify the raw body; if it must be re-encoded, use JSON_UNESCAPED_SLASHES"},
    {"latin1_mojibake",
     "The signature matches once the text is decoded back: the UTF-8 body was read as Latin-1 "
     "and encoded again as UTF-8 (mojibake, e.g. 'Ã©' for 'é')",
     "Read the body as bytes, or decode it as UTF-8 (set the charset), never as ISO-8859-1"},
    {"bom_added",
     "The signature matches without the leading byte-order mark: a UTF-8 BOM was added",
     "Do not write a BOM (Windows editors, some .NET/PowerShell encoders); verify the bytes "
     "received"},
    {"whitespace_trimmed",
     "The signature matches with surrounding whitespace: the body was trimmed on the way",
     "Do not trim() the body before verifying"},
};

const BodyText &bodyText(const QString &transform)
{
    for (const BodyText &t : BodyTexts) {
        if (transform == QLatin1String(t.transform))
            return t;
    }
    return BodyTexts[0];
}

bool sameFamily(const QString &a, const QString &b)
{
    const auto std = [](const QString &n) {
        return n == QLatin1String("svix") || n == QLatin1String("standard-webhooks");
    };
    const auto hub = [](const QString &n) {
        return n == QLatin1String("github") || n == QLatin1String("intercom");
    };
    return a == b || (std(a) && std(b)) || (hub(a) && hub(b));
}

// Hazards that say why the signature did not match (the others are facts about the request).
bool explainsSignature(const Hazard &h)
{
    return h.code == QLatin1String("secret_whitespace") ||
           h.code == QLatin1String("secret_format") ||
           h.code == QLatin1String("secret_of_other_endpoint") ||
           h.code == QLatin1String("body_modified") || h.code == QLatin1String("url_mismatch");
}

// The pair for a secret repair that reproduces the signature only with `other` also undone.
void appendCombined(QList<Hazard> &out, const SecretRepair &repair, Hazard other,
                    const QString &otherWhat)
{
    Hazard secret = repair.hazard();
    secret.combinedWith = other.code;
    secret.detail = QStringLiteral("%1, together with %2 (neither change alone reproduces the "
                                   "signature)")
                        .arg(repair.detail, otherWhat);
    other.combinedWith = secret.code;
    other.secretIndex = repair.secretIndex;
    other.detail += QStringLiteral(", together with secret #%1's %2 above (two faults at once)")
                        .arg(repair.secretIndex)
                        .arg(repair.label());
    out.append(secret);
    out.append(other);
}

} // namespace

struct Diagnosis::Work
{
    QList<Hazard> hazards;
    QList<Verdict::SkippedCheck> skipped;
    QList<SecretRepair> repairs;  // every repair of every secret
    QList<SecretRepair> combined; // the ones tried with body transformations and URL forms
    bool bodyChecked = false;
    // The first combination that reproduced the signature, kept until it is known that no single
    // change does.
    int comboRepair = -1;
    Hazard comboHazard;
    QString comboWhat;
    DiagnosisSearch search;

    bool explained() const
    {
        for (const Hazard &h : hazards) {
            if (explainsSignature(h))
                return true;
        }
        return false;
    }
};

Diagnosis::Diagnosis(const ProviderScheme &scheme, const SignatureEvidence &evidence,
                     const ParsedRequest &parsed, const VerifyOptions &options,
                     const QList<SchemeKey> &keys)
    : m_scheme(scheme), m_evidence(evidence), m_parsed(parsed), m_options(options), m_keys(keys)
{}

bool Diagnosis::reproduces(const SchemeKey &key, const QByteArray &body,
                           const QByteArray &url) const
{
    if (!key.isValid())
        return false;
    for (const SignedContent &c : SignedContent::build(m_scheme, m_evidence, body, url)) {
        if (c.problem.isEmpty() && key.matches(c.pieces, m_evidence.signature.decoded))
            return true;
    }
    return false;
}

void Diagnosis::run(Verdict &verdict) const
{
    Work w;
    QList<Hazard> &out = w.hazards;
    const bool signatureComparable = verdict.reason == Verdict::Reason::SignatureMismatch ||
                                     verdict.reason == Verdict::Reason::NoSecret;
    if (verdict.reason == Verdict::Reason::MalformedSignatureHeader &&
        m_evidence.signature.testModeOnly) {
        Hazard h;
        h.code = QStringLiteral("test_mode_signature");
        h.detail = QStringLiteral("Only %1 signatures are present: the event was signed in test "
                                  "mode (e.g. a Dashboard test event), which SDKs never accept")
                       .arg(QString::fromLatin1(m_scheme.testModeKey));
        h.advice = QStringLiteral("Send a real event (stripe trigger, or a live/test-mode "
                                  "endpoint's own event) rather than a v0-only test signature");
        out.append(h);
    }
    if (verdict.reason == Verdict::Reason::MissingSignatureHeader) {
        for (const QString &other : ProviderRegistry::detect(m_parsed)) {
            if (sameFamily(other, m_scheme.name))
                continue;
            Hazard h;
            h.code = QStringLiteral("wrong_provider");
            h.detected = other;
            h.detail = QStringLiteral("The request carries %1's headers, not %2's")
                           .arg(other, m_scheme.name);
            h.advice =
                QStringLiteral("Set the endpoint's provider to %1 (or point %2 at this endpoint)")
                    .arg(other, m_scheme.name);
            out.append(h);
            break;
        }
    }
    if (signatureComparable && !m_evidence.signature.decoded.isEmpty()) {
        w.search.ran = true;
        // One HMAC of the body per secret form and per other endpoint's secret.
        secretHazards(w);
        if (verdict.reason == Verdict::Reason::SignatureMismatch) {
            const qint64 size = m_evidence.body.size();
            const qint64 limit = m_options.diagnosisBodyLimit;
            if (limit >= 0 && size > limit && !m_scheme.isToken()) {
                const QString why =
                    QStringLiteral("The body is %1 MiB, over the diagnosis limit of %2 MiB: ")
                        .arg(size / 1048576.0, 0, 'f', 1)
                        .arg(limit / 1048576.0, 0, 'f', 1);
                w.skipped.append({QStringLiteral("body_modified"), QString(),
                                  QStringLiteral("body_size"),
                                  why + QStringLiteral("body transformation checks skipped")});
                if (m_scheme.signsUrl())
                    w.skipped.append({QStringLiteral("url_mismatch"), QString(),
                                      QStringLiteral("body_size"),
                                      why + QStringLiteral("URL form checks skipped")});
            } else {
                // Secret repairs are combined only when none reproduces the signature alone.
                if (!w.explained()) {
                    for (const SecretRepair &r : w.repairs) {
                        if (r.key.isValid() && w.combined.size() < MaxCombinedRepairs)
                            w.combined.append(r);
                    }
                }
                // A token signs nothing: no body or URL change can explain a miss.
                if (!m_scheme.isToken()) {
                    bodyHazards(w);
                    urlHazards(w);
                }
                if (!w.explained() && w.comboRepair >= 0)
                    appendCombined(out, w.combined.at(w.comboRepair), w.comboHazard, w.comboWhat);
            }
        }
        explainMiss(verdict, w);
    }
    parsedBodyHazard(verdict, out);
    factHazards(verdict, out);
    verdict.hazards = out;
    verdict.skippedChecks = w.skipped;
    verdict.search = w.search;
    verdict.diagnosed = true;
}

void Diagnosis::secretHazards(Work &w) const
{
    const ProviderScheme::Algorithm alg = m_evidence.algorithm();
    const QByteArray &body = m_evidence.body;
    const QByteArray &url = m_evidence.url;
    w.repairs = SecretRepair::forSecrets(m_scheme, alg, m_options.secrets);
    w.search.secrets = int(m_options.secrets.size());
    w.search.secretRepairs = int(w.repairs.size());
    int explainedSecret = -1; // the first repair of a secret that matches is its explanation
    for (const SecretRepair &r : w.repairs) {
        if (!w.search.secretForms.contains(r.label()))
            w.search.secretForms.append(r.label());
        if (r.secretIndex == explainedSecret)
            continue;
        if (reproduces(r.key, body, url)) {
            w.hazards.append(r.hazard());
            explainedSecret = r.secretIndex;
        }
    }
    w.search.otherEndpointSecrets = int(m_options.otherEndpointSecrets.size());
    for (const auto &other : m_options.otherEndpointSecrets) {
        if (reproduces(SchemeKey::fromSecret(alg, m_scheme.secretFormat, other.second), body,
                       url)) {
            Hazard h;
            h.code = QStringLiteral("secret_of_other_endpoint");
            h.endpoint = other.first;
            h.detail = QStringLiteral("The secret stored for endpoint '%1' matches: the provider "
                                      "signs this traffic for that endpoint")
                           .arg(other.first);
            h.advice = QStringLiteral("Configure this endpoint with the secret of the endpoint "
                                      "that sends here (Stripe CLI and Dashboard endpoints have "
                                      "different secrets)");
            w.hazards.append(h);
        }
    }
}

void Diagnosis::bodyHazards(Work &w) const
{
    QList<Hazard> &out = w.hazards;
    const QByteArray &body = m_evidence.body;
    const QByteArray &url = m_evidence.url;
    // Where the body sits in the signed content, for keys that can feed it once (HMAC).
    const QList<SignedContent> layout = SignedContent::build(m_scheme, m_evidence, body, url);
    int bodyPiece = -1;
    if (layout.size() == 1 && layout.first().bodyOffset >= 0) {
        qint64 offset = 0;
        for (int p = 0; p < layout.first().pieces.size() && bodyPiece < 0; ++p) {
            if (offset == layout.first().bodyOffset &&
                layout.first().pieces.at(p).constData() == body.constData())
                bodyPiece = p;
            offset += layout.first().pieces.at(p).size();
        }
    }
    // The given keys, then the repaired ones (combinations).
    QList<const SchemeKey *> keys;
    for (const SchemeKey &k : m_keys)
        keys.append(&k);
    for (const SecretRepair &r : w.combined)
        keys.append(&r.key);
    std::vector<std::unique_ptr<BodyPrefixMac>> macs(size_t(keys.size()));
    for (int i = 0; i < keys.size() && bodyPiece >= 0; ++i) {
        if (keys.at(i)->isValid() && keys.at(i)->canStream())
            macs[size_t(i)] = std::make_unique<BodyPrefixMac>(keys.at(i)->start(),
                                                              layout.first().pieces, bodyPiece);
    }
    const int given = int(m_keys.size());
    w.bodyChecked = true;
    const auto visit = [&](const QString &transform, const QByteArray &candidate) {
        if (!w.search.bodyTransforms.contains(transform))
            w.search.bodyTransforms.append(transform);
        for (const Hazard &h : out) {
            if (h.code == QLatin1String("body_modified") && h.transform == transform)
                return; // already explained by this transform
        }
        qsizetype shared = -1;
        auto hit = [&](int i) {
            if (BodyPrefixMac *mac = macs[size_t(i)].get()) {
                if (shared < 0)
                    shared = BodyPrefixMac::commonPrefix(body, candidate);
                return keys.at(i)->matchesDigest(mac->mac(candidate, shared),
                                                 m_evidence.signature.decoded);
            }
            return reproduces(*keys.at(i), candidate, url);
        };
        const BodyText &t = bodyText(transform);
        Hazard h;
        h.code = QStringLiteral("body_modified");
        h.transform = transform;
        h.detail = QString::fromUtf8(t.detail);
        h.advice = QString::fromUtf8(t.advice);
        for (int i = 0; i < given; ++i) {
            if (hit(i)) {
                h.secretIndex = i;
                if (transform == QLatin1String("json_reserialized")) {
                    if (const QString layout = JsonLayouts::identify(candidate, m_scheme.name);
                        !layout.isEmpty())
                        h.detail += QStringLiteral(" (it was sent as %1)").arg(layout);
                }
                out.append(h);
                return;
            }
        }
        if (w.comboRepair >= 0)
            return; // one combination is enough to name
        for (int i = given; i < keys.size(); ++i) {
            ++w.search.combinations;
            if (hit(i)) {
                w.comboRepair = i - given;
                w.comboHazard = h;
                w.comboWhat = QStringLiteral("the body change below (%1)").arg(transform);
                return;
            }
        }
    };
    const BodyVariants::Report report = BodyVariants::generate(body, visit);
    for (const BodyVariants::Skipped &s : report.skipped)
        w.skipped.append({QStringLiteral("body_modified"), s.transform, s.reason, s.detail});
}

void Diagnosis::urlHazards(Work &w) const
{
    if (!m_scheme.signsUrl())
        return;
    const QList<QByteArray> variants = UrlVariants::of(m_evidence.url, m_parsed);
    for (const QByteArray &url : variants)
        w.search.urlVariants.append(QString::fromUtf8(url));
    auto hazard = [&](const QByteArray &url) {
        Hazard h;
        h.code = QStringLiteral("url_mismatch");
        h.url = QString::fromUtf8(url);
        h.detail = QStringLiteral("The signature matches for %1, not %2: the provider "
                                  "signed the URL it was configured with")
                       .arg(h.url, QString::fromUtf8(m_evidence.url));
        h.advice = QStringLiteral("Verify against the public URL configured at the "
                                  "provider (behind a proxy: use X-Forwarded-Proto/Host, "
                                  "keep the port and trailing slash as configured)");
        return h;
    };
    for (const QByteArray &url : variants) {
        for (const SchemeKey &key : m_keys) {
            if (reproduces(key, m_evidence.body, url)) {
                w.hazards.append(hazard(url));
                return;
            }
        }
    }
    if (w.comboRepair >= 0)
        return;
    for (const QByteArray &url : variants) {
        for (int j = 0; j < w.combined.size(); ++j) {
            ++w.search.combinations;
            if (reproduces(w.combined.at(j).key, m_evidence.body, url)) {
                w.comboRepair = j;
                w.comboHazard = hazard(url);
                w.comboWhat = QStringLiteral("the URL below (%1)").arg(QString::fromUtf8(url));
                return;
            }
        }
    }
}

void Diagnosis::parsedBodyHazard(const Verdict &verdict, QList<Hazard> &out) const
{
    if (m_options.bodyParsedBy.isEmpty() || verdict.matchedSecret < 0 ||
        (verdict.reason != Verdict::Reason::Ok &&
         verdict.reason != Verdict::Reason::TimestampOutsideTolerance))
        return;
    // The signature was reproduced on this layout of the parsed body: say which one.
    const QString layout = JsonLayouts::identify(m_evidence.body, m_scheme.name);
    Hazard h;
    h.code = QStringLiteral("body_modified");
    h.transform = QStringLiteral("json_reserialized");
    h.secretIndex = verdict.matchedSecret;
    h.detail = QStringLiteral(
                   "Only the parsed body was in the source (parsed by %1). Laid out as "
                   "%2 it reproduces the signature: these are the bytes that were sent. To capture "
                   "the raw body: %3")
                   .arg(m_options.bodyParsedBy,
                        layout.isEmpty() ? QStringLiteral("it is stored here") : layout,
                        m_options.rawBodyHowTo);
    h.advice = QStringLiteral("Code that reads the parsed body sees a re-serialised one: verify "
                              "the raw body before parsing it. To capture the raw body: %1")
                   .arg(m_options.rawBodyHowTo);
    out.append(h);
}

void Diagnosis::explainMiss(const Verdict &verdict, Work &w) const
{
    if (verdict.reason != Verdict::Reason::SignatureMismatch || w.explained())
        return;
    DiagnosisSearch &s = w.search;
    if (!m_options.bodyParsedBy.isEmpty())
        s.remaining.append(
            {QStringLiteral("raw_body_needed"),
             QStringLiteral("Only the parsed body was in the source (parsed by %1), and none of "
                            "the %2 JSON layouts its sender is known to use reproduces the "
                            "signature: the raw body is needed. To capture it: %3")
                 .arg(m_options.bodyParsedBy)
                 .arg(JsonLayouts::known(QString()).size())
                 .arg(m_options.rawBodyHowTo)});
    const QString forms = s.secretForms.isEmpty()
                              ? QString()
                              : QStringLiteral(" (also ") +
                                    s.secretForms.join(QLatin1String(", ")) + QLatin1Char(')');
    if (m_scheme.isToken() || (m_scheme.isJws() && m_scheme.jwsBodyHashClaim.isEmpty())) {
        // The body is not signed: only the token can be wrong.
    } else if (w.bodyChecked) {
        s.remaining.append(
            {QStringLiteral("body_tampered"),
             QStringLiteral("The body is not what was signed and none of the %1 known "
                            "transformations undoes the change: it was edited on the way (a "
                            "proxy, a tool, a hand-edited fixture) or tampered with")
                 .arg(s.bodyTransforms.size())});
    } else {
        s.remaining.append({QStringLiteral("body_tampered"),
                            QStringLiteral("The body may have been changed on the way: the body "
                                           "transformations were not tried (see the notes)")});
    }
    // A JWS that verifies with a secret here: the secret is right, only the request changed.
    if (m_scheme.isJws()) {
        for (const SchemeKey &k : m_keys) {
            if (k.isValid() &&
                k.matches({m_evidence.signature.jwsSigningInput}, m_evidence.signature.decoded))
                return;
        }
    }
    s.remaining.append(
        {QStringLiteral("secret_not_here"),
         QStringLiteral("The signing secret is none of the %1 tried here%2%3: it was rotated "
                        "at the provider, belongs to another endpoint, account or mode (test / "
                        "live), or is not on this machine")
             .arg(s.secrets)
             .arg(forms)
             .arg(
                 s.otherEndpointSecrets > 0
                     ? QStringLiteral(", nor the %1 of other endpoints").arg(s.otherEndpointSecrets)
                     : QString())});
    if (m_scheme.signsUrl())
        s.remaining.append({QStringLiteral("url_unknown"),
                            QStringLiteral("The provider signed a URL other than %1 and the %2 "
                                           "other forms tried: check the URL configured at the "
                                           "provider")
                                .arg(QString::fromUtf8(m_evidence.url))
                                .arg(s.urlVariants.size())});
}

void Diagnosis::factHazards(const Verdict &verdict, QList<Hazard> &out) const
{
    if (m_evidence.hasTimestamp && m_evidence.timestampS - m_options.atS > FutureSkewS) {
        Hazard h;
        h.code = QStringLiteral("timestamp_in_future");
        h.skewS = m_evidence.timestampS - m_options.atS;
        h.detail = QStringLiteral("The timestamp is %1 s ahead of the checking time").arg(h.skewS);
        h.advice = QStringLiteral("Sync the receiving machine's clock (NTP); the sender's clock "
                                  "is ahead of it");
        out.append(h);
    }
    // Looked up by the fast step (Verifier), so that it is known when the capture is stored.
    if (verdict.firstSeenId > 0)
        out.append(Hazard::duplicateDelivery(verdict.deliveryId, verdict.firstSeenId));
    const qint64 bad = Utf8Check::firstInvalidOffset(m_evidence.body);
    if (bad >= 0) {
        Hazard h;
        h.code = QStringLiteral("body_not_utf8");
        h.offset = bad;
        h.detail =
            QStringLiteral("The body is not valid UTF-8 (first bad byte at offset %1)").arg(bad);
        h.advice = QStringLiteral("Verify the raw bytes, not a decoded string: decoding "
                                  "replaces the bad bytes and the signature no longer matches");
        out.append(h);
    }
}
