#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <memory>

struct evp_mac_ctx_st;

// An HMAC key prepared once (OpenSSL EVP_MAC): every message signed with it starts from a copy
// of the keyed context, so trying many candidate bodies or contents does not redo the key setup.
// Copies of an HmacKey share the keyed context, which is never written after construction, so
// const use from several threads is safe.
class HmacKey
{
public:
    enum class Digest
    {
        Sha1,
        Sha256,
        Sha512
    };

    // A message being fed: feed the common part once, fork() for each way it ends.
    class Stream
    {
    public:
        Stream(const Stream &other);
        Stream &operator=(const Stream &) = delete;
        ~Stream();
        void update(QByteArrayView bytes);
        Stream fork() const { return Stream(*this); }
        QByteArray finish(); // the MAC; the stream is spent afterwards

    private:
        friend class HmacKey;
        explicit Stream(evp_mac_ctx_st *ctx) : m_ctx(ctx) {}
        evp_mac_ctx_st *m_ctx = nullptr;
    };

    HmacKey() = default;
    HmacKey(Digest digest, const QByteArray &key);

    bool isValid() const { return bool(m_ctx); }
    Stream start() const;
    QByteArray mac(QByteArrayView message) const;
    static int size(Digest digest);

private:
    std::shared_ptr<evp_mac_ctx_st> m_ctx;
};
