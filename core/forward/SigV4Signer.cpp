#include "core/forward/SigV4Signer.h"

#include <QMap>

#include <openssl/evp.h>

#include <algorithm>

namespace {

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t outLen = 0;
    static const unsigned char empty = 0;
    const auto *k = key.isEmpty() ? &empty : reinterpret_cast<const unsigned char *>(key.data());
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, k, size_t(key.size()),
                   reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()),
                   out, sizeof out, &outLen))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(outLen));
}

QByteArray sha256Hex(const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t outLen = 0;
    if (!EVP_Q_digest(nullptr, "SHA256", nullptr, data.constData(), size_t(data.size()), out,
                      &outLen))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(outLen)).toHex();
}

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// RFC 3986 5.2.4, and consecutive slashes collapsed as AWS services expect (botocore does both).
QByteArray removeDotSegments(const QByteArray &path)
{
    if (path.isEmpty())
        return "/";
    QList<QByteArray> out;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!out.isEmpty())
                out.removeLast();
            continue;
        }
        out.append(segment);
    }
    QByteArray result = path.startsWith('/') ? "/" : "";
    result += out.join('/');
    if (path.endsWith('/') && !out.isEmpty())
        result += '/';
    return result;
}

bool sameName(const QByteArray &a, const char *b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

SigV4Signer::SigV4Signer(QByteArray region, QByteArray service)
    : m_region(std::move(region)), m_service(std::move(service))
{}

QByteArray SigV4Signer::uriEncode(QByteArrayView bytes, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xF];
        }
    }
    return out;
}

QByteArray SigV4Signer::canonicalUri(const QByteArray &path, bool normalize)
{
    const QByteArray p = normalize ? removeDotSegments(path) : (path.isEmpty() ? "/" : path);
    return uriEncode(p, true);
}

QByteArray SigV4Signer::canonicalQuery(const QByteArray &query)
{
    if (query.isEmpty())
        return {};
    QList<QPair<QByteArray, QByteArray>> pairs;
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray key = eq < 0 ? pair : pair.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        // Decoded first so an already-encoded parameter is not encoded twice; '+' stays a plus.
        pairs.append({uriEncode(QByteArray::fromPercentEncoding(key), false),
                      uriEncode(QByteArray::fromPercentEncoding(value), false)});
    }
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto &[key, value] : pairs) {
        if (!out.isEmpty())
            out += '&';
        out += key + '=' + value;
    }
    return out;
}

QByteArray SigV4Signer::canonicalHeaderValue(const QByteArray &value)
{
    // Trimmed, every run of white space (folded lines included) one space.
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (const char c : value) {
        if (isSpace(c)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out += c;
    }
    return out;
}

QByteArray SigV4Signer::signingKey(const QByteArray &secret, const QByteArray &date,
                                   const QByteArray &region, const QByteArray &service)
{
    const QByteArray kDate = hmacSha256("AWS4" + secret, date);
    const QByteArray kRegion = hmacSha256(kDate, region);
    const QByteArray kService = hmacSha256(kRegion, service);
    return hmacSha256(kService, "aws4_request");
}

QByteArray SigV4Signer::amzDate(const QDateTime &at)
{
    return at.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

SigV4Signer::Signed SigV4Signer::sign(const Request &request, const AwsCredentials &credentials,
                                      const QDateTime &at) const
{
    Signed s;
    const QByteArray date = amzDate(at);
    const QByteArray day = date.left(8);

    // The date and the token are the signer's: a stale copy in the request would not match.
    for (const auto &h : request.headers) {
        if (sameName(h.first, "x-amz-date") || sameName(h.first, "x-amz-security-token") ||
            sameName(h.first, "authorization"))
            continue;
        s.headers.append(h);
    }
    s.headers.append({"X-Amz-Date", date});
    if (!credentials.sessionToken.isEmpty())
        s.headers.append({"X-Amz-Security-Token", credentials.sessionToken});

    QMap<QByteArray, QByteArray> canonical; // sorted by lower-case name
    for (const auto &[name, value] : std::as_const(s.headers)) {
        QByteArray &joined = canonical[name.toLower()];
        const QByteArray v = canonicalHeaderValue(value);
        joined = joined.isNull() ? (v.isNull() ? QByteArray("") : v) : joined + ',' + v;
    }
    QByteArray headerBlock;
    for (auto it = canonical.cbegin(); it != canonical.cend(); ++it) {
        headerBlock += it.key() + ':' + it.value() + '\n';
        if (!s.signedHeaders.isEmpty())
            s.signedHeaders += ';';
        s.signedHeaders += it.key();
    }

    s.canonicalRequest = request.method + '\n' + canonicalUri(request.path, m_normalizePath) +
                         '\n' + canonicalQuery(request.query) + '\n' + headerBlock + '\n' +
                         s.signedHeaders + '\n' + sha256Hex(request.body);

    const QByteArray scope = day + '/' + m_region + '/' + m_service + "/aws4_request";
    s.stringToSign =
        "AWS4-HMAC-SHA256\n" + date + '\n' + scope + '\n' + sha256Hex(s.canonicalRequest);

    const QByteArray key = signingKey(credentials.secretAccessKey, day, m_region, m_service);
    s.signature = hmacSha256(key, s.stringToSign).toHex();
    s.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + '/' + scope +
                      ", SignedHeaders=" + s.signedHeaders + ", Signature=" + s.signature;
    s.headers.append({"Authorization", s.authorization});
    return s;
}
