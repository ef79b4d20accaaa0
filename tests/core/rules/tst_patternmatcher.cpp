// PatternMatcher and EventEnvelope: every operator of AWS's event-pattern documentation matching
// and not matching one event; the reason given for each miss and the hints for near misses.
#include "core/rules/EventEnvelope.h"
#include "core/rules/PatternMatcher.h"
#include "tests/core/rules/OperatorCases.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

namespace {

QJsonObject docEvent()
{
    return QJsonDocument::fromJson(OperatorEvent).object();
}

EventPattern compiled(const QByteArray &json)
{
    PatternError error;
    EventPattern p = EventPattern::compile(json, &error);
    if (!p.isValid())
        qWarning("%s", qPrintable(error.message()));
    return p;
}

MatchResult matchOne(const QByteArray &pattern, const QJsonObject &e)
{
    const EventPattern p = compiled(pattern);
    return PatternMatcher(p).match(e);
}

} // namespace

class TestPatternMatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void operators_data();
    void operators();
    void wildcardGlob_data();
    void wildcardGlob();
    void reasonNamesFieldExpectedAndFound();
    void reasonForAnAbsentField();
    void hints_data();
    void hints();
    void orExplainsTheClosestAlternative();
    void arrayElementsStayTogether();
    void resultJson();
    void envelopeFromEntry();
    void envelopeRefusesANonObjectDetail();
    void envelopeFromEntryJson();
    void deepAndLongEventsAreSafe();
};

void TestPatternMatcher::operators_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<bool>("matches");
    for (const OperatorCase &c : operatorCases())
        QTest::newRow(c.name) << QByteArray(c.pattern) << c.matches;
}

void TestPatternMatcher::operators()
{
    QFETCH(QByteArray, pattern);
    QFETCH(bool, matches);
    const EventPattern p = compiled(pattern);
    QVERIFY(p.isValid());
    const PatternMatcher m(p);
    QCOMPARE(m.matches(docEvent()), matches);
    const MatchResult r = m.match(docEvent());
    QCOMPARE(r.matches, matches);
    QCOMPARE(r.reasons.isEmpty(), matches); // every miss has a reason
}

void TestPatternMatcher::wildcardGlob_data()
{
    QTest::addColumn<QString>("glob");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    QTest::newRow("star empty") << "a*b"
                                << "ab" << true;
    QTest::newRow("star many") << "a*b"
                               << "axxxb" << true;
    QTest::newRow("star end") << "a*"
                              << "a" << true;
    QTest::newRow("backtrack") << "*ab*ab"
                               << "xabyabab" << true;
    QTest::newRow("no match") << "a*b"
                              << "axc" << false;
    QTest::newRow("escaped star") << "a\\*"
                                  << "a*" << true;
    QTest::newRow("escaped star literal") << "a\\*"
                                          << "ab" << false;
    QTest::newRow("escaped backslash") << "a\\\\b"
                                       << "a\\b" << true;
    QTest::newRow("only star") << "*"
                               << "" << true;
    QTest::newRow("middle pieces in order") << "a*bc*d"
                                            << "axxbcxxd" << true;
    QTest::newRow("middle pieces overlap the suffix") << "a*b*b"
                                                      << "ab" << false;
    QTest::newRow("escaped star in a piece") << "*x\\*y*"
                                             << "1x*y2" << true;
    // Adversarial for a backtracking glob: answered by one scan.
    QTest::newRow("many stars, long text")
        << QString("*a").repeated(2000) + "b" << QString(200000, QLatin1Char('a')) << false;
}

void TestPatternMatcher::wildcardGlob()
{
    QFETCH(QString, glob);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    QCOMPARE(ValueMatcher::wildcardMatches(glob, text), matches);
}

void TestPatternMatcher::reasonNamesFieldExpectedAndFound()
{
    const MatchResult r =
        matchOne(R"({"source": ["aws.ec2"], "detail": {"state": ["running"]}})", docEvent());
    QVERIFY(!r.matches);
    QCOMPARE(r.reasons.size(), 1);
    const MissReason &miss = r.reasons.first();
    QCOMPARE(miss.path, QStringLiteral("detail.state"));
    QCOMPARE(miss.expected, QJsonValue(QJsonArray{"running"}));
    QCOMPARE(miss.found, QJsonValue("terminated"));
    QVERIFY(!miss.absent);
    QCOMPARE(miss.eventPointer, QStringLiteral("/detail/state"));
    QVERIFY(miss.hint.isEmpty());
    QCOMPARE(miss.toText(),
             QStringLiteral("detail.state: expected [\"running\"], found \"terminated\""));
}

