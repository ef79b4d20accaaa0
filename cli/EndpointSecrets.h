#pragma once

#include "core/config/AppConfig.h"
#include "core/pipeline/CaptureVerifier.h"

#include <QStringList>

// The endpoints' signing secrets for a command that verifies or redacts stored captures
// (import, export --redact-secrets): --secret-env ENDPOINT_ID=VAR first, then the keychain.
// Without a keychain the command goes on, with a warning on stderr; verdicts then say
// no_secret.
class EndpointSecrets
{
public:
    // False with `error` set (a usage error) when a --secret-env spec is wrong.
    static bool load(const AppConfig &config, const QStringList &specs,
                     CaptureVerifier::Secrets *secrets, QString *error);
};
