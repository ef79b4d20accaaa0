#include "core/http/RequestFramer.h"
#include "core/io/ImportShapes.h"
#include "core/io/JsonObjectText.h"

#include <QBuffer>
#include <QFile>
#include <QtTest>

// The AWS import shapes over the fixtures of tests/core/io/data/aws (make_fixtures.py): every
// shape detected from its first bytes, each rebuilt request's method, target, headers in order,
// body (exact where the source has it), time, peer and notes.
class TestAwsImportShapes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixturesAreDetectedAsTheirShape_data();
    void fixturesAreDetectedAsTheirShape();
    void lambdaV1DecodesBase64AndKeepsMultiValueHeaders();
    void lambdaV2DropsTheStageAndJoinsCookies();
    void aParsedBodyKeepsItsKeyOrderAndIsFlagged();
    void apigwRawBodyIsExactDespiteEscapeJavaScript();
    void apigwPassthroughTakesMethodPathAndPeerFromContext();
    void sqsRecordsCarryHeadersInMessageAttributes();
    void sqsReceiveMessageOutputUsesPascalCase();
    void eventBridgeEnvelopeGivesBackTheRequest();
    void eventBridgeStripeEventHasNoSignatureAndNamesItsSource();
    void cloudWatchEventsArrayFindsTheLoggedEvent();
    void cloudWatchLinesReadPrefixedAndMultiLineEvents();
    void problemsNameTheEventAndWhatIsWrong_data();
    void problemsNameTheEventAndWhatIsWrong();
    void membersKeepTheirOrderAndExactText();
};

namespace {

struct Read
{
    QList<ImportedRequest> requests;
    QString error;
};

QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(HB_AWS_FIXTURES "/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(name));
    return f.readAll();
}

const QByteArray &payload()
{
    static const QByteArray p = fixture("stripe-payload.json");
    return p;
}

Read readAll(const QString &shapeName, const QByteArray &input)
{
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    std::unique_ptr<ImportShape> shape = ImportShapes::create(shapeName);
    Q_ASSERT(shape);
    shape->start(&buffer, "in");
    Read out;
    for (;;) {
        ImportedRequest r;
        switch (shape->next(&r)) {
        case ImportShape::Next::Request:
            out.requests.append(r);
            continue;
        case ImportShape::Next::Failed:
            out.error = shape->errorString();
            return out;
        case ImportShape::Next::End:
            return out;
        }
    }
}

Read readFixture(const QString &shapeName, const QString &name)
{
    return readAll(shapeName, fixture(name));
}

QList<QPair<QByteArray, QByteArray>> headersOf(const ImportedRequest &r)
{
    const ParsedRequest p = RequestFramer::parse(r.raw);
    QList<QPair<QByteArray, QByteArray>> out;
    for (const HeaderField &h : p.headers)
        out.append({h.name, h.value});
    return out;
}

QByteArray bodyOf(const ImportedRequest &r)
{
    const ParsedRequest p = RequestFramer::parse(r.raw);
    return p.body(r.raw);
}

QByteArray requestLine(const ImportedRequest &r)
{
    return r.raw.left(r.raw.indexOf("\r\n"));
}

bool notesMention(const ImportedRequest &r, const QString &words)
{
    for (const QString &n : r.notRebuilt) {
        if (n.contains(words))
            return true;
    }
    return false;
}

constexpr qint64 T = 1746100800; // 2025-05-01T12:00:00Z, when the fixtures' event was sent

} // namespace

void TestAwsImportShapes::fixturesAreDetectedAsTheirShape_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("shape");
    QTest::newRow("lambda v1") << "lambda-v1-base64.json"
                               << "lambda";
    QTest::newRow("lambda v2") << "lambda-v2.json"
                               << "lambda";
    QTest::newRow("lambda parsed") << "lambda-parsed-unknown-layout.json"
                                   << "lambda";
    QTest::newRow("apigw rawBody") << "apigw-rawbody.json"
                                   << "apigw";
    QTest::newRow("apigw passthrough") << "apigw-passthrough.json"
                                       << "apigw";
    QTest::newRow("sqs lambda event") << "sqs-lambda-event.json"
                                      << "sqs";
    QTest::newRow("sqs receive-message") << "sqs-receive-message.json"
                                         << "sqs";
    QTest::newRow("eventbridge") << "eventbridge-stripe.json"
                                 << "eventbridge";
    QTest::newRow("eventbridge envelope") << "eventbridge-envelope.json"
                                          << "eventbridge";
    QTest::newRow("cwlogs json") << "cwlogs-filter-log-events.json"
                                 << "cwlogs";
    QTest::newRow("cwlogs lines") << "cwlogs-lines.log"
                                  << "cwlogs";
}

