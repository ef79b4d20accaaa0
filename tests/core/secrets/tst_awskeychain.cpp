// AwsKeychain against a real Secret Service (run through with-keyring.sh, as CTest does): an
// endpoint's AWS access key written, read back exactly and removed, one entry per endpoint under
// the key "aws:<id>"; the forward stage's lookup (StoredAwsKeys) hands it to the resolver; no
// error, log line or file under HOME ever holds the secret; without a keychain every operation
// says so. `--store-aws-key ID` is a helper for the e2e test (the key from the environment).
#include "core/pipeline/StoredAwsKeys.h"
#include "core/secrets/AwsKeychain.h"

#include <QDirIterator>
#include <QMutex>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <qt6keychain/keychain.h>

namespace {

const char Service[] = "hookbench-test";
const int Timeout = 30000;

QByteArray distinctive(const char *tag)
{
    return QByteArray("hb-aws-") + tag + '-' +
           QByteArray::number(QRandomGenerator::global()->generate64(), 36) +
           QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

StoredAwsKey key(const QByteArray &id, const QByteArray &secret, const QByteArray &token = {})
{
    StoredAwsKey k;
    k.accessKeyId = id;
    k.secretAccessKey = secret;
    k.sessionToken = token;
    return k;
}

QStringList filesContaining(const QString &root, const QList<QByteArray> &secrets)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = f.readAll();
        for (const QByteArray &s : secrets) {
            if (content.contains(s) || content.contains(s.toBase64()) ||
                content.contains(s.toHex()))
                hits << path;
        }
    }
    return hits;
}

QStringList g_messages;
QMutex g_messagesLock;

void collectMessages(QtMsgType, const QMessageLogContext &, const QString &text)
{
    QMutexLocker lock(&g_messagesLock);
    g_messages << text;
}

AwsKeychain::Result wait(const std::function<void(QObject *, AwsKeychain::Callback)> &start)
{
    QEventLoop loop;
    AwsKeychain::Result result;
    start(&loop, [&](const AwsKeychain::Result &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    return result;
}

// The child of absentKeychain(): every operation fails as Unavailable.
int absentChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    AwsKeychain keychain(QString::fromLatin1(Service));
    const StoredAwsKey k = key("AKIAABSENT", qgetenv("HB_TEST_SECRET"));
    QTextStream out(stdout);
    const QList<AwsKeychain::Result> results{
        wait([&](QObject *c, AwsKeychain::Callback d) { keychain.write("absent", k, c, d); }),
        keychain.readNow("absent"),
        wait([&](QObject *c, AwsKeychain::Callback d) { keychain.remove("absent", c, d); })};
    for (const AwsKeychain::Result &r : results)
        out << (r.status == SecretStore::Status::Unavailable ? "unavailable" : "WRONG") << '\t'
            << r.error << '\n';
    return 0;
}

// For test_forward_eventbridge_sdk.py: stores HB_AWS_KEY_ID, HB_AWS_SECRET (and HB_AWS_TOKEN)
// for endpoint argv[2] under the service hookbench-cli reads.
int storeChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    AwsKeychain keychain;
    const StoredAwsKey k =
        key(qgetenv("HB_AWS_KEY_ID"), qgetenv("HB_AWS_SECRET"), qgetenv("HB_AWS_TOKEN"));
    const AwsKeychain::Result r = wait([&](QObject *c, AwsKeychain::Callback d) {
        keychain.write(QString::fromUtf8(argv[2]), k, c, d);
    });
    if (!r.ok()) {
        QTextStream(stderr) << r.error << '\n';
        return 3;
    }
    return 0;
}

} // namespace

class TestAwsKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qInstallMessageHandler(collectMessages);
        m_keychain = new AwsKeychain(QString::fromLatin1(Service), this);
        const AwsKeychain::Result r = m_keychain->readNow(QStringLiteral("probe"));
        QVERIFY2(r.ok(), qPrintable("run this test through tests/core/secrets/with-keyring.sh: " +
                                    r.error));
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(nullptr);
        for (const QString &message : std::as_const(g_messages)) {
            for (const QByteArray &s : std::as_const(m_written))
                QVERIFY2(!message.toUtf8().contains(s), "a secret was logged");
        }
        // HOME is with-keyring.sh's throwaway folder, with the (encrypted) keyring in it.
        if (qgetenv("HB_KEYRING_STAGE") == "inside") {
            const QStringList hits = filesContaining(QDir::homePath(), m_written);
            QVERIFY2(hits.isEmpty(), qPrintable(hits.join('\n')));
        }
    }

    void writeReadRemove()
    {
        const QByteArray secret = distinctive("secret");
        const QByteArray token = distinctive("token");
        m_written << secret << token;
        QSignalSpy changed(m_keychain, &AwsKeychain::keyChanged);
        const AwsKeychain::Result w = write("stripe-dev", key("AKIAROUNDTRIP01", secret, token));
        QVERIFY2(w.ok(), qPrintable(w.error));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toString(), QStringLiteral("stripe-dev"));

        const AwsKeychain::Result r = m_keychain->readNow(QStringLiteral("stripe-dev"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.key);
        QCOMPARE(r.key->accessKeyId, QByteArray("AKIAROUNDTRIP01"));
        QCOMPARE(r.key->secretAccessKey, secret);
        QCOMPARE(r.key->sessionToken, token);

        // One entry, under the endpoint's own key in the service, as credential_process JSON.
        auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(Service));
        job->setKey(QStringLiteral("aws:stripe-dev"));
        QSignalSpy finished(job, &QKeychain::Job::finished);
        job->start();
        QVERIFY(finished.wait(Timeout));
        QCOMPARE(job->error(), QKeychain::NoError);
        const QJsonObject entry = QJsonDocument::fromJson(job->binaryData()).object();
        QCOMPARE(entry.value("Version").toInt(), 1);
        QCOMPARE(entry.value("AccessKeyId").toString(), QStringLiteral("AKIAROUNDTRIP01"));

        QVERIFY(!m_keychain->readNow(QStringLiteral("other-endpoint")).key);

        const AwsKeychain::Result removed = wait([&](QObject *c, AwsKeychain::Callback d) {
            m_keychain->remove(QStringLiteral("stripe-dev"), c, d);
        });
        QVERIFY2(removed.ok(), qPrintable(removed.error));
        QCOMPARE(changed.count(), 2);
        const AwsKeychain::Result gone = m_keychain->readNow(QStringLiteral("stripe-dev"));
        QVERIFY(gone.ok());
        QVERIFY(!gone.key);
        // Removing what is not there is not an error.
        QVERIFY(wait([&](QObject *c, AwsKeychain::Callback d) {
                    m_keychain->remove(QStringLiteral("stripe-dev"), c, d);
                }).ok());
    }

    // What `listen` and the app do with the entry: the forward stage's resolver gets the key;
    // every message about a key names the endpoint and the entry, never the secret.
    void lookupHandsTheKeyToTheResolverAndNeverSaysIt()
    {
        const QByteArray secret = distinctive("lookup");
        m_written << secret;
        QVERIFY(write("eb", key("AKIALOOKUP00001", secret)).ok());
        StoredAwsKeys keys;
        keys.setService(m_keychain->service());
        const AwsKeychain::Result r = m_keychain->readNow(QStringLiteral("eb"));
        QVERIFY(r.key);
        keys.insert(QStringLiteral("eb"), *r.key);

        AwsCredentialResolver resolver{QProcessEnvironment()};
        resolver.setStoredKeySource([&keys](const QString &id) { return keys.lookup(id); });
        const AwsCredentialResolver::Result found = resolver.resolveStored(QStringLiteral("eb"));
        QVERIFY2(found.credentials, qPrintable(found.error));
        QCOMPARE(found.credentials->secretAccessKey, secret);
        QVERIFY(!found.credentials->describe().toUtf8().contains(secret));
        QVERIFY(found.credentials->origin.contains(
            QStringLiteral("keychain service \"hookbench-test\", key \"aws:eb\"")));

        const AwsCredentialResolver::Result missing = resolver.resolveStored("none");
        QVERIFY(!missing.credentials && !missing.retryable);
        QVERIFY2(missing.error.contains(QStringLiteral("key \"aws:none\"")),
                 qPrintable(missing.error));
        keys.setLoaded(false);
        QVERIFY(resolver.resolveStored("none").retryable);
        keys.setError(QStringLiteral("broken"), QStringLiteral("the keychain said no"));
        keys.setLoaded(true);
        QVERIFY(resolver.resolveStored("broken").error.contains("the keychain said no"));
        for (const QString &error : {missing.error, resolver.resolveStored("broken").error})
            QVERIFY(!error.toUtf8().contains(secret));
        wait([&](QObject *c, AwsKeychain::Callback d) { m_keychain->remove("eb", c, d); });
    }

    // An entry that is not the JSON this program writes is refused, its content unsaid.
    void foreignEntryIsRefusedWithoutItsContent()
    {
        const QByteArray junk = distinctive("junk");
        m_written << junk;
        auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(Service));
        job->setKey(QStringLiteral("aws:foreign"));
        job->setBinaryData(junk);
        QSignalSpy finished(job, &QKeychain::Job::finished);
        job->start();
        QVERIFY(finished.wait(Timeout));
        const AwsKeychain::Result r = m_keychain->readNow(QStringLiteral("foreign"));
        QCOMPARE(r.status, SecretStore::Status::Failed);
        QVERIFY2(r.error.contains(QStringLiteral("\"aws:foreign\"")), qPrintable(r.error));
        QVERIFY(!r.error.toUtf8().contains(junk));
        wait([&](QObject *c, AwsKeychain::Callback d) { m_keychain->remove("foreign", c, d); });
    }

    void absentKeychain()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QByteArray secret = distinctive("absent");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/hookbench-bus");
        env.insert("HOME", home.path());
        env.insert("XDG_RUNTIME_DIR", home.path());
        env.insert("HB_TEST_SECRET", QString::fromLatin1(secret));
        QProcess child;
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {"--absent-child"});
        QVERIFY2(child.waitForFinished(Timeout), "the child did not finish");
        const QByteArray out = child.readAllStandardOutput();
        const QByteArray err = child.readAllStandardError();
        QCOMPARE(child.exitCode(), 0);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        for (const QByteArray &line : lines)
            QVERIFY2(line.startsWith("unavailable\tNo OS keychain is available"), line.constData());
        QVERIFY(!out.contains(secret) && !err.contains(secret));
        QVERIFY(filesContaining(home.path(), {secret}).isEmpty());
    }

private:
    AwsKeychain::Result write(const char *id, const StoredAwsKey &k)
    {
        return wait([&](QObject *c, AwsKeychain::Callback d) {
            m_keychain->write(QString::fromLatin1(id), k, c, d);
        });
    }

    AwsKeychain *m_keychain = nullptr;
    QList<QByteArray> m_written;
};

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--absent-child") == 0)
        return absentChild(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--store-aws-key") == 0)
        return storeChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestAwsKeychain test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_awskeychain.moc"
