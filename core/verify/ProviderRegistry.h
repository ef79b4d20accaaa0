#pragma once

#include "core/capture/ParsedRequest.h"
#include "core/verify/ProviderFile.h"
#include "core/verify/ProviderScheme.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

// Looks providers up by name, detects them from headers, and builds the generic-hmac scheme
// from its description (CLI options or an endpoint's "scheme" object). Backed by
// ProviderCatalog::shared(): built-in and user provider files, read once per process.
class ProviderRegistry
{
public:
    // All names `--provider` takes, sorted, "generic-hmac" last ("auto" excluded).
    static QStringList names();
    // Every loaded provider (not generic-hmac), sorted by name.
    static const QList<ProviderScheme> &schemes();
    // A named provider (not generic-hmac, not auto).
    static std::optional<ProviderScheme> find(const QString &name);
    // Provider files that were refused (path, key, problem); the rest loaded.
    static const QList<ProviderFile::Problem> &problems();
    // Providers whose headers are in the request, most specific (most headers present) first;
    // empty when none.
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