void TestAwsImportShapes::fixturesAreDetectedAsTheirShape()
{
    QFETCH(QString, file);
    QFETCH(QString, shape);
    const std::unique_ptr<ImportShape> detected =
        ImportShapes::detect(fixture(file).left(ImportShapes::DetectBytes));
    QVERIFY(detected);
    QCOMPARE(detected->name(), shape);
    // Neither a plain JSON document nor a log without events is taken for one.
    QVERIFY(!ImportShapes::detect("{\"hello\": {\"detail\": 1}}"));
    QVERIFY(!ImportShapes::detect("2025-05-01 START RequestId: 1\n2025-05-01 {\"a\": 1}\n"));
}

void TestAwsImportShapes::lambdaV1DecodesBase64AndKeepsMultiValueHeaders()
{
    const Read read = readFixture("lambda", "lambda-v1-base64.json");
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.requests.size(), 1);
    const ImportedRequest &r = read.requests.first();
    QCOMPARE(bodyOf(r), payload());
    QCOMPARE(requestLine(r), QByteArray("POST /stripe?source=webhook HTTP/1.1"));
    const auto headers = headersOf(r);
    QCOMPARE(headers.at(0).first, QByteArray("Host"));
    QCOMPARE(headers.at(3).first, QByteArray("Stripe-Signature"));
    // multiValueHeaders: each value on a line of its own, in the event's order.
    QCOMPARE(headers.at(4), qMakePair(QByteArray("Accept"), QByteArray("*/*; q=0.5")));
    QCOMPARE(headers.at(5), qMakePair(QByteArray("Accept"), QByteArray("application/xml")));
    QCOMPARE(headers.last(),
             qMakePair(QByteArray("Content-Length"), QByteArray::number(payload().size())));
    QCOMPARE(r.receivedAtUs, (T * 1000 + 120) * 1000);
    QCOMPARE(r.peer, "54.187.174.169");
    QVERIFY(r.bodyParsedBy.isEmpty());
    QVERIFY(!r.pathUnknown);
    QVERIFY(notesMention(r, "headers' order"));
    QVERIFY(notesMention(r, "query string"));
}

void TestAwsImportShapes::lambdaV2DropsTheStageAndJoinsCookies()
{
    const Read read = readFixture("lambda", "lambda-v2.json");
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    const ImportedRequest &r = read.requests.first();
    QCOMPARE(requestLine(r), QByteArray("POST /stripe?source=webhook&n=1 HTTP/1.1"));
    QCOMPARE(bodyOf(r), payload());
    const auto headers = headersOf(r);
    QCOMPARE(headers.first(),
             qMakePair(QByteArray("content-length"), QByteArray::number(payload().size())));
    QCOMPARE(headers.last(),
             qMakePair(QByteArray("cookie"), QByteArray("session=abc; theme=dark")));
    QCOMPARE(r.receivedAtUs, (T * 1000 + 80) * 1000);
    QVERIFY(notesMention(r, "lower-cased"));
    QVERIFY(!notesMention(r, "Content-Length")); // it matched the body
}

void TestAwsImportShapes::aParsedBodyKeepsItsKeyOrderAndIsFlagged()
{
    const Read read = readFixture("lambda", "lambda-parsed-unknown-layout.json");
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    const ImportedRequest &r = read.requests.first();
    QVERIFY(r.bodyParsedBy.contains("JSON.parse"));
    QVERIFY(!r.rawBodyHowTo.isEmpty());
    // Compact, keys as logged (QJsonObject would have put api_version first), é as UTF-8.
    const QByteArray body = bodyOf(r);
    QVERIFY(body.startsWith("{\"id\":\"evt_1PImportHookbench0001\",\"object\":\"event\","));
    QVERIFY(body.endsWith("\"type\":\"customer.created\"}"));
    QVERIFY(body.contains("Jenny Ros\xC3\xA9n"));
}

void TestAwsImportShapes::apigwRawBodyIsExactDespiteEscapeJavaScript()
{
    const QByteArray input = fixture("apigw-rawbody.json");
    QVERIFY(input.contains("Jenny\\'s")); // $util.escapeJavaScript's escape, not JSON
    const Read read = readAll("apigw", input);
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    const ImportedRequest &r = read.requests.first();
    QCOMPARE(bodyOf(r), payload());
    QVERIFY(r.bodyParsedBy.isEmpty()); // rawBody wins over the parsed body
    QCOMPARE(requestLine(r), QByteArray("POST /stripe HTTP/1.1"));
    const auto headers = headersOf(r);
    QCOMPARE(headers.at(0).first, QByteArray("Content-Type"));
    QCOMPARE(headers.at(2).first, QByteArray("Stripe-Signature"));
    QCOMPARE(r.receivedAtUs, (T * 1000 + 50) * 1000);
    QCOMPARE(r.peer, "54.187.174.169");

    // rawBody as $util.base64Encode($input.body) writes it.
    QByteArray base64 = "{\"rawBody\": \"" + payload().toBase64() +
                        "\", \"headers\": {\"X-A\": \"1\"}, \"path\": \"/p\"}";
    const Read b = readAll("apigw", base64);
    QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
    QCOMPARE(bodyOf(b.requests.first()), payload());
}

