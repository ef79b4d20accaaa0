#include "core/verify/Signer.h"

#include "core/verify/AsymmetricKey.h"
#include "core/verify/JwsClaimCheck.h"
#include "core/verify/JwsToken.h"
#include "core/verify/SchemeKey.h"
#include "core/verify/SecretDecoder.h"
#include "core/verify/SignatureEvidence.h"
#include "core/verify/SignatureHeaderParser.h"
#include "core/verify/SignedContent.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrl>
#include <QUuid>

namespace {

using S = ProviderScheme;

QByteArray randomHex(int bytes)
{
    QByteArray b(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(b.data()), bytes / 4);
    return b.toHex();
}

QByteArray timestampText(S::TimestampUnit unit, qint64 at)
{
    switch (unit) {
    case S::TimestampUnit::Milliseconds:
        return QByteArray::number(at * 1000);
    case S::TimestampUnit::Rfc3339:
        return QDateTime::fromSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODate).toLatin1();
    case S::TimestampUnit::Seconds:
        break;
    }
    return QByteArray::number(at);
}

// Changes one letter or digit near the middle, keeping the body printable and the same length.
QByteArray tamper(QByteArray body)
{
    if (body.isEmpty())
        return "x";
    for (qsizetype k = 0; k < body.size(); ++k) {
        const qsizetype i = (body.size() / 2 + k) % body.size();
        char &c = body[i];
        if (c >= 'a' && c <= 'y') {
            ++c;
            return body;
        }
        if (c >= 'A' && c <= 'Y') {
            ++c;
            return body;
        }
        if (c >= '0' && c <= '8') {
            ++c;
            return body;
        }
    }
    body[body.size() / 2] = body.at(body.size() / 2) == 'x' ? 'y' : 'x';
    return body;
}

bool isForm(const QByteArray &contentType)
{
    return contentType.toLower().startsWith("application/x-www-form-urlencoded");
}

} // namespace

bool Signer::parseBreak(const QString &text, Break *out)
{
    static const QPair<const char *, Break> names[] = {{"stale-timestamp", Break::StaleTimestamp},
                                                       {"tampered-body", Break::TamperedBody},
                                                       {"missing-header", Break::MissingHeader},
                                                       {"wrong-secret", Break::WrongSecret}};
    for (const auto &n : names) {
        if (text == QLatin1String(n.first)) {
            *out = n.second;
            return true;
        }
    }
    return false;
}

