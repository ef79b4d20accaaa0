#pragma once

#include "core/secrets/SecretStore.h"

#include <QPointer>

namespace QKeychain {
class Job;
}

// SecretStore over QtKeychain: one keychain entry per endpoint (service `service`, key the endpoint
// id) holding the whole list (SecretListCodec). QtKeychain's insecure plaintext fallback is never
// enabled, and "no keychain" is reported as Status::Unavailable rather than worked around.
// Use it from one thread (the one it lives in); callbacks go to their context's thread.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr);
    // Tests use their own service so they never meet the user's entries.
    explicit KeychainSecretStore(const QString &service, QObject *parent = nullptr);

    static QString defaultService(); // "hookbench"
    QString service() const { return m_service; }

    void checkAvailability(QObject *context, Callback done) override;
    void read(const QString &endpointId, QObject *context, Callback done) override;
    void write(const QString &endpointId, const QList<SigningSecret> &secrets, QObject *context,
               Callback done) override;
    void remove(const QString &endpointId, QObject *context, Callback done) override;

private:
    // Probes first, so that a missing keychain gives the clear error, then runs `start`.
    void whenAvailable(const QPointer<QObject> &context, const Callback &done,
                       std::function<void()> start);
    void prepare(QKeychain::Job *job, const QString &endpointId);
    static Result failure(QKeychain::Job *job, const QString &endpointId);
    static void deliver(const QPointer<QObject> &context, const Callback &done, Result result);

    QString m_service;
};
