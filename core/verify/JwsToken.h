#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// A compact JWS (RFC 7515: base64url(header).base64url(payload).base64url(signature)) as sent by
// JWT-signed deliveries (Netlify, Atlassian Connect). Only HS256 is accepted: "none" and every
// other algorithm are refused at parse time, so an unsigned or re-algorithmed token never reaches
// the HMAC check. Parsing is strict (unpadded base64url, JSON objects) and total: any input gives
// a token or an error in plain words.
struct JwsToken
{
    bool ok = false;
    QString error;           // why it is not an HS256 JWS
    QByteArray signingInput; // header "." payload, exactly as sent: the bytes signed
    QByteArray signature;    // decoded
    QByteArray signatureText;
    QByteArray algorithm; // the header's "alg", as sent
    QJsonObject header;
    QJsonObject claims; // the payload

    static JwsToken parse(const QByteArray &text);
    // Unpadded base64url of the header and claims, HMAC-SHA256 with `key`.
    static QByteArray signHs256(const QJsonObject &claims, const QByteArray &key);
    // Strict unpadded base64url (RFC 7515 section 2); false on padding or any other character.
    static bool decodeBase64Url(const QByteArray &text, QByteArray *out);
    static QByteArray encodeBase64Url(const QByteArray &bytes);
};
