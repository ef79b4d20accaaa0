#include "core/config/ConfigLoader.h"

#include <QTemporaryDir>
#include <QtTest>

namespace {

// The provider names are the caller's to give (ProviderRegistry::names() in the programs).
const QStringList Providers = {"stripe", "github", "generic-hmac"};

} // namespace

class TestConfigLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsTheContractExample();
    void badFiles_data();
    void badFiles();
    void missingFile();
    void routesByPathIgnoringQuery();
    void acceptsWhatTheRulesAllow_data();
    void acceptsWhatTheRulesAllow();
    void errorsStayOnOneLine();
    void refusesALargeFileBeforeReadingIt();
    void refusesLargeTextGiven();
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
                                                       "c.json", Providers);
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
    // Issue 12, item 5.
    QTest::newRow("unknown provider")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","provider":"strype"}]})")
        << "endpoints[0].provider: unknown provider \"strype\" (expected one of: stripe, github";
    QTest::newRow("duplicate top key")
        << QByteArray("{\"listen\":{\"port\":1},\n\"listen\":{\"port\":2}}")
        << "listen: duplicate key (again on line 2)";
    QTest::newRow("duplicate key in an endpoint")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a"},{"id":"b","path":"/b","id":"c"}]})")
        << "endpoints[1].id: duplicate key";
    QTest::newRow("duplicate header")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","response":{"headers":)"
                      R"({"X-A":"1","X-A":"2"}}}]})")
        << "endpoints[0].response.headers.X-A: duplicate key";
    QTest::newRow("duplicate key written with an escape")
        << QByteArray(R"({"listen":{"port":1,"p\u006frt":2}})") << "listen.port: duplicate key";
    QTest::newRow("duplicate key inside kept objects")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","forward":{"x":[{"k":1,"k":2}]}}]})")
        << "endpoints[0].forward.x[0].k: duplicate key";
    QTest::newRow("empty id") << QByteArray(R"({"endpoints":[{"id":"","path":"/a"}]})")
                              << "endpoints[0].id: an id cannot be empty";
    QTest::newRow("NUL in id") << QByteArray(R"({"endpoints":[{"id":"a\u0000b","path":"/a"}]})")
                               << "endpoints[0].id: an id cannot contain a NUL byte";
    QTest::newRow("control character in id")
        << QByteArray(R"({"endpoints":[{"id":"a\u001fb","path":"/a"}]})")
        << "endpoints[0].id: an id cannot contain the control character U+001F";
    QTest::newRow("line break in id") << QByteArray(R"({"endpoints":[{"id":"a\nb","path":"/a"}]})")
                                      << "endpoints[0].id: an id cannot contain a line feed";
    QTest::newRow("space in id") << QByteArray(R"({"endpoints":[{"id":"a b","path":"/a"}]})")
                                 << "endpoints[0].id: an id cannot contain a space";
    QTest::newRow("= in id") << QByteArray(R"({"endpoints":[{"id":"a=b","path":"/a"}]})")
                             << "endpoints[0].id: an id cannot contain '='";
    QTest::newRow("query in path") << QByteArray(R"({"endpoints":[{"id":"a","path":"/a?x=1"}]})")
                                   << "endpoints[0].path: the query is not part of the path";
    QTest::newRow("control character in path")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a\u0000"}]})")
        << "endpoints[0].path: a path cannot contain a NUL byte";
    QTest::newRow("CR LF in a header value")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","response":{"headers":)"
                      R"({"X-A":"1\r\nSet-Cookie: s=1"}}}]})")
        << "endpoints[0].response.headers.X-A: a header value cannot contain a carriage return";
    QTest::newRow("LF in a header value")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","response":{"headers":)"
                      R"({"X-A":"1\nX-B: 2"}}}]})")
        << "endpoints[0].response.headers.X-A: a header value cannot contain a line feed";
    QTest::newRow("NUL in a header value")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","response":{"headers":)"
                      R"({"X-A":"1\u0000"}}}]})")
        << "endpoints[0].response.headers.X-A: a header value cannot contain a NUL byte (at byte "
           "1)";
    QTest::newRow("space in a header name")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","response":{"headers":)"
                      R"({"X A":"1"}}}]})")
        << "endpoints[0].response.headers.X A: a header name cannot contain ' '";
    QTest::newRow("colon in a header name")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","response":{"headers":)"
                      R"({"X-A: 1\r\nX-B":"1"}}}]})")
        << "a header name cannot contain ':'";
    QTest::newRow("empty header name")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","response":{"headers":{"":"1"}}}]})")
        << "endpoints[0].response.headers.\"\": a header name cannot be empty";
    QTest::newRow("bind not an address") << QByteArray(R"({"listen":{"bind":"example.com"}})")
                                         << "listen.bind: not an IP address: \"example.com\"";
    QTest::newRow("bind with a port")
        << QByteArray(R"({"listen":{"bind":"127.0.0.1:80"}})") << "listen.bind: not an IP address";
}

