#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <memory>

struct evp_pkey_st;

// A public or private key of a public-key scheme (Discord's Ed25519, SendGrid's ECDSA P-256 with
// SHA-256), loaded the way each provider hands it out. Immutable after loading; const use is
// thread-safe.
class AsymmetricKey
{
public:
    enum class Type
    {
        Ed25519,
        EcdsaP256Sha256
    };

    AsymmetricKey() = default;

    // Ed25519: 64 hex digits (Discord's "public key"). ECDSA: base64 of the SubjectPublicKeyInfo
    // DER (SendGrid's "verification key"), or a PEM block.
    static AsymmetricKey publicKey(Type type, const QByteArray &text);
    // For `sign`: Ed25519 as a 64-hex-digit seed or PEM; ECDSA as PEM or base64 PKCS#8 DER.
    static AsymmetricKey privateKey(Type type, const QByteArray &text);
    // A fresh key pair, for tests and examples.
    static AsymmetricKey generate(Type type);

    bool isValid() const { return bool(m_key); }
    Type type() const { return m_type; }
    bool verify(QByteArrayView message, const QByteArray &signature) const;
    QByteArray sign(QByteArrayView message) const; // Ed25519: 64 bytes; ECDSA: DER
    // The public half as the provider shows it: hex for Ed25519, base64 DER for ECDSA.
    QByteArray publicKeyText() const;
    // The private half as PKCS#8 PEM (what `sign` takes); empty for a public key.
    QByteArray privateKeyText() const;

private:
    static AsymmetricKey load(Type type, const QByteArray &input, bool isPrivate);
    Type m_type = Type::Ed25519;
    std::shared_ptr<evp_pkey_st> m_key;
};
