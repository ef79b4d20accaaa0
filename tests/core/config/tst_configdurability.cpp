#include "core/config/ConfigLoader.h"
#include "core/config/ConfigWriter.h"

#include <QtTest>

// listen.durability: "process" (default) or "power" (issue 12, item 7).
class TestConfigDurability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultIsProcess();
    void readsBothValues();
    void refusesOtherValues_data();
    void refusesOtherValues();
    void writerKeepsIt();
};

namespace {

ConfigLoader::Result parse(const QByteArray &json)
{
    return ConfigLoader::parse(json, "c.json", QStringList());
}

} // namespace

void TestConfigDurability::defaultIsProcess()
{
    const ConfigLoader::Result r = parse(R"({"listen":{"port":1}})");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.config.durability, Durability::Process);
    QCOMPARE(AppConfig().durability, Durability::Process);
}

void TestConfigDurability::readsBothValues()
{
    ConfigLoader::Result r = parse(R"({"listen":{"durability":"power"}})");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.config.durability, Durability::Power);
    r = parse(R"({"listen":{"durability":"process"}})");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.config.durability, Durability::Process);
}

void TestConfigDurability::refusesOtherValues_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown") << QByteArray(R"({"listen":{"durability":"disk"}})")
                             << R"(c.json: listen.durability: expected "process" or "power", )"
                                R"(found "disk")";
    QTest::newRow("case") << QByteArray(R"({"listen":{"durability":"Power"}})")
                          << R"(listen.durability: expected "process" or "power")";
    QTest::newRow("number") << QByteArray(R"({"listen":{"durability":2}})")
                            << "listen.durability: expected a string, found a number";
}

void TestConfigDurability::refusesOtherValues()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const ConfigLoader::Result r = parse(json);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(error), qPrintable(r.error));
    QCOMPARE(r.config.durability, Durability::Process);
}

void TestConfigDurability::writerKeepsIt()
{
    AppConfig power;
    power.durability = Durability::Power;
    const QByteArray json = ConfigWriter::toJson(power);
    QVERIFY2(json.contains("\"durability\": \"power\""), json.constData());
    const ConfigLoader::Result r = parse(json);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.config.durability, Durability::Power);
    QVERIFY(!ConfigWriter::toJson(AppConfig()).contains("durability")); // the default is implied
}

QTEST_GUILESS_MAIN(TestConfigDurability)
#include "tst_configdurability.moc"
