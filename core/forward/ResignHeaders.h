#pragma once

#include "core/capture/ParsedRequest.h"
#include "core/config/EndpointConfig.h"
#include "core/verify/ProviderScheme.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

// The signature headers for a forwarded capture signed again with the endpoint's secret and a
// fresh timestamp, so a replay passes the local handler's tolerance. Only for schemes with a
// signed timestamp whose signature rides in headers (Stripe, Slack, Standard Webhooks, Svix,
// Paddle, Zoom, Twitch, ...); the body is never changed.
class ResignHeaders
{
public:
    struct Result
    {
        QList<QPair<QByteArray, QByteArray>> headers; // to replace (or add) by name
        QString error;                                // why it cannot be re-signed
    };
    static Result compute(const ProviderScheme &scheme, const QByteArray &secret,
                          const QByteArray &body, const QUrl &url, const QByteArray &deliveryId,
                          qint64 nowS);
    static bool canResign(const ProviderScheme &scheme);
    // For a capture of `endpoint`: its provider's (or generic-hmac) scheme, the delivery id it
    // carries, signed with `secret` at `nowS` for `url`.
    static Result forCapture(const EndpointConfig &endpoint, const QByteArray &secret,
                             const QByteArray &raw, const ParsedRequest &parsed, const QUrl &url,
                             qint64 nowS);
    // What a forwarded request's note says about re-signing.
    static QString note(const Result &result);
};
