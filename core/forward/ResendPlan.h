#pragma once

#include "core/capture/ParsedRequest.h"
#include "core/config/EndpointConfig.h"
#include "core/config/ForwardConfig.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

// What `resend` and the app's "Edit and Resend" send for a stored capture: its headers and body
// with the edits applied (headers set or removed, or a whole new list; new body bytes), then
// framed as a forward is (LocalForwardRequest: hop-by-hop headers dropped, Content-Length from
// the body, Host the target's unless the target keeps it or the edits set it), and, when asked,
// signed again over the edited body with the endpoint's secret and a fresh timestamp
// (ResignHeaders, whose headers replace the edited ones of the same name).
class ResendPlan
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Edits
    {
        std::optional<Headers>
            headers;              // the whole list (the app's table), instead of the capture's
        QList<QByteArray> remove; // every header of these names goes
        Headers set; // these replace every header of their name (where the first one was), or
                     // are added at the end; several of one name are all sent, in order
        std::optional<QByteArray> body; // exact bytes instead of the capture's body
        bool resign = false;
    };

    struct Result
    {
        QByteArray request; // the exact bytes to send
        QString error;      // why nothing can be sent (then `request` is empty)
        QString note;       // what re-signing did, when asked
    };

    // `endpoint` may be null (the capture's endpoint is not in the config): then it cannot be
    // re-signed. `secret` is the endpoint's current signing secret (for edits.resign).
    static Result build(const QByteArray &raw, const ParsedRequest &parsed,
                        const HttpForwardTarget &target, const Edits &edits,
                        const EndpointConfig *endpoint, const QByteArray &secret, qint64 nowS);

    // The capture's headers as they can be edited: in order, duplicates kept, without the
    // hop-by-hop ones and Content-Length (the framing is the sender's).
    static Headers editableHeaders(const ParsedRequest &parsed);
    // Why a header cannot be set as typed (not a token name, a line break in the value, or one
    // that framing sets); empty when it can.
    static QString headerProblem(const QByteArray &name, const QByteArray &value = {});
    // "Name: value" as typed on a command line; nullopt with `error` set when malformed.
    static std::optional<QPair<QByteArray, QByteArray>> parseHeader(const QString &line,
                                                                    QString *error);
    // Why `url` cannot be a target (not http:// or https://, no host); empty when it can.
    static QString urlProblem(const QString &url);
    // The endpoint's forward target with this URL (its keep_host and timeout), else a target
    // with the defaults.
    static HttpForwardTarget targetFor(const EndpointConfig *endpoint, const QUrl &url);
    // Why a capture of `endpoint` cannot be re-signed (no endpoint, or a scheme that signs no
    // timestamp in its headers); empty when it can, given a secret.
    static QString resignProblem(const EndpointConfig *endpoint, const ParsedRequest &parsed);
};
