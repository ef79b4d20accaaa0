#include "core/forward/AwsCredentialResolver.h"

#include "core/forward/AwsCredentialProcess.h"

#include <QDir>
#include <QFileInfo>

namespace {

const char suggestion[] = "aws configure export-credentials --profile %1 --format process";

} // namespace

AwsCredentialResolver::AwsCredentialResolver(QProcessEnvironment environment)
    : m_env(std::move(environment)), m_clock([] { return QDateTime::currentDateTimeUtc(); })
{}

QString AwsCredentialResolver::expandHome(const QString &path) const
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/"))) {
        const QString home = m_env.value(QStringLiteral("HOME"), QDir::homePath());
        return home + path.mid(1);
    }
    return path;
}

QString AwsCredentialResolver::credentialsFilePath() const
{
    return expandHome(m_env.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                                  QStringLiteral("~/.aws/credentials")));
}

QString AwsCredentialResolver::configFilePath() const
{
    return expandHome(
        m_env.value(QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("~/.aws/config")));
}

QString AwsCredentialResolver::profileName(const QString &explicitProfile) const
{
    if (!explicitProfile.isEmpty())
        return explicitProfile;
    for (const char *name : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"}) {
        const QString v = m_env.value(QLatin1String(name));
        if (!v.isEmpty())
            return v;
    }
    return QStringLiteral("default");
}

const AwsConfigFile &AwsCredentialResolver::file(AwsConfigFile::Kind kind, QString *error)
{
    const QString path =
        kind == AwsConfigFile::Kind::Credentials ? credentialsFilePath() : configFilePath();
    const QFileInfo info(path);
    CachedFile &cached = m_files[path];
    const QDateTime modified = info.exists() ? info.lastModified() : QDateTime();
    const qint64 size = info.exists() ? info.size() : -1;
    if (cached.file.path().isEmpty() || cached.modified != modified || cached.size != size) {
        cached.error.clear();
        cached.file = AwsConfigFile::load(path, kind, &cached.error);
        cached.modified = modified;
        cached.size = size;
    }
    if (error && !cached.error.isEmpty())
        *error = cached.error;
    return cached.file;
}

