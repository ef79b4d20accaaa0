#pragma once

#include "core/secrets/SecretStore.h"
#include "core/secrets/StoredAwsKey.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

namespace QKeychain {
class Job;
}

// The AWS access keys typed into the app, one keychain entry per endpoint: service "hookbench"
// (KeychainSecretStore's), key "aws:<endpoint id>" (endpoint ids have no ':', so it never meets
// an endpoint's signing secrets). Asynchronous like SecretStore: callbacks run later on the
// thread of `context` and are dropped with it. QtKeychain's plaintext fallback is never enabled.
// Result::error names the endpoint and the entry, never a key.
class AwsKeychain : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        SecretStore::Status status = SecretStore::Status::Ok;
        QString error;                   // one line, for people; empty when ok
        std::optional<StoredAwsKey> key; // read(): empty when none is stored
        bool ok() const { return status == SecretStore::Status::Ok; }
    };
    using Callback = std::function<void(const Result &)>;

    explicit AwsKeychain(QObject *parent = nullptr);
    // Tests use their own service so they never meet the user's entries.
    explicit AwsKeychain(const QString &service, QObject *parent = nullptr);

    QString service() const { return m_service; }
    static QString entryKey(const QString &endpointId); // "aws:<endpoint id>"
    // `keychain service "hookbench", key "aws:ID"`, for messages.
    QString describeEntry(const QString &endpointId) const;

    void read(const QString &endpointId, QObject *context, Callback done);
    void write(const QString &endpointId, const StoredAwsKey &key, QObject *context, Callback done);
    void remove(const QString &endpointId, QObject *context, Callback done); // none: not an error
    // For the CLI only, which has no interface to keep responsive: read() waited for.
    Result readNow(const QString &endpointId);

Q_SIGNALS:
    void keyChanged(const QString &endpointId); // after a successful write() or remove()

private:
    void run(QKeychain::Job *job, const QString &endpointId, const QPointer<QObject> &context,
             const Callback &done, std::function<Result(QKeychain::Job *)> finish);
    Result failure(QKeychain::Job *job, const QString &endpointId) const;
    static void deliver(const QPointer<QObject> &context, const Callback &done, Result result);

    QString m_service;
};
