#include "core/secrets/AwsKeychain.h"

#include "core/secrets/KeychainAvailability.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/SigningSecret.h"

#include <QEventLoop>
#include <memory>
#include <qt6keychain/keychain.h>

AwsKeychain::AwsKeychain(QObject *parent)
    : AwsKeychain(KeychainSecretStore::defaultService(), parent)
{}

AwsKeychain::AwsKeychain(const QString &service, QObject *parent)
    : QObject(parent), m_service(service)
{}

QString AwsKeychain::entryKey(const QString &endpointId)
{
    return QStringLiteral("aws:") + endpointId;
}

QString AwsKeychain::describeEntry(const QString &endpointId) const
{
    return QStringLiteral("keychain service \"%1\", key \"%2\"")
        .arg(m_service, entryKey(endpointId));
}

void AwsKeychain::deliver(const QPointer<QObject> &context, const Callback &done, Result result)
{
    if (!context)
        return;
    // Shared so the key is wiped when the last copy goes, whether the callback ran or not.
    auto held = std::shared_ptr<Result>(new Result(std::move(result)), [](Result *r) {
        if (r->key)
            r->key->wipe();
        delete r;
    });
    QMetaObject::invokeMethod(
        context, [done, held] { done(*held); }, Qt::QueuedConnection);
}

AwsKeychain::Result AwsKeychain::failure(QKeychain::Job *job, const QString &endpointId) const
{
    Result r;
    const QString detail =
        job->errorString().replace(QLatin1Char('\n'), QLatin1Char(' ')).trimmed();
    r.status = job->error() == QKeychain::NoBackendAvailable ? SecretStore::Status::Unavailable
                                                             : SecretStore::Status::Failed;
    r.error = r.status == SecretStore::Status::Unavailable
                  ? SecretStore::unavailablePrefix() + QStringLiteral(": ") + detail
                  : QStringLiteral("the keychain failed on the AWS access key of endpoint \"%1\" "
                                   "(%2): %3")
                        .arg(endpointId, describeEntry(endpointId), detail);
    return r;
}

void AwsKeychain::run(QKeychain::Job *job, const QString &endpointId,
                      const QPointer<QObject> &context, const Callback &done,
                      std::function<Result(QKeychain::Job *)> finish)
{
    job->setKey(entryKey(endpointId));
    job->setInsecureFallback(false); // the OS keychain or nowhere
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this,
            [context, done, finish = std::move(finish)](QKeychain::Job *j) {
                deliver(context, done, finish(j));
            });
    // Probed first, so that a missing keychain gives the clear error; the job goes on even if
    // `context` goes meanwhile (a dialog closed right after OK still saves).
    KeychainAvailability::probe(this, [job, context, done](bool available, const QString &reason) {
        if (available) {
            job->start();
            return;
        }
        Result r;
        r.status = SecretStore::Status::Unavailable;
        r.error = SecretStore::unavailablePrefix() + QStringLiteral(": ") + reason;
        if (auto *write = qobject_cast<QKeychain::WritePasswordJob *>(job))
            write->setBinaryData(QByteArray());
        job->deleteLater();
        deliver(context, done, std::move(r));
    });
}

void AwsKeychain::read(const QString &endpointId, QObject *target, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    run(job, endpointId, target, std::move(done), [this, endpointId](QKeychain::Job *j) {
        Result r;
        if (j->error() == QKeychain::EntryNotFound)
            return r;
        if (j->error() != QKeychain::NoError)
            return failure(j, endpointId);
        QByteArray entry = static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData();
        StoredAwsKey key;
        QString why;
        if (StoredAwsKey::decode(entry, &key, &why)) {
            r.key = key;
        } else {
            r.status = SecretStore::Status::Failed;
            r.error = QStringLiteral("the AWS access key of endpoint \"%1\" (%2) is unusable: %3")
                          .arg(endpointId, describeEntry(endpointId), why);
        }
        key.wipe();
        SigningSecret::wipe(entry);
        return r;
    });
}

void AwsKeychain::write(const QString &endpointId, const StoredAwsKey &key, QObject *target,
                        Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    auto entry = std::make_shared<QByteArray>(key.encode());
    job->setBinaryData(*entry);
    QPointer<AwsKeychain> self(this);
    run(job, endpointId, target, std::move(done), [self, endpointId, entry](QKeychain::Job *j) {
        // Drop the job's reference first so that ours is the last and can be wiped.
        static_cast<QKeychain::WritePasswordJob *>(j)->setBinaryData(QByteArray());
        SigningSecret::wipe(*entry);
        if (j->error() != QKeychain::NoError)
            return self ? self->failure(j, endpointId) : Result{};
        if (self)
            Q_EMIT self->keyChanged(endpointId);
        return Result{};
    });
}

void AwsKeychain::remove(const QString &endpointId, QObject *target, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    QPointer<AwsKeychain> self(this);
    run(job, endpointId, target, std::move(done), [self, endpointId](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound)
            return self ? self->failure(j, endpointId) : Result{};
        if (self)
            Q_EMIT self->keyChanged(endpointId);
        return Result{};
    });
}

AwsKeychain::Result AwsKeychain::readNow(const QString &endpointId)
{
    QEventLoop loop;
    Result result;
    read(endpointId, &loop, [&](const Result &r) {
        result = r;
        loop.quit();
    });
    loop.exec(); // the callback is always queued, so it cannot have run yet
    return result;
}
