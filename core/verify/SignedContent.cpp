#include "core/verify/SignedContent.h"

#include "core/capture/FormFields.h"
#include "core/verify/JwsClaimCheck.h"

#include <QCryptographicHash>
#include <QMap>
#include <QUrl>
#include <QUrlQuery>
#include <algorithm>

namespace {

SignedContent fromTemplate(const QByteArray &tpl, const SignatureEvidence &e,
                           const QByteArray &body, const QByteArray &url)
{
    SignedContent c;
    c.url = url;
    QByteArray literal;
    qint64 offset = 0;
    auto flush = [&] {
        if (!literal.isEmpty()) {
            offset += literal.size();
            c.pieces.append(literal);
            literal.clear();
        }
    };
    auto piece = [&](const QByteArray &bytes) {
        flush();
        offset += bytes.size();
        c.pieces.append(bytes);
    };
    for (qsizetype i = 0; i < tpl.size();) {
        if (tpl.at(i) == '{') {
            const qsizetype close = tpl.indexOf('}', i);
            const QByteArray name = close > i ? tpl.mid(i + 1, close - i - 1) : QByteArray();
            if (name == "body") {
                flush();
                c.bodyOffset = offset;
                c.bodyLength = body.size();
                piece(body);
            } else if (name == "timestamp") {
                piece(e.timestampText);
            } else if (name == "id") {
                piece(e.id);
            } else if (name == "url") {
                piece(url);
            } else if (name == "method") {
                piece(e.method);
            } else {
                literal += tpl.at(i++);
                continue;
            }
            i = close + 1;
            continue;
        }
        literal += tpl.at(i++);
    }
    flush();
    return c;
}

// twilio-node: the URL, then each parameter name followed by its value, names sorted (arrays:
// values sorted too), as JavaScript sorts strings (UTF-16 code units, which QString compares).
QByteArray twilioFormParameters(const QByteArray &body)
{
    QMap<QString, QStringList> params;
    for (const FormFields::Field &f : FormFields::parse(body))
        params[f.name].append(f.value);
    QByteArray out;
    for (auto it = params.begin(); it != params.end(); ++it) {
        QStringList values = it.value();
        std::sort(values.begin(), values.end());
        for (const QString &v : values)
            out += it.key().toUtf8() + v.toUtf8();
    }
    return out;
}

} // namespace

qint64 SignedContent::size() const
{
    qint64 n = 0;
    for (const QByteArray &p : pieces)
        n += p.size();
    return n;
}

QByteArray SignedContent::joined() const
{
    if (pieces.size() == 1)
        return pieces.first();
    QByteArray out;
    out.reserve(size());
    for (const QByteArray &p : pieces)
        out += p;
    return out;
}

QByteArray SignedContent::otherPortForm(const QByteArray &url)
{
    QUrl u(QString::fromUtf8(url), QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty())
        return {};
    const int defaultPort = u.scheme() == QLatin1String("https") ? 443 : 80;
    if (u.port() == -1)
        u.setPort(defaultPort);
    else if (u.port() == defaultPort)
        u.setPort(-1);
    else
        return {};
    return u.toEncoded();
}

QList<SignedContent> SignedContent::build(const ProviderScheme &scheme, const SignatureEvidence &e,
                                          const QByteArray &body, const QByteArray &url)
{
    if (scheme.content == ProviderScheme::Content::Jws) {
        // The token signs its own header and claims; the claims bind the body and request.
        SignedContent c;
        c.url = url;
        c.pieces = {e.signature.jwsSigningInput};
        c.problem = JwsClaimCheck::problem(scheme, e.signature.jwsClaims, body, e.method, url);
        return {c};
    }
    if (scheme.content != ProviderScheme::Content::TwilioForm)
        return {fromTemplate(scheme.contentTemplate, e, body, url)};

    QList<QByteArray> urls{url};
    const QByteArray other = otherPortForm(url);
    if (!other.isEmpty())
        urls.append(other);
    const QUrlQuery query(QUrl::fromEncoded(url));
    const QString bodyHash = query.queryItemValue(QStringLiteral("bodySHA256"));
    QList<SignedContent> out;
    for (const QByteArray &u : urls) {
        SignedContent c;
        c.url = u;
        if (!bodyHash.isEmpty()) {
            // validateRequestWithBody: the URL (with its bodySHA256) is signed, and the body must
            // hash to that value.
            c.pieces = {u};
            const QByteArray hash =
                QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
            if (hash != bodyHash.toLatin1().toLower())
                c.problem = QStringLiteral("The body's SHA-256 is %1, the URL's bodySHA256 says %2")
                                .arg(QString::fromLatin1(hash), bodyHash);
        } else {
            c.pieces = {u, twilioFormParameters(body)};
        }
        out.append(c);
    }
    return out;
}
