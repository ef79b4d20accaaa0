#pragma once

#include "core/forward/AwsCredentials.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QPair>

// AWS Signature Version 4 (header form) on OpenSSL: canonical request, string to sign, signing
// key, signature and Authorization header. The intermediate strings are returned so tests can
// compare them with the AWS test suite and a user can see why a service refused a request.
class SigV4Signer
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Request
    {
        QByteArray method;
        QByteArray path = "/"; // as in the request line; it is URI-encoded once more when signed
        QByteArray query;      // without '?'; percent-decoded, then encoded canonically
        Headers headers;       // every one is signed; X-Amz-Date and X-Amz-Security-Token are set
        QByteArray body;
    };
    struct Signed
    {
        QByteArray canonicalRequest;
        QByteArray stringToSign;
        QByteArray signedHeaders; // "host;x-amz-date"
        QByteArray signature;     // hex
        QByteArray authorization; // the Authorization header value
        Headers headers;          // the request's headers to send, Authorization last
    };

    SigV4Signer(QByteArray region, QByteArray service);

    // S3 signs the path as it is; every other service removes dot segments and double slashes.
    void setNormalizePath(bool normalize) { m_normalizePath = normalize; }

    Signed sign(const Request &request, const AwsCredentials &credentials,
                const QDateTime &at) const;

    static QByteArray canonicalUri(const QByteArray &path, bool normalize);
    static QByteArray canonicalQuery(const QByteArray &query);
    static QByteArray canonicalHeaderValue(const QByteArray &value);
    static QByteArray uriEncode(QByteArrayView bytes, bool keepSlash);
    static QByteArray signingKey(const QByteArray &secret, const QByteArray &date,
                                 const QByteArray &region, const QByteArray &service);
    static QByteArray amzDate(const QDateTime &at); // 20150830T123600Z

private:
    QByteArray m_region;
    QByteArray m_service;
    bool m_normalizePath = true;
};
