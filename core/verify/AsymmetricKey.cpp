#include "core/verify/AsymmetricKey.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace {

bool isHex(const QByteArray &text)
{
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return !text.isEmpty() && text.size() % 2 == 0;
}

std::shared_ptr<evp_pkey_st> own(EVP_PKEY *key)
{
    return key ? std::shared_ptr<evp_pkey_st>(key, EVP_PKEY_free) : nullptr;
}

EVP_PKEY *fromPem(const QByteArray &text, bool isPrivate)
{
    BIO *bio = BIO_new_mem_buf(text.constData(), int(text.size()));
    if (!bio)
        return nullptr;
    EVP_PKEY *key = isPrivate ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr)
                              : PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return key;
}

bool typeMatches(EVP_PKEY *key, AsymmetricKey::Type type)
{
    if (!key)
        return false;
    if (type == AsymmetricKey::Type::Ed25519)
        return EVP_PKEY_is_a(key, "ED25519");
    return EVP_PKEY_is_a(key, "EC") && EVP_PKEY_get_bits(key) == 256;
}

} // namespace

AsymmetricKey AsymmetricKey::publicKey(Type type, const QByteArray &input)
{
    return load(type, input, false);
}

AsymmetricKey AsymmetricKey::privateKey(Type type, const QByteArray &input)
{
    return load(type, input, true);
}

// PEM, a raw Ed25519 key as 64 hex digits, or base64 DER (SubjectPublicKeyInfo / PKCS#8).
AsymmetricKey AsymmetricKey::load(Type type, const QByteArray &input, bool isPrivate)
{
    AsymmetricKey k;
    k.m_type = type;
    const QByteArray text = input.trimmed();
    EVP_PKEY *key = nullptr;
    if (text.startsWith("-----BEGIN")) {
        key = fromPem(text, isPrivate);
    } else if (type == Type::Ed25519) {
        if (isHex(text) && text.size() == 64) {
            const QByteArray raw = QByteArray::fromHex(text);
            const auto *bytes = reinterpret_cast<const unsigned char *>(raw.data());
            key = isPrivate ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes,
                                                           size_t(raw.size()))
                            : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes,
                                                          size_t(raw.size()));
        }
    } else {
        const auto decoded =
            QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
        if (decoded) {
            const auto *p = reinterpret_cast<const unsigned char *>(decoded.decoded.constData());
            const long size = long(decoded.decoded.size());
            key = isPrivate ? d2i_AutoPrivateKey(nullptr, &p, size) : d2i_PUBKEY(nullptr, &p, size);
        }
    }
    if (!typeMatches(key, type)) {
        EVP_PKEY_free(key);
        return k;
    }
    k.m_key = own(key);
    return k;
}

AsymmetricKey AsymmetricKey::generate(Type type)
{
    AsymmetricKey k;
    k.m_type = type;
    EVP_PKEY *key = type == Type::Ed25519 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                                          : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    k.m_key = own(key);
    return k;
}

bool AsymmetricKey::verify(QByteArrayView message, const QByteArray &signature) const
{
    if (!m_key)
        return false;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        return false;
    // Ed25519 is a one-shot signature: no digest, the whole message at once.
    const EVP_MD *md = m_type == Type::Ed25519 ? nullptr : EVP_sha256();
    bool ok = EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, m_key.get()) == 1 &&
              EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
                               size_t(signature.size()),
                               reinterpret_cast<const unsigned char *>(message.data()),
                               size_t(message.size())) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

QByteArray AsymmetricKey::sign(QByteArrayView message) const
{
    if (!m_key)
        return {};
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        return {};
    const EVP_MD *md = m_type == Type::Ed25519 ? nullptr : EVP_sha256();
    QByteArray out;
    size_t len = 0;
    const auto *msg = reinterpret_cast<const unsigned char *>(message.data());
    if (EVP_DigestSignInit(ctx, nullptr, md, nullptr, m_key.get()) == 1 &&
        EVP_DigestSign(ctx, nullptr, &len, msg, size_t(message.size())) == 1) {
        out.resize(qsizetype(len));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(out.data()), &len, msg,
                           size_t(message.size())) == 1)
            out.truncate(qsizetype(len));
        else
            out.clear();
    }
    EVP_MD_CTX_free(ctx);
    return out;
}

QByteArray AsymmetricKey::publicKeyText() const
{
    if (!m_key)
        return {};
    if (m_type == Type::Ed25519) {
        QByteArray raw(32, Qt::Uninitialized);
        size_t len = size_t(raw.size());
        if (EVP_PKEY_get_raw_public_key(m_key.get(), reinterpret_cast<unsigned char *>(raw.data()),
                                        &len) != 1)
            return {};
        raw.truncate(qsizetype(len));
        return raw.toHex();
    }
    unsigned char *der = nullptr;
    const int len = i2d_PUBKEY(m_key.get(), &der);
    if (len <= 0)
        return {};
    const QByteArray out = QByteArray(reinterpret_cast<const char *>(der), len).toBase64();
    OPENSSL_free(der);
    return out;
}

QByteArray AsymmetricKey::privateKeyText() const
{
    if (!m_key)
        return {};
    BIO *bio = BIO_new(BIO_s_mem());
    if (!bio)
        return {};
    QByteArray out;
    if (PEM_write_bio_PrivateKey(bio, m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1) {
        char *data = nullptr;
        const long len = BIO_get_mem_data(bio, &data);
        out = QByteArray(data, len);
    }
    BIO_free(bio);
    return out;
}
