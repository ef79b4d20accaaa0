#include "core/capture/Capture.h"
#include "core/http/RequestFramer.h"
#include "ui/endpoints/EndpointDraft.h"

#include <QtTest>

namespace {

Capture capture(const QByteArray &raw)
{
    Capture c;
    c.raw = raw;
    c.parsed = RequestFramer::parse(raw);
    c.summary.method = c.parsed.method;
    c.summary.target = c.parsed.target;
    return c;
}

AppConfig configWith(const QStringList &ids)
{
    AppConfig config;
    for (const QString &id : ids) {
        EndpointConfig e;
        e.id = id;
        e.path = QLatin1Char('/') + id;
        config.endpoints.append(e);
    }
    return config;
}

const QByteArray StripeRequest = "POST /webhooks/stripe?source=cli&x=1 HTTP/1.1\r\n"
                                 "Host: localhost:8787\r\n"
                                 "Content-Type: application/json\r\n"
                                 "Stripe-Signature: t=1763779200,v1=5257a869e7ecebeda32affa6\r\n"
                                 "Content-Length: 2\r\n"
                                 "\r\n"
                                 "{}";

const QByteArray GitHubRequest = "POST /gh/hook?token=abc HTTP/1.1\r\n"
                                 "Host: localhost:8787\r\n"
                                 "X-GitHub-Event: push\r\n"
                                 "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958\r\n"
                                 "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a\r\n"
                                 "Content-Length: 2\r\n"
                                 "\r\n"
                                 "{}";

} // namespace

class TestEndpointDraft : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detectsProviderFromHeaders_data();
    void detectsProviderFromHeaders();
    void usesDefaultResponse();
    void uniqueNames();
};

void TestEndpointDraft::detectsProviderFromHeaders_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("id");

    QTest::newRow("stripe") << StripeRequest << QStringList{} << "stripe"
                            << "/webhooks/stripe"
                            << "stripe";
    QTest::newRow("stripe, id taken twice")
        << StripeRequest << QStringList{"stripe", "stripe-2"} << "stripe"
        << "/webhooks/stripe"
        << "stripe-3";
    QTest::newRow("github") << GitHubRequest << QStringList{"stripe"} << "github"
                            << "/gh/hook"
                            << "github";
    QTest::newRow("github, id taken") << GitHubRequest << QStringList{"github"} << "github"
                                      << "/gh/hook"
                                      << "github-2";
    QTest::newRow("unknown: id from path")
        << QByteArray("POST /Orders/v2/?a=b HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        << QStringList{"orders-v2"} << ""
        << "/Orders/v2/"
        << "orders-v2-2";
}

void TestEndpointDraft::detectsProviderFromHeaders()
{
    QFETCH(QByteArray, raw);
    QFETCH(QStringList, existing);
    QFETCH(QString, provider);
    QFETCH(QString, path);
    QFETCH(QString, id);
    const Capture c = capture(raw);
    QVERIFY2(!c.parsed.hasError(), qPrintable(c.parsed.error));
    const EndpointConfig draft = EndpointDraft::fromCapture(c, configWith(existing));
    QCOMPARE(draft.provider, provider);
    QCOMPARE(draft.path, path);
    QCOMPARE(draft.id, id);
}

void TestEndpointDraft::usesDefaultResponse()
{
    const EndpointConfig draft = EndpointDraft::fromCapture(capture(StripeRequest), {});
    QCOMPARE(draft.response.status, 200);
    QVERIFY(draft.response.headers.isEmpty());
    QVERIFY(draft.response.body.isEmpty());
    QCOMPARE(draft.toleranceS, -1);
    QVERIFY(draft.scheme.isEmpty());
}

void TestEndpointDraft::uniqueNames()
{
    QCOMPARE(EndpointDraft::uniqueId(QStringLiteral("a"), {}), QStringLiteral("a"));
    QCOMPARE(EndpointDraft::uniqueId(QStringLiteral("a"), {QStringLiteral("a")}),
             QStringLiteral("a-2"));
    QCOMPARE(EndpointDraft::uniquePath(QStringLiteral("/h"),
                                       {QStringLiteral("/h"), QStringLiteral("/h-2")}),
             QStringLiteral("/h-3"));
}

QTEST_MAIN(TestEndpointDraft)
#include "tst_endpointdraft.moc"
