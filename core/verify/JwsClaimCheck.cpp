#include "core/verify/JwsClaimCheck.h"

#include <QCryptographicHash>
#include <QMap>
#include <QStringList>
#include <QUrl>
#include <algorithm>

namespace {

// encodeURIComponent, then !'()* escaped too (atlassian-jwt's encodeRfc3986).
QByteArray encodeRfc3986(const QByteArray &bytes)
{
    QByteArray out;
    static const char hex[] = "0123456789ABCDEF";
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// A query component as a server decodes it ('+' is a space, as in form encoding).
QByteArray decodeComponent(QByteArray text)
{
    text.replace('+', ' ');
    return QByteArray::fromPercentEncoding(text);
}

struct UrlParts
{
    QByteArray path;
    QByteArray query;
};

UrlParts split(const QByteArray &url)
{
    const QUrl u = QUrl::fromEncoded(url);
    UrlParts p;
    p.path = u.path(QUrl::FullyEncoded).toUtf8();
    p.query = u.query(QUrl::FullyEncoded).toUtf8();
    return p;
}

// The path and each suffix of it that starts at a '/', longest first.
QList<QByteArray> pathCandidates(const QByteArray &path)
{
    QList<QByteArray> out{path};
    for (qsizetype i = 1; i < path.size(); ++i) {
        if (path.at(i) == '/')
            out.append(path.mid(i));
    }
    if (path.size() > 1)
        out.append("/");
    return out;
}

QString bodyHashProblem(const ProviderScheme &s, const QJsonObject &claims, const QByteArray &body)
{
    const QString name = QString::fromLatin1(s.jwsBodyHashClaim);
    const QJsonValue v = claims.value(name);
    if (!v.isString())
        return QStringLiteral("the token has no %1 claim (the body's hash)").arg(name);
    const QByteArray hash = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    if (v.toString().toLatin1().toLower() != hash)
        return QStringLiteral("the body's SHA-256 is %1, the token's %2 claim says %3")
            .arg(QString::fromLatin1(hash), name, v.toString().left(80));
    return {};
}

QString queryHashProblem(const QJsonObject &claims, const QByteArray &method, const QByteArray &url)
{
    const QJsonValue v = claims.value(QLatin1String("qsh"));
    if (!v.isString())
        return QStringLiteral("the token has no qsh claim (the query string hash)");
    const QByteArray qsh = v.toString().toLatin1().toLower();
    const UrlParts parts = split(url);
    QByteArray first;
    for (const QByteArray &path : pathCandidates(parts.path)) {
        const QByteArray canonical = JwsClaimCheck::canonicalRequest(method, path, parts.query);
        if (first.isEmpty())
            first = canonical;
        if (JwsClaimCheck::queryStringHash(canonical) == qsh)
            return {};
    }
    return QStringLiteral("the token's qsh is %1, the request's canonical form '%2' hashes to %3 "
                          "(nor does any shorter path below an app base URL match)")
        .arg(v.toString().left(80), QString::fromUtf8(first.left(200)),
             QString::fromLatin1(JwsClaimCheck::queryStringHash(first)));
}

} // namespace

QByteArray JwsClaimCheck::canonicalRequest(const QByteArray &method, const QByteArray &pathIn,
                                           const QByteArray &encodedQuery)
{
    QByteArray path = pathIn;
    if (!path.startsWith('/'))
        path.prepend('/');
    if (path.size() > 1 && path.endsWith('/'))
        path.chop(1);
    path.replace("&", "%26");

    // Names sorted as JavaScript sorts strings; repeated names: values sorted, joined by ",".
    QMap<QString, QList<QByteArray>> params;
    for (const QByteArray &pair : encodedQuery.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray name = decodeComponent(eq < 0 ? pair : pair.left(eq));
        if (name == "jwt")
            continue;
        params[QString::fromUtf8(name)].append(eq < 0 ? QByteArray()
                                                      : decodeComponent(pair.mid(eq + 1)));
    }
    QList<QByteArray> query;
    for (auto it = params.begin(); it != params.end(); ++it) {
        QList<QByteArray> values = it.value();
        std::sort(values.begin(), values.end(), [](const QByteArray &a, const QByteArray &b) {
            return QString::fromUtf8(a) < QString::fromUtf8(b);
        });
        QList<QByteArray> encoded;
        for (const QByteArray &v : values)
            encoded.append(encodeRfc3986(v));
        query.append(encodeRfc3986(it.key().toUtf8()) + '=' + encoded.join(','));
    }
    return method.toUpper() + '&' + path + '&' + query.join('&');
}

QByteArray JwsClaimCheck::queryStringHash(const QByteArray &canonicalRequest)
{
    return QCryptographicHash::hash(canonicalRequest, QCryptographicHash::Sha256).toHex();
}

QString JwsClaimCheck::problem(const ProviderScheme &s, const QJsonObject &claims,
                               const QByteArray &body, const QByteArray &method,
                               const QByteArray &url)
{
    if (!s.jwsIssuer.isEmpty()) {
        const QJsonValue iss = claims.value(QLatin1String("iss"));
        if (iss.toString().toUtf8() != s.jwsIssuer)
            return iss.isUndefined()
                       ? QStringLiteral("the token has no iss claim; %1 tokens say \"%2\"")
                             .arg(s.title, QString::fromUtf8(s.jwsIssuer))
                       : QStringLiteral("the token's iss is %1; %2 tokens say \"%3\"")
                             .arg(iss.isString() ? QLatin1Char('"') + iss.toString().left(80) +
                                                       QLatin1Char('"')
                                                 : QStringLiteral("not a string"),
                                  s.title, QString::fromUtf8(s.jwsIssuer));
    }
    if (!s.jwsBodyHashClaim.isEmpty()) {
        const QString p = bodyHashProblem(s, claims, body);
        if (!p.isEmpty())
            return p;
    }
    if (s.jwsQueryHash)
        return queryHashProblem(claims, method, url);
    return {};
}

QJsonObject JwsClaimCheck::claimsFor(const ProviderScheme &s, const QByteArray &body,
                                     const QByteArray &method, const QByteArray &url, qint64 atS)
{
    QJsonObject claims;
    if (!s.jwsIssuer.isEmpty())
        claims.insert(QStringLiteral("iss"), QString::fromUtf8(s.jwsIssuer));
    if (!s.jwsBodyHashClaim.isEmpty())
        claims.insert(QString::fromLatin1(s.jwsBodyHashClaim),
                      QString::fromLatin1(
                          QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()));
    if (s.jwsQueryHash) {
        const UrlParts parts = split(url);
        claims.insert(QStringLiteral("iss"), QStringLiteral("hookbench-sign"));
        claims.insert(QStringLiteral("iat"), atS);
        claims.insert(QStringLiteral("exp"), atS + AtlassianLifetimeS);
        claims.insert(QStringLiteral("qsh"), QString::fromLatin1(queryStringHash(canonicalRequest(
                                                 method, parts.path, parts.query))));
    }
    return claims;
}
