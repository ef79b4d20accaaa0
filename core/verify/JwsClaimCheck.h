#pragma once

#include "core/verify/ProviderScheme.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// The claims a JWT-signed delivery must carry besides its HS256 signature, checked against the
// request (ProviderScheme::Content::Jws):
//  - jwsIssuer: "iss" must equal it (Netlify: "netlify").
//  - jwsBodyHashClaim: that claim is the hex SHA-256 of the raw body (Netlify: "sha256").
//  - jwsQueryHash: "qsh" is the query string hash of the canonical request (Atlassian Connect:
//    METHOD & path relative to the app's base URL & the sorted query without "jwt", SHA-256 in
//    hex). The app's base URL is not in the request, so each path suffix starting at a "/" is
//    tried (longest first): the base URL's path is what is cut off.
class JwsClaimCheck
{
public:
    // Empty when the claims fit the request, else what does not, in plain words.
    static QString problem(const ProviderScheme &scheme, const QJsonObject &claims,
                           const QByteArray &body, const QByteArray &method, const QByteArray &url);
    // The claims `sign` puts in a token for this request (iat/exp for Atlassian at `atS`).
    static QJsonObject claimsFor(const ProviderScheme &scheme, const QByteArray &body,
                                 const QByteArray &method, const QByteArray &url, qint64 atS);

    // Atlassian's canonical request ("POST&/hook&a=1&b=x%20y") for a URL whose path below the
    // app's base URL is `path` (percent-encoded as sent).
    static QByteArray canonicalRequest(const QByteArray &method, const QByteArray &path,
                                       const QByteArray &encodedQuery);
    static QByteArray queryStringHash(const QByteArray &canonicalRequest);

    static constexpr qint64 AtlassianLifetimeS = 180; // exp - iat `sign` uses (Atlassian's advice)
};