void TestConfigLoader::badFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mustMention);
    const ConfigLoader::Result r =
        ConfigLoader::parse(json, "/home/u/.config/hookbench/config.json", Providers);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith("/home/u/.config/hookbench/config.json: "), qPrintable(r.error));
    QVERIFY2(r.error.contains(mustMention), qPrintable(r.error));
    QVERIFY(r.config.endpoints.isEmpty()); // nothing half-applied
}

void TestConfigLoader::missingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("none.json");
    QVERIFY(ConfigLoader::load(path, false, Providers).ok());
    const ConfigLoader::Result r = ConfigLoader::load(path, true, Providers);
    QVERIFY(!r.ok());
    QVERIFY(r.error.contains(path));
}

void TestConfigLoader::routesByPathIgnoringQuery()
{
    const ConfigLoader::Result r = ConfigLoader::parse(
        R"({"endpoints":[{"id":"a","path":"/a"},{"id":"b","path":"/b"}]})", "c.json", Providers);
    QCOMPARE(r.config.endpointForPath("/b?x=1")->id, QString("b"));
    QCOMPARE(r.config.endpointForPath("/a")->id, QString("a"));
    QVERIFY(!r.config.endpointForPath("/a/more"));
    QVERIFY(!r.config.endpointForPath("/c"));
}

void TestConfigLoader::acceptsWhatTheRulesAllow_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("no provider") << QByteArray(R"({"endpoints":[{"id":"a","path":"/a"}]})");
    QTest::newRow("empty provider")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","provider":""}]})");
    QTest::newRow("generic-hmac") << QByteArray(
        R"({"endpoints":[{"id":"a","path":"/a","provider":"generic-hmac"}]})");
    QTest::newRow("bind localhost") << QByteArray(R"({"listen":{"bind":"localhost"}})");
    QTest::newRow("bind ::1") << QByteArray(R"({"listen":{"bind":"::1"}})");
    QTest::newRow("bind [::1]") << QByteArray(R"({"listen":{"bind":"[::1]"}})");
    QTest::newRow("bind 0.0.0.0") << QByteArray(R"({"listen":{"bind":"0.0.0.0"}})");
    QTest::newRow("tab and UTF-8 in a header value")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","response":{"headers":)"
                      R"({"X-A":"a\tb \u00e9"}}}]})");
    QTest::newRow("same key in two objects")
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a"},{"id":"b","path":"/b"}]})");
    QTest::newRow("UTF-8 id") << QByteArray(R"({"endpoints":[{"id":"caf\u00e9","path":"/a"}]})");
}

void TestConfigLoader::acceptsWhatTheRulesAllow()
{
    QFETCH(QByteArray, json);
    const ConfigLoader::Result r = ConfigLoader::parse(json, "c.json", Providers);
    QVERIFY2(r.ok(), qPrintable(r.error));
}

void TestConfigLoader::errorsStayOnOneLine()
{
    // A key holding CR LF is named in the message with escapes, not with a line break.
    const ConfigLoader::Result r = ConfigLoader::parse(
        R"({"endpoints":[{"id":"a","path":"/a","response":{"headers":{"X\r\nY":"1"}}}]})", "c.json",
        Providers);
    QVERIFY(!r.ok());
    QVERIFY2(!r.error.contains('\n') && !r.error.contains('\r'), qPrintable(r.error));
    QVERIFY2(r.error.contains(QLatin1String("headers.X\\u000d\\u000aY")), qPrintable(r.error));
}

void TestConfigLoader::refusesALargeFileBeforeReadingIt()
{
    // Sparse: 1 GiB that takes no disk. Read whole, it would be 1 GiB of memory and an
    // "invalid JSON" error; refused from its size, the message says how large it is.
    QTemporaryDir dir;
    const QString path = dir.filePath("config.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(qint64(1) << 30));
    file.close();
    const ConfigLoader::Result r = ConfigLoader::load(path, true, Providers);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith(path + ": the file is 1073741824 bytes; a config file may be at "
                                       "most 4194304 bytes"),
             qPrintable(r.error));
}

void TestConfigLoader::refusesLargeTextGiven()
{
    // Valid JSON just over the bound: refused for its size, not parsed.
    QByteArray json = R"({"endpoints":[{"id":"a","path":"/a","response":{"body":")";
    json += QByteArray(ConfigLoader::MaxFileBytes, 'x');
    json += R"("}}]})";
    const ConfigLoader::Result r = ConfigLoader::parse(json, "c.json", Providers);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QLatin1String("a config file may be at most 4194304 bytes")),
             qPrintable(r.error));
    QVERIFY(r.config.endpoints.isEmpty());
}

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "tst_configloader.moc"
