#pragma once

#include "core/verify/AsymmetricKey.h"
#include "core/verify/HmacKey.h"
#include "core/verify/ProviderScheme.h"

#include <QByteArray>
#include <QList>

// One secret (or public key) made ready for one algorithm. HMAC keys are set up once and reused
// for every candidate content (rotation, diagnosis), which is what keeps diagnosis of a large
// body cheap. Immutable after construction.
class SchemeKey
{
public:
    using Algorithm = ProviderScheme::Algorithm;

    SchemeKey() = default;
    // The secret as the user gave it, decoded by the scheme's secret format.
    static SchemeKey fromSecret(Algorithm algorithm, ProviderScheme::SecretFormat format,
                                const QByteArray &secret);
    // Key bytes already decoded (diagnosis tries other decodings itself).
    static SchemeKey fromKeyBytes(Algorithm algorithm, const QByteArray &key);

    bool isValid() const;
    bool isPublicKey() const
    {
        return m_algorithm == Algorithm::Ed25519 || m_algorithm == Algorithm::EcdsaP256Sha256;
    }
    Algorithm algorithm() const { return m_algorithm; }

    // The signature of the concatenated pieces; empty for public-key schemes.
    QByteArray compute(const QList<QByteArray> &pieces) const;
    // True when one of `received` (decoded) is the signature of the pieces; constant-time compare.
    bool matches(const QList<QByteArray> &pieces, const QList<QByteArray> &received) const;
    // For HMAC keys: a stream to feed a shared prefix once (see HmacKey::Stream).
    bool canStream() const { return m_hmac.isValid(); }
    HmacKey::Stream start() const { return m_hmac.start(); }
    static bool equalBytes(const QByteArray &a, const QByteArray &b);
    bool matchesDigest(const QByteArray &digest, const QList<QByteArray> &received) const;

private:
    Algorithm m_algorithm = Algorithm::HmacSha256;
    HmacKey m_hmac;
    QByteArray m_secret; // Sha256OfSecretAndBody
    AsymmetricKey m_public;
};
