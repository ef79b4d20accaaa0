#include "core/secrets/SecretListCodec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

class TestSecretListCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrips_data();
    void roundTrips();
    void keepsOrderLabelsAndDates();
    void entryIsJsonWithBase64Values();
    void rejectsForeignEntries_data();
    void rejectsForeignEntries();
    void wipeZeroesOnlyUnsharedBytes();
};

void TestSecretListCodec::roundTrips_data()
{
    QTest::addColumn<QByteArray>("value");
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all.append(char(i));
    QTest::newRow("text") << QByteArray("whsec_abc123");
    QTest::newRow("newlines") << QByteArray("a\nb\r\nc\n");
    QTest::newRow("NUL bytes") << QByteArray("\0ab\0\0c\0", 7);
    QTest::newRow("every byte") << all;
    QTest::newRow("not UTF-8") << QByteArray("\xff\xfe\xc3(");
    QTest::newRow("quotes and backslashes") << QByteArray("\"},{\\\"value\":");
    QTest::newRow("surrounding spaces") << QByteArray("  s  ");
}

void TestSecretListCodec::roundTrips()
{
    QFETCH(QByteArray, value);
    const QList<SigningSecret> in{{value, QStringLiteral("current"), QDateTime()}};
    QList<SigningSecret> out;
    QString error;
    QVERIFY2(SecretListCodec::decode(SecretListCodec::encode(in), &out, &error), qPrintable(error));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.first().value, value);
    QVERIFY(!out.first().created.isValid());
}

void TestSecretListCodec::keepsOrderLabelsAndDates()
{
    const QDateTime t1 = QDateTime::fromString("2025-01-31T12:00:00.123Z", Qt::ISODateWithMs);
    const QDateTime t0 = QDateTime::fromString("2024-06-01T08:30:00.000Z", Qt::ISODateWithMs);
    const QList<SigningSecret> in{{"new", QString::fromUtf8("nouveau \"clé\" ✓"), t1},
                                  {"old", "previous", t0},
                                  {"older", "", QDateTime()}};
    QList<SigningSecret> out;
    QString error;
    QVERIFY(SecretListCodec::decode(SecretListCodec::encode(in), &out, &error));
    QCOMPARE(out, in);
    QCOMPARE(out.at(0).created, t1);
}

void TestSecretListCodec::entryIsJsonWithBase64Values()
{
    const QByteArray entry = SecretListCodec::encode({{"s3cr3t-value", "l", QDateTime()}});
    QVERIFY(!entry.contains("s3cr3t-value"));
    QJsonParseError e;
    const QJsonObject root = QJsonDocument::fromJson(entry, &e).object();
    QCOMPARE(e.error, QJsonParseError::NoError);
    QCOMPARE(root.value("format").toString(), QString("hookbench-secrets"));
    QCOMPARE(root.value("version").toInt(), 1);
    QCOMPARE(root.value("secrets").toArray().first().toObject().value("value").toString(),
             QString(QByteArray("s3cr3t-value").toBase64()));
}

void TestSecretListCodec::rejectsForeignEntries_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::newRow("plain password") << QByteArray("hunter2-plain");
    QTest::newRow("other JSON") << QByteArray(R"({"password":"hunter2-plain"})");
    QTest::newRow("future version")
        << QByteArray(R"({"format":"hookbench-secrets","version":2,"secrets":[]})");
    QTest::newRow("bad base64") << QByteArray(
        R"({"format":"hookbench-secrets","version":1,"secrets":[{"value":"hunter2-plain!","label":""}]})");
    QTest::newRow("label not a string") << QByteArray(
        R"({"format":"hookbench-secrets","version":1,"secrets":[{"value":"aGk=","label":3}]})");
}

void TestSecretListCodec::rejectsForeignEntries()
{
    QFETCH(QByteArray, entry);
    QList<SigningSecret> out;
    QString error;
    QVERIFY(!SecretListCodec::decode(entry, &out, &error));
    QVERIFY(out.isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.contains("hunter2"), qPrintable(error)); // never quotes the entry
}

void TestSecretListCodec::wipeZeroesOnlyUnsharedBytes()
{
    QByteArray owned("secret-bytes");
    owned.detach();
    const char *data = owned.constData();
    const qsizetype size = owned.size();
    QByteArray keep = owned; // shared: wiping must not write into the other owner's bytes
    SigningSecret::wipe(owned);
    QVERIFY(owned.isEmpty());
    QCOMPARE(keep, QByteArray("secret-bytes"));
    QCOMPARE(keep.constData(), data);
    SigningSecret::wipe(keep); // last owner: zeroed in place before release
    QVERIFY(keep.isEmpty());
    Q_UNUSED(size);
}

QTEST_GUILESS_MAIN(TestSecretListCodec)
#include "tst_secretlistcodec.moc"
