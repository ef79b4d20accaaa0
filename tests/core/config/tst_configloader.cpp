#include "core/config/ConfigLoader.h"
#include "core/config/ForwardConfigJson.h"

#include <QJsonObject>
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
    void credentialsSourceRoundTrips();
};

void TestConfigLoader::readsTheContractExample()
{
    const ConfigLoader::Result r = ConfigLoader::parse(R"({
      "listen": {"bind": "127.0.0.1", "port": 9000, "limits": {"max_body_bytes": 1000}},
      "endpoints": [{
        "id": "stripe-dev", "path": "/stripe", "provider": "stripe", "tolerance_s": 300,
        "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                     "body": "{\"received\":true}", "delay_ms": 5},
        "forward": {
          "only_verified": true,
          "http": [{"url": "http://localhost:3000/webhooks/stripe", "resign": false, "proxy": false,
                    "types": ["customer.*"], "keep_host": false, "timeout_ms": 10000}],
          "eventbridge": {"bus": "default", "region": "eu-west-1", "preset": "stripe",
                          "source": "stripe.webhook", "detail_type": "/type", "resources": [],
                          "envelope": false, "account": "123456789012", "profile": "default",
                          "endpoint_url": null, "max_entry_bytes": 262144}
        },
        "rules": [{"name": "new-customers", "pattern": {"detail-type": ["customer.created"]}}]
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
    QVERIFY(e.forward.onlyVerified);
    QCOMPARE(e.forward.http.size(), 1);
    QCOMPARE(e.forward.http.first().url, QUrl("http://localhost:3000/webhooks/stripe"));
    QCOMPARE(e.forward.http.first().types, QStringList{"customer.*"});
    QCOMPARE(e.forward.http.first().timeoutMs, 10000);
    QVERIFY(e.forward.eventBridge);
    QCOMPARE(e.forward.eventBridge->region, QString("eu-west-1"));
    QCOMPARE(e.forward.eventBridge->source, std::optional<QString>("stripe.webhook"));
    QCOMPARE(e.forward.eventBridge->detailType, std::optional<QString>("/type"));
    QCOMPARE(e.forward.eventBridge->account, QString("123456789012"));
    QVERIFY(e.forward.eventBridge->endpointUrl.isEmpty());
    QCOMPARE(e.rules.size(), 1);
    QCOMPARE(e.rules.first().name, QString("new-customers"));
    QCOMPARE(e.rules.first().pattern.toObject().value("detail-type").toArray().first().toString(),
             QString("customer.created"));
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
        << QByteArray(R"({"endpoints":[{"id":"a","path":"/a","rules":[{"name":"r","pattern":)"
                      R"({"x":[{"k":1,"k":2}]}}]}]})")
        << "endpoints[0].rules[0].pattern.x[0].k: duplicate key";
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
    const auto forward = [](const char *json) -> QByteArray {
        return QByteArray(R"({"endpoints":[{"id":"a","path":"/a","forward":)") + json + "}]}";
    };
    QTest::newRow("forward key") << forward(R"({"eventbus":{}})")
                                 << "endpoints[0].forward.eventbus: unknown key";
    QTest::newRow("forward url")
        << forward(R"({"http":{"url":"ftp://x/"}})")
        << "endpoints[0].forward.http.url: expected an http:// or https://";
    QTest::newRow("forward url in a list") << forward(R"({"http":[{"url":"http://a/"},{}]})")
                                           << "endpoints[0].forward.http[1].url: missing";
    QTest::newRow("forward types") << forward(R"({"http":{"url":"http://a/","types":[1]}})")
                                   << "endpoints[0].forward.http.types[0]: expected a string";
    QTest::newRow("forward proxy type")
        << forward(R"({"http":{"url":"http://a/","proxy":"yes"}})")
        << "endpoints[0].forward.http.proxy: expected true or false";
    QTest::newRow("aws source")
        << forward(R"({"eventbridge":{"source":"aws.partner/stripe.com"}})")
        << "endpoints[0].forward.eventbridge.source: \"aws.partner/stripe.com\": "
           "AWS reserves sources beginning with \"aws.\"";
    QTest::newRow("preset") << forward(R"({"eventbridge":{"preset":"paddle"}})")
                            << "endpoints[0].forward.eventbridge.preset: unknown preset \"paddle\"";
    QTest::newRow("detail_type")
        << forward(R"({"eventbridge":{"detail_type":"type"}})")
        << "endpoints[0].forward.eventbridge.detail_type: expected a JSON pointer";
    QTest::newRow("region") << forward(R"({"eventbridge":{"region":"Ireland"}})")
                            << "endpoints[0].forward.eventbridge.region: not an AWS region";
    QTest::newRow("credentials")
        << forward(R"({"eventbridge":{"credentials":"env"}})")
        << "endpoints[0].forward.eventbridge.credentials: unknown credentials source \"env\" "
           "(expected \"chain\"";
    QTest::newRow("account") << forward(R"({"eventbridge":{"account":"123"}})")
                             << "endpoints[0].forward.eventbridge.account: expected a 12-digit";
    QTest::newRow("entry size")
        << forward(R"({"eventbridge":{"max_entry_bytes":2000000}})")
        << "endpoints[0].forward.eventbridge.max_entry_bytes: expected a whole "
           "number from 1024 to 1048576";
    const auto rules = [](const char *json) -> QByteArray {
        return QByteArray(R"({"endpoints":[{"id":"a","path":"/a","rules":)") + json + "}]}";
    };
    QTest::newRow("rules type") << rules("{}") << "endpoints[0].rules: expected an array";
    QTest::newRow("rule without name")
        << rules(R"([{"pattern":{}}])") << "endpoints[0].rules[0].name: missing";
    QTest::newRow("rule pattern")
        << rules(R"([{"name":"r","pattern":"x"}])")
        << "endpoints[0].rules[0].pattern: expected an EventBridge event pattern";
    QTest::newRow("rule names") << rules(R"([{"name":"r","pattern":{}},{"name":"r","pattern":{}}])")
                                << "endpoints[0].rules[1].name: duplicate rule name \"r\"";
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
// `credentials` names the source only: "chain" (the default, left out when writing) or
// "keychain"; never a key.
void TestConfigLoader::credentialsSourceRoundTrips()
{
    const auto load = [](const char *eventbridge) {
        return ConfigLoader::parse(
            QByteArray(R"({"endpoints":[{"id":"a","path":"/a","forward":{"eventbridge":)") +
                eventbridge + "}}]}",
            "c.json", Providers);
    };
    const ConfigLoader::Result chain = load("{}");
    QVERIFY2(chain.ok(), qPrintable(chain.error));
    QCOMPARE(chain.config.endpoints.first().forward.eventBridge->credentials,
             EventBridgeForwardTarget::Credentials::Chain);
    QVERIFY(!ForwardConfigJson::toJson(chain.config.endpoints.first().forward)
                 .value("eventbridge")
                 .toObject()
                 .contains("credentials"));

    const ConfigLoader::Result keychain = load(R"({"credentials":"keychain"})");
    QVERIFY2(keychain.ok(), qPrintable(keychain.error));
    const ForwardConfig &f = keychain.config.endpoints.first().forward;
    QCOMPARE(f.eventBridge->credentials, EventBridgeForwardTarget::Credentials::Keychain);
    QCOMPARE(ForwardConfigJson::toJson(f).value("eventbridge").toObject().value("credentials"),
             QJsonValue("keychain"));
    QVERIFY2(load(R"({"credentials":"chain"})").ok(), "chain is accepted when written out");
}

#include "tst_configloader.moc"