void TestAwsImportShapes::apigwPassthroughTakesMethodPathAndPeerFromContext()
{
    const Read read = readFixture("apigw", "apigw-passthrough.json");
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    const ImportedRequest &r = read.requests.first();
    QCOMPARE(requestLine(r), QByteArray("POST /stripe HTTP/1.1"));
    QVERIFY(r.bodyParsedBy.contains("$input.json"));
    QVERIFY(r.rawBodyHowTo.contains("$util.base64Encode($input.body)"));
    QVERIFY(bodyOf(r).startsWith("{\"id\":\"evt_1PImportHookbench0001\""));
    QCOMPARE(r.peer, "54.187.174.169");
    QCOMPARE(r.receivedAtUs, (T * 1000 + 50) * 1000);

    // {proxy+} and {name} in the resource path come from params.path.
    const Read p =
        readAll("apigw", "{\"body-json\": {}, \"params\": {\"path\": {\"proxy\": \"a/b\"}, "
                         "\"header\": {}}, \"context\": {\"http-method\": \"PUT\", "
                         "\"resource-path\": \"/hooks/{proxy+}\"}}");
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QCOMPARE(requestLine(p.requests.first()), QByteArray("PUT /hooks/a/b HTTP/1.1"));
}

void TestAwsImportShapes::sqsRecordsCarryHeadersInMessageAttributes()
{
    const Read read = readFixture("sqs", "sqs-lambda-event.json");
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.requests.size(), 2);
    const ImportedRequest &r = read.requests.at(0);
    QCOMPARE(bodyOf(r), payload());
    QVERIFY(r.pathUnknown);
    const auto headers = headersOf(r);
    QCOMPARE(headers.at(0).first, QByteArray("Stripe-Signature"));
    QCOMPARE(headers.at(1),
             qMakePair(QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")));
    QCOMPARE(headers.at(2), qMakePair(QByteArray("X-Trace"), QByteArray("trace-7")));
    QCOMPARE(r.receivedAtUs, (T * 1000 + 200) * 1000);
    QVERIFY(notesMention(r, "binary attribute"));
    QCOMPARE(r.entry, 0);
    // The second message's body is an EventBridge event (a rule's target was the queue).
    const ImportedRequest &e = read.requests.at(1);
    QCOMPARE(e.entry, 1);
    QCOMPARE(e.providerHint, "stripe");
    QVERIFY(e.bodyParsedBy.contains("EventBridge"));
    QVERIFY(notesMention(e, "detail-type 'customer.created'"));
    QCOMPARE(e.receivedAtUs, (T + 1) * 1000000);
}

void TestAwsImportShapes::sqsReceiveMessageOutputUsesPascalCase()
{
    const Read read = readFixture("sqs", "sqs-receive-message.json");
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.requests.size(), 1);
    QCOMPARE(bodyOf(read.requests.first()), payload());
    QCOMPARE(headersOf(read.requests.first()).first().first, QByteArray("Stripe-Signature"));
    QCOMPARE(read.requests.first().receivedAtUs, (T * 1000 + 200) * 1000);
}

void TestAwsImportShapes::eventBridgeEnvelopeGivesBackTheRequest()
{
    const Read read = readFixture("eventbridge", "eventbridge-envelope.json");
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    const ImportedRequest &r = read.requests.first();
    QCOMPARE(requestLine(r), QByteArray("POST /stripe HTTP/1.1"));
    QVERIFY(!r.pathUnknown);
    const auto headers = headersOf(r);
    QCOMPARE(headers.at(3).first, QByteArray("stripe-signature"));
    QVERIFY(r.bodyParsedBy.contains("EventBridge"));
    QVERIFY(notesMention(r, "envelope"));
}

