#include "core/verify/SignatureHeaderParser.h"

#include "core/verify/JwsToken.h"

namespace {

using S = ProviderScheme;

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isDigits(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// Adds one signature; false (with the reason in `out`) when it is not a well-formed signature
// for the algorithm, which the contract reports as a malformed header.
bool addSignature(ParsedSignatureHeader &out, const S::SignatureHeader &header,
                  S::Encoding encoding, const QByteArray &text)
{
    QByteArray bytes;
    if (header.algorithm == S::Algorithm::Token) {
        // A token, not a signature: its length says nothing, and it is never shown back.
        out.texts.append(QByteArray("(token, ") + QByteArray::number(text.size()) + " bytes)");
        out.decoded.append(text);
        return true;
    }
    const char *what = encoding == S::Encoding::Hex         ? "hex"
                       : encoding == S::Encoding::Base64Url ? "base64url"
                                                            : "base64";
    if (!SignatureHeaderParser::decode(encoding, text, &bytes)) {
        out.error = QStringLiteral("%1: the signature is not valid %2")
                        .arg(QString::fromLatin1(header.name), QLatin1String(what));
        return false;
    }
    const int size = SignatureHeaderParser::signatureSize(header.algorithm);
    if ((size > 0 && bytes.size() != size) ||
        (size == 0 && (bytes.size() < 8 || bytes.size() > 72))) {
        out.error = QStringLiteral("%1: the signature has %2 bytes, the algorithm makes %3")
                        .arg(QString::fromLatin1(header.name))
                        .arg(bytes.size())
                        .arg(size > 0 ? QString::number(size) : QStringLiteral("8 to 72"));
        return false;
    }
    out.texts.append(text);
    out.decoded.append(bytes);
    return true;
}

ParsedSignatureHeader parseKeyValueList(const S &scheme, const S::SignatureHeader &header,
                                        const QByteArray &value)
{
    ParsedSignatureHeader out;
    bool sawTestMode = false;
    const QString name = QString::fromLatin1(header.name);
    for (const QByteArray &rawPart :
         value.split(scheme.listSeparator.isEmpty() ? ',' : scheme.listSeparator.at(0))) {
        const QByteArray part = rawPart.trimmed();
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0) {
            out.error =
                name +
                QStringLiteral(": '%1' is not key=value").arg(QString::fromUtf8(part.left(40)));
            return out;
        }
        const QByteArray key = part.left(eq);
        const QByteArray val = part.mid(eq + 1);
        if (key == scheme.timestampKey) {
            if (!isDigits(val)) {
                out.error =
                    name + QStringLiteral(": the timestamp %1=%2 is not a number")
                               .arg(QString::fromLatin1(key), QString::fromUtf8(val.left(40)));
                return out;
            }
            if (!out.hasTimestamp) {
                out.timestamp = val;
                out.hasTimestamp = true;
            }
        } else if (key == scheme.signatureKey) {
            if (!addSignature(out, header, scheme.encoding, val))
                return out;
        } else if (!scheme.testModeKey.isEmpty() && key == scheme.testModeKey) {
            sawTestMode = true;
        }
    }
    if (out.decoded.isEmpty()) {
        out.testModeOnly = sawTestMode;
        out.error = sawTestMode ? name + QStringLiteral(": only %1 (test mode) signatures, no %2")
                                             .arg(QString::fromLatin1(scheme.testModeKey),
                                                  QString::fromLatin1(scheme.signatureKey))
                                : name + QStringLiteral(": no %1= signature")
                                             .arg(QString::fromLatin1(scheme.signatureKey));
        return out;
    }
    out.ok = true;
    return out;
}

ParsedSignatureHeader parseVersionedList(const S &scheme, const S::SignatureHeader &header,
                                         const QByteArray &value)
{
    ParsedSignatureHeader out;
    const QString name = QString::fromLatin1(header.name);
    for (const QByteArray &part : value.split(' ')) {
        if (part.isEmpty())
            continue;
        const qsizetype comma = part.indexOf(',');
        if (comma <= 0) {
            out.error = name + QStringLiteral(": '%1' is not version,signature")
                                   .arg(QString::fromUtf8(part.left(40)));
            return out;
        }
        // Other versions (v1a: asymmetric) are skipped, as the SDKs do.
        if (part.left(comma) == scheme.signatureKey &&
            !addSignature(out, header, scheme.encoding, part.mid(comma + 1)))
            return out;
    }
    if (out.decoded.isEmpty()) {
        out.error =
            name +
            QStringLiteral(": no %1 signature").arg(QString::fromLatin1(scheme.signatureKey));
        return out;
    }
    out.ok = true;
    return out;
}

// Recurly: "<timestamp>,<signature>,<signature>": the first item is the timestamp.
ParsedSignatureHeader parseTimestampList(const S &scheme, const S::SignatureHeader &header,
                                         const QByteArray &value)
{
    ParsedSignatureHeader out;
    const QString name = QString::fromLatin1(header.name);
    const QList<QByteArray> parts =
        value.split(scheme.listSeparator.isEmpty() ? ',' : scheme.listSeparator.at(0));
    const QByteArray ts = parts.value(0).trimmed();
    if (!isDigits(ts)) {
        out.error = name + QStringLiteral(": the first item '%1' is not a timestamp")
                               .arg(QString::fromUtf8(ts.left(40)));
        return out;
    }
    out.timestamp = ts;
    out.hasTimestamp = true;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray part = parts.at(i).trimmed();
        if (!part.isEmpty() && !addSignature(out, header, scheme.encoding, part))
            return out;
    }
    if (out.decoded.isEmpty()) {
        out.error = name + QStringLiteral(": no signature after the timestamp");
        return out;
    }
    out.ok = true;
    return out;
}