void TestPatternMatcher::reasonForAnAbsentField()
{
    const MatchResult r =
        matchOne(R"({"detail": {"livemode": [false], "state": ["x"]}})", docEvent());
    QCOMPARE(r.reasons.size(), 2);
    QCOMPARE(r.reasons.at(0).path, QStringLiteral("detail.livemode"));
    QVERIFY(r.reasons.at(0).absent);
    QCOMPARE(r.reasons.at(0).eventPointer, QStringLiteral("/detail"));
    QVERIFY(r.reasons.at(0).toText().contains(QStringLiteral("the event has no detail.livemode")));
    QCOMPARE(r.reasons.at(1).path, QStringLiteral("detail.state"));

    // A whole missing branch: the leaf is reported, pointing at the deepest part present.
    const MatchResult deep = matchOne(R"({"detail": {"object": {"id": ["x"]}}})", docEvent());
    QCOMPARE(deep.reasons.size(), 1);
    QCOMPARE(deep.reasons.first().path, QStringLiteral("detail.object.id"));
    QCOMPARE(deep.reasons.first().eventPointer, QStringLiteral("/detail"));
}

void TestPatternMatcher::hints_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("eventJson");
    QTest::addColumn<QString>("hint"); // a part of it
    auto row = [](const char *name, const char *pattern, const char *e, const char *hint) {
        QTest::newRow(name) << QByteArray(pattern) << QByteArray(e) << QString::fromUtf8(hint);
    };
    row("case differs", R"({"detail-type": ["customer.created"]})",
        R"({"detail-type": "Customer.Created"})", "the case differs");
    row("prefix case", R"({"source": [{"prefix": "Stripe"}]})", R"({"source": "stripe.com"})",
        "begins with \"Stripe\" only ignoring case");
    row("suffix case", R"({"a": [{"suffix": ".PNG"}]})", R"({"a": "x.png"})",
        "ends with \".PNG\" only ignoring case");
    row("whitespace", R"({"a": ["paid"]})", R"({"a": "paid "})", "whitespace");
    row("number as string", R"({"detail": {"amount": [100]}})", R"({"detail": {"amount": "100"}})",
        "the event sends the number as a string (\"100\")");
    row("numeric on string", R"({"detail": {"amount": [{"numeric": [">", 5]}]}})",
        R"({"detail": {"amount": "100"}})", "numeric matching only applies to JSON numbers");
    row("string in rule", R"({"detail": {"amount": ["100"]}})", R"({"detail": {"amount": 100}})",
        "the rule has \"100\" as a string, and the event holds the JSON number 100");
    row("bool as string", R"({"detail": {"livemode": [false]}})",
        R"({"detail": {"livemode": "false"}})", "the event sends the boolean as a string");
    row("partner source", R"({"source": [{"prefix": "aws.partner/stripe.com"}]})",
        R"({"source": "stripe.com"})", "native partner event source (aws.partner/stripe.com)");
    row("partner source exact", R"({"source": ["aws.partner/stripe.com/ed_123/default"]})",
        R"({"source": "stripe.webhook"})", "for forwarded events match \"stripe.webhook\"");
    row("DetailType", R"({"DetailType": ["customer.created"]})",
        R"({"detail-type": "customer.created"})",
        "\"DetailType\" is the name in a PutEvents entry; the event a rule sees calls it "
        "\"detail-type\"");
    row("Source", R"({"Source": ["stripe.com"]})", R"({"source": "stripe.com"})",
        "calls it \"source\"");
    row("key case", R"({"detail": {"Type": ["x"]}})", R"({"detail": {"type": "x"}})",
        "the event has \"type\" here");
    row("underscore", R"({"detail": {"detail_type": ["x"]}})",
        R"({"detail": {"detail-type": "x"}})", "the event has \"detail-type\" here");
    row("body under detail", R"({"type": ["customer.created"]})",
        R"({"detail": {"type": "customer.created"}})", "the event has detail.type");
    row("detail as text", R"({"detail": {"type": ["x"]}})", R"({"detail": "{\"type\": \"x\"}"})",
        "was Detail encoded twice?");
    row("object where leaf", R"({"detail": {"data": ["x"]}})", R"({"detail": {"data": {"a": 1}}})",
        "nest the pattern one level deeper");
    row("empty array", R"({"detail": {"tags": ["x"]}})", R"({"detail": {"tags": []}})",
        "empty array");
    row("account", R"({"account": ["999999999999"]})", R"({"account": "123456789012"})",
        "--account");
}

