#pragma once

#include "core/secrets/SigningSecret.h"

#include <QObject>
#include <QString>
#include <functional>

// Where the signing secrets of the endpoints live, keyed by endpoint id: one list per endpoint,
// current secret first. Every operation is asynchronous and its result is handed to a callback
// that runs on the thread of `context` (never inside the call that started it), and is dropped if
// `context` is destroyed first: the GUI never waits on the keychain. The CLI, which has no event
// loop of its own to keep alive, waits through BlockingSecretStore.
//
// Result::error never contains secret bytes; it is meant for the user as is.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Status
    {
        Ok,
        Unavailable, // no OS keychain to talk to (no D-Bus session, no Secret Service, ...)
        Failed       // the keychain answered with an error (access denied, bad entry, ...)
    };

    struct Result
    {
        Status status = Status::Ok;
        QString error;                // one line, for people; empty when ok
        QList<SigningSecret> secrets; // read(): current first; empty when none are stored
        bool ok() const { return status == Status::Ok; }
    };

    using Callback = std::function<void(const Result &)>;

    using QObject::QObject;

    // Whether a keychain can be used at all. Result::error says why not.
    virtual void checkAvailability(QObject *context, Callback done) = 0;
    // An endpoint without secrets reads as an ok, empty list.
    virtual void read(const QString &endpointId, QObject *context, Callback done) = 0;
    // Replaces the endpoint's whole list (an empty list removes it).
    virtual void write(const QString &endpointId, const QList<SigningSecret> &secrets,
                       QObject *context, Callback done) = 0;
    // Removing an endpoint that has no secrets is not an error.
    virtual void remove(const QString &endpointId, QObject *context, Callback done) = 0;

    // The first line of every "no keychain" error, naming the platform's keychain.
    static QString unavailablePrefix();

Q_SIGNALS:
    // After a successful write() or remove(): captures of that endpoint may need re-verifying.
    void secretsChanged(const QString &endpointId);
};
