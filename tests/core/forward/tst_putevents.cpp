#include "core/forward/PutEventsBatcher.h"
#include "core/forward/PutEventsRequest.h"
#include "core/forward/PutEventsResult.h"
#include "core/forward/RetryPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// PutEvents on the wire: the signed awsJson1_1 request, batching within AWS's limits, reading
// every per-entry result and classifying errors as the SDKs do, and the standard-mode backoff.
class TestPutEvents : public QObject
{
    Q_OBJECT

    using State = PutEventsResult::State;

    static EventBridgeEntry entry(qsizetype detailBytes = 10)
    {
        EventBridgeEntry e;
        e.source = QStringLiteral("stripe.com"); // 10 bytes
        e.detailType = QStringLiteral("t");      // 1
        e.detail = "{\"p\":\"" + QByteArray(qMax<qsizetype>(detailBytes - 8, 0), 'x') + "\"}";
        e.eventBusName = QStringLiteral("default");
        return e;
    }
    static QByteArray header(const PutEventsRequest &r, const char *name)
    {
        for (const auto &[k, v] : r.headers)
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }

private Q_SLOTS:
    void endpoints()
    {
        QCOMPARE(PutEventsRequest::endpoint(QStringLiteral("eu-west-1"), {}),
                 QUrl(QStringLiteral("https://events.eu-west-1.amazonaws.com/")));
        QCOMPARE(PutEventsRequest::endpoint(QStringLiteral("cn-north-1"), {}),
                 QUrl(QStringLiteral("https://events.cn-north-1.amazonaws.com.cn/")));
        const QUrl local = PutEventsRequest::endpoint(
            QStringLiteral("us-east-1"), QUrl(QStringLiteral("http://127.0.0.1:4566")));
        QCOMPARE(local, QUrl(QStringLiteral("http://127.0.0.1:4566/")));
        QCOMPARE(PutEventsRequest::hostHeader(local), QByteArray("127.0.0.1:4566"));
        QCOMPARE(PutEventsRequest::hostHeader(QUrl(QStringLiteral("https://h.example:443/"))),
                 QByteArray("h.example"));
        QCOMPARE(PutEventsRequest::hostHeader(QUrl(QStringLiteral("http://[::1]:8080/"))),
                 QByteArray("[::1]:8080"));
    }

    void signedRequest()
    {
        EventBridgeEntry e = entry();
        e.detail = "{\"k\": \"é\\u0041\\n\"}";
        e.resources = {QStringLiteral("arn:aws:x")};
        e.time = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC);
        AwsCredentials c;
        c.accessKeyId = "AKIDEXAMPLE";
        c.secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        c.sessionToken = "TOKEN";
        const auto r = PutEventsRequest::build({e, entry()}, QStringLiteral("eu-west-1"), {}, c,
                                               QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        QCOMPARE(r.url, QUrl(QStringLiteral("https://events.eu-west-1.amazonaws.com/")));
        QCOMPARE(header(r, "Host"), QByteArray("events.eu-west-1.amazonaws.com"));
        QCOMPARE(header(r, "X-Amz-Target"), QByteArray("AWSEvents.PutEvents"));
        QCOMPARE(header(r, "Content-Type"), QByteArray("application/x-amz-json-1.1"));
        QCOMPARE(header(r, "X-Amz-Date"), QByteArray("20260101T000000Z"));
        QCOMPARE(header(r, "X-Amz-Security-Token"), QByteArray("TOKEN"));
        const QByteArray authz = header(r, "Authorization");
        QVERIFY2(authz.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/"
                                  "events/aws4_request, SignedHeaders=content-type;host;x-amz-date;"
                                  "x-amz-security-token;x-amz-target, Signature="),
                 authz.constData());
        QVERIFY(!r.canonicalRequest.contains("wJalr"));
        QVERIFY(!r.canonicalRequest.contains("TOKEN"));
        QVERIFY(r.canonicalRequest.contains("x-amz-security-token:(redacted)\n"));

