#include "core/config/ConfigLoader.h"

#include <QTemporaryDir>
#include <QtTest>

class TestConfigLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsTheContractExample();
    void badFiles_data();
    void badFiles();
    void missingFile();
    void routesByPathIgnoringQuery();
};

void TestConfigLoader::readsTheContractExample()
{
    const ConfigLoader::Result r = ConfigLoader::parse(R"({
      "listen": {"bind": "127.0.0.1", "port": 9000, "limits": {"max_body_bytes": 1000}},
      "endpoints": [{
        "id": "stripe-dev", "path": "/stripe", "provider": "stripe", "tolerance_s": 300,
        "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                     "body": "{\"received\":true}", "delay_ms": 5},
        "forward": {"only_verified": true}
      }]})",
                                                       "c.json");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.config.port, 9000);
    QCOMPARE(r.config.limits.framing.maxBodyBytes, 1000);
    QCOMPARE(r.config.endpoints.size(), 1);
    const EndpointConfig &e = r.config.endpoints.first();
    QCOMPARE(e.id, QString("stripe-dev"));
    QCOMPARE(e.toleranceS, 300);
    QCOMPARE(e.response.body, QByteArray("{\"received\":true}"));
    QCOMPARE(e.response.delayMs, 5);
    QCOMPARE(e.response.headers.first().first, QByteArray("Content-Type"));
    QVERIFY(e.forward.value("only_verified").toBool());
}

void TestConfigLoader::badFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mustMention");
    QTest::newRow("syntax") << QByteArray("{\n  \"listen\": {\n    \"port\": 80,,\n}") << "line 3";
    QTest::newRow("not an object") << QByteArray("[]") << "top level";
    QTest::newRow("unknown top key") << QByteArray(R"({"listn":{}})") << "listn: unknown key";
    QTest::newRow("port type") << QByteArray(R"({"listen":{"port":"80"}})")
                               << "listen.port: expected a whole number";
    QTest::newRow("port range") << QByteArray(R"({"listen":{"port":70000}})") << "listen.port";
    QTest::newRow("endpoints type")
        << QByteArray(R"({"endpoints":{}})") << "endpoints: expected an array";
    QTest::newRow("endpoint missing id")
        << QByteArray(R"({"endpoints":[{"path":"/a"}]})") << "endpoints[0].id: missing";
    QTest::newRow("unknown endpoint key")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","secret":"x"}]})")
        << "endpoints[0].secret: unknown key";
    QTest::newRow("status type")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","response":{"status":"ok"}}]})")
        << "endpoints[0].response.status";
    QTest::newRow("header value type")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","response":{"headers":{"X":1}}}]})")
        << "endpoints[0].response.headers.X: expected a string";
    QTest::newRow("duplicate id")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a"},{"id":"a","path":"/b"}]})")
        << "endpoints[1].id: duplicate id";
    QTest::newRow("duplicate path")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a"},{"id":"b","path":"/a"}]})")
        << "endpoints[1].path: duplicate path";
    QTest::newRow("relative path")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"a"}]})") << "endpoints[0].path";
    QTest::newRow("limits key") << QByteArray(R"({"listen":{"limits":{"max_body":1}}})")
                                << "listen.limits.max_body: unknown key";
}

void TestConfigLoader::badFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mustMention);
    const ConfigLoader::Result r =
        ConfigLoader::parse(json, "/home/u/.config/hookbench/config.json");
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith("/home/u/.config/hookbench/config.json: "), qPrintable(r.error));
    QVERIFY2(r.error.contains(mustMention), qPrintable(r.error));
    QVERIFY(r.config.endpoints.isEmpty()); // nothing half-applied
}

void TestConfigLoader::missingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("none.json");
    QVERIFY(ConfigLoader::load(path, false).ok());
    const ConfigLoader::Result r = ConfigLoader::load(path, true);
    QVERIFY(!r.ok());
    QVERIFY(r.error.contains(path));
}

void TestConfigLoader::routesByPathIgnoringQuery()
{
    const ConfigLoader::Result r = ConfigLoader::parse(
        R"({"endpoints":[{"id":"a","path":"/a"},{"id":"b","path":"/b"}]})", "c.json");
    QCOMPARE(r.config.endpointForPath("/b?x=1")->id, QString("b"));
    QCOMPARE(r.config.endpointForPath("/a")->id, QString("a"));
    QVERIFY(!r.config.endpointForPath("/a/more"));
    QVERIFY(!r.config.endpointForPath("/c"));
}

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "tst_configloader.moc"
