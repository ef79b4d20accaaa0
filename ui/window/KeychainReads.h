#pragma once

#include "core/config/AppConfig.h"
#include "core/pipeline/CaptureVerifier.h"

#include <QString>
#include <functional>

class AwsKeychain;
class CaptureSession;
class QObject;
class SecretStore;

// What the window reads from the OS keychain at start and after the endpoint editor's OK, never
// waiting on it: every endpoint's signing secrets, and the EventBridge access keys of the
// endpoints whose credentials are "keychain". Each answer arrives asynchronously.
class KeychainReads
{
public:
    // The secrets of the endpoints with a provider; `problem` is the first read error (the
    // keychain is unavailable, ...), empty when every read worked. False, and `done` is not
    // called, when there is nothing to read (no keychain, or no endpoint with a provider).
    static bool
    secrets(const AppConfig &config, SecretStore *secrets, QObject *context,
            std::function<void(const CaptureVerifier::Secrets &, const QString &problem)> done);
    // The access keys, handed to the session: until the keychain answers, the session's keys
    // are marked not loaded (forwarding retries rather than fails); without a keychain each
    // wanted key says why.
    static void awsKeys(const AppConfig &config, AwsKeychain *keychain, CaptureSession *session,
                        QObject *context);
};
