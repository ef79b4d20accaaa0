#include "core/verify/JwsToken.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace {

constexpr auto B64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool isBase64UrlChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

bool decodeObject(const QByteArray &part, const char *what, QJsonObject *out, QString *error)
{
    QByteArray json;
    if (!JwsToken::decodeBase64Url(part, &json)) {
        *error = QStringLiteral("the JWS %1 is not base64url").arg(QLatin1String(what));
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("the JWS %1 is not a JSON object").arg(QLatin1String(what));
        return false;
    }
    *out = doc.object();
    return true;
}

} // namespace

bool JwsToken::decodeBase64Url(const QByteArray &text, QByteArray *out)
{
    if (text.isEmpty() || text.size() % 4 == 1)
        return false;
    for (char c : text) {
        if (!isBase64UrlChar(c))
            return false;
    }
    auto r = QByteArray::fromBase64Encoding(text, B64Url | QByteArray::AbortOnBase64DecodingErrors);
    // Canonical spelling only (unused trailing bits zero), as the JWT libraries re-encode and
    // compare.
    if (!r || r.decoded.toBase64(B64Url) != text)
        return false;
    *out = r.decoded;
    return true;
}

QByteArray JwsToken::encodeBase64Url(const QByteArray &bytes)
{
    return bytes.toBase64(B64Url);
}

JwsToken JwsToken::parse(const QByteArray &textIn)
{
    JwsToken t;
    const QByteArray text = textIn.trimmed();
    const QList<QByteArray> parts = text.split('.');
    if (parts.size() != 3) {
        t.error = QStringLiteral("not a JWS: a compact JWS has three dot-separated parts, this has "
                                 "%1")
                      .arg(parts.size());
        return t;
    }
    if (!decodeObject(parts.at(0), "header", &t.header, &t.error))
        return t;
    t.algorithm = t.header.value(QLatin1String("alg")).toString().toUtf8();
    if (t.algorithm != "HS256") {
        t.error = t.algorithm.isEmpty()
                      ? QStringLiteral("the JWS header names no algorithm (alg); only HS256 is "
                                       "accepted")
                      : QStringLiteral("the JWS algorithm is '%1'; only HS256 is accepted (an "
                                       "unsigned or differently signed token is refused)")
                            .arg(QString::fromUtf8(t.algorithm.left(20)));
        return t;
    }
    if (!decodeObject(parts.at(1), "payload", &t.claims, &t.error))
        return t;
    if (!decodeBase64Url(parts.at(2), &t.signature)) {
        t.error = QStringLiteral("the JWS signature is not base64url");
        return t;
    }
    if (t.signature.size() != 32) {
        t.error = QStringLiteral("the JWS signature has %1 bytes, HS256 makes 32")
                      .arg(t.signature.size());
        return t;
    }
    t.signatureText = parts.at(2);
    t.signingInput = parts.at(0) + '.' + parts.at(1);
    t.ok = true;
    return t;
}

QByteArray JwsToken::signHs256(const QJsonObject &claims, const QByteArray &key)
{
    const QByteArray header = encodeBase64Url(R"({"alg":"HS256","typ":"JWT"})");
    const QByteArray payload =
        encodeBase64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray input = header + '.' + payload;
    return input + '.' +
           encodeBase64Url(
               QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256));
}
