#pragma once

#include "core/forward/AwsConfigFile.h"
#include "core/forward/AwsCredentials.h"

#include <QDateTime>
#include <QHash>
#include <QProcessEnvironment>
#include <QString>

#include <functional>
#include <optional>

// Finds AWS credentials and the region the way the AWS CLI does, in its order:
//   1. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, unless a profile was named
//      explicitly in the config (like `aws --profile X`, which ignores those variables;
//      AWS_PROFILE does not: with it, keys in the environment still win);
//   2. the profile in the shared credentials file (AWS_SHARED_CREDENTIALS_FILE,
//   ~/.aws/credentials);
//   3. the profile's `credential_process` (either file), cached until Expiration minus a margin;
//   4. static keys in the profile of the config file (AWS_CONFIG_FILE, ~/.aws/config).
// An endpoint whose credentials are "keychain" uses resolveStored() instead: the access key typed
// into the app for that endpoint, and only that one (a choice made for the endpoint is not
// overridden by whatever the environment holds, as `aws --profile X` ignores the variables).
// The profile is the explicit one, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else `default`.
// Profiles that need assume-role, SSO or web identity are refused with the credential_process
// line that makes the AWS CLI do that part. Not thread-safe: one per worker thread.
class AwsCredentialResolver
{
public:
    struct Result
    {
        std::optional<AwsCredentials> credentials;
        QString error;          // names the variable, file, profile or key; never a secret value
        bool retryable = false; // the error may go by itself (the keychain not read yet)
    };
    struct RegionResult
    {
        QString region;
        QString error;
    };
    using Clock = std::function<QDateTime()>;
    // The key typed into the app for an endpoint, or why there is none (from memory: the app and
    // `listen` read the keychain beforehand, so this never waits).
    using StoredKeySource = std::function<Result(const QString &endpointId)>;

    explicit AwsCredentialResolver(
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setStoredKeySource(StoredKeySource source) { m_storedKeys = std::move(source); }
    void setRefreshMargin(qint64 seconds) { m_refreshMarginS = seconds; }
    void setProcessTimeout(int ms) { m_processTimeoutMs = ms; }

    Result resolve(const QString &explicitProfile = {});
    // The stored key of `endpointId` (credentials "keychain"), through the injected source.
    Result resolveStored(const QString &endpointId) const;
    // Configured region, then AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region`.
    RegionResult region(const QString &configuredRegion, const QString &explicitProfile = {});
    QString profileName(const QString &explicitProfile) const;
    // After the service refused the credentials: the next resolve() runs the process again.
    void forgetCachedCredentials() { m_processCache.clear(); }
    int processRuns() const { return m_processRuns; }

    QString credentialsFilePath() const;
    QString configFilePath() const;

private:
    struct CachedFile
    {
        AwsConfigFile file;
        QDateTime modified;
        qint64 size = -1;
        QString error;
    };
    const AwsConfigFile &file(AwsConfigFile::Kind kind, QString *error);
    QString expandHome(const QString &path) const;
    Result fromProcess(const QString &command, const QString &origin);

    QProcessEnvironment m_env;
    Clock m_clock;
    StoredKeySource m_storedKeys;
    qint64 m_refreshMarginS = 300;
    int m_processTimeoutMs = 60000;
    int m_processRuns = 0;
    QHash<QString, CachedFile> m_files;
    QHash<QString, AwsCredentials> m_processCache; // by origin + command
};
