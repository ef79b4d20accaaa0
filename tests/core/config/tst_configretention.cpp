#include "core/config/ConfigLoader.h"
#include "core/config/ConfigWriter.h"

#include <QTest>

// The top-level "retention" key: parsed, refused with the file, key path and problem, written
// back.
class ConfigRetentionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesBothLimits()
    {
        const ConfigLoader::Result r = ConfigLoader::parse(
            R"({"retention": {"max_captures": 5000, "max_mb": 200}})", "c.json", {});
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.config.retention.maxCaptures, 5000);
        QCOMPARE(r.config.retention.maxMegabytes, 200);
        QCOMPARE(r.config.retention.maxBytes(), 200LL * 1024 * 1024);
    }

    void eitherIsOptional()
    {
        const ConfigLoader::Result r =
            ConfigLoader::parse(R"({"retention": {"max_mb": 1}})", "c.json", {});
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.config.retention.maxCaptures, 0);
        QVERIFY(r.config.retention.isSet());
        QVERIFY(!ConfigLoader::parse("{}", "c.json", {}).config.retention.isSet());
    }

    void refusesBadValues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown key")
            << QByteArray(R"({"retention": {"max_captures": 5, "max_days": 3}})")
            << QStringLiteral("/etc/hb.json: retention.max_days: unknown key (expected one of: "
                              "max_captures, max_mb)");
        QTest::newRow("string") << QByteArray(R"({"retention": {"max_mb": "200"}})")
                                << QStringLiteral("/etc/hb.json: retention.max_mb: expected a "
                                                  "whole number from 1 to 100000000, found");
        QTest::newRow("zero") << QByteArray(R"({"retention": {"max_captures": 0}})")
                              << QStringLiteral("/etc/hb.json: retention.max_captures: expected "
                                                "a whole number from 1 to 1000000000, found 0");
        QTest::newRow("fraction") << QByteArray(R"({"retention": {"max_captures": 2.5}})")
                                  << QStringLiteral("/etc/hb.json: retention.max_captures:");
        QTest::newRow("not an object")
            << QByteArray(R"({"retention": 100})") << QStringLiteral("/etc/hb.json: retention:");
    }

    void refusesBadValues()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const ConfigLoader::Result r = ConfigLoader::parse(json, "/etc/hb.json", {});
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(error), qPrintable(r.error));
        QVERIFY(!r.config.retention.isSet()); // the defaults, as for any bad file
    }

    void writtenBackOnlyWhenSet()
    {
        AppConfig config;
        QVERIFY(!ConfigWriter::toJson(config).contains("retention"));
        config.retention.maxCaptures = 10;
        const QByteArray json = ConfigWriter::toJson(config);
        const ConfigLoader::Result r = ConfigLoader::parse(json, "c.json", {});
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.config.retention == config.retention);
        QVERIFY(!json.contains("max_mb"));
    }
};

QTEST_GUILESS_MAIN(ConfigRetentionTest)
#include "tst_configretention.moc"
