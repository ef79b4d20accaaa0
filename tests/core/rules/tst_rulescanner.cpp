// The fast path of the rule tester against the full one, which stays the reference: FastMatcher
// against PatternMatcher on every operator case of tst_patternmatcher, and RuleScanner (stored
// captures → FastBusEvent → FastMatcher, 1 and 2 threads; generic, stripe and github mappings)
// against BusEventBuilder + PatternMatcher on real SQLite stores with envelope fields, odd and
// large bodies. A pattern or body the fast path does not handle falls back to the full path,
// with the same answer.
#include "core/pipeline/BusEventBuilder.h"
#include "core/pipeline/RuleScanner.h"
#include "core/rules/FastMatcher.h"
#include "core/rules/PatternMatcher.h"
#include "core/store/CaptureStore.h"
#include "tests/core/rules/OperatorCases.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

namespace {

EventPattern compiled(const QByteArray &json)
{
    PatternError error;
    const EventPattern p = EventPattern::compile(json, &error);
    if (!p.isValid())
        qWarning("%s", qPrintable(error.message()));
    return p;
}

// OperatorEvent as FastMatcher reads it: the envelope's fields, Detail from its JSON text.
void fillFromOperatorEvent(FastEvent *e)
{
    const QJsonObject event = QJsonDocument::fromJson(OperatorEvent).object();
    e->id = event.value("id").toString();
    e->detailType = event.value("detail-type").toString();
    e->source = event.value("source").toString();
    e->account = event.value("account").toString();
    e->time = event.value("time").toString();
    e->region = event.value("region").toString();
    for (const QJsonValue &r : event.value("resources").toArray())
        e->resources.append(r.toString());
    QVERIFY(e->parseDetail(QJsonDocument(event.value("detail").toObject()).toJson()) ==
            FastEvent::Parse::Object);
}

// Patterns on the event's envelope as the mapping makes it, and on absent/null/odd values.
const char *const EnvelopePatterns[] = {
    R"({"source": ["hookbench.ec2"]})",
    R"({"source": [{"prefix": "hookbench."}], "account": ["111122223333"]})",
    R"({"region": ["us-west-1"], "version": ["0"]})",
    R"({"id": [{"exists": true}], "time": [{"prefix": "2026-"}]})",
    R"({"id": [{"exists": false}]})",
    R"({"time": [{"wildcard": "2026-12-01T*Z"}]})",
    R"({"resources": [{"wildcard": "arn:aws:ec2:*"}]})",
    R"({"resources": {"x": [{"exists": false}]}})",
    R"({"detail-type": ["EC2 Instance State-change Notification"]})",
    R"({"detail-type": [{"anything-but": "other"}], "detail": {"state": ["x", "y"]}})",
    R"({"detail": {"nothing": [{"exists": false}]}})",
    R"({"detail": {"nothing": [null]}})",
    R"({"detail": {"pad": [{"prefix": "zz"}]}})",
    R"({"detail": {"items": {"qty": [{"numeric": [">", 1]}]}, "type": [{"exists": true}]}})",
    R"({"detail": {"big": [{"numeric": [">", 1e18]}]}})",
    R"({"detail": [{"exists": true}]})",
    R"({"unknown": [{"exists": false}], "detail": {"$or": [{"c-count": [5]}, {"tags": ["z"]}]}})",
};

// Patterns that take only some detail-types: the scan's prefilter rules most events out before
// their bodies are parsed (a body without their texts, or a header naming another type).
const char *const SelectivePatterns[] = {
    R"({"detail-type": ["EC2 Instance State-change Notification"]})",
    R"({"detail-type": [{"prefix": "dup"}, "spaces"], "detail": {"state": ["x"]}})",
    R"({"detail-type": ["push"], "source": [{"prefix": "git"}]})",
};

QByteArray request(const QByteArray &body, bool chunked = false)
{
    QByteArray head = "POST /ec2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    if (!chunked)
        return head + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const qsizetype half = body.size() / 2;
    return head + "Transfer-Encoding: chunked\r\n\r\n" + QByteArray::number(half, 16) + "\r\n" +
           body.left(half) + "\r\n" + QByteArray::number(body.size() - half, 16) + "\r\n" +
           body.mid(half) + "\r\n0\r\n\r\n";
}

// The bodies stored: the operator event's Detail with a type, and odd ones.
QList<QByteArray> bodies()
{
    QJsonObject detail = QJsonDocument::fromJson(OperatorEvent).object().value("detail").toObject();
    detail.insert("type", "EC2 Instance State-change Notification");
    const QByteArray ec2 = QJsonDocument(detail).toJson(QJsonDocument::Compact);
    QByteArray huge = ec2;
    huge.chop(1);
    huge += ",\"pad\":\"" + QByteArray(1000 * 1000, 'z') + "\"}"; // a 1 MB body
    QByteArray deep =
        "{\"type\":\"deep\",\"x\":" + QByteArray(1100, '[') + QByteArray(1100, ']') + "}";
    return {ec2, huge, "not json at all", "", "[1, 2, {\"type\": \"x\"}]", "\"a string\"", "42",
            "{}", R"({"type": 5, "state": "x"})", R"({"type": "dup", "state": "x", "state": "y"})",
            R"({"type": "dup2", "items": [{"name": "a", "name": "b"}]})",
            R"({"type": "surrogate", "state": "\ud800"})",
            "{\"type\": \"bad utf8\", \"state\": \"\xff\xfe\"}",
            R"({"type": "big", "big": 18446744073709551616, "c-count": 1e400})",
            R"({"type": "big2", "big": 123456789012345678901234567890, "nothing": null})",
            R"({"ty\u0070e": "escaped", "st\u0061te": "x"})",
            // a selective rule's type, escaped: the body does not hold it as written
            R"({"type": "EC2 Instance State-change Notificatio\u006e", "state": "x"})",
            R"({"type": "", "state": "x"})",
            QByteArray(R"({"type": ")") + QByteArray(200, 't') + R"("})",
            R"({"type": "arrays", "tags": [], "items": [], "matrix": [[], [[]]]})",
            R"({"type": "nested", "items": [[{"name": "y", "qty": 2}]], "nothing": {}})",
            " \r\n{\"type\": \"spaces\"} \n", "{\"type\": \"trailing\"} x", deep};
}

EndpointConfig endpoint(const QString &id, const QString &preset, bool onlyVerified)
{
    EndpointConfig e;
    e.id = id;
    e.path = "/" + id;
    EventBridgeForwardTarget bus;
    bus.preset = preset;
    if (preset == QLatin1String("generic")) {
        bus.source = QStringLiteral("hookbench.ec2");
        bus.detailType = QStringLiteral("/type");
    }
    bus.account = QStringLiteral("111122223333");
    bus.region = QStringLiteral("us-west-1");
    bus.resources = {QStringLiteral("arn:aws:ec2:us-west-1:123456789012:instance/i-1")};
    bus.maxEntryBytes = 1024 * 1024;
    e.forward.eventBridge = bus;
    e.forward.onlyVerified = onlyVerified;
    return e;
}

} // namespace

class TestRuleScanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fastMatcherAgrees_data();
    void fastMatcherAgrees();
    void detailTypeNeedles_data();
    void detailTypeNeedles();
    void storeScanAgrees_data();
    void storeScanAgrees();
};

