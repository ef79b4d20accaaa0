#include "core/verify/Diagnosis.h"

#include "core/capture/Utf8Check.h"
#include "core/verify/BodyPrefixMac.h"
#include "core/verify/BodyVariants.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/SecretDecoder.h"
#include "core/verify/SignedContent.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
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

} // namespace

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
    QList<Hazard> out;
    QList<Verdict::SkippedCheck> skipped;
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
        // One HMAC of the body per secret form and per other endpoint's secret.
        secretHazards(out);
        if (verdict.reason == Verdict::Reason::SignatureMismatch) {
            const qint64 size = m_evidence.body.size();
            const qint64 limit = m_options.diagnosisBodyLimit;
            if (limit >= 0 && size > limit) {
                const QString why =
                    QStringLiteral("The body is %1 MiB, over the diagnosis limit of %2 MiB: ")
                        .arg(size / 1048576.0, 0, 'f', 1)
                        .arg(limit / 1048576.0, 0, 'f', 1);
                skipped.append({QStringLiteral("body_modified"), QString(),
                                QStringLiteral("body_size"),
                                why + QStringLiteral("body transformation checks skipped")});
                if (m_scheme.signsUrl())
                    skipped.append({QStringLiteral("url_mismatch"), QString(),
                                    QStringLiteral("body_size"),
                                    why + QStringLiteral("URL form checks skipped")});
            } else {
                bodyHazards(out, skipped);
                urlHazards(out);
            }
        }
    }
    factHazards(verdict, out);
    verdict.hazards = out;
    verdict.skippedChecks = skipped;
    verdict.diagnosed = true;
}

void Diagnosis::secretHazards(QList<Hazard> &out) const
{
    const ProviderScheme::Algorithm alg = m_evidence.algorithm();
    const QByteArray &body = m_evidence.body;
    const QByteArray &url = m_evidence.url;
    const bool publicKey = alg == ProviderScheme::Algorithm::Ed25519 ||
                           alg == ProviderScheme::Algorithm::EcdsaP256Sha256;
    for (int i = 0; i < m_options.secrets.size(); ++i) {
        const QByteArray &secret = m_options.secrets.at(i);
        const QByteArray trimmed = secret.trimmed();
        if (!publicKey && trimmed != secret &&
            reproduces(SchemeKey::fromSecret(alg, m_scheme.secretFormat, trimmed), body, url)) {
            Hazard h;
            h.code = QStringLiteral("secret_whitespace");
            h.secretIndex = i;
            h.detail = QStringLiteral("Secret #%1 has leading or trailing whitespace (a newline?); "
                                      "it matches once trimmed")
                           .arg(i);
            h.advice = QStringLiteral("Trim the secret where it is loaded (a .env line, `echo` "
                                      "into a file, a copied value with a newline)");
            out.append(h);
            continue;
        }
        if (publicKey)
            continue;
        struct Candidate
        {
            const char *transform;
            QByteArray key; // key bytes, already decoded
            const char *detail;
            const char *advice;
        };
        QList<Candidate> candidates;
        const QByteArray prefix =
            m_scheme.secretPrefix.isEmpty() ? QByteArray("whsec_") : m_scheme.secretPrefix;
        QByteArray key;
        if (m_scheme.secretFormat == ProviderScheme::SecretFormat::Text) {
            if (!m_scheme.secretPrefix.isEmpty() && !secret.startsWith(m_scheme.secretPrefix))
                candidates.append(
                    {"add_prefix", m_scheme.secretPrefix + secret,
                     "Secret #%1 matches once its '%2' prefix is put back: the "
                     "provider signs with the whole secret, prefix included",
                     "Use the secret exactly as the provider shows it, prefix included"});
            if (secret.startsWith(prefix) && secret.size() > prefix.size())
                candidates.append({"strip_prefix", secret.mid(prefix.size()),
                                   "Secret #%1 matches without its '%2' prefix",
                                   "Drop the prefix from the configured secret"});
            for (const QByteArray &text :
                 {secret, secret.startsWith(prefix) ? secret.mid(prefix.size()) : QByteArray()}) {
                if (text.isEmpty())
                    continue;
                auto r =
                    QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
                if (r && !r.decoded.isEmpty()) {
                    candidates.append({"base64_decode", r.decoded,
                                       "Secret #%1 matches once base64-decoded: the sender uses "
                                       "the decoded bytes as the key",
                                       "Base64-decode the secret before using it as the HMAC key"});
                    break;
                }
            }
        } else if (m_scheme.secretFormat == ProviderScheme::SecretFormat::WhsecBase64) {
            candidates.append({"use_as_text", secret,
                               "Secret #%1 matches when its text is used as the key as-is: the "
                               "sender did not base64-decode it",
                               "Check which secret the sender uses; the SDK expects the whsec_ "
                               "base64 secret and decodes it"});
            if (secret.startsWith(prefix))
                candidates.append({"use_as_text", secret.mid(prefix.size()),
                                   "Secret #%1 matches when its text after '%2' is used as the key "
                                   "without base64-decoding",
                                   "Check which secret the sender uses; the SDK expects the whsec_ "
                                   "base64 secret and decodes it"});
        }
        for (const Candidate &c : candidates) {
            if (reproduces(SchemeKey::fromKeyBytes(alg, c.key), body, url)) {
                Hazard h;
                h.code = QStringLiteral("secret_format");
                h.transform = QString::fromLatin1(c.transform);
                h.secretIndex = i;
                h.detail = QString::fromUtf8(c.detail).arg(i).arg(QString::fromLatin1(prefix));
                h.advice = QString::fromUtf8(c.advice);
                out.append(h);
                break;
            }
        }
    }
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
            out.append(h);
        }
    }
}

