#include "core/http/RequestFramer.h"

#include <QtTest>

// Feeds `wire` to a framer in the given pieces the way a connection does, and returns each
// request's raw bytes and framing.
struct Framed
{
    QList<QByteArray> raws;
    QList<ParsedRequest> requests;
    int failedStatus = 0;
    ParsedRequest failed;
    int headersReported = 0;
};

static Framed frame(const QByteArray &wire, const QList<int> &cuts, FramingLimits limits = {})
{
    Framed out;
    RequestFramer framer(limits);
    QByteArray buffer;
    int from = 0;
    QList<int> ends = cuts;
    ends.append(wire.size());
    for (int end : ends) {
        buffer += wire.mid(from, end - from);
        from = end;
        bool more = true;
        while (more && !buffer.isEmpty()) {
            switch (framer.advance(buffer)) {
            case RequestFramer::State::NeedMore:
                more = false;
                break;
            case RequestFramer::State::HeadersComplete:
                ++out.headersReported;
                break;
            case RequestFramer::State::MessageComplete:
                out.raws.append(buffer.left(framer.messageEnd()));
                out.requests.append(framer.request());
                buffer.remove(0, framer.messageEnd());
                framer.reset();
                break;
            case RequestFramer::State::Failed:
                out.failedStatus = framer.errorStatus();
                out.failed = framer.request();
                return out;
            }
        }
    }
    return out;
}

static QByteArray headerNames(const ParsedRequest &r)
{
    QByteArray names;
    for (const HeaderField &h : r.headers)
        names += h.name + ';';
    return names;
}

class TestRequestFramer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void framesWholeRequests_data();
    void framesWholeRequests();
    void sameResultAtEverySplit_data() { framesWholeRequests_data(); }
    void sameResultAtEverySplit();
    void headerSpansPointAtTheBytes();
    void malformed_data();
    void malformed();
    void headerSectionLimit();
    void bodyLimitFromContentLength();
    void bodyLimitWhileChunked();
    void expectContinue();
    void parseStoredRawReportsTruncation();
    void bodyOffsetMapsAcrossChunks();
};

void TestRequestFramer::framesWholeRequests_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("count");
    QTest::addColumn<QByteArray>("lastBody");
    QTest::addColumn<QByteArray>("firstHeaderNames");

    QTest::newRow("content-length")
        << QByteArray("POST /hook?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello") << 1
        << QByteArray("hello") << QByteArray("Host;Content-Length;");
    QTest::newRow("no body") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n") << 1 << QByteArray()
                             << QByteArray("Host;");
    QTest::newRow("chunked with extension and trailer")
        << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n")
        << 1 << QByteArray("Wikipedia") << QByteArray("Host;Transfer-Encoding;");
    QTest::newRow("keep-alive pipelined")
        << QByteArray("POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\none"
                      "POST /2 HTTP/1.1\r\nhost: a\r\nCONTENT-length: 3\r\n\r\ntwo"
                      "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n")
        << 3 << QByteArray() << QByteArray("Host;Content-Length;");
    QTest::newRow("duplicates and casing kept")
        << QByteArray(
               "POST / HTTP/1.1\r\nX-Dup: 1\r\nx-dup: 2\r\nX-DUP: 3\r\nContent-Length: 0\r\n\r\n")
        << 1 << QByteArray() << QByteArray("X-Dup;x-dup;X-DUP;Content-Length;");
    QTest::newRow("http/1.0") << QByteArray("POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\nok") << 1
                              << QByteArray("ok") << QByteArray("Content-Length;");
}

void TestRequestFramer::framesWholeRequests()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, count);
    QFETCH(QByteArray, lastBody);
    QFETCH(QByteArray, firstHeaderNames);

    const Framed f = frame(wire, {});
    QCOMPARE(f.failedStatus, 0);
    QCOMPARE(f.requests.size(), count);
    QCOMPARE(f.raws.join(), wire); // every byte belongs to exactly one request, in order
    QCOMPARE(f.requests.last().body(f.raws.last()), lastBody);
    QCOMPARE(headerNames(f.requests.first()), firstHeaderNames);
    QCOMPARE(f.headersReported, count);
    for (const ParsedRequest &r : f.requests) {
        QVERIFY(r.complete);
        QVERIFY(!r.hasError());
    }
}

