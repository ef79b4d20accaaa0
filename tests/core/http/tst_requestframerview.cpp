// RequestFramer::parseView, the rule scanner's framing of stored requests: the same result as
// parse(), with the fields referring to the raw bytes instead of copies.
#include "core/http/RequestFramer.h"

#include <QtTest>

class TestRequestFramerView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseViewAgreesWithParse_data();
    void parseViewAgreesWithParse();
};

void TestRequestFramerView::parseViewAgreesWithParse_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("content-length")
        << QByteArray("POST /hook?x=1 HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Pad:  v w  \r\n"
                      "Content-Length: 5\r\n\r\nhello");
    QTest::newRow("chunked with trailer")
        << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n");
    QTest::newRow("http/1.0") << QByteArray("POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\nok");
    QTest::newRow("truncated body")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
    QTest::newRow("truncated head") << QByteArray("POST / HTTP/1.1\r\nHost: a");
    QTest::newRow("invalid header name") << QByteArray("POST / HTTP/1.1\r\nBad(Name): x\r\n\r\n");
    QTest::newRow("bad chunk size") << QByteArray(
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
}

// parseView() (RuleScanner's) gives parse()'s result, with the header names and values, the
// target and a whole body referring to the raw bytes instead of copying them.
void TestRequestFramerView::parseViewAgreesWithParse()
{
    QFETCH(QByteArray, wire);
    const ParsedRequest copied = RequestFramer::parse(wire);
    const ParsedRequest viewed = RequestFramer::parseView(wire);
    QCOMPARE(viewed.method, copied.method);
    QCOMPARE(viewed.target, copied.target);
    QCOMPARE(viewed.httpVersion, copied.httpVersion);
    QCOMPARE(viewed.error, copied.error);
    QCOMPARE(viewed.errorOffset, copied.errorOffset);
    QCOMPARE(viewed.headerSectionEnd, copied.headerSectionEnd);
    QCOMPARE(viewed.complete, copied.complete);
    QCOMPARE(viewed.chunked, copied.chunked);
    QCOMPARE(viewed.bodyView(wire), copied.body(wire));
    QCOMPARE(viewed.headers.size(), copied.headers.size());
    const char *begin = wire.constData();
    const char *end = begin + wire.size();
    const auto inWire = [&](const QByteArray &a) {
        return a.isEmpty() || (a.constData() >= begin && a.constData() + a.size() <= end);
    };
    for (qsizetype i = 0; i < copied.headers.size(); ++i) {
        QCOMPARE(viewed.headers[i].name, copied.headers[i].name);
        QCOMPARE(viewed.headers[i].value, copied.headers[i].value);
        QCOMPARE(viewed.headers[i].lineSpan, copied.headers[i].lineSpan);
        QVERIFY(inWire(viewed.headers[i].name) && inWire(viewed.headers[i].value));
        QVERIFY(!inWire(copied.headers[i].name)); // parse() copies
    }
    QVERIFY(inWire(viewed.target));
    if (viewed.bodySegments.size() == 1)
        QVERIFY(inWire(viewed.bodyView(wire)));
}

QTEST_GUILESS_MAIN(TestRequestFramerView)
#include "tst_requestframerview.moc"
