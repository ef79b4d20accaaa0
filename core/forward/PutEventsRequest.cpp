#include "core/forward/PutEventsRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QUrl PutEventsRequest::endpoint(const QString &region, const QUrl &endpointUrl)
{
    if (!endpointUrl.isEmpty()) {
        QUrl url = endpointUrl;
        if (url.path().isEmpty())
            url.setPath(QStringLiteral("/"));
        return url;
    }
    // China regions live under amazonaws.com.cn.
    const QString suffix = region.startsWith(QLatin1String("cn-"))
                               ? QStringLiteral("amazonaws.com.cn")
                               : QStringLiteral("amazonaws.com");
    return QUrl(QStringLiteral("https://events.%1.%2/").arg(region, suffix));
}

QByteArray PutEventsRequest::hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

QByteArray PutEventsRequest::bodyFor(const QList<EventBridgeEntry> &entries)
{
    QJsonArray array;
    for (const EventBridgeEntry &e : entries)
        array.append(e.toJson());
    return QJsonDocument(QJsonObject{{QStringLiteral("Entries"), array}})
        .toJson(QJsonDocument::Compact);
}

PutEventsRequest PutEventsRequest::build(const QList<EventBridgeEntry> &entries,
                                         const QString &region, const QUrl &endpointUrl,
                                         const AwsCredentials &credentials, const QDateTime &at)
{
    PutEventsRequest r;
    r.url = endpoint(region, endpointUrl);
    r.body = bodyFor(entries);
    SigV4Signer::Request request;
    request.method = "POST";
    request.path = r.url.path(QUrl::FullyEncoded).toLatin1();
    request.query = r.url.query(QUrl::FullyEncoded).toLatin1();
    request.headers = {{"Host", hostHeader(r.url)},
                       {"Content-Type", "application/x-amz-json-1.1"},
                       {"X-Amz-Target", "AWSEvents.PutEvents"}};
    request.body = r.body;
    const SigV4Signer::Signed s =
        SigV4Signer(region.toLatin1(), "events").sign(request, credentials, at);
    r.headers = s.headers;
    r.canonicalRequest = s.canonicalRequest;
    if (!credentials.sessionToken.isEmpty()) // a credential: never in a log or an error
        r.canonicalRequest.replace(QByteArray("x-amz-security-token:" + credentials.sessionToken),
                                   "x-amz-security-token:(redacted)");
    return r;
}
