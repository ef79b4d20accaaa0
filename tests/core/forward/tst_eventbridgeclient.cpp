#include "core/forward/EventBridgeClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

// EventBridgeClient against tests/e2e/putevents_server.py, a local PutEvents endpoint that checks
// every signature with botocore (an implementation independent of ours) and answers like AWS,
// with faults injected through its control path.
class TestEventBridgeClient : public QObject
{
    Q_OBJECT

    static constexpr const char *keyId = "AKIDHOOKBENCHTEST";
    static constexpr const char *secret = "hookbench/test+secret/not-a-real-key";
    static constexpr const char *region = "eu-west-1";

    struct Server
    {
        QProcess process;
        QUrl url;
    };
    Server m_server;
    QNetworkAccessManager m_network;

    static bool start(Server &server, const QStringList &extraArgs)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PUTEVENTS_SECRET_ACCESS_KEY"), QLatin1String(secret));
        env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
        server.process.setProcessEnvironment(env);
        server.process.start(QStringLiteral(HB_PYTHON3),
                             QStringList{QStringLiteral(HB_PUTEVENTS_SERVER),
                                         QStringLiteral("--region"), QLatin1String(region),
                                         QStringLiteral("--access-key-id"), QLatin1String(keyId)} +
                                 extraArgs);
        if (!server.process.waitForStarted(20000))
            return false;
        // The first line is "port N"; wait for output, never a fixed time.
        while (!server.process.canReadLine()) {
            if (!server.process.waitForReadyRead(20000))
                return false;
        }
        const QByteArray line = server.process.readLine().trimmed();
        if (!line.startsWith("port "))
            return false;
        server.url =
            QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(QString::fromLatin1(line.mid(5))));
        return true;
    }

    static AwsCredentials credentials(const char *secretKey = secret)
    {
        AwsCredentials c;
        c.accessKeyId = keyId;
        c.secretAccessKey = secretKey;
        c.origin = QStringLiteral("test");
        return c;
    }

    static EventBridgeEntry entry(const QString &type, QByteArray detail = "{\"n\": 1}")
    {
        EventBridgeEntry e;
        e.source = QStringLiteral("stripe.com");
        e.detailType = type;
        e.detail = std::move(detail);
        e.eventBusName = QStringLiteral("default");
        e.time = QDateTime::currentDateTimeUtc();
        return e;
    }

    PutEventsResult send(EventBridgeClient &client, const QList<EventBridgeEntry> &batch,
                         const AwsCredentials &c, const QUrl &url)
    {
        std::optional<PutEventsResult> result;
        client.send(batch, QLatin1String(region), url, c,
                    [&result](const PutEventsResult &r) { result = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000); }();
        return result.value_or(PutEventsResult());
    }

    QJsonObject call(const QString &path, const QJsonObject *body)
    {
        QNetworkRequest request(m_server.url.resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply =
            body ? m_network.post(request, QJsonDocument(*body).toJson()) : m_network.get(request);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000); }();
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    }
    void control(const QJsonObject &body) { call(QStringLiteral("/_control"), &body); }
    QJsonArray received()
    {
        return call(QStringLiteral("/_received"), nullptr)
            .value(QStringLiteral("entries"))
            .toArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(start(m_server, {}),
                 qPrintable(QStringLiteral("putevents_server.py did not start: ") +
                            QString::fromUtf8(m_server.process.readAllStandardError())));
    }
    void cleanupTestCase()
    {
        m_server.process.kill();
        m_server.process.waitForFinished(5000);
    }
    void init() { control({{QStringLiteral("reset"), true}}); }

    void signedBatchIsAccepted()
    {
        EventBridgeClient client(&m_network);
        const QByteArray detail = "{\"id\": \"evt_1\", \"amount\": 1.50, \"name\": \"Zoë\"}";
        const auto r = send(client,
                            {entry(QStringLiteral("a"), detail), entry(QStringLiteral("b")),
                             entry(QStringLiteral("c"))},
                            credentials(), m_server.url);
        QCOMPARE(r.httpStatus, 200);
        QVERIFY2(r.allDelivered(),
                 qPrintable(r.requestErrorCode + QLatin1Char(' ') + r.requestErrorMessage));
        QCOMPARE(r.entries.size(), 3);
        QVERIFY(!r.entries.at(0).eventId.isEmpty());
        QVERIFY(r.entries.at(0).eventId != r.entries.at(1).eventId);

        const QJsonArray got = received();
        QCOMPARE(got.size(), 3);
        const QJsonObject first = got.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("Detail")).toString().toUtf8(), detail);
        QCOMPARE(first.value(QStringLiteral("DetailType")).toString(), QStringLiteral("a"));
        QCOMPARE(first.value(QStringLiteral("Source")).toString(), QStringLiteral("stripe.com"));
        QCOMPARE(first.value(QStringLiteral("EventId")).toString(), r.entries.at(0).eventId);
        QCOMPARE(client.pending(), 0);
    }

    void sessionTokenIsSigned()
    {
        Server withToken;
        QVERIFY(
            start(withToken, {QStringLiteral("--session-token"), QStringLiteral("tok/en+1==")}));
        EventBridgeClient client(&m_network);
        AwsCredentials c = credentials();
        c.sessionToken = "tok/en+1==";
        auto r = send(client, {entry(QStringLiteral("t"))}, c, withToken.url);
        QVERIFY2(r.allDelivered(),
                 qPrintable(r.requestErrorCode + QLatin1Char(' ') + r.requestErrorMessage));
        c.sessionToken = "other";
        r = send(client, {entry(QStringLiteral("t"))}, c, withToken.url);
        QCOMPARE(r.requestErrorCode, QStringLiteral("UnrecognizedClientException"));
        QCOMPARE(r.count(PutEventsResult::State::Dead), 1);
        withToken.process.kill();
        withToken.process.waitForFinished(5000);
    }

    void wrongSecretIsDead()
    {
        EventBridgeClient client(&m_network);
        const auto r = send(client, {entry(QStringLiteral("a")), entry(QStringLiteral("b"))},
                            credentials("not/the/secret"), m_server.url);
        QCOMPARE(r.httpStatus, 403);
        QCOMPARE(r.requestErrorCode, QStringLiteral("InvalidSignatureException"));
        QVERIFY(r.requestErrorMessage.startsWith(
            QStringLiteral("The request signature we calculated")));
        QCOMPARE(r.count(PutEventsResult::State::Dead), 2);
        QVERIFY(!r.requestErrorMessage.contains(QLatin1String("not/the/secret")));
        QVERIFY(received().isEmpty());
    }

    void throttlingIsRetryable()
    {
        control({{QStringLiteral("throttle"), 1}, {QStringLiteral("retry_after_ms"), 1200}});
        EventBridgeClient client(&m_network);
        auto r = send(client, {entry(QStringLiteral("a"))}, credentials(), m_server.url);
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.requestErrorCode, QStringLiteral("ThrottlingException"));
        QCOMPARE(r.entries.at(0).state, PutEventsResult::State::Retry);
        QCOMPARE(r.retryAfterMs, std::optional<qint64>(1200));
        r = send(client, {entry(QStringLiteral("a"))}, credentials(), m_server.url);
        QVERIFY(r.allDelivered());
    }

    void partialFailureIsClassifiedPerEntry()
    {
        control(
            {{QStringLiteral("fail_entries"),
              QJsonArray{QJsonObject{{QStringLiteral("index"), 1},
                                     {QStringLiteral("code"), QStringLiteral("InternalFailure")}},
                         QJsonObject{
                             {QStringLiteral("index"), 2},
                             {QStringLiteral("code"), QStringLiteral("AccessDeniedException")},
                             {QStringLiteral("message"), QStringLiteral("not allowed on bus")}}}}});
        EventBridgeClient client(&m_network);
        const auto r = send(client,
                            {entry(QStringLiteral("ok")), entry(QStringLiteral("again")),
                             entry(QStringLiteral("denied")), entry(QStringLiteral("list"), "[1]")},
                            credentials(), m_server.url);
        QCOMPARE(r.httpStatus, 200);
        QVERIFY(r.requestErrorCode.isEmpty());
        QCOMPARE(r.entries.size(), 4);
        QCOMPARE(r.entries.at(0).state, PutEventsResult::State::Delivered);
        QCOMPARE(r.entries.at(1).state, PutEventsResult::State::Retry);
        QCOMPARE(r.entries.at(1).errorCode, QStringLiteral("InternalFailure"));
        QCOMPARE(r.entries.at(2).state, PutEventsResult::State::Dead);
        QCOMPARE(r.entries.at(2).errorMessage, QStringLiteral("not allowed on bus"));
        QCOMPARE(r.entries.at(3).state, PutEventsResult::State::Dead);
        QCOMPARE(r.entries.at(3).errorCode, QStringLiteral("MalformedDetail"));
        QCOMPARE(received().size(), 1);
    }

    void serverErrorIsRetryable()
    {
        control({{QStringLiteral("server_error"), 1}, {QStringLiteral("status"), 503}});
        EventBridgeClient client(&m_network);
        const auto r = send(client, {entry(QStringLiteral("a"))}, credentials(), m_server.url);
        QCOMPARE(r.httpStatus, 503);
        QCOMPARE(r.entries.at(0).state, PutEventsResult::State::Retry);
        QVERIFY(received().isEmpty());
    }

    void slowAnswerTimesOutAndIsRetryable()
    {
        control({{QStringLiteral("slow"), 1}, {QStringLiteral("slow_ms"), 5000}});
        EventBridgeClient client(&m_network);
        client.setTimeoutMs(300);
        const auto r = send(client, {entry(QStringLiteral("a")), entry(QStringLiteral("b"))},
                            credentials(), m_server.url);
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.requestErrorCode, QStringLiteral("RequestTimeout"));
        QVERIFY(r.requestErrorMessage.contains(QStringLiteral("300 ms")));
        QCOMPARE(r.count(PutEventsResult::State::Retry), 2);
    }

    void refusedConnectionIsRetryable()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        EventBridgeClient client(&m_network);
        const auto r = send(client, {entry(QStringLiteral("a"))}, credentials(),
                            QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.requestErrorCode, QStringLiteral("ConnectionError"));
        QCOMPARE(r.entries.at(0).state, PutEventsResult::State::Retry);
    }

    void cancelledCallNeverCallsBack()
    {
        control({{QStringLiteral("slow"), 1}, {QStringLiteral("slow_ms"), 2000}});
        EventBridgeClient client(&m_network);
        bool called = false;
        const quint64 id =
            client.send({entry(QStringLiteral("a"))}, QLatin1String(region), m_server.url,
                        credentials(), [&called](const PutEventsResult &) { called = true; });
        QCOMPARE(client.pending(), 1);
        client.cancel(id);
        QCOMPARE(client.pending(), 0);
        // A later call completes; the cancelled one has not called back by then.
        const auto r = send(client, {entry(QStringLiteral("b"))}, credentials(), m_server.url);
        QVERIFY(r.allDelivered());
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestEventBridgeClient)
#include "tst_eventbridgeclient.moc"
