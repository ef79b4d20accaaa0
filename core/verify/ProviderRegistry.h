#pragma once

#include "core/capture/ParsedRequest.h"
#include "core/verify/ProviderScheme.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

// Looks providers up by name, detects them from headers, and builds the generic-hmac scheme
// from its description (CLI options or an endpoint's "scheme" object).
class ProviderRegistry
{
public:
    // All names `--provider` takes, in `providers` order, "generic-hmac" last ("auto" excluded).
    static QStringList names();
    // A named provider (not generic-hmac, not auto).
    static std::optional<ProviderScheme> find(const QString &name);
    // Providers whose headers are in the request, most specific first; empty when none.
    static QStringList detect(const ParsedRequest &parsed);
    // generic-hmac from {"header", "algorithm", "encoding", "prefix", "template",
    // "timestamp_header", "id_header", "tolerance_s"}; nullopt with `error` set when invalid.
    static std::optional<ProviderScheme> genericScheme(const QJsonObject &description,
                                                       QString *error);
    // The scheme for `name` ("auto" detects; "generic-hmac" uses `description`).
    static std::optional<ProviderScheme> resolve(const QString &name,
                                                 const QJsonObject &description,
                                                 const ParsedRequest &parsed, QString *error);
};
