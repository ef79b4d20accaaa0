#include "core/forward/EventBridgeMapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// The presets reproduce the providers' own EventBridge integrations; validation says exactly
// what PutEvents would refuse.
class TestEventBridgeMapper : public QObject
{
    Q_OBJECT

    static EventBridgeInput capture(QByteArray body, QList<QPair<QByteArray, QByteArray>> headers)
    {
        EventBridgeInput c;
        c.method = "POST";
        c.target = "/hooks?x=1";
        c.headers = std::move(headers);
        c.body = std::move(body);
        c.receivedAt = QDateTime(QDate(2026, 2, 3), QTime(4, 5, 6), Qt::UTC);
        return c;
    }
    static EventBridgeForwardTarget preset(const char *name)
    {
        EventBridgeForwardTarget t;
        t.preset = QLatin1String(name);
        return t;
    }
    static QJsonObject detailOf(const EventBridgeEntry &e)
    {
        return QJsonDocument::fromJson(e.detail).object();
    }

private Q_SLOTS:
    void stripeKeepsTheEventBytes()
    {
        // Pretty-printed as Stripe sends it: the bytes must reach the bus untouched.
        const QByteArray body = "{\n  \"id\": \"evt_1\",\n  \"type\": \"customer.created\",\n"
                                "  \"data\": {\"object\": {\"amount\": 1.50}}\n}";
        const auto r = EventBridgeMapper::map(capture(body, {{"Stripe-Signature", "t=1,v1=ab"}}),
                                              preset("stripe"));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.entry->source, QStringLiteral("stripe.com"));
        QCOMPARE(r.entry->detailType, QStringLiteral("customer.created"));
        QCOMPARE(r.entry->detail, body);
        QCOMPARE(r.entry->eventBusName, QStringLiteral("default"));
        QCOMPARE(r.entry->time, QDateTime(QDate(2026, 2, 3), QTime(4, 5, 6), Qt::UTC));
    }

    void stripeSourceAndDetailTypeCanBeOverridden()
    {
        auto t = preset("stripe");
        t.source = QStringLiteral("stripe.webhook");
        t.detailType = QStringLiteral("/data/object/object");
        t.resources = {QStringLiteral("arn:aws:s3:::bucket")};
        const auto r = EventBridgeMapper::map(
            capture("{\"type\":\"a\",\"data\":{\"object\":{\"object\":\"charge\"}}}", {}), t);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.entry->source, QStringLiteral("stripe.webhook"));
        QCOMPARE(r.entry->detailType, QStringLiteral("charge"));
        QCOMPARE(r.entry->resources, QStringList{QStringLiteral("arn:aws:s3:::bucket")});
    }

    void shopifyWrapsPayloadAndMetadata()
    {
        const QByteArray body = "{\"id\": 820982911946154508, \"email\": \"jon@example.com\"}";
        const auto r = EventBridgeMapper::map(
            capture(body,
                    {{"Content-Type", "application/json"},
                     {"X-Shopify-Topic", "orders/create"},
                     {"x-shopify-hmac-sha256", "XWmrwMey6OsLMeiZKwP4FppHH3cmAiiJJAweH5Jo4bM="},
                     {"X-Shopify-Shop-Domain", "example.myshopify.com"},
                     {"X-Shopify-Webhook-Id", "b54557e4"},
                     {"X-Shopify-Triggered-At", "2026-02-03T04:05:06Z"},
                     {"X-Shopify-Event-Id", "98880550-7158-44d4-b7cd-2c97c8a091b5"},
                     {"X-Shopify-Api-Version", "2026-01"}}),
            preset("shopify"));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.entry->source, QStringLiteral("shopify.com"));
        QCOMPARE(r.entry->detailType, QStringLiteral("shopifyWebhook"));
        // The payload's bytes are kept (the 64-bit id would not survive a double round trip).
        QVERIFY(r.entry->detail.startsWith(QByteArray("{\"payload\":" + body + ",\"metadata\":")));
        const QJsonObject metadata =
            detailOf(*r.entry).value(QStringLiteral("metadata")).toObject();
        QCOMPARE(metadata.value(QStringLiteral("X-Shopify-Topic")).toString(),
                 QStringLiteral("orders/create"));
        QCOMPARE(metadata.value(QStringLiteral("X-Shopify-Hmac-Sha256")).toString(),
                 QStringLiteral("XWmrwMey6OsLMeiZKwP4FppHH3cmAiiJJAweH5Jo4bM="));
        QCOMPARE(metadata.value(QStringLiteral("Content-Type")).toString(),
                 QStringLiteral("application/json"));
        QCOMPARE(metadata.size(), 7);
    }

    void githubTakesTheEventHeader()
    {
        const QByteArray body = "{\"action\":\"opened\",\"number\":1}";
        const auto r = EventBridgeMapper::map(capture(body, {{"X-GitHub-Event", "pull_request"},
                                                             {"Content-Type", "application/json"}}),
                                              preset("github"));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.entry->source, QStringLiteral("github.com"));
        QCOMPARE(r.entry->detailType, QStringLiteral("pull_request"));
        QCOMPARE(r.entry->detail, body);

        const auto form =
            EventBridgeMapper::map(capture("payload=%7B%22zen%22%3A%22Keep%20it%20simple.%22%7D",
                                           {{"X-GitHub-Event", "ping"},
                                            {"Content-Type", "application/x-www-form-urlencoded"}}),
                                   preset("github"));
        QVERIFY2(form.ok(), qPrintable(form.error.message));
        QCOMPARE(form.entry->detail, QByteArray("{\"zen\":\"Keep it simple.\"}"));

        const auto missing = EventBridgeMapper::map(capture(body, {}), preset("github"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error.problem, EventBridgeMapper::Problem::NoDetailType);
        QCOMPARE(missing.error.message,
                 QStringLiteral("the request has no X-GitHub-Event header (detail_type "
                                "\"header:X-GitHub-Event\")"));
    }

    void genericNeedsSourceAndDetailType()
    {
        auto t = preset("generic");
        auto r = EventBridgeMapper::map(capture("{}", {}), t);
        QCOMPARE(r.error.problem, EventBridgeMapper::Problem::NoSource);
        QCOMPARE(r.error.code(), QStringLiteral("NoSource"));
        t.source = QStringLiteral("myapp.webhook");
        r = EventBridgeMapper::map(capture("{}", {}), t);
        QCOMPARE(r.error.problem, EventBridgeMapper::Problem::NoDetailType);
        t.detailType = QStringLiteral("header:X-Event-Kind");
        r = EventBridgeMapper::map(capture("{\"a\":1}", {{"x-event-kind", " thing.done "}}), t);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.entry->detailType, QStringLiteral("thing.done"));
        QCOMPARE(r.entry->detail, QByteArray("{\"a\":1}"));
    }

    void genericPointerEscapesAndArrays()
    {
        auto t = preset("generic");
        t.source = QStringLiteral("myapp.webhook");
        t.detailType = QStringLiteral("/events/1/a~1b~0c");
        const auto r =
            EventBridgeMapper::map(capture("{\"events\":[{},{\"a/b~c\":\"deep\"}]}", {}), t);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.entry->detailType, QStringLiteral("deep"));
        t.detailType = QStringLiteral("/nothing");
        const auto missing = EventBridgeMapper::map(capture("{\"a\":1}", {}), t);
        QCOMPARE(missing.error.message,
                 QStringLiteral("the body has nothing at /nothing (detail_type)"));
    }

    void genericWrapsBodiesThatAreNotObjects()
    {
        auto t = preset("generic");
        t.source = QStringLiteral("myapp.webhook");
        t.detailType = QStringLiteral("header:X-Kind");
        auto r = EventBridgeMapper::map(
            capture("a=1&b=2",
                    {{"X-Kind", "form"}, {"Content-Type", "application/x-www-form-urlencoded"}}),
            t);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(detailOf(*r.entry),
                 QJsonObject(
                     {{"body", "a=1&b=2"}, {"contentType", "application/x-www-form-urlencoded"}}));
        r = EventBridgeMapper::map(
            capture(QByteArray("\xff\x00\x01", 3),
                    {{"X-Kind", "bin"}, {"Content-Type", "application/octet-stream"}}),
            t);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(detailOf(*r.entry).value(QStringLiteral("bodyBase64")).toString(),
                 QStringLiteral("/wAB"));
        r = EventBridgeMapper::map(capture("[1,2]", {{"X-Kind", "list"}}), t);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(detailOf(*r.entry).value(QStringLiteral("body")).toString(),
                 QStringLiteral("[1,2]"));
    }

    void genericEnvelopeAddsHeadersAndVerdict()
    {
        auto t = preset("generic");
        t.source = QStringLiteral("myapp.webhook");
        t.detailType = QStringLiteral("/kind");
        t.envelope = true;
        auto c = capture("{\"kind\":\"k\",\"n\":12345678901234567890}",
                         {{"X-Dup", "1"}, {"x-dup", "2"}, {"Content-Type", "application/json"}});
        c.verdict = QJsonObject{{"status", "verified"}, {"provider", "generic-hmac"}};
        const auto r = EventBridgeMapper::map(c, t);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const QJsonObject d = detailOf(*r.entry);
        QCOMPARE(d.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(d.value(QStringLiteral("target")).toString(), QStringLiteral("/hooks?x=1"));
        QCOMPARE(
            d.value(QStringLiteral("headers")).toObject().value(QStringLiteral("x-dup")).toString(),
            QStringLiteral("1, 2"));
        QCOMPARE(d.value(QStringLiteral("verdict"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("verified"));
        QVERIFY(r.entry->detail.endsWith(",\"body\":{\"kind\":\"k\",\"n\":12345678901234567890}}"));

        c.verdict.reset();
        QVERIFY(detailOf(*EventBridgeMapper::map(c, t).entry)
                    .value(QStringLiteral("verdict"))
                    .isNull());
    }

    void awsSourcesAreRefused()
    {
        auto t = preset("stripe");
        t.source = QStringLiteral("aws.partner/stripe.com/acct_1");
        const auto r = EventBridgeMapper::map(capture("{\"type\":\"a\"}", {}), t);
        QVERIFY(!r.ok());
        QCOMPARE(r.error.problem, EventBridgeMapper::Problem::ReservedSource);
        QCOMPARE(r.error.message,
                 QStringLiteral("source \"aws.partner/stripe.com/acct_1\": AWS reserves sources "
                                "beginning with \"aws.\" and PutEvents refuses them (native "
                                "partner sources, \"aws.partner/...\", only the partner can send); "
                                "use your own, e.g. \"stripe.webhook\" or "
                                "\"com.example.webhooks\""));
    }

    void stripeBodyMustBeAnObject()
    {
        const auto r = EventBridgeMapper::map(capture("[1]", {}), preset("stripe"));
        QVERIFY(!r.ok());
        // /type of an array: nothing there.
        QCOMPARE(r.error.problem, EventBridgeMapper::Problem::NoDetailType);
        auto t = preset("stripe");
        t.detailType = QStringLiteral("header:X-T");
        const auto r2 = EventBridgeMapper::map(capture("[1]", {{"X-T", "t"}}), t);
        QCOMPARE(r2.error.problem, EventBridgeMapper::Problem::DetailNotObject);
    }

    void detailTypeLength()
    {
        auto t = preset("stripe");
        const QString long129(129, u'x');
        auto r = EventBridgeMapper::map(
            capture(QByteArray("{\"type\":\"") + long129.toUtf8() + "\"}", {}), t);
        QCOMPARE(r.error.problem, EventBridgeMapper::Problem::DetailTypeTooLong);
        QCOMPARE(
            r.error.message,
            QStringLiteral("DetailType is 129 characters long; PutEvents accepts at most 128"));
        // 128 characters of four UTF-8 bytes each: characters count, not bytes.
        QString emoji;
        for (int i = 0; i < 128; ++i)
            emoji += QString::fromUcs4(U"\U0001F600");
        r = EventBridgeMapper::map(capture(QByteArray("{\"type\":\"") + emoji.toUtf8() + "\"}", {}),
                                   t);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        r = EventBridgeMapper::map(capture("{\"type\":\"\"}", {}), t);
        QCOMPARE(r.error.problem, EventBridgeMapper::Problem::NoDetailType);
    }

    void entrySizeAsAwsCountsIt()
    {
        EventBridgeEntry e;
        e.source = QStringLiteral("stripe.com");                    // 10
        e.detailType = QStringLiteral("café");                      // 5 bytes
        e.detail = "{\"a\":1}";                                     // 7
        e.resources = {QStringLiteral("r1"), QStringLiteral("ré")}; // 2 + 3
        e.eventBusName = QStringLiteral("not-counted");
        QCOMPARE(e.size(), qint64(10 + 5 + 7 + 5));
        e.time = QDateTime::currentDateTimeUtc();
        QCOMPARE(e.size(), qint64(14 + 10 + 5 + 7 + 5));
    }

    void oversizeEntryIsDistinguishable()
    {
        auto t = preset("stripe");
        const QByteArray body = "{\"type\":\"big\",\"pad\":\"" + QByteArray(262144, 'x') + "\"}";
        const auto r = EventBridgeMapper::map(capture(body, {}), t);
        QVERIFY(!r.ok());
        QVERIFY(r.error.isOversize());
        QCOMPARE(r.error.code(), QStringLiteral("EntryTooLarge"));
        const qint64 size = 14 + 10 + 3 + body.size();
        QCOMPARE(
            r.error.message,
            QStringLiteral("the entry is %1 bytes (14 for Time plus Source, DetailType, Detail "
                           "and Resources); the limit is 262144 bytes (max_entry_bytes)")
                .arg(size));
        t.maxEntryBytes = 1048576;
        QVERIFY(EventBridgeMapper::map(capture(body, {}), t).ok());
        // Exactly at the limit passes.
        t.maxEntryBytes = int(size);
        QVERIFY(EventBridgeMapper::map(capture(body, {}), t).ok());
        t.maxEntryBytes = int(size - 1);
        QVERIFY(EventBridgeMapper::map(capture(body, {}), t).error.isOversize());
    }

    void entryJsonEmbedsDetailAsAString()
    {
        EventBridgeEntry e;
        e.source = QStringLiteral("s");
        e.detailType = QStringLiteral("t");
        e.detail = "{\"k\": \"é\\n\"}";
        e.eventBusName = QStringLiteral("bus");
        e.time = QDateTime::fromMSecsSinceEpoch(1700000000500, Qt::UTC);
        const QJsonObject o = e.toJson();
        QCOMPARE(o.value(QStringLiteral("Detail")).toString().toUtf8(), e.detail);
        QCOMPARE(o.value(QStringLiteral("Time")).toDouble(), 1700000000.5);
        QCOMPARE(o.value(QStringLiteral("EventBusName")).toString(), QStringLiteral("bus"));
        QVERIFY(!o.contains(QStringLiteral("Resources")));
    }

    void unknownPreset()
    {
        const auto r = EventBridgeMapper::map(capture("{}", {}), preset("paypal"));
        QCOMPARE(r.error.problem, EventBridgeMapper::Problem::UnknownPreset);
    }
};

QTEST_GUILESS_MAIN(TestEventBridgeMapper)
#include "tst_eventbridgemapper.moc"
