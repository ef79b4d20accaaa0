#include "core/forward/ResignHeaders.h"

#include "core/http/RequestFramer.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/Signer.h"

namespace {

// What the signer writes for the request line's sake, not for the signature.
const QList<QByteArray> Framing = {"host", "content-length", "content-type", "connection",
                                   "user-agent"};

} // namespace

bool ResignHeaders::canResign(const ProviderScheme &scheme)
{
    return scheme.hasTimestamp() && scheme.content != ProviderScheme::Content::MailgunBody &&
           scheme.timestampBodyField.isEmpty();
}

ResignHeaders::Result ResignHeaders::compute(const ProviderScheme &scheme, const QByteArray &secret,
                                             const QByteArray &body, const QUrl &url,
                                             const QByteArray &deliveryId, qint64 nowS)
{
    Result r;
    if (!canResign(scheme)) {
        r.error = QStringLiteral("%1 signs no timestamp in its headers; forwarded as received")
                      .arg(scheme.name);
        return r;
    }
    if (secret.isEmpty()) {
        r.error = QStringLiteral("no signing secret for this endpoint; forwarded as received");
        return r;
    }
    Signer::Options options;
    options.secret = secret;
    options.atS = nowS;
    options.id = deliveryId;
    options.url = url.toString();
    const Signer::Result signed_ = Signer::sign(scheme, body, options);
    if (!signed_.error.isEmpty()) {
        r.error = signed_.error;
        return r;
    }
    const ParsedRequest parsed = RequestFramer::parse(signed_.request);
    for (const HeaderField &h : parsed.headers) {
        if (!Framing.contains(h.name.toLower()))
            r.headers.append({h.name, h.value});
    }
    return r;
}

ResignHeaders::Result ResignHeaders::forCapture(const EndpointConfig &endpoint,
                                                const QByteArray &secret, const QByteArray &raw,
                                                const ParsedRequest &parsed, const QUrl &url,
                                                qint64 nowS)
{
    QString error;
    const std::optional<ProviderScheme> scheme =
        ProviderRegistry::resolve(endpoint.provider, endpoint.scheme, parsed, &error);
    if (!scheme)
        return {{}, error.isEmpty() ? QStringLiteral("the endpoint has no provider") : error};
    QByteArray id;
    for (const QByteArray &h : scheme->idHeaders) {
        if (id.isEmpty())
            id = parsed.header(h);
    }
    return compute(*scheme, secret, parsed.body(raw), url, id, nowS);
}

QString ResignHeaders::note(const Result &result)
{
    return result.error.isEmpty() ? QStringLiteral("re-signed with a fresh timestamp")
                                  : QStringLiteral("not re-signed: %1").arg(result.error);
}