void TestRuleScanner::fastMatcherAgrees_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<bool>("matches");
    for (const OperatorCase &c : operatorCases())
        QTest::newRow(c.name) << QByteArray(c.pattern) << c.matches;
}

void TestRuleScanner::fastMatcherAgrees()
{
    QFETCH(QByteArray, pattern);
    QFETCH(bool, matches);
    const EventPattern p = compiled(pattern);
    QVERIFY(p.isValid());
    QCOMPARE(PatternMatcher(p).matches(QJsonDocument::fromJson(OperatorEvent).object()), matches);
    FastEvent event;
    fillFromOperatorEvent(&event);
    const FastMatcher fast(p);
    if (pattern.contains("\"detail.")) { // a dotted key: not the fast path's, the full one's
        QVERIFY(!fast.isSupported());
        QCOMPARE(fast.match(event), FastMatcher::Verdict::Undecided);
        return;
    }
    QVERIFY(fast.isSupported());
    QCOMPARE(fast.match(event), matches ? FastMatcher::Verdict::Match : FastMatcher::Verdict::Miss);
    // the envelope alone rules out only what does not match
    if (fast.matchEnvelope(event) == FastMatcher::Verdict::Miss)
        QVERIFY(!matches);
}

void TestRuleScanner::detailTypeNeedles_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<bool>("usable");
    QTest::addColumn<QList<QByteArray>>("needles");
    QTest::newRow("exact") << QByteArray(R"({"detail-type": ["invoice.paid"]})") << true
                           << QList<QByteArray>{"\"invoice.paid\""};
    QTest::newRow("exact and prefix")
        << QByteArray(R"({"detail-type": ["a b", {"prefix": "customer."}], "detail": {"x": [1]}})")
        << true << QList<QByteArray>{"\"a b\"", "\"customer."};
    QTest::newRow("beside $or")
        << QByteArray(R"({"detail-type": ["x1"], "$or": [{"source": ["a"]}, {"region": ["b"]}]})")
        << true << QList<QByteArray>{"\"x1\""};
    QTest::newRow("no detail-type")
        << QByteArray(R"({"source": ["stripe.com"]})") << false << QList<QByteArray>{};
    QTest::newRow("only in $or") << QByteArray(
                                        R"({"$or": [{"detail-type": ["a"]}, {"source": ["b"]}]})")
                                 << false << QList<QByteArray>{};
    // a number or boolean at the pointer becomes such text, unquoted in the body
    QTest::newRow("number-like") << QByteArray(R"({"detail-type": ["x", "1e5"]})") << false
                                 << QList<QByteArray>{};
    QTest::newRow("boolean") << QByteArray(R"({"detail-type": ["true"]})") << false
                             << QList<QByteArray>{};
    QTest::newRow("prefix of a boolean")
        << QByteArray(R"({"detail-type": [{"prefix": "fa"}]})") << false << QList<QByteArray>{};
    QTest::newRow("empty prefix") << QByteArray(R"({"detail-type": [{"prefix": ""}]})") << false
                                  << QList<QByteArray>{};
    // JSON may write these escaped
    QTest::newRow("non-ASCII") << QByteArray(R"({"detail-type": ["caf\u00e9"]})") << false
                               << QList<QByteArray>{};
    QTest::newRow("quote") << QByteArray(R"({"detail-type": ["a\"b"]})") << false
                           << QList<QByteArray>{};
    QTest::newRow("ignoring case")
        << QByteArray(R"({"detail-type": [{"equals-ignore-case": "x"}]})") << false
        << QList<QByteArray>{};
    QTest::newRow("anything-but") << QByteArray(R"({"detail-type": [{"anything-but": "x"}]})")
                                  << false << QList<QByteArray>{};
    QTest::newRow("exists false") << QByteArray(R"({"detail-type": ["x", {"exists": false}]})")
                                  << false << QList<QByteArray>{};
}

