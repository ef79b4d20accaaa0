#pragma once

#include "core/config/AppConfig.h"
#include "core/pipeline/CaptureVerifier.h"

#include <QStringList>

// The endpoints' signing secrets for a command that verifies or redacts captures (listen,
// import, export --redact-secrets): --secret-env ENDPOINT_ID=VAR first, then the keychain.
// A failed read is a warning on stderr and the command goes on (verdicts then say no_secret);
// once the keychain is unavailable it is not asked again.
class EndpointSecrets
{
public:
    // False with `error` set (a usage error) when a --secret-env spec is wrong.
    static bool load(const AppConfig &config, const QStringList &specs,
                     CaptureVerifier::Secrets *secrets, QString *error);
};
