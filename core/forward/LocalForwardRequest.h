#pragma once

#include "core/capture/ParsedRequest.h"
#include "core/config/ForwardConfig.h"

#include <QByteArray>
#include <QList>
#include <QPair>

// The request a local app receives for a capture: the capture's method, its body bytes exactly
// (transfer framing removed, content encoding kept) and its headers in their order, duplicates
// kept, minus the hop-by-hop ones; Host becomes the target's unless the target keeps it; the
// path and query are the target URL's. `replace` sets headers (re-signing) by name.
class LocalForwardRequest
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    static QByteArray build(const QByteArray &raw, const ParsedRequest &parsed,
                            const HttpForwardTarget &target, const Headers &replace = {});
    static bool isHopByHop(const QByteArray &name, const QList<QByteArray> &connectionTokens);
};
