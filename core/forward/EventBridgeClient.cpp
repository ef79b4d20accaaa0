#include "core/forward/EventBridgeClient.h"

#include "core/forward/PutEventsRequest.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

EventBridgeClient::EventBridgeClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network), m_clock([] { return QDateTime::currentDateTimeUtc(); })
{}

EventBridgeClient::~EventBridgeClient()
{
    for (auto it = m_calls.begin(); it != m_calls.end(); ++it) {
        QNetworkReply *reply = it->reply;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

quint64 EventBridgeClient::send(const QList<EventBridgeEntry> &batch, const QString &region,
                                const QUrl &endpointUrl, const AwsCredentials &credentials,
                                Callback done)
{
    const PutEventsRequest built =
        PutEventsRequest::build(batch, region, endpointUrl, credentials, m_clock());
    QNetworkRequest request(built.url);
    for (const auto &[name, value] : built.headers) {
        // Qt writes Host from the URL, the same way PutEventsRequest signed it.
        if (name.compare("Host", Qt::CaseInsensitive) != 0)
            request.setRawHeader(name, value);
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);

    const quint64 id = m_nextId++;
    QNetworkReply *reply = m_network->post(request, built.body);
    Call &call = m_calls[id];
    call.reply = reply;
    call.entryCount = batch.size();
    call.done = std::move(done);

    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, id] {
        const auto it = m_calls.find(id);
        if (it == m_calls.end())
            return;
        it->timedOut = true;
        it->reply->abort(); // finished() follows, with OperationCanceledError
    });
    timer->start(m_timeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, id] { finish(id); });
    return id;
}

void EventBridgeClient::cancel(quint64 id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    QNetworkReply *reply = it->reply;
    m_calls.erase(it);
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void EventBridgeClient::finish(quint64 id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    Call call = std::move(*it);
    m_calls.erase(it);
    QNetworkReply *reply = call.reply;
    reply->deleteLater();

    PutEventsResult result;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (call.timedOut) {
        result = PutEventsResult::fromTransportError(
            call.entryCount, QStringLiteral("RequestTimeout"),
            QStringLiteral("no answer from %1 within %2 ms")
                .arg(reply->url().toString(QUrl::RemoveUserInfo))
                .arg(m_timeoutMs));
    } else if (status.isValid()) {
        PutEventsResult::Headers headers;
        for (const auto &pair : reply->rawHeaderPairs())
            headers.append(pair);
        result = PutEventsResult::fromResponse(call.entryCount, status.toInt(), reply->readAll(),
                                               headers);
    } else {
        const bool tls = reply->error() == QNetworkReply::SslHandshakeFailedError;
        result = PutEventsResult::fromTransportError(
            call.entryCount,
            tls ? QStringLiteral("TlsHandshakeFailed") : QStringLiteral("ConnectionError"),
            QStringLiteral("%1: %2").arg(reply->url().toString(QUrl::RemoveUserInfo),
                                         reply->errorString()));
    }
    if (call.done)
        call.done(result);
}
