#include "core/verify/SchemeKey.h"

#include "core/verify/SecretDecoder.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace {

HmacKey::Digest digestOf(ProviderScheme::Algorithm a)
{
    switch (a) {
    case ProviderScheme::Algorithm::HmacSha1:
        return HmacKey::Digest::Sha1;
    case ProviderScheme::Algorithm::HmacSha512:
        return HmacKey::Digest::Sha512;
    default:
        return HmacKey::Digest::Sha256;
    }
}

QByteArray joined(const QList<QByteArray> &pieces)
{
    if (pieces.size() == 1)
        return pieces.first();
    QByteArray out;
    qsizetype n = 0;
    for (const QByteArray &p : pieces)
        n += p.size();
    out.reserve(n);
    for (const QByteArray &p : pieces)
        out += p;
    return out;
}

QByteArray sha256(const QByteArray &bytes)
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    if (EVP_Digest(bytes.constData(), size_t(bytes.size()),
                   reinterpret_cast<unsigned char *>(out.data()), &len, EVP_sha256(), nullptr) != 1)
        return {};
    return out;
}

} // namespace

SchemeKey SchemeKey::fromSecret(Algorithm algorithm, ProviderScheme::SecretFormat format,
                                const QByteArray &secret)
{
    if (algorithm == Algorithm::Ed25519 || algorithm == Algorithm::EcdsaP256Sha256) {
        SchemeKey k;
        k.m_algorithm = algorithm;
        k.m_public = AsymmetricKey::publicKey(algorithm == Algorithm::Ed25519
                                                  ? AsymmetricKey::Type::Ed25519
                                                  : AsymmetricKey::Type::EcdsaP256Sha256,
                                              secret);
        return k;
    }
    QByteArray key;
    if (!SecretDecoder::keyBytes(format, secret, &key)) {
        SchemeKey k;
        k.m_algorithm = algorithm;
        return k;
    }
    return fromKeyBytes(algorithm, key);
}

SchemeKey SchemeKey::fromKeyBytes(Algorithm algorithm, const QByteArray &key)
{
    SchemeKey k;
    k.m_algorithm = algorithm;
    switch (algorithm) {
    case Algorithm::HmacSha1:
    case Algorithm::HmacSha256:
    case Algorithm::HmacSha512:
        k.m_hmac = HmacKey(digestOf(algorithm), key);
        break;
    case Algorithm::Sha256OfSecretAndBody:
        k.m_secret = key;
        k.m_secret.detach();
        break;
    case Algorithm::Token:
        // Kept as its SHA-256 only: compared by hash, so the comparison takes the same time
        // whatever the received token's length, and the token itself is never an "expected".
        if (!key.isEmpty())
            k.m_secret = sha256(key);
        break;
    case Algorithm::Ed25519:
    case Algorithm::EcdsaP256Sha256:
        return fromSecret(algorithm, ProviderScheme::SecretFormat::Text, key);
    }
    return k;
}

bool SchemeKey::isValid() const
{
    switch (m_algorithm) {
    case Algorithm::Sha256OfSecretAndBody:
        return true;
    case Algorithm::Token:
        return !m_secret.isEmpty();
    case Algorithm::Ed25519:
    case Algorithm::EcdsaP256Sha256:
        return m_public.isValid();
    default:
        return m_hmac.isValid();
    }
}

QByteArray SchemeKey::compute(const QList<QByteArray> &pieces) const
{
    if (m_hmac.isValid()) {
        HmacKey::Stream s = m_hmac.start();
        for (const QByteArray &p : pieces)
            s.update(p);
        return s.finish();
    }
    if (m_algorithm == Algorithm::Token)
        return m_secret; // the token's hash: nothing is signed
    if (m_algorithm != Algorithm::Sha256OfSecretAndBody)
        return {};
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
              EVP_DigestUpdate(ctx, m_secret.constData(), size_t(m_secret.size())) == 1;
    for (const QByteArray &p : pieces)
        ok = ok && EVP_DigestUpdate(ctx, p.constData(), size_t(p.size())) == 1;
    ok = ok && EVP_DigestFinal_ex(ctx, reinterpret_cast<unsigned char *>(out.data()), &len) == 1;
    EVP_MD_CTX_free(ctx);
    return ok ? out : QByteArray();
}

bool SchemeKey::matches(const QList<QByteArray> &pieces, const QList<QByteArray> &received) const
{
    if (!isValid())
        return false;
    if (isPublicKey()) {
        const QByteArray message = joined(pieces);
        for (const QByteArray &sig : received) {
            if (m_public.verify(message, sig))
                return true;
        }
        return false;
    }
    return matchesDigest(compute(pieces), received);
}

bool SchemeKey::matchesDigest(const QByteArray &digest, const QList<QByteArray> &received) const
{
    bool any = false;
    for (const QByteArray &sig : received)
        any |= equalBytes(digest, m_algorithm == Algorithm::Token ? sha256(sig) : sig);
    return any;
}

bool SchemeKey::equalBytes(const QByteArray &a, const QByteArray &b)
{
    return !a.isEmpty() && a.size() == b.size() &&
           CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}
