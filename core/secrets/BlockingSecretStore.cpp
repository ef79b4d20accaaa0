#include "core/secrets/BlockingSecretStore.h"

#include <QEventLoop>

template <typename Start> SecretStore::Result BlockingSecretStore::wait(Start start)
{
    QEventLoop loop;
    SecretStore::Result result;
    bool finished = false;
    start(&loop, [&](const SecretStore::Result &r) {
        result = r;
        finished = true;
        loop.quit();
    });
    // The callback is always queued, so it cannot have run yet; the check is for clarity.
    if (!finished)
        loop.exec();
    return result;
}

SecretStore::Result BlockingSecretStore::checkAvailability()
{
    return wait([this](QObject *context, SecretStore::Callback done) {
        m_store.checkAvailability(context, std::move(done));
    });
}

SecretStore::Result BlockingSecretStore::read(const QString &endpointId)
{
    return wait([&](QObject *context, SecretStore::Callback done) {
        m_store.read(endpointId, context, std::move(done));
    });
}

SecretStore::Result BlockingSecretStore::write(const QString &endpointId,
                                               const QList<SigningSecret> &secrets)
{
    return wait([&](QObject *context, SecretStore::Callback done) {
        m_store.write(endpointId, secrets, context, std::move(done));
    });
}

SecretStore::Result BlockingSecretStore::remove(const QString &endpointId)
{
    return wait([&](QObject *context, SecretStore::Callback done) {
        m_store.remove(endpointId, context, std::move(done));
    });
}