void TestPatternMatcher::hints()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, eventJson);
    QFETCH(QString, hint);
    const QJsonObject e = QJsonDocument::fromJson(eventJson).object();
    QVERIFY(!e.isEmpty());
    const MatchResult r = matchOne(pattern, e);
    QVERIFY(!r.matches);
    QCOMPARE(r.reasons.size(), 1);
    QVERIFY2(r.reasons.first().hint.contains(hint), qPrintable(r.reasons.first().hint));
}

void TestPatternMatcher::orExplainsTheClosestAlternative()
{
    const MatchResult r = matchOne(
        R"({"$or": [{"source": ["x"], "region": ["y"]}, {"source": ["aws.ec2"], "account": ["1"]}]})",
        docEvent());
    QVERIFY(!r.matches);
    QCOMPARE(r.reasons.size(), 1); // the second alternative misses by one field
    QCOMPARE(r.reasons.first().path, QStringLiteral("account"));
}

void TestPatternMatcher::arrayElementsStayTogether()
{
    // name "x" is in the first item, qty 2 in the second: no single item has both.
    const MatchResult r =
        matchOne(R"({"detail": {"items": {"name": ["x"], "qty": [2]}}})", docEvent());
    QVERIFY(!r.matches);
    QCOMPARE(r.reasons.size(), 1);
    QCOMPARE(r.reasons.first().eventPointer, QStringLiteral("/detail/items/0/qty"));
    QVERIFY(matchOne(R"({"detail": {"items": {"name": ["y"], "qty": [2]}}})", docEvent()).matches);
    // exists:false inside an array: one element without the field suffices.
    QVERIFY(matchOne(R"({"a": {"b": [{"exists": false}]}})",
                     QJsonDocument::fromJson(R"({"a": [{"b": 1}, {"c": 2}]})").object())
                .matches);
}

void TestPatternMatcher::resultJson()
{
    const MatchResult r =
        matchOne(R"({"detail": {"missing": ["x"], "c-count": ["5"]}})", docEvent());
    const QJsonObject json = r.toJson();
    QCOMPARE(json.value("matches"), QJsonValue(false));
    const QJsonArray reasons = json.value("reasons").toArray();
    QCOMPARE(reasons.size(), 2);
    const QJsonObject absent = reasons.at(0).toObject();
    QCOMPARE(absent.value("path"), QJsonValue("detail.missing"));
    QCOMPARE(absent.value("expected"), QJsonValue(QJsonArray{"x"}));
    QVERIFY(absent.value("found").isNull());
    QCOMPARE(absent.value("absent"), QJsonValue(true));
    QVERIFY(absent.contains("hint"));
    const QJsonObject count = reasons.at(1).toObject();
    QCOMPARE(count.value("found"), QJsonValue(5));
    QVERIFY(count.value("hint").toString().contains("the rule has \"5\" as a string"));
    QVERIFY(!count.contains("absent"));
    QCOMPARE(matchOne(R"({"source": ["aws.ec2"]})", docEvent()).toJson(),
             (QJsonObject{{"matches", true}, {"reasons", QJsonArray()}}));
}

