#pragma once

#include "core/secrets/SecretStore.h"

// Waits for a SecretStore operation in a local QEventLoop. For the CLI only, which has no user
// interface to keep responsive; GUI code uses SecretStore's callbacks (no nested event loops).
class BlockingSecretStore
{
public:
    explicit BlockingSecretStore(SecretStore &store) : m_store(store) {}

    SecretStore::Result checkAvailability();
    SecretStore::Result read(const QString &endpointId);
    SecretStore::Result write(const QString &endpointId, const QList<SigningSecret> &secrets);
    SecretStore::Result remove(const QString &endpointId);

private:
    template <typename Start> SecretStore::Result wait(Start start);

    SecretStore &m_store;
};
