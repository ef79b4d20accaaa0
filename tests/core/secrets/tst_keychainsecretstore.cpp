// KeychainSecretStore against a real Secret Service: run through with-keyring.sh (CTest does),
// which provides a private D-Bus session and an unlocked GNOME Keyring under a temporary HOME. The
// "no keychain" cases run this binary again as a child with the session bus pointing nowhere.
#include "core/secrets/BlockingSecretStore.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/SecretRotation.h"

#include <QDirIterator>
#include <QMutex>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <qt6keychain/keychain.h>

namespace {

const char Service[] = "hookbench-test";
const int Timeout = 30000;

QByteArray randomBytes(int n)
{
    QByteArray b(n, Qt::Uninitialized);
    for (char &c : b)
        c = char(QRandomGenerator::global()->bounded(256));
    return b;
}

// A distinctive printable secret, so that a hit in a file cannot be chance.
QByteArray distinctive(const char *tag)
{
    return QByteArray("hb-") + tag + '-' + randomBytes(18).toHex();
}

// Every form in which a secret could sit in a file.
QList<QByteArray> forms(const QByteArray &secret)
{
    return {secret, secret.toHex(), secret.toHex().toUpper(), secret.toBase64(),
            secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)};
}

// Files under `root` that contain any form of any of `secrets` (short values are skipped: a few
// bytes occur by chance).
QStringList filesContaining(const QString &root, const QList<QByteArray> &secrets)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue; // sockets and the like
        const QByteArray content = f.readAll();
        for (const QByteArray &s : secrets) {
            if (s.size() < 8)
                continue;
            for (const QByteArray &form : forms(s)) {
                if (content.contains(form))
                    hits << path + " (" + form.left(12) + "...)";
            }
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

// The child of absentKeychain(): every operation must fail as Unavailable, with the clear error.
int absentChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QByteArray secret = qgetenv("HB_TEST_SECRET");
    KeychainSecretStore store(QString::fromLatin1(Service));
    BlockingSecretStore keychain(store);
    QTextStream out(stdout);
    const QList<SecretStore::Result> results{
        keychain.checkAvailability(), keychain.write("absent-ep", {{secret, "l", QDateTime()}}),
        keychain.read("absent-ep"), keychain.remove("absent-ep")};
    for (const SecretStore::Result &r : results)
        out << (r.status == SecretStore::Status::Unavailable ? "unavailable" : "WRONG") << '\t'
            << r.error << '\n';
    return 0;
}

// For the CLI tests (test_secrets_cli.py): prints the stored values of an endpoint of the CLI's
// service in hex, one per line, so they can check the exact bytes `secrets set` stored.
int printHexChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    KeychainSecretStore store; // the default service, as hookbench-cli uses
    SecretStore::Result r = BlockingSecretStore(store).read(QString::fromUtf8(argv[2]));
    if (!r.ok()) {
        QTextStream(stderr) << r.error << '\n';
        return 3;
    }
    QTextStream out(stdout);
    for (const SigningSecret &s : r.secrets)
        out << s.value.toHex() << '\t' << s.label << '\n';
    return 0;
}

} // namespace

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void writeAndReadBack();
    void unknownEndpointReadsEmpty();
    void rotationKeepsOrderLabelsAndDates();
    void removeDeletes();
    void severalEndpointsAreIndependent();
    void concurrentJobs();
    void writeThenReadInFlightSeesTheWrite();
    void valuesRoundTripExactly_data();
    void valuesRoundTripExactly();
    void callbacksAreNeverSynchronous();
    void destroyedContextDropsOnlyTheCallback();
    void secretsChangedAfterWriteAndRemove();
    void foreignEntryIsReportedWithoutItsContent();
    void absentKeychain_data();
    void absentKeychain();

private:
    SecretStore::Result write(const QString &id, const QList<SigningSecret> &list);
    SecretStore::Result read(const QString &id);
    QString endpoint(const char *name);

    KeychainSecretStore *m_store = nullptr;
    QList<QByteArray> m_written; // every secret this run handed to the keychain
    QStringList m_endpoints;
    QString m_prefix;
};

SecretStore::Result TestKeychainSecretStore::write(const QString &id,
                                                   const QList<SigningSecret> &list)
{
    for (const SigningSecret &s : list)
        m_written << s.value;
    return BlockingSecretStore(*m_store).write(id, list);
}

SecretStore::Result TestKeychainSecretStore::read(const QString &id)
{
    return BlockingSecretStore(*m_store).read(id);
}

QString TestKeychainSecretStore::endpoint(const char *name)
{
    const QString id = m_prefix + QString::fromLatin1(name);
    m_endpoints << id;
    return id;
}