Signer::Result Signer::sign(const ProviderScheme &scheme, const QByteArray &bodyIn,
                            const Options &o)
{
    Result r;
    QByteArray contentType = "application/json";
    for (const auto &h : o.headers) {
        if (h.first.compare("Content-Type", Qt::CaseInsensitive) == 0)
            contentType = h.second;
    }
    QByteArray body = bodyIn;
    QString urlText = o.url.isEmpty() ? QStringLiteral("http://localhost:8787/webhook") : o.url;

    SignatureEvidence e;
    e.method = "POST";
    qint64 at = o.atS;
    if (o.breakMode == Break::StaleTimestamp) {
        const int tol = o.toleranceS >= 0 ? o.toleranceS : scheme.toleranceS;
        at -= (tol > 0 ? tol : 3600) + 60;
        if (scheme.jwsQueryHash)
            at -= JwsClaimCheck::AtlassianLifetimeS; // past the token's exp too
    }
    e.timestampText = timestampText(scheme.timestampUnit, at);
    const QJsonDocument json = QJsonDocument::fromJson(body);
    qsizetype givenEnd = body.size(); // where the caller's bytes end (tampering stays within them)
    const QString bodyField = QString::fromLatin1(scheme.timestampBodyField);
    if (!bodyField.isEmpty() && json.isObject() && !json.object().contains(bodyField)) {
        // Linear's timestamp rides in the body: add it as the last member, leaving every other
        // byte of the body as given.
        const qsizetype brace = body.lastIndexOf('}');
        const QByteArray member = (json.object().isEmpty() ? "\"" : ",\"") +
                                  scheme.timestampBodyField + "\":" + e.timestampText;
        body.insert(brace, member);
        givenEnd = brace;
    }
    e.id = o.id;
    if (e.id.isEmpty()) {
        if (scheme.name == QLatin1String("svix"))
            e.id = "msg_" + randomHex(12);
        else if (scheme.content == S::Content::MailgunBody)
            e.id = randomHex(25);
        else
            e.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    }

    if (scheme.content == S::Content::TwilioForm && !isForm(contentType)) {
        // validateRequestWithBody: the body's hash rides in the signed URL.
        const QByteArray hash = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
        urlText += (urlText.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
                   QStringLiteral("bodySHA256=") + QString::fromLatin1(hash);
    }
    const QUrl url(urlText);
    if (!url.isValid() || url.host().isEmpty()) {
        r.error = QStringLiteral("not a usable URL: ") + urlText;
        return r;
    }
    e.url = url.toEncoded();

    // The key, and for public-key schemes the signature function.
    const S::Algorithm alg = scheme.signatureHeaders.isEmpty()
                                 ? S::Algorithm::HmacSha256
                                 : scheme.signatureHeaders.first().algorithm;
    AsymmetricKey privateKey;
    QByteArray keyBytes;
    if (alg == S::Algorithm::Ed25519 || alg == S::Algorithm::EcdsaP256Sha256) {
        const auto type = alg == S::Algorithm::Ed25519 ? AsymmetricKey::Type::Ed25519
                                                       : AsymmetricKey::Type::EcdsaP256Sha256;
        privateKey = AsymmetricKey::privateKey(type, o.secret);
        if (!privateKey.isValid()) {
            r.error = alg == S::Algorithm::Ed25519
                          ? QStringLiteral(
                                "discord signs with an Ed25519 private key (PEM or 64 hex digits)")
                          : QStringLiteral("sendgrid signs with an ECDSA P-256 private key (PEM or "
                                           "base64 PKCS#8 DER)");
            return r;
        }
        r.publicKey = privateKey.publicKeyText();
        if (o.breakMode == Break::WrongSecret)
            privateKey = AsymmetricKey::generate(type);
    } else {
        if (!SecretDecoder::keyBytes(scheme.secretFormat, o.secret, &keyBytes)) {
            r.error = QStringLiteral("%1 expects a whsec_ base64 secret").arg(scheme.name);
            return r;
        }
        if (alg == S::Algorithm::Token && (keyBytes.isEmpty() || keyBytes.contains('\r') ||
                                           keyBytes.contains('\n') || keyBytes.contains('\0'))) {
            r.error = QStringLiteral("%1 sends the secret itself as a header: it must be "
                                     "non-empty and hold no line break or NUL")
                          .arg(scheme.name);
            return r;
        }
        if (o.breakMode == Break::WrongSecret)
            keyBytes += "-wrong";
    }
    auto signWith = [&](S::Algorithm a, const QList<QByteArray> &pieces) {
        if (privateKey.isValid()) {
            QByteArray message;
            for (const QByteArray &p : pieces)
                message += p;
            return privateKey.sign(message);
        }
        return SchemeKey::fromKeyBytes(a, keyBytes).compute(pieces);
    };

    QList<QPair<QByteArray, QByteArray>> headers;
    if (scheme.content == S::Content::MailgunBody) {
        QJsonObject doc = QJsonDocument::fromJson(body).object();
        const QList<QByteArray> pieces{e.timestampText, e.id};
        doc.insert(QStringLiteral("signature"),
                   QJsonObject{{QStringLiteral("timestamp"), QString::fromLatin1(e.timestampText)},
                               {QStringLiteral("token"), QString::fromLatin1(e.id)},
                               {QStringLiteral("signature"),
                                QString::fromLatin1(signWith(alg, pieces).toHex())}});
        body = QJsonDocument(doc).toJson(QJsonDocument::Compact);
    } else {
        const QList<SignedContent> contents = SignedContent::build(scheme, e, body, e.url);
        for (const S::SignatureHeader &h : scheme.signatureHeaders) {
            // A token is sent as it is: it signs nothing. A JWS carries its own signing input.
            const QByteArray sig =
                h.algorithm == S::Algorithm::Token ? keyBytes
                : scheme.isJws()
                    ? JwsToken::signHs256(
                          JwsClaimCheck::claimsFor(scheme, body, e.method, e.url, at), keyBytes)
                    : SignatureHeaderParser::encode(scheme.encoding,
                                                    signWith(h.algorithm, contents.first().pieces));
            QByteArray value;
            switch (scheme.headerFormat) {
            case S::HeaderFormat::KeyValueList:
                // PagerDuty's list has no timestamp: only the signature.
                value = (scheme.timestampKey.isEmpty()
                             ? QByteArray()
                             : scheme.timestampKey + '=' + e.timestampText + scheme.listSeparator) +
                        scheme.signatureKey + '=' + sig;
                break;
            case S::HeaderFormat::VersionedList:
                value = scheme.signatureKey + ',' + sig;
                break;
            case S::HeaderFormat::TimestampList:
                value = e.timestampText + scheme.listSeparator + sig;
                break;
            case S::HeaderFormat::Prefixed:
            case S::HeaderFormat::Plain:
            case S::HeaderFormat::Jws:
                value = h.prefix + sig;
                break;
            }
            if (o.breakMode != Break::MissingHeader)
                headers.append({h.name, value});
            // Svix and Standard Webhooks list fallbacks: send only the first family.
            if (scheme.headerFormat == S::HeaderFormat::VersionedList)
                break;
        }
        if (!scheme.timestampHeaders.isEmpty())
            headers.append({scheme.timestampHeaders.first(), e.timestampText});
        if (!scheme.idHeaders.isEmpty())
            headers.append({scheme.idHeaders.first(), e.id});
    }
    for (const auto &h : scheme.signHeaders) {
        bool present = false;
        for (const auto &have : headers)
            present = present || have.first.compare(h.first, Qt::CaseInsensitive) == 0;
        if (present)
            continue;
        QByteArray v = h.second;
        v.replace("{id}", e.id);
        v.replace("{iso_time}",
                  QDateTime::fromSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODate).toLatin1());
        headers.append({h.first, v});
    }
    if (o.breakMode == Break::TamperedBody)
        body = tamper(body.left(givenEnd)) + body.mid(givenEnd);

    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());

    QByteArray out = "POST " + target + " HTTP/1.1\r\n";
    auto userGave = [&](const QByteArray &name) {
        for (const auto &h : o.headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    };
    if (!userGave("Host"))
        out += "Host: " + host + "\r\n";
    out += "User-Agent: hookbench-sign\r\n";
    if (!userGave("Content-Type"))
        out += "Content-Type: " + contentType + "\r\n";
    for (const auto &h : headers) {
        if (!userGave(h.first))
            out += h.first + ": " + h.second + "\r\n";
    }
    for (const auto &h : o.headers) {
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) != 0)
            out += h.first + ": " + h.second + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    out += body;
    r.request = out;
    return r;
}