void TestRuleScanner::detailTypeNeedles()
{
    QFETCH(QByteArray, pattern);
    QFETCH(bool, usable);
    QFETCH(QList<QByteArray>, needles);
    const EventPattern p = compiled(pattern);
    QVERIFY(p.isValid());
    QList<QByteArray> found;
    QCOMPARE(FastMatcher(p).detailTypeNeedles(&found), usable);
    if (usable)
        QCOMPARE(found, needles);
}

void TestRuleScanner::storeScanAgrees_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<bool>("selective");
    QTest::newRow("one thread") << 1 << false;
    QTest::newRow("two threads") << 2 << false;
    QTest::newRow("selective rules, one thread") << 1 << true;
    QTest::newRow("selective rules, two threads") << 2 << true;
}

void TestRuleScanner::storeScanAgrees()
{
    QFETCH(int, threads);
    QFETCH(bool, selective);
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    const QList<QByteArray> stored = bodies();
    {
        CaptureStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QList<NewCapture> batch;
        for (int round = 0; round < 8; ++round) {
            for (qsizetype i = 0; i < stored.size(); ++i) {
                for (const char *id : {"ec2", "strict", "gh", "other"}) {
                    NewCapture c;
                    c.summary.receivedAtUs = 1764590400000000 + round * 1000000 + i;
                    c.summary.method = "POST";
                    c.summary.target = "/ec2";
                    c.summary.endpointId = QString::fromLatin1(id);
                    c.summary.status = 200;
                    c.summary.verdictReason = (i + round) % 3 ? "ok" : "signature_mismatch";
                    c.raw = request(stored.at(i), round % 2);
                    if (QByteArray(id) == "gh" && (i + round) % 4) // github: the event's header
                        c.raw.replace("Host: x\r\n", (i + round) % 4 == 1
                                                         ? "Host: x\r\nX-GitHub-Event:  push \r\n"
                                                         : "Host: x\r\nX-GitHub-Event: issues\r\n");
                    if (QByteArray(id) == "gh" && round % 3 == 0) // its JSON as a form field
                        c.raw.replace("application/json", "application/x-www-form-urlencoded");
                    batch.append(c);
                }
            }
        }
        QVERIFY2(store.append(batch), qPrintable(store.errorString()));
    }
    QVector<EventPattern> patterns;
    for (const OperatorCase &c : operatorCases())
        patterns.append(compiled(c.pattern));
    for (const char *p : EnvelopePatterns)
        patterns.append(compiled(p));
    for (const EventPattern &p : patterns)
        QVERIFY(p.isValid());
    // ec2: the patterns the fast path takes; strict also those with dotted keys (the full path)
    QVector<EventPattern> fastOnes;
    for (const EventPattern &p : patterns) {
        if (FastMatcher(p).isSupported())
            fastOnes.append(p);
    }
    QVERIFY(fastOnes.size() < patterns.size());
    if (selective) {
        patterns.clear();
        for (const char *p : SelectivePatterns)
            patterns.append(compiled(p));
        fastOnes = patterns;
    }
    const QList<RuleScanner::Endpoint> endpoints = {{endpoint("ec2", "generic", false), fastOnes},
                                                    {endpoint("strict", "stripe", true), patterns},
                                                    {endpoint("gh", "github", false), fastOnes}};

    RuleScanner scanner(endpoints);
    QVERIFY2(scanner.open(path, threads), qPrintable(scanner.errorString()));
    QVector<RuleScanner::Verdict> verdicts;
    QVERIFY2(scanner.judgeRange(1, 1 << 30, &verdicts), qPrintable(scanner.errorString()));

    const QHash<QString, int> index{{"ec2", 0}, {"strict", 1}, {"gh", 2}};
    // The reference: every capture of those endpoints built and matched the full way.
    CaptureStore store;
    QVERIFY(store.openReadOnly(path));
    QVector<qint64> expectedIds;
    qsizetype at = 0;
    int onBus = 0, matches = 0;
    QSet<QString> onBusEndpoints, skippedEndpoints;
    for (const qint64 id : store.ids()) {
        const std::optional<Capture> capture = store.capture(id);
        QVERIFY(capture);
        const QString endpointId = capture->summary.endpointId;
        if (endpointId == QLatin1String("other"))
            continue;
        expectedIds.append(id);
        const BusEventBuilder::Result event = BusEventBuilder::build(
            *capture, store.verdictJson(id), endpoints.at(index.value(endpointId)).config);
        QList<int> matching;
        if (event.onBus) {
            const QJsonObject json = event.envelope.toJson();
            const QVector<EventPattern> &mine = endpoints.at(index.value(endpointId)).patterns;
            for (qsizetype i = 0; i < mine.size(); ++i) {
                if (PatternMatcher(mine.at(i)).matches(json))
                    matching.append(int(i));
            }
        }
        QVERIFY2(at < verdicts.size(), "a capture was left out");
        const RuleScanner::Verdict &v = verdicts.at(at++);
        const QByteArray where =
            QByteArray::number(id) + " " + endpointId.toUtf8() + " " + capture->raw.right(80);
        QCOMPARE(v.id, id);
        QCOMPARE(v.endpointId, endpointId);
        QVERIFY2(v.matching == matching, where.constData());
        if (!v.onBusKnown) { // ruled out before its body was parsed
            QVERIFY2(selective, where.constData());
            skippedEndpoints.insert(endpointId);
            continue;
        }
        QVERIFY2(v.onBus == event.onBus, where.constData());
        if (event.onBus)
            QCOMPARE(v.detailType, event.envelope.detailType);
        onBus += event.onBus;
        if (event.onBus)
            onBusEndpoints.insert(endpointId);
        matches += matching.size();
    }
    QCOMPARE(at, verdicts.size());
    QVERIFY(onBus > 0 && matches > 0);
    QCOMPARE(onBusEndpoints.size(), 3); // each mapping put events on the bus
    // the prefilter ruled events out on every mapping, by needle (ec2, strict) and by header (gh)
    QCOMPARE(skippedEndpoints.size(), selective ? 3 : 0);
    // Both paths were taken: the fast one, and the full one for the odd bodies and the dotted
    // keys' patterns.
    QVERIFY(scanner.fastCount() > 0);
    QVERIFY(scanner.fullCount() > 0);

    // A subset of ids gives the same verdicts for those.
    QVector<qint64> some;
    for (qsizetype i = 0; i < expectedIds.size(); i += 3)
        some.append(expectedIds.at(i));
    QVector<RuleScanner::Verdict> subset;
    QVERIFY(scanner.judge(some, &subset));
    QCOMPARE(subset.size(), some.size());
    for (qsizetype i = 0; i < some.size(); ++i) {
        QCOMPARE(subset.at(i).id, some.at(i));
        QCOMPARE(subset.at(i).matching, verdicts.at(i * 3).matching);
    }
}

QTEST_GUILESS_MAIN(TestRuleScanner)
#include "tst_rulescanner.moc"