void Diagnosis::bodyHazards(QList<Hazard> &out, QList<Verdict::SkippedCheck> &skipped) const
{
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
    std::vector<std::unique_ptr<BodyPrefixMac>> macs(size_t(m_keys.size()));
    for (int i = 0; i < m_keys.size() && bodyPiece >= 0; ++i) {
        if (m_keys.at(i).isValid() && m_keys.at(i).canStream())
            macs[size_t(i)] = std::make_unique<BodyPrefixMac>(m_keys.at(i).start(),
                                                              layout.first().pieces, bodyPiece);
    }
    const auto visit = [&](const QString &transform, const QByteArray &candidate) {
        for (const Hazard &h : out) {
            if (h.code == QLatin1String("body_modified") && h.transform == transform)
                return; // already explained by this transform
        }
        qsizetype shared = -1;
        for (int i = 0; i < m_keys.size(); ++i) {
            const SchemeKey &key = m_keys.at(i);
            bool hit;
            if (BodyPrefixMac *mac = macs[size_t(i)].get()) {
                if (shared < 0)
                    shared = BodyPrefixMac::commonPrefix(body, candidate);
                hit = key.matchesDigest(mac->mac(candidate, shared), m_evidence.signature.decoded);
            } else {
                hit = reproduces(key, candidate, url);
            }
            if (hit) {
                const BodyText &t = bodyText(transform);
                Hazard h;
                h.code = QStringLiteral("body_modified");
                h.transform = transform;
                h.secretIndex = i;
                h.detail = QString::fromUtf8(t.detail);
                h.advice = QString::fromUtf8(t.advice);
                out.append(h);
                return;
            }
        }
    };
    const BodyVariants::Report report = BodyVariants::generate(body, visit);
    for (const BodyVariants::Skipped &s : report.skipped)
        skipped.append({QStringLiteral("body_modified"), s.transform, s.reason, s.detail});
}

QList<QByteArray> Diagnosis::urlVariants() const
{
    const QUrl base(QString::fromUtf8(m_evidence.url));
    if (!base.isValid() || base.host().isEmpty())
        return {};
    QStringList hosts{base.host()};
    QList<int> ports{base.port(), -1};
    const QByteArray fwdHost = m_parsed.header("X-Forwarded-Host").split(',').first().trimmed();
    if (!fwdHost.isEmpty()) {
        const QUrl f(QStringLiteral("http://") + QString::fromLatin1(fwdHost));
        hosts.append(f.host());
        ports.append(f.port());
    }
    QStringList schemes{QStringLiteral("https"), QStringLiteral("http")};
    const QByteArray fwdProto = m_parsed.header("X-Forwarded-Proto").split(',').first().trimmed();
    if (!fwdProto.isEmpty())
        schemes.prepend(QString::fromLatin1(fwdProto));
    QString path = base.path(QUrl::FullyEncoded);
    const QString altPath =
        path.endsWith(QLatin1Char('/')) ? path.left(path.size() - 1) : path + QLatin1Char('/');
    QList<QByteArray> out;
    for (const QString &s : schemes) {
        for (const QString &h : hosts) {
            for (int p : ports) {
                for (const QString &pa : {path, altPath}) {
                    QUrl u = base;
                    u.setScheme(s);
                    u.setHost(h);
                    u.setPort(p);
                    u.setPath(pa, QUrl::TolerantMode);
                    const QByteArray text = u.toEncoded();
                    if (text != m_evidence.url && !out.contains(text))
                        out.append(text);
                }
            }
        }
    }
    return out;
}

void Diagnosis::urlHazards(QList<Hazard> &out) const
{
    if (!m_scheme.signsUrl())
        return;
    for (const QByteArray &url : urlVariants()) {
        for (const SchemeKey &key : m_keys) {
            if (reproduces(key, m_evidence.body, url)) {
                Hazard h;
                h.code = QStringLiteral("url_mismatch");
                h.url = QString::fromUtf8(url);
                h.detail = QStringLiteral("The signature matches for %1, not %2: the provider "
                                          "signed the URL it was configured with")
                               .arg(h.url, QString::fromUtf8(m_evidence.url));
                h.advice = QStringLiteral("Verify against the public URL configured at the "
                                          "provider (behind a proxy: use X-Forwarded-Proto/Host, "
                                          "keep the port and trailing slash as configured)");
                out.append(h);
                return;
            }
        }
    }
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
