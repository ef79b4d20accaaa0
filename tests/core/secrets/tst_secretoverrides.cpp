#include "core/secrets/SecretOverrides.h"

#include <QtTest>

class TestSecretOverrides : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void parsesPairsAndReadsVariablesExactly();
    void envSecretsComeFirst();
    void applyToAllEndpoints();
    void noSpecsIsEmpty();
    void rejects_data();
    void rejects();

private:
    const QStringList m_ids{"stripe-dev", "github", "a=b"};
};

void TestSecretOverrides::init()
{
    qputenv("HB_TEST_SECRET_A", QByteArray(" whsec_A \n\tx "));
    qputenv("HB_TEST_SECRET_B", "second");
    qputenv("HB_TEST_EMPTY", "");
    qunsetenv("HB_TEST_UNSET");
}

void TestSecretOverrides::cleanup()
{
    for (const char *name : {"HB_TEST_SECRET_A", "HB_TEST_SECRET_B", "HB_TEST_EMPTY"})
        qunsetenv(name);
}

void TestSecretOverrides::parsesPairsAndReadsVariablesExactly()
{
    SecretOverrides o;
    QString error;
    QVERIFY2(SecretOverrides::parse({"github=HB_TEST_SECRET_B", "stripe-dev=HB_TEST_SECRET_A",
                                     "github=HB_TEST_SECRET_A"},
                                    m_ids, &o, &error),
             qPrintable(error));
    QCOMPARE(o.endpointIds(), QStringList({"github", "stripe-dev"}));
    QVERIFY(o.covers("github"));
    QVERIFY(!o.covers("other"));
    const QList<SigningSecret> stripe = o.secretsFor("stripe-dev");
    QCOMPARE(stripe.size(), 1);
    QCOMPARE(stripe.first().value, QByteArray(" whsec_A \n\tx ")); // exactly, nothing trimmed
    QCOMPARE(stripe.first().label, QString("from $HB_TEST_SECRET_A"));
    const QList<SigningSecret> github = o.secretsFor("github");
    QCOMPARE(github.size(), 2); // given order
    QCOMPARE(github.at(0).value, QByteArray("second"));
    QCOMPARE(github.at(1).value, QByteArray(" whsec_A \n\tx "));
}

void TestSecretOverrides::envSecretsComeFirst()
{
    SecretOverrides o;
    QString error;
    QVERIFY(SecretOverrides::parse({"stripe-dev=HB_TEST_SECRET_B"}, m_ids, &o, &error));
    const QList<SigningSecret> stored{{"keychain-current", "c", QDateTime()},
                                      {"keychain-previous", "p", QDateTime()}};
    const QList<SigningSecret> list = o.secretsFor("stripe-dev", stored);
    QCOMPARE(list.size(), 3);
    QCOMPARE(list.at(0).value, QByteArray("second"));
    QCOMPARE(list.at(1).value, QByteArray("keychain-current"));
    QCOMPARE(list.at(2).value, QByteArray("keychain-previous"));
    QCOMPARE(o.secretsFor("github", stored), stored); // not overridden: unchanged
}

void TestSecretOverrides::applyToAllEndpoints()
{
    SecretOverrides o;
    QString error;
    QVERIFY(SecretOverrides::parse({"a=b=HB_TEST_SECRET_B"}, m_ids, &o, &error));
    QCOMPARE(o.endpointIds(), QStringList{"a=b"}); // an id may hold '='; a variable cannot
    QVERIFY(SecretOverrides::parse({"github=HB_TEST_SECRET_B"}, m_ids, &o, &error));
    QHash<QString, QList<SigningSecret>> stored;
    stored["stripe-dev"] = {{"s", "", QDateTime()}};
    stored["github"] = {{"g", "", QDateTime()}};
    const auto all = o.applyTo(stored);
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.value("stripe-dev"), stored.value("stripe-dev"));
    QCOMPARE(all.value("github").size(), 2);
    QCOMPARE(all.value("github").first().value, QByteArray("second"));
    const auto onlyEnv = o.applyTo({});
    QCOMPARE(onlyEnv.size(), 1);
    QCOMPARE(onlyEnv.value("github").size(), 1);
}

void TestSecretOverrides::noSpecsIsEmpty()
{
    SecretOverrides o;
    QString error;
    QVERIFY(SecretOverrides::parse({}, {}, &o, &error));
    QVERIFY(o.isEmpty());
    QVERIFY(o.secretsFor("x").isEmpty());
}

void TestSecretOverrides::rejects_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("no =") << "stripe-dev"
                          << "--secret-env expects ENDPOINT_ID=VAR, found \"stripe-dev\"";
    QTest::newRow("no id") << "=HB_TEST_SECRET_A"
                           << "--secret-env expects ENDPOINT_ID=VAR, found \"=HB_TEST_SECRET_A\"";
    QTest::newRow("no variable") << "stripe-dev="
                                 << "--secret-env expects ENDPOINT_ID=VAR, found \"stripe-dev=\"";
    QTest::newRow("bad variable name")
        << "stripe-dev=1BAD"
        << "--secret-env stripe-dev=1BAD: \"1BAD\" is not an environment variable name";
    QTest::newRow("unknown endpoint") << "nope=HB_TEST_SECRET_A"
                                      << "--secret-env nope=HB_TEST_SECRET_A: no endpoint with id "
                                         "\"nope\" in the config (known: stripe-dev, github, a=b)";
    QTest::newRow("unset") << "github=HB_TEST_UNSET"
                           << "--secret-env github=HB_TEST_UNSET: the environment variable "
                              "HB_TEST_UNSET is not set";
    QTest::newRow("empty") << "github=HB_TEST_EMPTY"
                           << "--secret-env github=HB_TEST_EMPTY: the environment variable "
                              "HB_TEST_EMPTY is empty";
}

void TestSecretOverrides::rejects()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    SecretOverrides o;
    QString error;
    QVERIFY(!SecretOverrides::parse({"github=HB_TEST_SECRET_B", spec}, m_ids, &o, &error));
    QCOMPARE(error, message);
    QVERIFY(!error.contains("second") && !error.contains("whsec_A"));
    QVERIFY(o.isEmpty()); // nothing half-parsed
}

QTEST_GUILESS_MAIN(TestSecretOverrides)
#include "tst_secretoverrides.moc"