void TestKeychainSecretStore::initTestCase()
{
    qInstallMessageHandler(collectMessages);
    m_prefix = QStringLiteral("t%1-").arg(QCoreApplication::applicationPid());
    m_store = new KeychainSecretStore(QString::fromLatin1(Service), this);
    const SecretStore::Result r = BlockingSecretStore(*m_store).checkAvailability();
    QVERIFY2(r.ok(),
             qPrintable("run this test through tests/core/secrets/with-keyring.sh: " + r.error));
}

void TestKeychainSecretStore::init()
{
    QVERIFY(m_store);
}

void TestKeychainSecretStore::cleanupTestCase()
{
    qInstallMessageHandler(nullptr);
    if (!m_store)
        return;
    for (const QString &id : std::as_const(m_endpoints))
        BlockingSecretStore(*m_store).remove(id);
    // Nothing logged (by us or by QtKeychain) may carry a secret.
    for (const QString &message : std::as_const(g_messages)) {
        for (const QByteArray &s : std::as_const(m_written)) {
            if (s.size() >= 8)
                QVERIFY2(!message.toUtf8().contains(s), "a secret was logged");
        }
    }
    // Under with-keyring.sh HOME is a throwaway folder that also holds the (encrypted) keyring:
    // a plaintext copy anywhere in it (QtKeychain's insecure fallback, a QSettings file) fails.
    if (qgetenv("HB_KEYRING_STAGE") == "inside") {
        const QStringList hits = filesContaining(QDir::homePath(), m_written);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join('\n')));
    }
}

void TestKeychainSecretStore::writeAndReadBack()
{
    const QString id = endpoint("basic");
    const QList<SigningSecret> list{
        {distinctive("basic"), "current", QDateTime::currentDateTimeUtc()}};
    const SecretStore::Result w = write(id, list);
    QVERIFY2(w.ok(), qPrintable(w.error));
    const SecretStore::Result r = read(id);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.secrets, list);
}

void TestKeychainSecretStore::unknownEndpointReadsEmpty()
{
    const SecretStore::Result r = read(endpoint("never-written"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.secrets.isEmpty());
}

void TestKeychainSecretStore::rotationKeepsOrderLabelsAndDates()
{
    const QString id = endpoint("rotate");
    const QDateTime t0 = QDateTime::fromString("2025-01-01T09:00:00.250Z", Qt::ISODateWithMs);
    const QByteArray first = distinctive("first"), second = distinctive("second"),
                     third = distinctive("third");
    QList<SigningSecret> list = SecretRotation::add({}, first, t0);
    QVERIFY(write(id, list).ok());
    list = SecretRotation::add(read(id).secrets, second, t0.addSecs(3600));
    QVERIFY(write(id, list).ok());
    SecretStore::Result r = read(id);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.secrets.size(), 2);
    QCOMPARE(r.secrets.at(0).value, second);
    QCOMPARE(r.secrets.at(0).created, t0.addSecs(3600));
    QCOMPARE(r.secrets.at(0).label, SecretRotation::labelFor(t0.addSecs(3600)));
    QCOMPARE(r.secrets.at(1).value, first);
    QCOMPARE(r.secrets.at(1).created, t0);
    QCOMPARE(r.secrets.at(1).label, QString("added 2025-01-01 09:00:00 UTC"));

    list = SecretRotation::add(r.secrets, third, t0.addSecs(7200));
    QVERIFY(write(id, list).ok());
    r = read(id);
    QCOMPARE(r.secrets.size(), 2);
    QCOMPARE(r.secrets.at(0).value, third);
    QCOMPARE(r.secrets.at(1).value, second);

    // Several secrets of any number can be stored as given, in order.
    QList<SigningSecret> many;
    for (int i = 0; i < 5; ++i)
        many << SigningSecret{distinctive("many"), QStringLiteral("n%1").arg(i), t0.addDays(-i)};
    QVERIFY(write(id, many).ok());
    QCOMPARE(read(id).secrets, many);
}

void TestKeychainSecretStore::removeDeletes()
{
    const QString id = endpoint("remove");
    QVERIFY(write(id, {{distinctive("remove"), "x", QDateTime()}}).ok());
    SecretStore::Result r = BlockingSecretStore(*m_store).remove(id);
    QVERIFY2(r.ok(), qPrintable(r.error));
    r = read(id);
    QVERIFY(r.ok());
    QVERIFY(r.secrets.isEmpty());
    r = BlockingSecretStore(*m_store).remove(id); // nothing left: still fine
    QVERIFY2(r.ok(), qPrintable(r.error));
    // Writing an empty list removes too.
    QVERIFY(write(id, {{distinctive("remove2"), "x", QDateTime()}}).ok());
    QVERIFY(write(id, {}).ok());
    QVERIFY(read(id).secrets.isEmpty());
}

