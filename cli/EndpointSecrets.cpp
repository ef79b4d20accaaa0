#include "cli/EndpointSecrets.h"

#include "core/secrets/BlockingSecretStore.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/SecretOverrides.h"

#include <cstdio>

bool EndpointSecrets::load(const AppConfig &config, const QStringList &specs,
                           CaptureVerifier::Secrets *secrets, QString *error)
{
    QStringList ids;
    for (const EndpointConfig &e : config.endpoints)
        ids.append(e.id);
    SecretOverrides overrides;
    if (!SecretOverrides::parse(specs, ids, &overrides, error))
        return false;
    KeychainSecretStore keychain;
    BlockingSecretStore blocking(keychain);
    bool unavailable = false;
    for (const EndpointConfig &e : config.endpoints) {
        if (e.provider.isEmpty())
            continue;
        QList<SigningSecret> stored;
        if (!overrides.covers(e.id) && !unavailable) {
            const SecretStore::Result read = blocking.read(e.id);
            if (read.ok()) {
                stored = read.secrets;
            } else {
                std::fprintf(stderr, "hookbench-cli: warning: %s; verdicts will say no_secret\n",
                             qPrintable(read.error));
                unavailable = read.status == SecretStore::Status::Unavailable; // ask no more
            }
        }
        const QList<SigningSecret> all = overrides.secretsFor(e.id, stored);
        if (!all.isEmpty())
            secrets->insert(e.id, all);
    }
    return true;
}