// A compact HS256 JWS after the header's prefix ("JWT " for Atlassian's Authorization header).
ParsedSignatureHeader parseJws(const S::SignatureHeader &header, const QByteArray &value)
{
    ParsedSignatureHeader out;
    QByteArray text = value.trimmed();
    const QString name = QString::fromLatin1(header.name);
    if (!header.prefix.isEmpty()) {
        if (!text.startsWith(header.prefix)) {
            out.error = QStringLiteral("%1: the value does not start with '%2'")
                            .arg(name, QString::fromLatin1(header.prefix));
            return out;
        }
        text = text.mid(header.prefix.size()).trimmed();
    }
    const JwsToken token = JwsToken::parse(text);
    if (!token.ok) {
        out.error = name + QStringLiteral(": ") + token.error;
        return out;
    }
    out.texts.append(token.signatureText);
    out.decoded.append(token.signature);
    out.jwsSigningInput = token.signingInput;
    out.jwsClaims = token.claims;
    const QJsonValue iat = token.claims.value(QLatin1String("iat"));
    if (iat.isDouble()) {
        out.timestamp = QByteArray::number(qint64(iat.toDouble()));
        out.hasTimestamp = true;
    }
    out.ok = true;
    return out;
}

} // namespace

ParsedSignatureHeader SignatureHeaderParser::parse(const ProviderScheme &scheme,
                                                   const ProviderScheme::SignatureHeader &header,
                                                   const QByteArray &value)
{
    switch (scheme.headerFormat) {
    case S::HeaderFormat::KeyValueList:
        return parseKeyValueList(scheme, header, value);
    case S::HeaderFormat::VersionedList:
        return parseVersionedList(scheme, header, value);
    case S::HeaderFormat::TimestampList:
        return parseTimestampList(scheme, header, value);
    case S::HeaderFormat::Jws:
        return parseJws(header, value);
    case S::HeaderFormat::Prefixed:
    case S::HeaderFormat::Plain:
        break;
    }
    ParsedSignatureHeader out;
    QByteArray text = value.trimmed();
    if (!header.prefix.isEmpty()) {
        if (!text.startsWith(header.prefix)) {
            out.error =
                QStringLiteral("%1: the value does not start with '%2'")
                    .arg(QString::fromLatin1(header.name), QString::fromLatin1(header.prefix));
            return out;
        }
        text = text.mid(header.prefix.size());
    }
    if (text.isEmpty()) {
        out.error = QString::fromLatin1(header.name) + QStringLiteral(": empty signature");
        return out;
    }
    out.ok = addSignature(out, header, scheme.encoding, text);
    return out;
}

bool SignatureHeaderParser::decode(ProviderScheme::Encoding encoding, const QByteArray &text,
                                   QByteArray *out)
{
    if (encoding == S::Encoding::Text) {
        *out = text;
        return !text.isEmpty();
    }
    if (encoding == S::Encoding::Base64Url)
        return JwsToken::decodeBase64Url(text, out);
    if (encoding == S::Encoding::Hex) {
        if (text.isEmpty() || text.size() % 2 != 0)
            return false;
        for (char c : text) {
            if (!isHexDigit(c))
                return false;
        }
        *out = QByteArray::fromHex(text);
        return true;
    }
    if (text.isEmpty() || text.size() % 4 != 0)
        return false;
    auto r = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    // Canonical only: the SDKs compare base64 strings, so a variant spelling of the same bytes
    // (non-zero padding bits) never verifies there and must not here.
    if (!r || r.decoded.toBase64() != text)
        return false;
    *out = r.decoded;
    return true;
}

QByteArray SignatureHeaderParser::encode(ProviderScheme::Encoding encoding, const QByteArray &bytes)
{
    switch (encoding) {
    case S::Encoding::Hex:
        return bytes.toHex();
    case S::Encoding::Base64:
        return bytes.toBase64();
    case S::Encoding::Base64Url:
        return JwsToken::encodeBase64Url(bytes);
    case S::Encoding::Text:
        break;
    }
    return bytes;
}

int SignatureHeaderParser::signatureSize(ProviderScheme::Algorithm algorithm)
{
    switch (algorithm) {
    case S::Algorithm::HmacSha1:
        return 20;
    case S::Algorithm::HmacSha256:
    case S::Algorithm::Sha256OfSecretAndBody:
        return 32;
    case S::Algorithm::HmacSha512:
    case S::Algorithm::Ed25519:
        return 64;
    case S::Algorithm::EcdsaP256Sha256:
    case S::Algorithm::Token:
        break;
    }
    return 0;
}
