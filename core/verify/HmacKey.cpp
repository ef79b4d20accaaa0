#include "core/verify/HmacKey.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace {

// Fetched once: EVP_MAC_fetch walks the provider tables and would dominate small messages.
EVP_MAC *hmacAlgorithm()
{
    static EVP_MAC *mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}

const char *digestName(HmacKey::Digest d)
{
    switch (d) {
    case HmacKey::Digest::Sha1:
        return "SHA1";
    case HmacKey::Digest::Sha512:
        return "SHA512";
    case HmacKey::Digest::Sha256:
        break;
    }
    return "SHA256";
}

} // namespace

HmacKey::HmacKey(Digest digest, const QByteArray &key)
{
    EVP_MAC *mac = hmacAlgorithm();
    if (!mac)
        return;
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    if (!ctx)
        return;
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(
                               OSSL_MAC_PARAM_DIGEST, const_cast<char *>(digestName(digest)), 0),
                           OSSL_PARAM_construct_end()};
    // An empty key is legal HMAC; OpenSSL wants a non-null pointer for it.
    static const unsigned char empty = 0;
    const auto *keyBytes =
        key.isEmpty() ? &empty : reinterpret_cast<const unsigned char *>(key.constData());
    if (EVP_MAC_init(ctx, keyBytes, size_t(key.size()), params) != 1) {
        EVP_MAC_CTX_free(ctx);
        return;
    }
    m_ctx.reset(ctx, EVP_MAC_CTX_free);
}

HmacKey::Stream HmacKey::start() const
{
    return Stream(m_ctx ? EVP_MAC_CTX_dup(m_ctx.get()) : nullptr);
}

QByteArray HmacKey::mac(QByteArrayView message) const
{
    Stream s = start();
    s.update(message);
    return s.finish();
}

int HmacKey::size(Digest digest)
{
    switch (digest) {
    case Digest::Sha1:
        return 20;
    case Digest::Sha512:
        return 64;
    case Digest::Sha256:
        break;
    }
    return 32;
}

HmacKey::Stream::Stream(const Stream &other)
    : m_ctx(other.m_ctx ? EVP_MAC_CTX_dup(other.m_ctx) : nullptr)
{}

HmacKey::Stream::~Stream()
{
    EVP_MAC_CTX_free(m_ctx);
}

void HmacKey::Stream::update(QByteArrayView bytes)
{
    if (m_ctx && !bytes.isEmpty())
        EVP_MAC_update(m_ctx, reinterpret_cast<const unsigned char *>(bytes.data()),
                       size_t(bytes.size()));
}

QByteArray HmacKey::Stream::finish()
{
    if (!m_ctx)
        return {};
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    size_t len = 0;
    if (EVP_MAC_final(m_ctx, reinterpret_cast<unsigned char *>(out.data()), &len,
                      size_t(out.size())) != 1)
        return {};
    EVP_MAC_CTX_free(m_ctx);
    m_ctx = nullptr;
    out.truncate(qsizetype(len));
    return out;
}
