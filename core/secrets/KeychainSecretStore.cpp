#include "core/secrets/KeychainSecretStore.h"

#include "core/secrets/KeychainAvailability.h"
#include "core/secrets/SecretListCodec.h"

#include <QPointer>
#include <memory>
#include <qt6keychain/keychain.h>

namespace {

QString oneLine(QString text)
{
    return text.replace('\n', ' ').trimmed();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : KeychainSecretStore(defaultService(), parent)
{}

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent), m_service(service)
{}

QString KeychainSecretStore::defaultService()
{
    return QStringLiteral("hookbench");
}

void KeychainSecretStore::deliver(const QPointer<QObject> &context, const Callback &done,
                                  Result result)
{
    if (!context)
        return;
    // Shared so the secrets are wiped when the last copy goes, whether the callback ran or its
    // context was destroyed first (then Qt drops the queued call and its captures).
    auto held = std::shared_ptr<Result>(new Result(std::move(result)), [](Result *r) {
        SigningSecret::wipe(r->secrets);
        delete r;
    });
    QMetaObject::invokeMethod(
        context, [done, held] { done(*held); }, Qt::QueuedConnection);
}

void KeychainSecretStore::whenAvailable(const QPointer<QObject> &context, const Callback &done,
                                        std::function<void()> start)
{
    KeychainAvailability::probe(
        // The operation goes on even if `context` is destroyed meanwhile (a dialog closed right
        // after "Save" still saves); only the callback is dropped.
        this, [context, done, start = std::move(start)](bool available, const QString &reason) {
            if (available) {
                start();
                return;
            }
            Result r;
            r.status = Status::Unavailable;
            r.error = unavailablePrefix() + QStringLiteral(": ") + reason;
            deliver(context, done, std::move(r));
        });
}

void KeychainSecretStore::prepare(QKeychain::Job *job, const QString &endpointId)
{
    job->setKey(endpointId);
    // Explicit, whatever QtKeychain's default: a secret goes to the OS keychain or nowhere.
    job->setInsecureFallback(false);
    // QtKeychain deletes the job (deleteLater) after finished(), once our handler has run.
    job->setAutoDelete(true);
}

SecretStore::Result KeychainSecretStore::failure(QKeychain::Job *job, const QString &endpointId)
{
    Result r;
    const QString detail = oneLine(job->errorString());
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
        r.status = Status::Unavailable;
        r.error = unavailablePrefix() + QStringLiteral(": ") + detail;
        break;
    case QKeychain::AccessDeniedByUser:
        r.status = Status::Failed;
        r.error = QStringLiteral("access to the keychain was denied by the user (endpoint \"%1\")")
                      .arg(endpointId);
        break;
    case QKeychain::AccessDenied:
        r.status = Status::Failed;
        r.error = QStringLiteral("the keychain denied access to the secrets of endpoint \"%1\": %2")
                      .arg(endpointId, detail);
        break;
    default:
        r.status = Status::Failed;
        r.error = QStringLiteral("the keychain failed on the secrets of endpoint \"%1\": %2")
                      .arg(endpointId, detail);
        break;
    }
    return r;
}

void KeychainSecretStore::checkAvailability(QObject *target, Callback done)
{
    const QPointer<QObject> context(target);
    whenAvailable(context, done, [context, done] { deliver(context, done, Result()); });
}

void KeychainSecretStore::read(const QString &endpointId, QObject *target, Callback done)
{
    const QPointer<QObject> context(target);
    QPointer<KeychainSecretStore> self(this);
    whenAvailable(context, done, [self, endpointId, context, done] {
        if (!self)
            return;
        auto *job = new QKeychain::ReadPasswordJob(self->m_service, self);
        self->prepare(job, endpointId);
        connect(job, &QKeychain::Job::finished, self,
                [endpointId, context, done](QKeychain::Job *j) {
                    if (j->error() == QKeychain::EntryNotFound) {
                        deliver(context, done, Result());
                        return;
                    }
                    if (j->error() != QKeychain::NoError) {
                        deliver(context, done, failure(j, endpointId));
                        return;
                    }
                    Result r;
                    QString why;
                    QByteArray entry = static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData();
                    if (!SecretListCodec::decode(entry, &r.secrets, &why)) {
                        r.status = Status::Failed;
                        r.error = QStringLiteral("the keychain entry of endpoint \"%1\" under "
                                                 "service \"%2\" is unusable: %3")
                                      .arg(endpointId, j->service(), why);
                    }
                    SigningSecret::wipe(entry);
                    deliver(context, done, std::move(r));
                });
        job->start();
    });
}

void KeychainSecretStore::write(const QString &endpointId, const QList<SigningSecret> &secrets,
                                QObject *target, Callback done)
{
    const QPointer<QObject> context(target);
    if (secrets.isEmpty()) {
        remove(endpointId, target, std::move(done));
        return;
    }
    QPointer<KeychainSecretStore> self(this);
    whenAvailable(context, done, [self, endpointId, secrets, context, done] {
        if (!self)
            return;
        auto *job = new QKeychain::WritePasswordJob(self->m_service, self);
        self->prepare(job, endpointId);
        auto entry = std::make_shared<QByteArray>(SecretListCodec::encode(secrets));
        job->setBinaryData(*entry);
        connect(job, &QKeychain::Job::finished, self,
                [self, endpointId, context, done, entry](QKeychain::Job *j) {
                    // Drop the job's reference first so that ours is the last and can be wiped.
                    static_cast<QKeychain::WritePasswordJob *>(j)->setBinaryData(QByteArray());
                    SigningSecret::wipe(*entry);
                    if (j->error() != QKeychain::NoError) {
                        deliver(context, done, failure(j, endpointId));
                        return;
                    }
                    deliver(context, done, Result());
                    if (self)
                        Q_EMIT self->secretsChanged(endpointId);
                });
        job->start();
    });
}

void KeychainSecretStore::remove(const QString &endpointId, QObject *target, Callback done)
{
    const QPointer<QObject> context(target);
    QPointer<KeychainSecretStore> self(this);
    whenAvailable(context, done, [self, endpointId, context, done] {
        if (!self)
            return;
        auto *job = new QKeychain::DeletePasswordJob(self->m_service, self);
        self->prepare(job, endpointId);
        connect(job, &QKeychain::Job::finished, self,
                [self, endpointId, context, done](QKeychain::Job *j) {
                    if (j->error() != QKeychain::NoError &&
                        j->error() != QKeychain::EntryNotFound) {
                        deliver(context, done, failure(j, endpointId));
                        return;
                    }
                    deliver(context, done, Result());
                    if (self)
                        Q_EMIT self->secretsChanged(endpointId);
                });
        job->start();
    });
}
