#include "ui/window/KeychainReads.h"

#include "core/pipeline/CaptureSession.h"
#include "core/secrets/AwsKeychain.h"
#include "core/secrets/SecretStore.h"

#include <memory>

bool KeychainReads::secrets(
    const AppConfig &config, SecretStore *store, QObject *context,
    std::function<void(const CaptureVerifier::Secrets &, const QString &problem)> done)
{
    QStringList wanted;
    for (const EndpointConfig &e : config.endpoints) {
        if (!e.provider.isEmpty())
            wanted.append(e.id);
    }
    if (!store || wanted.isEmpty())
        return false;
    auto loaded = std::make_shared<CaptureVerifier::Secrets>();
    auto remaining = std::make_shared<int>(int(wanted.size()));
    auto problem = std::make_shared<QString>();
    for (const QString &id : wanted) {
        store->read(id, context, [=](const SecretStore::Result &result) {
            if (result.ok() && !result.secrets.isEmpty())
                loaded->insert(id, result.secrets);
            else if (!result.ok() && problem->isEmpty())
                *problem = result.error;
            if (--*remaining == 0)
                done(*loaded, *problem);
        });
    }
    return true;
}

void KeychainReads::awsKeys(const AppConfig &config, AwsKeychain *keychain, CaptureSession *session,
                            QObject *context)
{
    QStringList wanted;
    for (const EndpointConfig &e : config.endpoints) {
        if (e.forward.eventBridge &&
            e.forward.eventBridge->credentials == EventBridgeForwardTarget::Credentials::Keychain)
            wanted.append(e.id);
    }
    StoredAwsKeys current = session->context()->awsKeys();
    if (!keychain || wanted.isEmpty()) {
        StoredAwsKeys keys;
        for (const QString &id : wanted)
            keys.setError(id, SecretStore::unavailablePrefix());
        session->setAwsKeys(keys);
        return;
    }
    current.setLoaded(false); // until the keychain answers, forwarding retries rather than fails
    session->setAwsKeys(current);
    auto loaded = std::make_shared<StoredAwsKeys>();
    loaded->setService(keychain->service());
    auto remaining = std::make_shared<int>(int(wanted.size()));
    for (const QString &id : wanted) {
        keychain->read(id, context, [=](const AwsKeychain::Result &result) {
            if (result.key)
                loaded->insert(id, *result.key);
            else if (!result.ok())
                loaded->setError(id, result.error);
            if (--*remaining == 0)
                session->setAwsKeys(*loaded);
        });
    }
}