void TestRequestFramer::sameResultAtEverySplit()
{
    QFETCH(QByteArray, wire);
    const Framed whole = frame(wire, {});
    for (int cut = 1; cut < wire.size(); ++cut) {
        const Framed split = frame(wire, {cut});
        QCOMPARE(split.raws, whole.raws);
        QCOMPARE(split.requests.size(), whole.requests.size());
        for (int i = 0; i < whole.requests.size(); ++i) {
            const ParsedRequest &a = whole.requests[i];
            const ParsedRequest &b = split.requests[i];
            QCOMPARE(b.body(split.raws[i]), a.body(whole.raws[i]));
            QCOMPARE(b.headers.size(), a.headers.size());
            for (int h = 0; h < a.headers.size(); ++h) {
                QCOMPARE(b.headers[h].name, a.headers[h].name);
                QCOMPARE(b.headers[h].value, a.headers[h].value);
                QCOMPARE(b.headers[h].lineSpan, a.headers[h].lineSpan);
            }
            QCOMPARE(b.target, a.target);
            QCOMPARE(b.headerSectionEnd, a.headerSectionEnd);
        }
    }
    // and one byte at a time
    QList<int> everyByte;
    for (int cut = 1; cut < wire.size(); ++cut)
        everyByte.append(cut);
    const Framed bytewise = frame(wire, everyByte);
    QCOMPARE(bytewise.raws, whole.raws);
    QCOMPARE(bytewise.requests.last().body(bytewise.raws.last()),
             whole.requests.last().body(whole.raws.last()));
}

void TestRequestFramer::headerSpansPointAtTheBytes()
{
    const QByteArray wire =
        "POST /p HTTP/1.1\r\nHost: example\r\nX-Empty:\r\nX-Sig:  t=1,v1=ab  \r\n\r\n";
    const Framed f = frame(wire, {});
    QCOMPARE(f.requests.size(), 1);
    const ParsedRequest &r = f.requests.first();
    QCOMPARE(r.requestLine, (ByteSpan{0, 16}));
    QCOMPARE(r.headerSectionEnd, wire.size());
    QCOMPARE(r.headers.size(), 3);
    for (const HeaderField &h : r.headers) {
        QCOMPARE(wire.mid(h.nameSpan.offset, h.nameSpan.length), h.name);
        QCOMPARE(wire.mid(h.valueSpan.offset, h.valueSpan.length), h.value);
        QVERIFY(
            wire.mid(h.lineSpan.offset, h.lineSpan.length).startsWith(QByteArray(h.name + ':')));
    }
    QCOMPARE(r.headers[1].value, QByteArray());
}

void TestRequestFramer::malformed_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<qint64>("minOffset");
    QTest::newRow("bad request line") << QByteArray("HELLO THERE\r\n\r\n") << qint64(0);
    QTest::newRow("bad chunk size")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
        << qint64(47);
    QTest::newRow("invalid header name")
        << QByteArray("POST / HTTP/1.1\r\nBad(Name): x\r\n\r\n") << qint64(17);
    QTest::newRow("space inside a header name")
        << QByteArray("POST / HTTP/1.1\r\nBad Header: x\r\n\r\n") << qint64(20);
    QTest::newRow("space before the colon (smuggling)")
        << QByteArray(
               "POST / HTTP/1.1\r\nTransfer-Encoding : chunked\r\nContent-Length: 1\r\n\r\nx")
        << qint64(34);
    QTest::newRow("misspelt protocol")
        << QByteArray("GET /x HTTQ/1.1\r\nHost: a\r\n\r\n") << qint64(6);
    QTest::newRow("content-length not a number")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n") << qint64(17);
}

void TestRequestFramer::malformed()
{
    QFETCH(QByteArray, wire);
    QFETCH(qint64, minOffset);
    const Framed f = frame(wire, {});
    QCOMPARE(f.failedStatus, 400);
    QVERIFY(f.failed.hasError());
    QVERIFY2(f.failed.errorOffset >= minOffset, qPrintable(QString::number(f.failed.errorOffset)));
    QVERIFY(f.failed.errorOffset <= wire.size());
    // The same bytes parsed from the store give the same error.
    const ParsedRequest stored = RequestFramer::parse(wire);
    QCOMPARE(stored.error, f.failed.error);
}

