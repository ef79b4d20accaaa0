// ConfigWriter lives in core/config; its test sits with the secrets tests because both came with
// the endpoint/secret work (issue 4).
#include "core/config/ConfigLoader.h"
#include "core/config/ConfigWriter.h"
#include "core/config/ForwardConfigJson.h"
#include "core/verify/ProviderRegistry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

class TestConfigWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsThroughTheLoader();
    void defaultsAreLeftOut();
    void replacesAtomicallyAndCreatesTheFolder();
    void reportsAnUnwritablePath();
};

namespace {

AppConfig sample()
{
    AppConfig c;
    c.bind = "0.0.0.0";
    c.port = 9001;
    c.limits.framing.maxBodyBytes = 1000;
    c.limits.maxConnections = 5;
    EndpointConfig stripe;
    stripe.id = "stripe-dev";
    stripe.path = "/stripe";
    stripe.provider = "stripe";
    stripe.toleranceS = 300;
    stripe.response.status = 202;
    stripe.response.headers = {{"Content-Type", "application/json"}, {"X-A", "b"}};
    stripe.response.body = QString::fromUtf8("{\"received\":\"✓\"}").toUtf8();
    stripe.response.delayMs = 50;
    HttpForwardTarget local;
    local.url = QUrl("http://localhost:3000/hooks");
    local.proxy = true;
    local.types = {"customer.*", "invoice.paid"};
    local.timeoutMs = 500;
    stripe.forward.http = {local};
    EventBridgeForwardTarget bus;
    bus.region = "eu-west-1";
    bus.preset = "stripe";
    bus.source = "stripe.webhook";
    bus.endpointUrl = QUrl("http://127.0.0.1:4566");
    bus.maxEntryBytes = 1048576;
    stripe.forward.eventBridge = bus;
    stripe.rules = {{"new-customers", QJsonObject{{"source", QJsonArray{"stripe.webhook"}}}}};
    EndpointConfig generic;
    generic.id = "custom";
    generic.path = "/custom";
    generic.provider = "generic-hmac";
    generic.scheme = QJsonObject{{"header", "x-hmac"}, {"algorithm", "sha256"}};
    c.endpoints = {stripe, generic};
    return c;
}

} // namespace

void TestConfigWriter::roundTripsThroughTheLoader()
{
    const AppConfig in = sample();
    const ConfigLoader::Result r =
        ConfigLoader::parse(ConfigWriter::toJson(in), "c.json", ProviderRegistry::names());
    QVERIFY2(r.ok(), qPrintable(r.error));
    const AppConfig &out = r.config;
    QCOMPARE(out.bind, in.bind);
    QCOMPARE(out.port, in.port);
    QCOMPARE(out.limits.framing.maxBodyBytes, 1000);
    QCOMPARE(out.limits.framing.maxHeaderBytes, in.limits.framing.maxHeaderBytes);
    QCOMPARE(out.limits.maxConnections, 5);
    QCOMPARE(out.endpoints.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const EndpointConfig &a = in.endpoints.at(i), &b = out.endpoints.at(i);
        QCOMPARE(b.id, a.id);
        QCOMPARE(b.path, a.path);
        QCOMPARE(b.provider, a.provider);
        QCOMPARE(b.toleranceS, a.toleranceS);
        QCOMPARE(b.response.status, a.response.status);
        QCOMPARE(b.response.headers, a.response.headers);
        QCOMPARE(b.response.body, a.response.body);
        QCOMPARE(b.response.delayMs, a.response.delayMs);
        QCOMPARE(b.scheme, a.scheme);
        QCOMPARE(ForwardConfigJson::toJson(b.forward), ForwardConfigJson::toJson(a.forward));
        QCOMPARE(b.forward.http.size(), a.forward.http.size());
        QCOMPARE(bool(b.forward.eventBridge), bool(a.forward.eventBridge));
        QCOMPARE(b.rules.size(), a.rules.size());
        for (int r = 0; r < a.rules.size(); ++r) {
            QCOMPARE(b.rules.at(r).name, a.rules.at(r).name);
            QCOMPARE(b.rules.at(r).pattern, a.rules.at(r).pattern);
        }
    }
}

void TestConfigWriter::defaultsAreLeftOut()
{
    AppConfig c;
    EndpointConfig e;
    e.id = "plain";
    e.path = "/p";
    c.endpoints = {e};
    const QByteArray json = ConfigWriter::toJson(c);
    for (const char *key : {"limits", "tolerance_s", "provider", "scheme", "forward", "delay_ms",
                            "headers", "\"body\""})
        QVERIFY2(!json.contains(key), key);
    const ConfigLoader::Result r = ConfigLoader::parse(json, "c.json", ProviderRegistry::names());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.config.endpoints.first().toleranceS, -1);
}

void TestConfigWriter::replacesAtomicallyAndCreatesTheFolder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("sub/folder/config.json");
    QString error;
    QVERIFY2(ConfigWriter::write(sample(), path, &error), qPrintable(error));
    AppConfig second = sample();
    second.endpoints.removeLast();
    QVERIFY2(ConfigWriter::write(second, path, &error), qPrintable(error));
    const ConfigLoader::Result r = ConfigLoader::load(path, true, ProviderRegistry::names());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.config.endpoints.size(), 1);
    // Only the file itself: QSaveFile's temporary file was renamed over it, nothing left behind.
    QCOMPARE(QDir(dir.filePath("sub/folder")).entryList(QDir::Files | QDir::Hidden),
             QStringList{"config.json"});
}

void TestConfigWriter::reportsAnUnwritablePath()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath("file"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QString error;
    const QString path = dir.filePath("file/config.json"); // a file where a folder should be
    QVERIFY(!ConfigWriter::write(sample(), path, &error));
    QVERIFY2(error.startsWith(path + ": "), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestConfigWriter)
#include "tst_configwriter.moc"