        const QJsonArray entries =
            QJsonDocument::fromJson(r.body).object().value(QStringLiteral("Entries")).toArray();
        QCOMPARE(entries.size(), 2);
        const QJsonObject first = entries.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("Detail")).toString().toUtf8(), e.detail);
        QCOMPARE(first.value(QStringLiteral("Source")).toString(), QStringLiteral("stripe.com"));
        QCOMPARE(first.value(QStringLiteral("EventBusName")).toString(), QStringLiteral("default"));
        QCOMPARE(first.value(QStringLiteral("Resources")).toArray().size(), 1);
        QCOMPARE(first.value(QStringLiteral("Time")).toDouble(), 1767225600.0);
    }

    void batchesOfTenWithinTheSizeLimit()
    {
        QList<EventBridgeEntry> entries;
        for (int i = 0; i < 23; ++i)
            entries.append(entry());
        auto batches = PutEventsBatcher().split(entries);
        QCOMPARE(batches.size(), 3);
        QCOMPARE(batches.at(0).size(), 10);
        QCOMPARE(batches.at(2), (QList<qsizetype>{20, 21, 22}));

        // Entries of 100 KB (+11 bytes of Source and DetailType): two fit in 256 KiB, three do not.
        entries.clear();
        for (int i = 0; i < 5; ++i)
            entries.append(entry(100 * 1024));
        batches = PutEventsBatcher(262144).split(entries);
        QCOMPARE(batches.size(), 3);
        QCOMPARE(batches.at(0), (QList<qsizetype>{0, 1}));
        QCOMPARE(batches.at(2), (QList<qsizetype>{4}));
        // Exactly at the limit still fits.
        entries = {entry(100), entry(100)};
        QCOMPARE(PutEventsBatcher(2 * entries.at(0).size()).split(entries).size(), 1);
        QCOMPARE(PutEventsBatcher(2 * entries.at(0).size() - 1).split(entries).size(), 2);
        QVERIFY(PutEventsBatcher().split({}).isEmpty());
    }

    void partialFailureIsReadPerEntry()
    {
        const QByteArray body =
            "{\"FailedEntryCount\":4,\"Entries\":[\n"
            "            {\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"},\n"
            "            {\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"Internal Service "
            "Failure\"},\n"
            "            {\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"Rate "
            "exceeded\"},\n"
            "            {\"ErrorCode\":\"MalformedDetail\",\"ErrorMessage\":\"Detail is "
            "malformed.\"},\n"
            "            {\"ErrorCode\":\"NotAuthorizedForSourceException\",\"ErrorMessage\":\"Not "
            "authorized for the source.\"}]}";
        const auto r = PutEventsResult::fromResponse(5, 200, body, {});
        QCOMPARE(r.httpStatus, 200);
        QVERIFY(r.requestErrorCode.isEmpty());
        QCOMPARE(r.entries.size(), 5);
        QCOMPARE(r.entries.at(0).state, State::Delivered);
        QCOMPARE(r.entries.at(0).eventId, QStringLiteral("11710aed-b79e-4468-a20b-bb3c0c3b4860"));
        QCOMPARE(r.entries.at(1).state, State::Retry);
        QCOMPARE(r.entries.at(2).state, State::Retry);
        QCOMPARE(r.entries.at(3).state, State::Dead);
        QCOMPARE(r.entries.at(3).errorMessage, QStringLiteral("Detail is malformed."));
        QCOMPARE(r.entries.at(4).state, State::Dead);
        QCOMPARE(r.entries.at(4).errorCode, QStringLiteral("NotAuthorizedForSourceException"));
        QCOMPARE(r.count(State::Retry), 2);
        QVERIFY(!r.allDelivered());
    }

    void entryErrorClasses_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("retry");
        QTest::newRow("InternalFailure") << "InternalFailure" << true;
        QTest::newRow("ThrottlingException") << "ThrottlingException" << true;
        QTest::newRow("AccessDeniedException") << "AccessDeniedException" << false;
        QTest::newRow("InvalidArgument") << "InvalidArgument" << false;
        QTest::newRow("MalformedDetail") << "MalformedDetail" << false;
        QTest::newRow("NotAuthorizedForSourceException")
            << "NotAuthorizedForSourceException" << false;
        QTest::newRow("unknown") << "SomethingNewException" << false;
    }
    void entryErrorClasses()
    {
        QFETCH(QString, code);
        QFETCH(bool, retry);
        QCOMPARE(PutEventsResult::classifyEntryError(code), retry ? State::Retry : State::Dead);
    }

    void requestErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("retry");
        QTest::newRow("throttled")
            << 400
            << QByteArray("{\"__type\":\"com.amazon.coral.availability#ThrottlingException\","
                          "\"message\":\"Rate exceeded\"}")
            << "ThrottlingException" << true;
        QTest::newRow("500") << 500 << QByteArray("{\"__type\":\"InternalException\"}")
                             << "InternalException" << true;
        QTest::newRow("503 no body") << 503 << QByteArray() << "HTTP503" << true;
        QTest::newRow("bad signature")
            << 403
            << QByteArray("{\"__type\":\"InvalidSignatureException\",\"message\":\"The request "
                          "signature we calculated does not match\"}")
            << "InvalidSignatureException" << false;
        QTest::newRow("access denied") << 400
                                       << QByteArray("{\"__type\":\"com.amazon.coral.service#"
                                                     "AccessDeniedException\",\"message\":\"no\"}")
                                       << "AccessDeniedException" << false;
        QTest::newRow("unknown key")
            << 400
            << QByteArray("{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\"}")
            << "UnrecognizedClientException" << false;
        QTest::newRow("expired token")
            << 400 << QByteArray("{\"__type\":\"com.amazon.coral.service#ExpiredTokenException\"}")
            << "ExpiredTokenException" << true;
        QTest::newRow("colon suffix")
            << 400 << QByteArray("{\"__type\":\"ValidationException:http://internal.amazon.com/\"}")
            << "ValidationException" << false;
    }
    void requestErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(bool, retry);
        const auto r = PutEventsResult::fromResponse(3, status, body, {});
        QCOMPARE(r.httpStatus, status);
        QCOMPARE(r.requestErrorCode, code);
        QCOMPARE(r.entries.size(), 3);
        for (const auto &e : r.entries) {
            QCOMPARE(e.state, retry ? State::Retry : State::Dead);
            QCOMPARE(e.errorCode, code);
        }
        QCOMPARE(r.credentialsExpired, code == QLatin1String("ExpiredTokenException"));
    }

    void retryAfterHeaders()
    {
        auto r = PutEventsResult::fromResponse(1, 400, "{\"__type\":\"ThrottlingException\"}",
                                               {{"x-amz-retry-after", "1500"}});
        QCOMPARE(r.retryAfterMs, std::optional<qint64>(1500));
        r = PutEventsResult::fromResponse(1, 503, {}, {{"Retry-After", "3"}});
        QCOMPARE(r.retryAfterMs, std::optional<qint64>(3000));
        r = PutEventsResult::fromResponse(1, 503, {}, {});
        QVERIFY(!r.retryAfterMs);
    }

    void malformedSuccessIsRetried()
    {
        const auto r =
            PutEventsResult::fromResponse(2, 200, "{\"Entries\":[{\"EventId\":\"a\"}]}", {});
        QCOMPARE(r.count(State::Retry), 2);
        QCOMPARE(r.requestErrorCode, QStringLiteral("MalformedResponse"));
    }

    void transportErrors()
    {
        auto r = PutEventsResult::fromTransportError(2, QStringLiteral("RequestTimeout"),
                                                     QStringLiteral("no answer in 100 ms"));
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.count(State::Retry), 2);
        r = PutEventsResult::fromTransportError(1, QStringLiteral("TlsHandshakeFailed"), {});
        QCOMPARE(r.count(State::Dead), 1);
    }

    void backoffIsStandardModeFullJitter()
    {
        double next = 1.0;
        RetryPolicy p([&next] { return next; });
        // r = 1: the ceiling, 1 s doubling, capped at 20 s.
        QCOMPARE(p.delayMs(1), qint64(1000));
        QCOMPARE(p.delayMs(2), qint64(2000));
        QCOMPARE(p.delayMs(5), qint64(16000));
        QCOMPARE(p.delayMs(6), qint64(20000));
        QCOMPARE(p.delayMs(60), qint64(20000));
        next = 0.5;
        QCOMPARE(p.delayMs(3), qint64(2000));
        QCOMPARE(p.delayMs(6), qint64(16000)); // jitter before the cap: 0.5 * 32 s = 16 s
        QCOMPARE(p.delayMs(7), qint64(20000));
        next = 0.0;
        QCOMPARE(p.delayMs(4), qint64(0));
        // The server's word wins, within reason.
        QCOMPARE(p.delayMs(1, 7500), qint64(7500));
        QCOMPARE(p.delayMs(9, 0), qint64(0));
        QCOMPARE(p.delayMs(1, 3600 * 1000), qint64(5 * 60 * 1000));
        p.setBaseMs(50);
        next = 1.0;
        QCOMPARE(p.delayMs(3), qint64(200));
    }

    void defaultRandomStaysWithinTheCeiling()
    {
        RetryPolicy p;
        for (int i = 0; i < 200; ++i) {
            const qint64 d = p.delayMs(3);
            QVERIFY(d >= 0 && d <= 4000);
        }
    }
};

QTEST_GUILESS_MAIN(TestPutEvents)
#include "tst_putevents.moc"