void TestRequestFramer::headerSectionLimit()
{
    FramingLimits limits;
    limits.maxHeaderBytes = 1024;
    const QByteArray big = "GET / HTTP/1.1\r\nX-Big: " + QByteArray(2000, 'a') + "\r\n\r\n";
    Framed f = frame(big, {}, limits);
    QCOMPARE(f.failedStatus, 431);
    QVERIFY(f.failed.error.contains("1024"));
    // arriving in pieces hits the same limit
    f = frame(big, {100, 500, 1000, 1500}, limits);
    QCOMPARE(f.failedStatus, 431);
    // the whole header section, blank line included, counts: 1024 bytes pass, 1025 do not
    const QByteArray head = "GET / HTTP/1.1\r\nX-Big: ";
    const QByteArray exact = head + QByteArray(1024 - head.size() - 4, 'a') + "\r\n\r\n";
    QCOMPARE(exact.size(), 1024);
    f = frame(exact, {}, limits);
    QCOMPARE(f.failedStatus, 0);
    QCOMPARE(f.requests.size(), 1);
    f = frame(head + QByteArray(1024 - head.size() - 3, 'a') + "\r\n\r\n", {}, limits);
    QCOMPARE(f.failedStatus, 431);
}

void TestRequestFramer::bodyLimitFromContentLength()
{
    FramingLimits limits;
    limits.maxBodyBytes = 10;
    Framed f = frame("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", {}, limits);
    QCOMPARE(f.failedStatus, 413);
    f = frame("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789", {}, limits);
    QCOMPARE(f.failedStatus, 0);
}

void TestRequestFramer::bodyLimitWhileChunked()
{
    FramingLimits limits;
    limits.maxBodyBytes = 10;
    const Framed f = frame("POST / HTTP/1.1\r\nTransfer-Encoding: "
                           "chunked\r\n\r\n6\r\n012345\r\n6\r\n678901\r\n0\r\n\r\n",
                           {}, limits);
    QCOMPARE(f.failedStatus, 413);
}

void TestRequestFramer::expectContinue()
{
    const QByteArray head = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n";
    RequestFramer framer;
    QByteArray buffer = head;
    QCOMPARE(framer.advance(buffer), RequestFramer::State::HeadersComplete);
    QVERIFY(framer.expectsContinue());
    QCOMPARE(framer.request().headerSectionEnd, head.size());
    QCOMPARE(framer.advance(buffer), RequestFramer::State::NeedMore);
    buffer += "body";
    QCOMPARE(framer.advance(buffer), RequestFramer::State::MessageComplete);
    QCOMPARE(framer.request().body(buffer), QByteArray("body"));
}

void TestRequestFramer::parseStoredRawReportsTruncation()
{
    const ParsedRequest r =
        RequestFramer::parse("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
    QVERIFY(r.hasError());
    QVERIFY(!r.complete);
    QCOMPARE(r.bodySize(), 3);
}

void TestRequestFramer::bodyOffsetMapsAcrossChunks()
{
    const QByteArray wire = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n";
    const ParsedRequest r = RequestFramer::parse(wire);
    QCOMPARE(r.body(wire), QByteArray("abcdef"));
    QCOMPARE(r.bodySegments.size(), 2);
    QCOMPARE(wire.at(r.rawOffsetOfBody(4)), 'e');
    QCOMPARE(r.bodyOffsetOfRaw(r.rawOffsetOfBody(4)), 4);
    const QList<ByteSpan> spans = r.rawSpansOfBody({2, 3}); // "cde"
    QCOMPARE(spans.size(), 2);
    QCOMPARE(wire.mid(spans[0].offset, spans[0].length) +
                 wire.mid(spans[1].offset, spans[1].length),
             QByteArray("cde"));
    QCOMPARE(r.bodyOffsetOfRaw(wire.indexOf("3\r\ndef")), -1);
}

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
