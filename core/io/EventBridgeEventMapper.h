#pragma once

#include "core/io/ImportedRequest.h"

#include <QList>

// An EventBridge event back to the request it was made from: `detail` is the body (parsed JSON:
// its layout is not kept), detail-type and source are noted. The mappings Hookbench's forward
// stage writes give back what they carry: the generic envelope (method, target, headers and
// body), Shopify's {payload, metadata} (the X-Shopify-* headers, the HMAC among them), the
// wrapped text or base64 of a body that is not JSON, and GitHub's event header from detail-type.
// Stripe's own integration and the stripe preset carry the event only: no signature header.
class EventBridgeEventMapper
{
public:
    static bool map(const QByteArray &eventText, QList<ImportedRequest> *out, QString *error);
};