void TestKeychainSecretStore::severalEndpointsAreIndependent()
{
    QHash<QString, QList<SigningSecret>> expected;
    for (const char *name : {"ep-a", "ep-b", "ep-c", "ep-d"}) {
        const QString id = endpoint(name);
        expected[id] = {{distinctive(name), "current", QDateTime()},
                        {distinctive(name), "previous", QDateTime()}};
        QVERIFY(write(id, expected[id]).ok());
    }
    // Same key under another service: must not be seen by ours.
    KeychainSecretStore other(QStringLiteral("hookbench-test-other"));
    const QString shared = expected.keys().first();
    const QByteArray otherSecret = distinctive("other-service");
    m_written << otherSecret;
    QVERIFY(BlockingSecretStore(other).write(shared, {{otherSecret, "o", QDateTime()}}).ok());

    const QString removed = expected.keys().last();
    QVERIFY(BlockingSecretStore(*m_store).remove(removed).ok());
    expected[removed].clear();
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const SecretStore::Result r = read(it.key());
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.secrets, it.value());
    }
    QCOMPARE(BlockingSecretStore(other).read(shared).secrets.first().value, otherSecret);
    QVERIFY(BlockingSecretStore(other).remove(shared).ok());
}

void TestKeychainSecretStore::concurrentJobs()
{
    const int n = 12;
    QHash<QString, QByteArray> values;
    int writesDone = 0, writesOk = 0;
    QObject context;
    for (int i = 0; i < n; ++i) { // all in flight at once: no waiting between them
        const QString id = endpoint("concurrent") + QString::number(i);
        values[id] = distinctive("concurrent");
        m_written << values[id];
        m_store->write(id, {{values[id], QString::number(i), QDateTime()}}, &context,
                       [&](const SecretStore::Result &r) {
                           ++writesDone;
                           writesOk += r.ok() ? 1 : 0;
                       });
    }
    QTRY_COMPARE_WITH_TIMEOUT(writesDone, n, Timeout);
    QCOMPARE(writesOk, n);

    QHash<QString, QByteArray> readBack;
    int readsDone = 0;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString id = it.key();
        m_store->read(id, &context, [&, id](const SecretStore::Result &r) {
            ++readsDone;
            if (r.ok() && r.secrets.size() == 1)
                readBack[id] = r.secrets.first().value;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(readsDone, n, Timeout);
    QCOMPARE(readBack, values);
}

void TestKeychainSecretStore::writeThenReadInFlightSeesTheWrite()
{
    // Operations run in the order they were started, so a read started right after a write (both
    // still in flight) returns what was written: the GUI can save then re-verify without waiting.
    const QString id = endpoint("ordered");
    QObject context;
    QStringList events;
    const QByteArray a = distinctive("ordered-a"), b = distinctive("ordered-b");
    m_written << a << b;
    m_store->write(id, {{a, "a", QDateTime()}}, &context,
                   [&](const SecretStore::Result &r) { events << (r.ok() ? "w1" : r.error); });
    m_store->read(id, &context, [&](const SecretStore::Result &r) {
        events << (r.secrets.value(0).value == a ? "r1=a" : "r1=?");
    });
    m_store->write(id, {{b, "b", QDateTime()}}, &context,
                   [&](const SecretStore::Result &r) { events << (r.ok() ? "w2" : r.error); });
    m_store->read(id, &context, [&](const SecretStore::Result &r) {
        events << (r.secrets.value(0).value == b ? "r2=b" : "r2=?");
    });
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 4, Timeout);
    QCOMPARE(events, QStringList({"w1", "r1=a", "w2", "r2=b"}));
}

void TestKeychainSecretStore::valuesRoundTripExactly_data()
{
    QTest::addColumn<QByteArray>("value");
    QByteArray every;
    for (int i = 0; i < 256; ++i)
        every.append(char(i));
    QTest::newRow("newlines") << distinctive("nl") + "\n\r\nend\n";
    QTest::newRow("NUL bytes") << QByteArray("\0lead", 5) + distinctive("nul") + QByteArray(2, 0);
    QTest::newRow("every byte value") << every + distinctive("all");
    QTest::newRow("random binary") << randomBytes(4096);
    QTest::newRow("not UTF-8") << QByteArray("\xff\xfe\x80") + distinctive("bin");
    QTest::newRow("whitespace kept") << " \t" + distinctive("ws") + " \n";
}

void TestKeychainSecretStore::valuesRoundTripExactly()
{
    QFETCH(QByteArray, value);
    const QString id = endpoint("bytes") + QTest::currentDataTag();
    const SecretStore::Result w = write(id, {{value, "bytes", QDateTime()}});
    QVERIFY2(w.ok(), qPrintable(w.error));
    const SecretStore::Result r = read(id);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.secrets.size(), 1);
    QCOMPARE(r.secrets.first().value, value);
}

