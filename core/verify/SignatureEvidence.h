#pragma once

#include "core/capture/ByteSpan.h"
#include "core/capture/ParsedRequest.h"
#include "core/verify/ProviderScheme.h"
#include "core/verify/SignatureHeaderParser.h"

#include <QByteArray>
#include <QString>

// What one request says about its signature under one scheme: the header found and parsed,
// the timestamp, the delivery id, the body, method and URL. Read once; the verifier and the
// diagnosis both work from it.
struct SignatureEvidence
{
    enum class Problem
    {
        None,
        MissingHeader,
        Malformed,
        MissingTimestamp
    };

    Problem problem = Problem::None;
    QString message;

    ProviderScheme::SignatureHeader header; // the signature header that was found
    int headerIndex = -1;                   // in ParsedRequest::headers; -1 when in the body
    ByteSpan headerLine;                    // raw span of that header line
    ParsedSignatureHeader signature;

    QByteArray timestampText; // as sent, as signed
    bool hasTimestamp = false;
    qint64 timestampS = 0; // unix seconds

    QByteArray id; // delivery id from a header (Mailgun: the token), signed by some schemes
    QByteArray body;
    QByteArray method;
    QByteArray url;
    QByteArray contentType;

    ProviderScheme::Algorithm algorithm() const { return header.algorithm; }
    // The delivery id for duplicate detection: `id`, else the scheme's top-level body field
    // (Stripe's event "id"), found by one scan of the body without parsing it. Empty if none.
    QByteArray deliveryId(const ProviderScheme &scheme) const;

    // `url`: the URL the provider signed; empty: http:// + Host + request target. The body is not
    // copied when it is one piece of `raw`: `raw` must outlive the evidence.
    static SignatureEvidence read(const QByteArray &raw, const ParsedRequest &parsed,
                                  const ProviderScheme &scheme, const QString &url);
    static QByteArray defaultUrl(const ParsedRequest &parsed);
    // Unix seconds of a timestamp as the scheme sends it; false when it is not one. An RFC 3339
    // time without an offset is UTC, whatever the host's time zone.
    static bool parseTimestamp(ProviderScheme::TimestampUnit unit, const QByteArray &text,
                               qint64 *seconds);
};
