#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// The data description of one provider's signature scheme. Most providers differ only in these
// fields and are provider files (resources/providers/*.json, read by ProviderFile; the format is
// resources/providers/SCHEMA.md); the few shapes that are not data (Twilio's sorted form
// parameters, Mailgun's in-body signature, public-key schemes) are defined in ProviderTable.cpp,
// selected by `content` and `algorithm` and handled by SignedContent and SchemeKey.
struct ProviderScheme
{
    // How the signature header's value is laid out.
    enum class HeaderFormat
    {
        Plain,         // the encoded signature alone
        Prefixed,      // "sha256=<hex>": a fixed prefix, then the signature
        KeyValueList,  // "t=123,v1=<hex>,v1=<hex>,v0=<hex>" (separator and keys below)
        VersionedList, // "v1,<base64> v1,<base64>" (Standard Webhooks)
        TimestampList, // "1587760832927,<hex>,<hex>": the timestamp, then signatures (Recurly)
        Jws,           // a compact HS256 JWS after the prefix (Netlify, Atlassian Connect)
    };
    enum class Algorithm
    {
        HmacSha1,
        HmacSha256,
        HmacSha512,
        Sha256OfSecretAndBody, // Recharge's legacy hex(sha256(secret + body)), no HMAC
        Ed25519,               // Discord: public key
        EcdsaP256Sha256,       // SendGrid: public key, DER signature
        Token,                 // GitLab: the header carries the secret itself, nothing is signed
    };
    enum class Encoding
    {
        Hex,
        Base64,
        Text,      // Token: the header's value as sent
        Base64Url, // JWS: unpadded base64url (RFC 7515)
    };
    enum class SecretFormat
    {
        Text,               // the secret's bytes are the key
        WhsecBase64,        // optional "whsec_" prefix, then base64 of the key
        Base64,             // base64 of the key (Airtable's macSecretBase64)
        HexPublicKey,       // Ed25519 raw public key in hex
        Base64DerPublicKey, // SubjectPublicKeyInfo DER in base64 (or PEM)
    };
    enum class TimestampUnit
    {
        Seconds,
        Milliseconds,
        Rfc3339,
    };
    enum class Content
    {
        Template,    // built from contentTemplate
        TwilioForm,  // url + sorted form parameters, or the bodySHA256 variant for other bodies
        MailgunBody, // timestamp + token from the body, signature in the body too
        Jws // the JWS signing input is signed; its claims bind the body / request (JwsClaimCheck)
    };

    // One header that can carry the signature; the first one present in a request is used.
    struct SignatureHeader
    {
        QByteArray name;
        QByteArray prefix; // Prefixed format: "sha256="
        Algorithm algorithm = Algorithm::HmacSha256;
        bool operator==(const SignatureHeader &o) const
        {
            return name == o.name && prefix == o.prefix && algorithm == o.algorithm;
        }
    };

    // Where a definition comes from (`providers` shows it; --show refuses code-only ones).
    enum class Origin
    {
        Code,        // ProviderTable: a shape that is not data
        BuiltInFile, // resources/providers/NAME.json, compiled in
        UserFile,    // the user's providers folder
    };

    QString name;  // lower-case, as given to --provider
    QString title; // for people: "Stripe"
    QString docs;  // the provider's documentation of its signatures
    QString notes; // why the definition is as it is (which SDK behaviour it follows)
    QList<SignatureHeader> signatureHeaders;
    // Every listed header present is read and a signature in any of them is enough (Box's
    // primary and secondary); otherwise the first one present is the signature.
    bool everySignatureHeader = false;
    HeaderFormat headerFormat = HeaderFormat::Plain;
    QByteArray listSeparator = ","; // KeyValueList
    QByteArray signatureKey;        // KeyValueList: "v1"; VersionedList: "v1"
    QByteArray timestampKey;        // KeyValueList: "t" when the timestamp rides in the header
    QByteArray testModeKey;         // Stripe: "v0", test-mode signatures that never verify
    Encoding encoding = Encoding::Hex;
    Content content = Content::Template;
    // Signed content: {body} {timestamp} {id} {url} {method} and literal text.
    QByteArray contentTemplate = "{body}";
    // Content::Jws: the claims checked besides the signature (JwsClaimCheck).
    QByteArray jwsIssuer;        // "iss" must equal it (Netlify: "netlify")
    QByteArray jwsBodyHashClaim; // that claim is the body's hex SHA-256 (Netlify: "sha256")
    bool jwsQueryHash = false;   // Atlassian Connect: "qsh" hashes the canonical request

    QList<QByteArray> timestampHeaders; // first present wins
    QByteArray timestampBodyField;      // Linear: top-level JSON field of the body
    TimestampUnit timestampUnit = TimestampUnit::Seconds;
    bool timestampRequired = false; // the timestamp is signed: missing_timestamp without it
    int toleranceS = -1;            // provider default; -1 none
    bool toleranceBothWays = false; // also reject timestamps too far in the future

    QList<QByteArray> idHeaders; // delivery id, for duplicate detection and {id}
    QByteArray idBodyField;      // Stripe: the event id in the body

    SecretFormat secretFormat = SecretFormat::Text;
    QByteArray secretPrefix; // a prefix the secret normally carries ("whsec_")

    // Headers whose presence identifies the provider for `auto` (besides the signature headers).
    QList<QByteArray> detectHeaders;
    bool detectBySignatureHeader = true; // false where the signature header is shared (Intercom)
    // Headers `sign` adds so the provider's SDK accepts the request ({id} and {timestamp} are
    // replaced), e.g. Shopify's topic and shop domain, which its SDK requires.
    QList<QPair<QByteArray, QByteArray>> signHeaders;

    Origin origin = Origin::Code;
    QString sourcePath; // the file a definition was read from; empty for code

    bool signsUrl() const
    {
        return content == Content::TwilioForm || contentTemplate.contains("{url}") || jwsQueryHash;
    }
    bool isToken() const
    {
        return !signatureHeaders.isEmpty() &&
               signatureHeaders.first().algorithm == Algorithm::Token;
    }
    bool isPublicKey() const
    {
        const Algorithm a =
            signatureHeaders.isEmpty() ? Algorithm::HmacSha256 : signatureHeaders.first().algorithm;
        return a == Algorithm::Ed25519 || a == Algorithm::EcdsaP256Sha256;
    }
    // Same scheme (origin and source path aside).
    bool operator==(const ProviderScheme &o) const;
    bool operator!=(const ProviderScheme &o) const { return !(*this == o); }

    bool isJws() const { return content == Content::Jws; }

    bool hasTimestamp() const
    {
        return !timestampHeaders.isEmpty() || !timestampKey.isEmpty() ||
               headerFormat == HeaderFormat::TimestampList || !timestampBodyField.isEmpty() ||
               content == Content::MailgunBody;
    }
};