void TestAwsImportShapes::eventBridgeStripeEventHasNoSignatureAndNamesItsSource()
{
    const Read read = readFixture("eventbridge", "eventbridge-stripe.json");
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    const ImportedRequest &r = read.requests.first();
    QVERIFY(r.pathUnknown);
    QCOMPARE(r.providerHint, "stripe");
    QVERIFY(notesMention(r, "source 'aws.partner/stripe.com/ed_test_61Import'"));
    QVERIFY(notesMention(r, "signature header"));
    QCOMPARE(headersOf(r).first(),
             qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    QCOMPARE(r.receivedAtUs, (T + 1) * 1000000);

    // Hookbench's wrap of a body that is not JSON comes back as its bytes.
    const QByteArray wrapped = "{\"detail-type\": \"x\", \"source\": \"hookbench\", \"detail\": "
                               "{\"bodyBase64\": \"/wA=\", \"contentType\": \"application/x\"}}";
    const Read w = readAll("eventbridge", wrapped);
    QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
    QCOMPARE(bodyOf(w.requests.first()), QByteArray("\xFF\x00", 2));
    QVERIFY(w.requests.first().bodyParsedBy.isEmpty());
}

void TestAwsImportShapes::cloudWatchEventsArrayFindsTheLoggedEvent()
{
    const Read read = readFixture("cwlogs", "cwlogs-filter-log-events.json");
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.requests.size(), 1); // START and END are passed over
    const ImportedRequest &r = read.requests.first();
    QVERIFY(r.bodyParsedBy.contains("JSON.parse"));
    QCOMPARE(r.receivedAtUs, (T * 1000 + 120) * 1000); // the event's own time
    QCOMPARE(r.line, 10);                              // where its log event starts
}

void TestAwsImportShapes::cloudWatchLinesReadPrefixedAndMultiLineEvents()
{
    const Read read = readFixture("cwlogs", "cwlogs-lines.log");
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.requests.size(), 2);
    QCOMPARE(bodyOf(read.requests.at(0)), payload()); // v2, base64
    QCOMPARE(read.requests.at(0).line, 2);
    QCOMPARE(bodyOf(read.requests.at(1)), payload()); // v1 printed over many lines
    QCOMPARE(read.requests.at(1).line, 4);
    QCOMPARE(read.requests.at(1).entry, 1);

    // An event without a time of its own takes the log line's.
    const Read t = readAll("cwlogs", "2025-05-01T12:00:03.250Z\tid\tINFO\t{\"detail-type\": \"x\", "
                                     "\"source\": \"s\", \"detail\": {\"a\": 1}}\n");
    QVERIFY2(t.error.isEmpty(), qPrintable(t.error));
    QCOMPARE(t.requests.first().receivedAtUs, (T + 3) * 1000000 + 250000);
}

void TestAwsImportShapes::problemsNameTheEventAndWhatIsWrong_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");
    QTest::newRow("no method") << "lambda" << QByteArray("\n{\"path\": \"/x\", \"body\": \"\"}")
                               << "event at line 2: the Lambda event names no HTTP method";
    QTest::newRow("bad base64")
        << "lambda"
        << QByteArray("{\"httpMethod\": \"POST\", \"body\": \"%%%\", \"isBase64Encoded\": true}")
        << "is not base64";
    QTest::newRow("unclosed") << "sqs" << QByteArray("{\"Records\": [{\"body\": \"x\"")
                              << "line 1: the JSON ends before its object is closed";
    QTest::newRow("no events") << "cwlogs" << QByteArray("START\nEND\nREPORT\n")
                               << "no API Gateway, Lambda, SQS or EventBridge event in its 3 log";
    QTest::newRow("no detail") << "eventbridge"
                               << QByteArray("{\"detail-type\": \"x\", \"source\": \"s\"}")
                               << "no detail object";
}

void TestAwsImportShapes::problemsNameTheEventAndWhatIsWrong()
{
    QFETCH(QString, shape);
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    const Read read = readAll(shape, input);
    QVERIFY2(read.error.contains(error), qPrintable(read.error));
}

void TestAwsImportShapes::membersKeepTheirOrderAndExactText()
{
    QList<JsonObjectText::Member> members;
    QVERIFY(JsonObjectText::members(" {\"z\": 1.50, \"a\": {\"y\":[1, \"}\"]}, \"m\\\"\": null} ",
                                    &members));
    QCOMPARE(members.size(), 3);
    QCOMPARE(members.at(0).key, "z");
    QCOMPARE(members.at(0).text, QByteArray("1.50"));
    QCOMPARE(members.at(1).text, QByteArray("{\"y\":[1, \"}\"]}"));
    QCOMPARE(members.at(2).key, "m\"");
    QVERIFY(!JsonObjectText::members("{\"a\": 1,}", &members));
    QVERIFY(!JsonObjectText::members("{\"a\": 1} x", &members));
    // The keys seen before a head is cut off.
    QCOMPARE(JsonObjectText::leadingKeys("[{\"a\": {\"b\": 1}, \"c\": \"x\", \"d\": [1, 2"),
             (QStringList{"a", "c", "d"}));
}

QTEST_GUILESS_MAIN(TestAwsImportShapes)
#include "tst_awsimportshapes.moc"
