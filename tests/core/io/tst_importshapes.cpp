#include "core/io/ImportShapes.h"

#include <QBuffer>
#include <QtTest>

class TestImportShapes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shapesAreDetectedFromTheirFirstBytes_data();
    void shapesAreDetectedFromTheirFirstBytes();
    void rawFilesSplitIntoTheirRequests();
    void rawProblemsNameTheRequestAndByte();
    void jsonlLinesComeBackExact();
};

namespace {

struct Read
{
    QList<ImportedRequest> requests;
    QString error;
};

Read readAll(const QString &shapeName, const QByteArray &input)
{
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    std::unique_ptr<ImportShape> shape = ImportShapes::create(shapeName);
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

} // namespace

void TestImportShapes::shapesAreDetectedFromTheirFirstBytes_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("shape");
    QTest::newRow("har") << QByteArray("\xef\xbb\xbf{\n  \"log\": {\"version\"") << "har";
    QTest::newRow("jsonl") << QByteArray("{\"body_size\":2,\"raw_base64\":\"UE9TVA==\"}\n{")
                           << "jsonl";
    QTest::newRow("raw") << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\n") << "raw";
    QTest::newRow("raw lf") << QByteArray("GET / HTTP/1.0\n\n") << "raw";
    QTest::newRow("json, not har") << QByteArray("{\"detail\": {}}") << "";
    QTest::newRow("text") << QByteArray("hello") << "";
}

void TestImportShapes::shapesAreDetectedFromTheirFirstBytes()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, shape);
    const std::unique_ptr<ImportShape> found = ImportShapes::detect(head);
    QCOMPARE(found ? found->name() : QString(), shape);
    QCOMPARE(ImportShapes::names(), (QStringList{"har", "jsonl", "raw", "apigw", "lambda", "sqs",
                                                 "eventbridge", "cwlogs"}));
}

void TestImportShapes::rawFilesSplitIntoTheirRequests()
{
    const QByteArray a = "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
    const QByteArray b =
        "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n";
    const QByteArray c = "GET /c HTTP/1.1\r\n\r\n";
    const QByteArray big =
        "POST /big HTTP/1.1\r\nContent-Length: 3000000\r\n\r\n" + QByteArray(3000000, 'z');
    const Read read = readAll("raw", a + b + big + c);
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.requests.size(), 4);
    QCOMPARE(read.requests.at(0).raw, a);
    QCOMPARE(read.requests.at(1).raw, b);
    QCOMPARE(read.requests.at(2).raw, big);
    QCOMPARE(read.requests.at(3).raw, c);
    QCOMPARE(read.requests.at(1).entry, 1);
    QCOMPARE(read.requests.at(1).line, 4);
}

void TestImportShapes::rawProblemsNameTheRequestAndByte()
{
    const QByteArray a = "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
    QCOMPARE(readAll("raw", a + "POST /b HTTP/1.1\r\nContent-Length: 9\r\n\r\nab").error,
             "request 1 (byte 42, line 4): the file ends before the request does");
    const QString bad = readAll("raw", a + "POST /b HTTP/1.1\r\nBad Header: 1\r\n\r\n").error;
    QVERIFY2(bad.startsWith("request 1 (byte 42, line 4): "), qPrintable(bad));
}

void TestImportShapes::jsonlLinesComeBackExact()
{
    const QByteArray raw("POST /x HTTP/1.1\r\nContent-Length: 2\r\n\r\n\xff\x00", 40);
    const Read read = readAll(
        "jsonl",
        "{\"received_at\":\"2025-11-22T02:40:00.000001Z\",\"peer\":\"p\",\"raw_base64\":\"" +
            raw.toBase64() + "\"}\n\n{\"raw_base64\":\"%%\"}\n");
    QCOMPARE(read.requests.size(), 1);
    QCOMPARE(read.requests.at(0).raw, raw);
    QCOMPARE(read.requests.at(0).receivedAtUs, 1763779200000001);
    QCOMPARE(read.error, "line 3: raw_base64 is missing or not base64");
}

QTEST_GUILESS_MAIN(TestImportShapes)
#include "tst_importshapes.moc"