void TestPatternMatcher::envelopeFromEntry()
{
    EventEnvelope e;
    QString error;
    const QDateTime at = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    QVERIFY(EventEnvelope::fromEntry(
        "stripe.com", "customer.created", R"({"id": "evt_1", "type": "customer.created"})",
        {"arn:aws:x"}, "123456789012", "eu-west-1", at, "id-1", &e, &error));
    const QJsonObject json = e.toJson();
    QCOMPARE(json.value("version"), QJsonValue("0"));
    QCOMPARE(json.value("id"), QJsonValue("id-1"));
    QCOMPARE(json.value("detail-type"), QJsonValue("customer.created"));
    QCOMPARE(json.value("source"), QJsonValue("stripe.com"));
    QCOMPARE(json.value("account"), QJsonValue("123456789012"));
    QCOMPARE(json.value("region"), QJsonValue("eu-west-1"));
    QCOMPARE(json.value("time"), QJsonValue("2023-11-14T22:13:20Z"));
    QCOMPARE(json.value("resources"), QJsonValue(QJsonArray{"arn:aws:x"}));
    QCOMPARE(json.value("detail").toObject().value("id"), QJsonValue("evt_1"));
    QCOMPARE(json.size(), 9);
    QCOMPARE(e.toJsonText(),
             QByteArray(R"({"version":"0","id":"id-1","detail-type":"customer.created",)"
                        R"("source":"stripe.com","account":"123456789012",)"
                        R"("time":"2023-11-14T22:13:20Z","region":"eu-west-1",)"
                        R"("resources":["arn:aws:x"],"detail":{"id":"evt_1",)"
                        R"("type":"customer.created"}})"));
    const QByteArray indented = e.toJsonText(true);
    QVERIFY(indented.startsWith("{\n  \"version\": \"0\",\n  \"id\": \"id-1\",\n"));
    QVERIFY(indented.contains("\n  \"detail\": {\n    \"id\": \"evt_1\",\n"));
    QCOMPARE(QJsonDocument::fromJson(indented).object(), json);

    EventEnvelope fresh;
    QVERIFY(EventEnvelope::fromEntry("s", "t", "{}", {}, "1", "r", QDateTime(), QString(), &fresh,
                                     &error));
    QCOMPARE(fresh.id.size(), 36); // a UUID
    QVERIFY(fresh.time.isValid());
    const EventPattern p =
        compiled(R"({"source": ["stripe.com"], "detail": {"id": [{"prefix": "evt_"}]}})");
    QVERIFY(PatternMatcher(p).matches(json));
}

void TestPatternMatcher::envelopeRefusesANonObjectDetail()
{
    EventEnvelope e;
    QString error;
    QVERIFY(!EventEnvelope::fromEntry("s", "t", "[1]", {}, "1", "r", QDateTime(), {}, &e, &error));
    QVERIFY(error.contains("not a JSON object"));
    QVERIFY(!EventEnvelope::fromEntry("s", "t", "{", {}, "1", "r", QDateTime(), {}, &e, &error));
    QVERIFY(error.contains("not valid JSON"));
}

void TestPatternMatcher::envelopeFromEntryJson()
{
    const QJsonObject entry =
        QJsonDocument::fromJson(
            R"({"Source": "shopify.com", "DetailType": "orders/create", "Detail": "{\"id\": 7}",
            "Resources": ["r1"], "EventBusName": "default"})")
            .object();
    QVERIFY(EventEnvelope::looksLikeEntry(entry));
    QVERIFY(!EventEnvelope::looksLikeEntry(docEvent()));
    EventEnvelope e;
    QString error;
    QVERIFY(EventEnvelope::fromEntryJson(entry, "123456789012", "us-east-1", &e, &error));
    QCOMPARE(e.source, QStringLiteral("shopify.com"));
    QCOMPARE(e.detailType, QStringLiteral("orders/create"));
    QCOMPARE(e.detail.value("id"), QJsonValue(7));
    QCOMPARE(e.resources, QStringList{"r1"});
    QCOMPARE(e.region, QStringLiteral("us-east-1"));
}

void TestPatternMatcher::deepAndLongEventsAreSafe()
{
    // An event array nested 500 deep and one of 100,000 elements: matched without recursion
    // per level, explained with bounded work.
    QByteArray deep = "{\"a\": ";
    for (int i = 0; i < 500; ++i)
        deep += '[';
    deep += '1';
    for (int i = 0; i < 500; ++i)
        deep += ']';
    deep += '}';
    const QJsonObject deepEvent = QJsonDocument::fromJson(deep).object();
    QVERIFY(!deepEvent.isEmpty());
    QVERIFY(matchOne(R"({"a": [1]})", deepEvent).matches);
    QVERIFY(!matchOne(R"({"a": [2]})", deepEvent).matches);
    QJsonArray many;
    for (int i = 0; i < 100000; ++i)
        many.append(QJsonObject{{"n", i}});
    const QJsonObject longEvent{{"a", many}};
    QVERIFY(matchOne(R"({"a": {"n": [99999]}})", longEvent).matches);
    const MatchResult miss = matchOne(R"({"a": {"n": [-1]}})", longEvent);
    QVERIFY(!miss.matches);
    QCOMPARE(miss.reasons.size(), 1);
}

QTEST_GUILESS_MAIN(TestPatternMatcher)
#include "tst_patternmatcher.moc"