AwsCredentialResolver::Result AwsCredentialResolver::resolve(const QString &explicitProfile)
{
    Result r;
    if (explicitProfile.isEmpty()) {
        const QByteArray id = m_env.value(QStringLiteral("AWS_ACCESS_KEY_ID")).toUtf8();
        const QByteArray secret = m_env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")).toUtf8();
        if (!id.isEmpty() && secret.isEmpty()) {
            r.error = QStringLiteral("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
            return r;
        }
        if (id.isEmpty() && !secret.isEmpty()) {
            r.error = QStringLiteral("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
            return r;
        }
        if (!id.isEmpty()) {
            AwsCredentials c;
            c.accessKeyId = id;
            c.secretAccessKey = secret;
            c.sessionToken = m_env.value(QStringLiteral("AWS_SESSION_TOKEN")).toUtf8();
            c.origin = QStringLiteral("environment variables");
            r.credentials = c;
            return r;
        }
    }

    const QString profile = profileName(explicitProfile);
    QString fileError;
    const AwsConfigFile &creds = file(AwsConfigFile::Kind::Credentials, &fileError);
    const AwsConfigFile &config = file(AwsConfigFile::Kind::Config, &fileError);
    if (!fileError.isEmpty()) {
        r.error = fileError;
        return r;
    }
    const QString inCreds = QStringLiteral("profile [%1] in %2").arg(profile, creds.path());
    const QString inConfig = QStringLiteral("profile [%1] in %2").arg(profile, config.path());
    if (!creds.hasProfile(profile) && !config.hasProfile(profile)) {
        r.error =
            QStringLiteral("no AWS credentials: %1profile [%2] is in neither %3 nor %4")
                .arg(explicitProfile.isEmpty() ? QStringLiteral("AWS_ACCESS_KEY_ID is not set and ")
                                               : QString(),
                     profile, creds.path(), config.path());
        return r;
    }

    // Sources the AWS CLI runs before the credentials file and Hookbench does not run itself.
    for (const char *key :
         {"role_arn", "web_identity_token_file", "sso_session", "sso_start_url"}) {
        const QString k = QLatin1String(key);
        if (config.hasKey(profile, k) || creds.hasKey(profile, k)) {
            r.error = QStringLiteral("%1 uses %2, which Hookbench does not run itself; add a "
                                     "profile whose credential_process asks the AWS CLI: "
                                     "credential_process = %3")
                          .arg(config.hasKey(profile, k) ? inConfig : inCreds, k,
                               QString::fromLatin1(suggestion).arg(profile));
            return r;
        }
    }

    const auto staticKeys = [&](const AwsConfigFile &f, const QString &where) -> Result {
        Result s;
        const QString id = f.value(profile, QStringLiteral("aws_access_key_id"));
        const QString secret = f.value(profile, QStringLiteral("aws_secret_access_key"));
        if (id.isEmpty() && secret.isEmpty())
            return s;
        if (id.isEmpty() || secret.isEmpty()) {
            s.error = QStringLiteral("%1 has %2 but no %3")
                          .arg(where,
                               id.isEmpty() ? QStringLiteral("aws_secret_access_key")
                                            : QStringLiteral("aws_access_key_id"),
                               id.isEmpty() ? QStringLiteral("aws_access_key_id")
                                            : QStringLiteral("aws_secret_access_key"));
            return s;
        }
        AwsCredentials c;
        c.accessKeyId = id.toUtf8();
        c.secretAccessKey = secret.toUtf8();
        c.sessionToken = f.value(profile, QStringLiteral("aws_session_token")).toUtf8();
        c.origin = where;
        s.credentials = c;
        return s;
    };

    r = staticKeys(creds, inCreds);
    if (r.credentials || !r.error.isEmpty())
        return r;

    const QString kProcess = QStringLiteral("credential_process");
    if (creds.hasKey(profile, kProcess))
        return fromProcess(creds.value(profile, kProcess), inCreds);
    if (config.hasKey(profile, kProcess))
        return fromProcess(config.value(profile, kProcess), inConfig);

    r = staticKeys(config, inConfig);
    if (r.credentials || !r.error.isEmpty())
        return r;
    r.error = QStringLiteral("%1 has no credentials: neither aws_access_key_id and "
                             "aws_secret_access_key nor credential_process")
                  .arg(creds.hasProfile(profile) ? inCreds : inConfig);
    return r;
}

AwsCredentialResolver::Result AwsCredentialResolver::resolveStored(const QString &endpointId) const
{
    if (!m_storedKeys)
        return Result{std::nullopt,
                      QStringLiteral("endpoint \"%1\" forwards with an access key stored in the "
                                     "keychain, which this program does not read")
                          .arg(endpointId)};
    Result r = m_storedKeys(endpointId);
    if (r.credentials && !r.credentials->isValid()) {
        r.credentials.reset();
        r.error = QStringLiteral("the access key stored for endpoint \"%1\" is incomplete")
                      .arg(endpointId);
    }
    return r;
}

AwsCredentialResolver::Result AwsCredentialResolver::fromProcess(const QString &command,
                                                                 const QString &origin)
{
    const QString key = origin + QLatin1Char('\n') + command;
    const QDateTime now = m_clock();
    const auto cached = m_processCache.constFind(key);
    if (cached != m_processCache.cend() &&
        (!cached->expires() || now < cached->expiration.addSecs(-m_refreshMarginS)))
        return Result{*cached, {}};
    ++m_processRuns;
    AwsCredentialProcess::Result run =
        AwsCredentialProcess::run(command, origin, m_env, m_processTimeoutMs);
    if (!run.credentials) {
        m_processCache.remove(key);
        return Result{std::nullopt, run.error};
    }
    if (run.credentials->expires() && run.credentials->expiration <= now) {
        m_processCache.remove(key);
        return Result{std::nullopt, QStringLiteral("%1 printed credentials that expired at %2")
                                        .arg(run.credentials->origin,
                                             run.credentials->expiration.toString(Qt::ISODate))};
    }
    m_processCache.insert(key, *run.credentials);
    return Result{run.credentials, {}};
}

AwsCredentialResolver::RegionResult AwsCredentialResolver::region(const QString &configuredRegion,
                                                                  const QString &explicitProfile)
{
    RegionResult r;
    if (!configuredRegion.isEmpty()) {
        r.region = configuredRegion;
        return r;
    }
    for (const char *name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        const QString v = m_env.value(QLatin1String(name));
        if (!v.isEmpty()) {
            r.region = v;
            return r;
        }
    }
    const QString profile = profileName(explicitProfile);
    QString fileError;
    const AwsConfigFile &config = file(AwsConfigFile::Kind::Config, &fileError);
    r.region = config.value(profile, QStringLiteral("region"));
    if (r.region.isEmpty())
        r.error = fileError.isEmpty()
                      ? QStringLiteral("no AWS region: set forward.eventbridge.region, AWS_REGION, "
                                       "or region in profile [%1] of %2")
                            .arg(profile, config.path())
                      : fileError;
    return r;
}
