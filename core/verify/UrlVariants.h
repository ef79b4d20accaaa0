#pragma once

#include "core/capture/ParsedRequest.h"

#include <QByteArray>
#include <QList>

// Other forms of the URL a provider may have signed than the one a request was verified with:
// https vs http (and X-Forwarded-Proto), the port given or left out, X-Forwarded-Host, a
// trailing slash added or removed. At most 3 schemes x 2 hosts x 3 ports x 2 paths.
class UrlVariants
{
public:
    // Without `url` itself; each once; empty when `url` has no host.
    static QList<QByteArray> of(const QByteArray &url, const ParsedRequest &parsed);
};
