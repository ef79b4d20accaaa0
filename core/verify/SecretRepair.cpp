#include "core/verify/SecretRepair.h"

namespace {

using S = ProviderScheme;

void formRepairs(const ProviderScheme &scheme, S::Algorithm alg, int i, const QByteArray &secret,
                 QList<SecretRepair> &out)
{
    const QByteArray prefix =
        scheme.secretPrefix.isEmpty() ? QByteArray("whsec_") : scheme.secretPrefix;
    const QString prefixText = QString::fromLatin1(prefix);
    auto add = [&](const char *transform, const QByteArray &key, const QString &detail,
                   const char *advice) {
        SecretRepair r;
        r.secretIndex = i;
        r.code = QStringLiteral("secret_format");
        r.transform = QString::fromLatin1(transform);
        r.key = SchemeKey::fromKeyBytes(alg, key);
        r.detail = detail;
        r.advice = QString::fromUtf8(advice);
        out.append(r);
    };
    if (scheme.secretFormat == S::SecretFormat::Text) {
        if (!scheme.secretPrefix.isEmpty() && !secret.startsWith(scheme.secretPrefix))
            add("add_prefix", scheme.secretPrefix + secret,
                QStringLiteral("Secret #%1 matches once its '%2' prefix is put back: the provider "
                               "signs with the whole secret, prefix included")
                    .arg(i)
                    .arg(prefixText),
                "Use the secret exactly as the provider shows it, prefix included");
        if (secret.startsWith(prefix) && secret.size() > prefix.size())
            add("strip_prefix", secret.mid(prefix.size()),
                QStringLiteral("Secret #%1 matches without its '%2' prefix").arg(i).arg(prefixText),
                "Drop the prefix from the configured secret");
        for (const QByteArray &text :
             {secret, secret.startsWith(prefix) ? secret.mid(prefix.size()) : QByteArray()}) {
            if (text.isEmpty())
                continue;
            auto r = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
            if (r && !r.decoded.isEmpty()) {
                add("base64_decode", r.decoded,
                    QStringLiteral("Secret #%1 matches once base64-decoded: the sender uses the "
                                   "decoded bytes as the key")
                        .arg(i),
                    "Base64-decode the secret before using it as the HMAC key");
                break;
            }
        }
    } else if (scheme.secretFormat == S::SecretFormat::WhsecBase64 ||
               scheme.secretFormat == S::SecretFormat::Base64) {
        const char *advice = scheme.secretFormat == S::SecretFormat::Base64
                                 ? "Check which secret the sender uses; the key is the base64 "
                                   "secret, decoded"
                                 : "Check which secret the sender uses; the SDK expects the whsec_ "
                                   "base64 secret and decodes it";
        add("use_as_text", secret,
            QStringLiteral("Secret #%1 matches when its text is used as the key as-is: the sender "
                           "did not base64-decode it")
                .arg(i),
            advice);
        if (secret.startsWith(prefix))
            add("use_as_text", secret.mid(prefix.size()),
                QStringLiteral("Secret #%1 matches when its text after '%2' is used as the key "
                               "without base64-decoding")
                    .arg(i)
                    .arg(prefixText),
                advice);
    }
}

} // namespace

Hazard SecretRepair::hazard() const
{
    Hazard h;
    h.code = code;
    h.transform = transform;
    h.secretIndex = secretIndex;
    h.detail = detail;
    h.advice = advice;
    return h;
}

QString SecretRepair::label() const
{
    return transform.isEmpty() ? QStringLiteral("trimmed") : transform;
}

QList<SecretRepair> SecretRepair::forSecrets(const ProviderScheme &scheme, S::Algorithm alg,
                                             const QList<QByteArray> &secrets)
{
    QList<SecretRepair> out;
    if (alg == S::Algorithm::Ed25519 || alg == S::Algorithm::EcdsaP256Sha256)
        return out;
    for (int i = 0; i < secrets.size(); ++i) {
        const QByteArray &secret = secrets.at(i);
        const QByteArray trimmed = secret.trimmed();
        if (trimmed != secret) {
            SecretRepair r;
            r.secretIndex = i;
            r.code = QStringLiteral("secret_whitespace");
            r.key = SchemeKey::fromSecret(alg, scheme.secretFormat, trimmed);
            r.detail = QStringLiteral("Secret #%1 has leading or trailing whitespace (a newline?); "
                                      "it matches once trimmed")
                           .arg(i);
            r.advice = QStringLiteral("Trim the secret where it is loaded (a .env line, `echo` "
                                      "into a file, a copied value with a newline)");
            out.append(r);
        }
        formRepairs(scheme, alg, i, secret, out);
    }
    return out;
}