void TestKeychainSecretStore::callbacksAreNeverSynchronous()
{
    QObject context;
    bool called = false;
    m_store->read(endpoint("async"), &context, [&](const SecretStore::Result &) { called = true; });
    QVERIFY(!called);
    QTRY_VERIFY_WITH_TIMEOUT(called, Timeout);
}

void TestKeychainSecretStore::destroyedContextDropsOnlyTheCallback()
{
    const QString id = endpoint("dropped");
    const QByteArray value = distinctive("dropped");
    m_written << value;
    bool dropped = false, last = false;
    auto *context = new QObject;
    m_store->write(id, {{value, "d", QDateTime()}}, context,
                   [&](const SecretStore::Result &) { dropped = true; });
    delete context; // e.g. the dialog closed right after Save
    QObject alive;
    m_store->read(id, &alive, [&](const SecretStore::Result &) { last = true; });
    QTRY_VERIFY_WITH_TIMEOUT(last, Timeout);
    QVERIFY(!dropped);
    QCOMPARE(read(id).secrets.value(0).value, value); // the write itself still happened
}

void TestKeychainSecretStore::secretsChangedAfterWriteAndRemove()
{
    const QString id = endpoint("signal");
    QSignalSpy spy(m_store, &SecretStore::secretsChanged);
    QVERIFY(write(id, {{distinctive("signal"), "s", QDateTime()}}).ok());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), id);
    read(id);
    QCOMPARE(spy.size(), 1); // reading changes nothing
    QVERIFY(BlockingSecretStore(*m_store).remove(id).ok());
    QCOMPARE(spy.size(), 2);
}

void TestKeychainSecretStore::foreignEntryIsReportedWithoutItsContent()
{
    const QString id = endpoint("foreign");
    const QByteArray junk = "not-ours-" + distinctive("foreign");
    m_written << junk;
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(Service));
    job->setInsecureFallback(false);
    job->setKey(id);
    job->setBinaryData(junk);
    bool done = false;
    connect(job, &QKeychain::Job::finished, this, [&] { done = true; });
    job->start();
    QTRY_VERIFY_WITH_TIMEOUT(done, Timeout);

    const SecretStore::Result r = read(id);
    QCOMPARE(r.status, SecretStore::Status::Failed);
    QVERIFY2(r.error.contains(id) && r.error.contains("unusable"), qPrintable(r.error));
    QVERIFY(!r.error.contains("not-ours"));
    QVERIFY(BlockingSecretStore(*m_store).remove(id).ok()); // and it can be deleted
}

void TestKeychainSecretStore::absentKeychain_data()
{
    QTest::addColumn<QString>("busAddress"); // empty: unset
    QTest::addColumn<QString>("detail");
    QTest::newRow("bus address points nowhere") << "unix:path=/nonexistent/hookbench-bus"
                                                << "cannot connect to the D-Bus session bus";
    QTest::newRow("no bus address, no user bus") << QString() << "D-Bus session bus";
}

void TestKeychainSecretStore::absentKeychain()
{
    QFETCH(QString, busAddress);
    QFETCH(QString, detail);
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QVERIFY(QDir(home.path()).mkpath("runtime"));
    QFile::setPermissions(home.filePath("runtime"),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QByteArray secret = distinctive("absent");

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY",
                             "XDG_CURRENT_DESKTOP", "KDE_FULL_SESSION"})
        env.remove(QString::fromLatin1(name));
    if (!busAddress.isEmpty())
        env.insert("DBUS_SESSION_BUS_ADDRESS", busAddress);
    env.insert("HOME", home.path());
    env.insert("XDG_RUNTIME_DIR", home.filePath("runtime"));
    env.insert("XDG_CONFIG_HOME", home.filePath(".config"));
    env.insert("XDG_DATA_HOME", home.filePath(".local/share"));
    env.insert("XDG_CACHE_HOME", home.filePath(".cache"));
    env.insert("HB_TEST_SECRET", QString::fromLatin1(secret));
    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {"--absent-child"});
    QVERIFY2(child.waitForFinished(Timeout), "the child did not finish");
    const QByteArray out = child.readAllStandardOutput();
    const QByteArray err = child.readAllStandardError();
    QCOMPARE(child.exitCode(), 0);
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4); // checkAvailability, write, read, remove
    for (const QByteArray &line : lines) {
        QVERIFY2(line.startsWith("unavailable\tNo OS keychain is available (Secret Service over "
                                 "D-Bus): "),
                 line.constData());
        QVERIFY2(line.contains(detail.toUtf8()), line.constData());
    }
    QVERIFY(!out.contains(secret) && !err.contains(secret));
    const QStringList hits = filesContaining(home.path(), {secret});
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join('\n')));
}

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--absent-child") == 0)
        return absentChild(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--print-hex") == 0)
        return printHexChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestKeychainSecretStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainsecretstore.moc"
