#include "core/forward/AwsCredentialProcess.h"
#include "core/forward/AwsCredentialResolver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// The AWS CLI's credential and region order, against real files in a temporary folder and a real
// credential_process script; the clock is injected so expiry-driven refresh needs no waiting.
class TestAwsCredentialResolver : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_credentials;
    QString m_config;

    static constexpr const char *fileSecret = "fileSECRETfileSECRETfileSECRET";
    static constexpr const char *envSecret = "envSECRETenvSECRETenvSECRET";
    static constexpr const char *processSecret = "procSECRETprocSECRETprocSECRET";

    void write(const QString &path, const QByteArray &text, bool executable = false)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();
        if (executable)
            QVERIFY(f.setPermissions(f.permissions() | QFile::ExeOwner | QFile::ReadOwner));
    }

    QProcessEnvironment env(std::initializer_list<QPair<QString, QString>> extra = {}) const
    {
        QProcessEnvironment e;
        e.insert(QStringLiteral("HOME"), m_dir.path());
        e.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        e.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_credentials);
        e.insert(QStringLiteral("AWS_CONFIG_FILE"), m_config);
        for (const auto &[k, v] : extra)
            e.insert(k, v);
        return e;
    }

    // A credential_process that counts its runs and prints keys numbered by the run, expiring
    // at the time in the file `expiration` (written by the test).
    QString processScript()
    {
        const QString script = m_dir.filePath(QStringLiteral("creds process.sh"));
        write(script,
              "#!/bin/sh\n"
              "dir=\"$(dirname \"$0\")\"\n"
              "n=$(($(cat \"$dir/runs\" 2>/dev/null || echo 0) + 1))\n"
              "echo $n > \"$dir/runs\"\n"
              "[ \"$1\" = \"--role\" ] || { echo \"expected --role, got $1\" >&2; exit 9; }\n"
              "printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC%s\", "
              "\"SecretAccessKey\": \"procSECRETprocSECRETprocSECRET\", \"SessionToken\": "
              "\"procTOKEN%s\", \"Expiration\": \"%s\"}' $n $n \"$(cat \"$dir/expiration\")\"\n",
              true);
        return script;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_credentials = m_dir.filePath(QStringLiteral("credentials"));
        m_config = m_dir.filePath(QStringLiteral("config"));
        write(m_credentials, "[default]\n"
                             "aws_access_key_id = AKIDFILEDEFAULT\n"
                             "aws_secret_access_key = fileSECRETfileSECRETfileSECRET\n"
                             "\n# a comment\n"
                             "[dev]\n"
                             "aws_access_key_id=AKIDFILEDEV\n"
                             "aws_secret_access_key=fileSECRETfileSECRETfileSECRET\n"
                             "aws_session_token = devTOKEN\n"
                             "[half]\n"
                             "aws_access_key_id = AKIDHALF\n");
        write(m_config, "[default]\n"
                        "region = eu-west-1\n"
                        "[profile dev]\n"
                        "region = us-east-2\n"
                        "aws_access_key_id = AKIDCONFIGDEV\n"
                        "aws_secret_access_key = other\n"
                        "s3 =\n"
                        "  max_concurrent_requests = 10\n"
                        "[profile cfgonly]\n"
                        "aws_access_key_id = AKIDCONFIGONLY\n"
                        "aws_secret_access_key = fileSECRETfileSECRETfileSECRET\n"
                        "[notaprofile]\n"
                        "aws_access_key_id = AKIDNOPE\n"
                        "aws_secret_access_key = nope\n"
                        "[profile sso]\n"
                        "sso_session = corp\n"
                        "sso_account_id = 123456789012\n"
                        "[profile assumer]\n"
                        "role_arn = arn:aws:iam::123456789012:role/x\n"
                        "source_profile = default\n");
        QFile::remove(m_dir.filePath(QStringLiteral("runs")));
    }

    void environmentKeysComeFirst()
    {
        AwsCredentialResolver r(env({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                                     {"AWS_SECRET_ACCESS_KEY", envSecret},
                                     {"AWS_SESSION_TOKEN", "envTOKEN"},
                                     {"AWS_PROFILE", "dev"}}));
        const auto res = r.resolve();
        QVERIFY2(res.credentials, qPrintable(res.error));
        // AWS_PROFILE does not push the environment's keys aside (as in the AWS CLI).
        QCOMPARE(res.credentials->accessKeyId, QByteArray("AKIDENV"));
        QCOMPARE(res.credentials->sessionToken, QByteArray("envTOKEN"));
        QCOMPARE(res.credentials->origin, QStringLiteral("environment variables"));
    }

    void explicitProfileBeatsEnvironmentKeys()
    {
        AwsCredentialResolver r(
            env({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", envSecret}}));
        const auto res = r.resolve(QStringLiteral("dev"));
        QVERIFY2(res.credentials, qPrintable(res.error));
        // The credentials file before the config file, as the CLI reads them.
        QCOMPARE(res.credentials->accessKeyId, QByteArray("AKIDFILEDEV"));
        QCOMPARE(res.credentials->sessionToken, QByteArray("devTOKEN"));
        QVERIFY(res.credentials->origin.contains(m_credentials));
        QVERIFY(res.credentials->origin.contains(QStringLiteral("[dev]")));
    }

    void awsProfileSelectsTheProfile()
    {
        AwsCredentialResolver r(env({{"AWS_PROFILE", "cfgonly"}}));
        QCOMPARE(r.profileName({}), QStringLiteral("cfgonly"));
        const auto res = r.resolve();
        QVERIFY2(res.credentials, qPrintable(res.error));
        QCOMPARE(res.credentials->accessKeyId, QByteArray("AKIDCONFIGONLY"));
        QVERIFY(res.credentials->origin.contains(m_config));
        AwsCredentialResolver plain(env());
        QCOMPARE(plain.resolve().credentials->accessKeyId, QByteArray("AKIDFILEDEFAULT"));
    }

    void configSectionsWithoutProfilePrefixAreNotProfiles()
    {
        AwsCredentialResolver r(env());
        const auto res = r.resolve(QStringLiteral("notaprofile"));
        QVERIFY(!res.credentials);
        QVERIFY2(res.error.contains(QStringLiteral("[notaprofile]")), qPrintable(res.error));
        QVERIFY(res.error.contains(m_credentials));
        QVERIFY(res.error.contains(m_config));
    }

    // Credentials "keychain": the endpoint's stored key and only that one, whatever the
    // environment and the shared files hold; the chain itself never asks for stored keys.
    void storedKeyIsTheEndpointsOwnAndOnlyIfAsked()
    {
        QStringList askedFor;
        const auto stored = [&askedFor](const QString &endpointId) {
            askedFor << endpointId;
            AwsCredentialResolver::Result r;
            if (endpointId == QLatin1String("stripe-dev")) {
                AwsCredentials c;
                c.accessKeyId = "AKIDKEYCHAIN";
                c.secretAccessKey = "keychainSECRET";
                c.origin = QStringLiteral("the keychain");
                r.credentials = c;
            } else {
                r.error = QStringLiteral("none stored for ") + endpointId;
            }
            return r;
        };
        AwsCredentialResolver withEnv(
            env({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", envSecret}}));
        withEnv.setStoredKeySource(stored);
        QCOMPARE(withEnv.resolve().credentials->accessKeyId, QByteArray("AKIDENV"));
        QCOMPARE(withEnv.resolve(QStringLiteral("dev")).credentials->accessKeyId,
                 QByteArray("AKIDFILEDEV"));
        QVERIFY(askedFor.isEmpty());

        const auto res = withEnv.resolveStored(QStringLiteral("stripe-dev"));
        QVERIFY2(res.credentials, qPrintable(res.error));
        QCOMPARE(res.credentials->accessKeyId, QByteArray("AKIDKEYCHAIN"));
        QCOMPARE(askedFor, QStringList{QStringLiteral("stripe-dev")});

        const auto missing = withEnv.resolveStored(QStringLiteral("other"));
        QVERIFY(!missing.credentials);
        QCOMPARE(missing.error, QStringLiteral("none stored for other"));

        AwsCredentialResolver noSource(env());
        const auto none = noSource.resolveStored(QStringLiteral("stripe-dev"));
        QVERIFY(!none.credentials);
        QVERIFY2(none.error.contains(QStringLiteral("\"stripe-dev\"")), qPrintable(none.error));
    }

    void partialCredentialsNameWhatIsMissing()
    {
        AwsCredentialResolver r(env());
        const auto res = r.resolve(QStringLiteral("half"));
        QVERIFY(!res.credentials);
        QVERIFY2(res.error.contains(QStringLiteral("profile [half] in ") + m_credentials),
                 qPrintable(res.error));
        QVERIFY(res.error.contains(QStringLiteral("no aws_secret_access_key")));

        AwsCredentialResolver envHalf(env({{"AWS_ACCESS_KEY_ID", "AKIDENV"}}));
        const auto e = envHalf.resolve();
        QVERIFY(!e.credentials);
        QVERIFY2(e.error.contains(QStringLiteral("AWS_SECRET_ACCESS_KEY is not")),
                 qPrintable(e.error));
    }

    void ssoAndAssumeRoleProfilesPointAtCredentialProcess()
    {
        AwsCredentialResolver r(env());
        for (const char *profile : {"sso", "assumer"}) {
            const auto res = r.resolve(QLatin1String(profile));
            QVERIFY(!res.credentials);
            QVERIFY2(res.error.contains(
                         QStringLiteral(
                             "credential_process = aws configure export-credentials --profile %1 "
                             "--format process")
                             .arg(QLatin1String(profile))),
                     qPrintable(res.error));
            QVERIFY(res.error.contains(m_config));
        }
    }

    void regionOrder()
    {
        AwsCredentialResolver all(
            env({{"AWS_REGION", "ap-south-1"}, {"AWS_DEFAULT_REGION", "sa-east-1"}}));
        QCOMPARE(all.region(QStringLiteral("eu-central-1")).region, QStringLiteral("eu-central-1"));
        QCOMPARE(all.region({}).region, QStringLiteral("ap-south-1"));
        AwsCredentialResolver legacy(env({{"AWS_DEFAULT_REGION", "sa-east-1"}}));
        QCOMPARE(legacy.region({}).region, QStringLiteral("sa-east-1"));
        AwsCredentialResolver files(env());
        QCOMPARE(files.region({}).region, QStringLiteral("eu-west-1"));
        QCOMPARE(files.region({}, QStringLiteral("dev")).region, QStringLiteral("us-east-2"));
        const auto none = files.region({}, QStringLiteral("cfgonly"));
        QVERIFY(none.region.isEmpty());
        QVERIFY2(none.error.contains(QStringLiteral("[cfgonly]")) && none.error.contains(m_config),
                 qPrintable(none.error));
    }

    void credentialProcessIsCachedUntilExpiryThenRefreshed()
    {
        const QString script = processScript();
        QDateTime now(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
        const QDateTime expires = now.addSecs(3600);
        write(m_dir.filePath(QStringLiteral("expiration")), expires.toString(Qt::ISODate).toUtf8());
        write(m_config, "[profile proc]\nregion = eu-west-1\ncredential_process = \"" +
                            script.toUtf8() + "\" --role 'a b'\n");

        AwsCredentialResolver r(env());
        r.setClock([&now] { return now; });
        r.setRefreshMargin(300);
        auto res = r.resolve(QStringLiteral("proc"));
        QVERIFY2(res.credentials, qPrintable(res.error));
        QCOMPARE(res.credentials->accessKeyId, QByteArray("AKIDPROC1"));
        QCOMPARE(res.credentials->secretAccessKey, QByteArray(processSecret));
        QCOMPARE(res.credentials->sessionToken, QByteArray("procTOKEN1"));
        QCOMPARE(res.credentials->expiration, expires);
        QCOMPARE(r.processRuns(), 1);

        now = expires.addSecs(-301); // still outside the margin: cached
        QCOMPARE(r.resolve(QStringLiteral("proc")).credentials->accessKeyId,
                 QByteArray("AKIDPROC1"));
        QCOMPARE(r.processRuns(), 1);

        write(m_dir.filePath(QStringLiteral("expiration")),
              expires.addSecs(3600).toString(Qt::ISODate).toUtf8());
        now = expires.addSecs(-299); // inside the margin: run again
        res = r.resolve(QStringLiteral("proc"));
        QVERIFY2(res.credentials, qPrintable(res.error));
        QCOMPARE(res.credentials->accessKeyId, QByteArray("AKIDPROC2"));
        QCOMPARE(r.processRuns(), 2);

        r.forgetCachedCredentials();
        QCOMPARE(r.resolve(QStringLiteral("proc")).credentials->accessKeyId,
                 QByteArray("AKIDPROC3"));
    }

    void failingProcessReportsExitCodeAndStderr()
    {
        const QString script = m_dir.filePath(QStringLiteral("fail.sh"));
        write(script,
              "#!/bin/sh\necho 'The SSO session has expired; run aws sso login' >&2\nexit 3\n",
              true);
        write(m_config, "[profile broken]\ncredential_process = " + script.toUtf8() + "\n");
        AwsCredentialResolver r(env());
        const auto res = r.resolve(QStringLiteral("broken"));
        QVERIFY(!res.credentials);
        QVERIFY2(res.error.contains(QStringLiteral("exit code 3")), qPrintable(res.error));
        QVERIFY(res.error.contains(QStringLiteral("run aws sso login")));
        QVERIFY(res.error.contains(QStringLiteral("[broken]")));
        QVERIFY(res.error.contains(m_config));

        write(m_config, "[profile missing]\ncredential_process = /nonexistent/hb-creds\n");
        const auto missing = r.resolve(QStringLiteral("missing"));
        QVERIFY(!missing.credentials);
        QVERIFY2(missing.error.contains(QStringLiteral("did not start")),
                 qPrintable(missing.error));
    }

    void processOutputIsCheckedWithoutQuotingIt()
    {
        const auto bad = AwsCredentialProcess::parseOutput(
            "SecretAccessKey=procSECRETprocSECRETprocSECRET", QStringLiteral("test"));
        QVERIFY(!bad.credentials);
        QVERIFY(!bad.error.contains(QLatin1String(processSecret)));
        const auto v2 = AwsCredentialProcess::parseOutput(
            "{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": "
            "\"procSECRETprocSECRETprocSECRET\"}",
            QStringLiteral("test"));
        QVERIFY(!v2.credentials);
        QVERIFY2(v2.error.contains(QStringLiteral("Version 2")), qPrintable(v2.error));
        QVERIFY(!v2.error.contains(QLatin1String(processSecret)));
        const auto noSecret =
            AwsCredentialProcess::parseOutput("{\"Version\": 1, \"AccessKeyId\": \"A\"}", {});
        QVERIFY(noSecret.error.contains(QStringLiteral("SecretAccessKey")));
        const auto forever = AwsCredentialProcess::parseOutput(
            "{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\"}", {});
        QVERIFY(forever.credentials);
        QVERIFY(!forever.credentials->expires());
    }

    void commandLinesSplitLikeAShell()
    {
        QString error;
        QCOMPARE(AwsCredentialProcess::splitCommand(
                     QStringLiteral(
                         "aws configure export-credentials --profile \"my dev\" --format process"),
                     &error),
                 QStringList({"aws", "configure", "export-credentials", "--profile", "my dev",
                              "--format", "process"}));
        QCOMPARE(AwsCredentialProcess::splitCommand(QStringLiteral("a 'b \"c' d\\ e \"f\\\"g\""),
                                                    &error),
                 QStringList({"a", "b \"c", "d e", "f\"g"}));
        QVERIFY(AwsCredentialProcess::splitCommand(QStringLiteral("a 'b"), &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("unbalanced")));
    }

    void describeNeverShowsSecrets()
    {
        AwsCredentials c;
        c.accessKeyId = "AKIDEXAMPLEABCD";
        c.secretAccessKey = fileSecret;
        c.sessionToken = "sessionTOKENvalue";
        c.origin = QStringLiteral("environment variables");
        c.expiration = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        const QString d = c.describe();
        QVERIFY(!d.contains(QLatin1String(fileSecret)));
        QVERIFY(!d.contains(QStringLiteral("sessionTOKENvalue")));
        QVERIFY(!d.contains(QStringLiteral("AKIDEXAMPLEABCD")));
        QVERIFY(d.contains(QStringLiteral("ABCD")));
        QVERIFY(d.contains(QStringLiteral("session token")));
        QVERIFY(d.contains(QStringLiteral("2026-01-01T00:00:00Z")));
    }

    void errorsNeverContainSecrets()
    {
        // Every failing resolution above: none quotes a secret from the files or environment.
        AwsCredentialResolver r(env({{"AWS_SECRET_ACCESS_KEY", envSecret}}));
        for (const QString &profile :
             {QString(), QStringLiteral("half"), QStringLiteral("nope"), QStringLiteral("sso")}) {
            const auto res = r.resolve(profile);
            QVERIFY(!res.error.contains(QLatin1String(fileSecret)));
            QVERIFY(!res.error.contains(QLatin1String(envSecret)));
        }
    }
};

QTEST_GUILESS_MAIN(TestAwsCredentialResolver)
#include "tst_awscredentialresolver.moc"
