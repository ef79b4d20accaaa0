#pragma once

#include <QObject>
#include <QString>
#include <functional>

// Tells "there is no keychain here" apart from "the keychain said no" before a QtKeychain job is
// started: QtKeychain 0.13 has no isAvailable(), and without a Secret Service its libsecret backend
// fails with vague errors. On Linux and the BSDs it asks the D-Bus session bus whether anything
// provides (or can be started to provide) org.freedesktop.secrets or KWallet; elsewhere the OS
// always has a keychain.
class KeychainAvailability
{
public:
    // Calls done(true, {}) or done(false, reason) later, on the thread of `context`, never from
    // inside probe(). `reason` is one line without the "No OS keychain..." prefix.
    static void probe(QObject *context, std::function<void(bool available, QString reason)> done);
};
