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
    void decisions_data();
    void decisions();
    void sameDecisionAtEverySplit_data() { decisions_data(); }
    void sameDecisionAtEverySplit();
    void bareLineFeeds();
    void pipelinedRequestsKeepTheirOwnBytes();
    void originServerOnly_data();
    void originServerOnly();
    void trailersAreNotHeaders();
    void headerLimitIsPerFramer();
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
    QCOMPARE(r.headers[2].value,
             QByteArray("t=1,v1=ab  ")); // leading whitespace dropped, not trailing
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

// How the framer decides on requests a hostile or sloppy sender might send: `status` 0 means every
// request in `wire` frames cleanly; otherwise the framer fails with that status after `count`
// requests, and the error offset lies within [minOffset, maxOffset] (the offending line).
void TestRequestFramer::decisions_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("count");
    QTest::addColumn<qint64>("minOffset");
    QTest::addColumn<qint64>("maxOffset");

    const QByteArray post = "POST / HTTP/1.1\r\n";
    const QByteArray chunked = post + "Transfer-Encoding: chunked\r\n\r\n"; // 47 bytes

    // Request smuggling: two parsers must never disagree on where a request ends.
    QTest::newRow("space before the colon: Content-Length")
        << post + "Content-Length : 2\r\n\r\nok" << 400 << 0 << qint64(17) << qint64(35);
    QTest::newRow("space before the colon: Transfer-Encoding")
        << post + "Transfer-Encoding : chunked\r\nContent-Length: 1\r\n\r\nx" << 400 << 0
        << qint64(17) << qint64(66);
    QTest::newRow("Content-Length and Transfer-Encoding")
        << post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        << 400 << 0 << qint64(17) << qint64(66);
    QTest::newRow("Transfer-Encoding and Content-Length")
        << post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"
        << 400 << 0 << qint64(17) << qint64(66);
    QTest::newRow("duplicate Content-Length, same value")
        << post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\nok" << 400 << 0 << qint64(36)
        << qint64(53);
    QTest::newRow("duplicate Content-Length, other value")
        << post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\nokk" << 400 << 0 << qint64(36)
        << qint64(53);
    QTest::newRow("Content-Length as a list")
        << post + "Content-Length: 2, 2\r\n\r\nok" << 400 << 0 << qint64(17) << qint64(37);
    QTest::newRow("negative Content-Length")
        << post + "Content-Length: -2\r\n\r\nok" << 400 << 0 << qint64(17) << qint64(35);
    QTest::newRow("chunked not the last coding")
        << post + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"
        << 400 << 0 << qint64(17) << qint64(53);
    QTest::newRow("Transfer-Encoding identity with Content-Length")
        << post + "Transfer-Encoding: identity\r\nContent-Length: 2\r\n\r\nok" << 400 << 0
        << qint64(17) << qint64(67);
    QTest::newRow("negative chunk size") << chunked + "-1\r\nx\r\n0\r\n\r\n"
                                         << 400 << 0 << qint64(47) << qint64(50);
    QTest::newRow("chunk size overflows 64 bits") << chunked + "FFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n"
                                                  << 400 << 0 << qint64(47) << qint64(66);
    QTest::newRow("chunk size with 0x") << chunked + "0x2\r\nok\r\n0\r\n\r\n"
                                        << 400 << 0 << qint64(47) << qint64(50);
    QTest::newRow("chunk size with a bare LF") << chunked + "2\nok\n0\n\n"
                                               << 400 << 0 << qint64(47) << qint64(50);
    // Lines and fields
    QTest::newRow("empty header name")
        << QByteArray("GET / HTTP/1.1\r\n: x\r\n\r\n") << 400 << 0 << qint64(16) << qint64(21);
    QTest::newRow("whitespace before the first header")
        << QByteArray("GET / HTTP/1.1\r\n X: a\r\n\r\n") << 400 << 0 << qint64(16) << qint64(22);
    QTest::newRow("control byte in a value") << QByteArray("GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n")
                                             << 400 << 0 << qint64(16) << qint64(24);
    QTest::newRow("bare CR in a value")
        << QByteArray("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n") << 400 << 0 << qint64(16) << qint64(24);
    QTest::newRow("tab in a value")
        << QByteArray("GET / HTTP/1.1\r\nX: a\tb\r\n\r\n") << 0 << 1 << qint64(-1) << qint64(-1);
    QTest::newRow("obsolete line folding") << post + "X-A: a\r\n b\r\nContent-Length: 0\r\n\r\n"
                                           << 0 << 1 << qint64(-1) << qint64(-1);
    QTest::newRow("unknown method")
        << QByteArray("FOO / HTTP/1.1\r\n\r\n") << 400 << 0 << qint64(0) << qint64(3);
    QTest::newRow("space in the target")
        << QByteArray("GET /a b HTTP/1.1\r\n\r\n") << 400 << 0 << qint64(6) << qint64(17);
    QTest::newRow("HTTP/0.9 request line")
        << QByteArray("GET /\r\n\r\n") << 400 << 0 << qint64(0) << qint64(5);
    QTest::newRow("HTTP/2.0 request line")
        << QByteArray("GET / HTTP/2.0\r\n\r\n") << 400 << 0 << qint64(0) << qint64(14);
    QTest::newRow("HTTP/2 connection preface")
        << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 400 << 0 << qint64(0) << qint64(24);
    QTest::newRow("empty line before the request line")
        << QByteArray("\r\nGET / HTTP/1.1\r\n\r\n") << 400 << 0 << qint64(0) << qint64(20);
    // Upgrades are not performed: the request is answered as HTTP and what follows is HTTP too.
    QTest::newRow("Upgrade: websocket, then bytes")
        << QByteArray("GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nxyz\r\n")
        << 400 << 1 << qint64(0) << qint64(5);
    QTest::newRow("a POST without a length has no body")
        << QByteArray("POST / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n") << 0 << 2 << qint64(-1)
        << qint64(-1);
    // http-parser (built non-strict by Debian) accepted these; llhttp in strict mode refuses them,
    // as RFC 9112 asks (chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF; chunked only once).
    QTest::newRow("bytes after a chunk's data") << chunked + "5\r\nhelloXX0\r\n\r\n"
                                                << 400 << 0 << qint64(55) << qint64(57);
    QTest::newRow("space after the chunk size") << chunked + "2 \r\nok\r\n0\r\n\r\n"
                                                << 400 << 0 << qint64(47) << qint64(50);
    QTest::newRow("quote in a chunk extension name") << chunked + "2;a\"b\r\nok\r\n0\r\n\r\n"
                                                     << 400 << 0 << qint64(47) << qint64(53);
    QTest::newRow("chunked twice")
        << post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        << 400 << 0 << qint64(45) << qint64(75);
    // An origin server only (http-parser's framer answered these as ordinary requests).
    QTest::newRow("CONNECT") << QByteArray("CONNECT host:443 HTTP/1.1\r\nHost: host:443\r\n\r\n")
                             << 405 << 0 << qint64(0) << qint64(0);
    QTest::newRow("absolute form to another host")
        << QByteArray("GET http://other.example/ HTTP/1.1\r\nHost: hookbench.test\r\n\r\n") << 405
        << 0 << qint64(4) << qint64(4);
}

void TestRequestFramer::decisions()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    QFETCH(int, count);
    QFETCH(qint64, minOffset);
    QFETCH(qint64, maxOffset);

    const Framed f = frame(wire, {});
    QCOMPARE(f.failedStatus, status);
    QCOMPARE(f.requests.size(), count);
    if (status == 0) {
        QCOMPARE(f.raws.join(), wire);
        return;
    }
    QVERIFY(f.failed.hasError());
    QVERIFY2(f.failed.errorOffset >= minOffset && f.failed.errorOffset <= maxOffset,
             qPrintable(QString::number(f.failed.errorOffset) + ": " + f.failed.error));
}

void TestRequestFramer::sameDecisionAtEverySplit()
{
    QFETCH(QByteArray, wire);
    const Framed whole = frame(wire, {});
    QList<QList<int>> feeds;
    for (int cut = 1; cut < wire.size(); ++cut)
        feeds.append(QList<int>{cut});
    QList<int> everyByte;
    for (int cut = 1; cut < wire.size(); ++cut)
        everyByte.append(cut);
    feeds.append(everyByte);
    for (const QList<int> &cuts : std::as_const(feeds)) {
        const Framed split = frame(wire, cuts);
        const QByteArray where = "cuts " + QByteArray::number(cuts.first()) + " (" +
                                 QByteArray::number(cuts.size()) + ")";
        QVERIFY2(split.failedStatus == whole.failedStatus, where.constData());
        QVERIFY2(split.failed.error == whole.failed.error, where.constData());
        QVERIFY2(split.failed.errorOffset == whole.failed.errorOffset, where.constData());
        QVERIFY2(split.raws == whole.raws, where.constData());
    }
}

void TestRequestFramer::bareLineFeeds()
{
    // http-parser took a bare LF as a line end everywhere. llhttp (strict) refuses it in the header
    // section, where parsers disagreeing on line ends is a smuggling risk (RFC 9112 2.2 allows
    // either); after the request line it is still taken.
    const QByteArray wire = "POST / HTTP/1.1\nHost: a\nContent-Length: 2\n\nok";
    Framed f = frame(wire, {});
    QCOMPARE(f.failedStatus, 400);
    QCOMPARE(f.failed.errorOffset, wire.indexOf("a\n") + 1);
    QCOMPARE(RequestFramer::parse(wire).error, f.failed.error);

    const QByteArray lineOnly = "POST / HTTP/1.1\nHost: a\r\nContent-Length: 2\r\n\r\nok";
    f = frame(lineOnly, {});
    QCOMPARE(f.failedStatus, 0);
    QCOMPARE(f.requests.size(), 1);
    const ParsedRequest &r = f.requests.first();
    QCOMPARE(r.requestLine, (ByteSpan{0, 15}));
    QCOMPARE(r.headerSectionEnd, lineOnly.size() - 2);
    QCOMPARE(r.body(lineOnly), QByteArray("ok"));
    QCOMPARE(headerNames(r), QByteArray("Host;Content-Length;"));
}

void TestRequestFramer::pipelinedRequestsKeepTheirOwnBytes()
{
    const QByteArray first = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "3\r\nabc\r\n0\r\n\r\n";
    const QByteArray second = "POST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\ndef";
    const QByteArray third = "GET /c HTTP/1.1\r\nConnection: close\r\n\r\n";
    const QByteArray wire = first + second + third;
    for (int cut = 0; cut < wire.size(); ++cut) {
        const Framed f = frame(wire, cut ? QList<int>{cut} : QList<int>{});
        QCOMPARE(f.failedStatus, 0);
        QCOMPARE(f.raws, (QList<QByteArray>{first, second, third}));
        QCOMPARE(f.requests[0].body(first), QByteArray("abc"));
        QVERIFY(f.requests[0].chunked);
        QCOMPARE(f.requests[1].body(second), QByteArray("def"));
        QCOMPARE(f.requests[2].target, QByteArray("/c"));
    }
    // Connection: close ends keep-alive; HTTP/1.0 has it only when asked for.
    RequestFramer framer;
    QCOMPARE(framer.advance(third), RequestFramer::State::HeadersComplete);
    QCOMPARE(framer.advance(third), RequestFramer::State::MessageComplete);
    QVERIFY(!framer.keepAlive());
    const QByteArray http10 = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
    framer.reset();
    QCOMPARE(framer.advance(http10), RequestFramer::State::HeadersComplete);
    QCOMPARE(framer.advance(http10), RequestFramer::State::MessageComplete);
    QVERIFY(framer.keepAlive());
    framer.reset();
    QCOMPARE(framer.advance("GET / HTTP/1.0\r\n\r\n"), RequestFramer::State::HeadersComplete);
    QCOMPARE(framer.advance("GET / HTTP/1.0\r\n\r\n"), RequestFramer::State::MessageComplete);
    QVERIFY(!framer.keepAlive());
}

// CONNECT and absolute-form targets naming another host are answered 405; an absolute-form target
// naming this server (the connection's origin) is served, as RFC 9112 3.2.2 asks.
void TestRequestFramer::originServerOnly_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    QTest::newRow("CONNECT with a body")
        << QByteArray("CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\nContent-Length: 3\r\n\r\nabc")
        << 405;
    QTest::newRow("CONNECT to this server")
        << QByteArray("CONNECT a.example:8080 HTTP/1.1\r\nHost: a.example:8080\r\n\r\n") << 405;
    QTest::newRow("absolute form, Host says the same other host")
        << QByteArray("GET http://other.example/ HTTP/1.1\r\nHost: other.example\r\n\r\n") << 405;
    QTest::newRow("absolute form, this host on another port")
        << QByteArray("POST http://a.example:81/x HTTP/1.1\r\nHost: a.example:81\r\n"
                      "Content-Length: 0\r\n\r\n")
        << 405;
    QTest::newRow("absolute form, default port")
        << QByteArray("GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n") << 405;
    QTest::newRow("absolute form, another scheme")
        << QByteArray("GET ftp://a.example:8080/ HTTP/1.1\r\nHost: a.example\r\n\r\n") << 405;
    QTest::newRow("absolute form with user info")
        << QByteArray("GET http://u@a.example:8080/ HTTP/1.1\r\nHost: a.example\r\n\r\n") << 405;
    QTest::newRow("absolute form naming this server")
        << QByteArray("POST http://A.example:8080/hook?x=1 HTTP/1.1\r\nHost: a.example:8080\r\n"
                      "Content-Length: 2\r\n\r\nok")
        << 0;
    QTest::newRow("https, IPv6 loopback")
        << QByteArray("GET https://[::1]:8080 HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n") << 0;
    QTest::newRow("asterisk form") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n") << 0;
}

void TestRequestFramer::originServerOnly()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    RequestFramer framer;
    framer.setOrigin({{"a.example", "localhost", "[::1]"}, 8080});
    QCOMPARE(framer.advance(wire),
             status ? RequestFramer::State::Failed : RequestFramer::State::HeadersComplete);
    QCOMPARE(framer.errorStatus(), status);
    if (status == 0)
        return;
    // Captured like any refused request: method, target, headers and why.
    const ParsedRequest &r = framer.request();
    QVERIFY(r.error.contains("not a proxy"));
    QCOMPARE(r.target,
             wire.mid(wire.indexOf(' ') + 1, wire.indexOf(" HTTP/") - wire.indexOf(' ') - 1));
    QVERIFY(r.headerSectionEnd > 0);
    // Stored bytes parse to the same error: without an origin, absolute form is always refused.
    QCOMPARE(RequestFramer::parse(wire).error, r.error);
}

void TestRequestFramer::trailersAreNotHeaders()
{
    const QByteArray wire = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "2\r\nok\r\n0\r\nX-Trailer: t\r\nHost: spoof\r\n\r\n";
    const ParsedRequest r = RequestFramer::parse(wire);
    QVERIFY(r.complete);
    QCOMPARE(headerNames(r), QByteArray("Transfer-Encoding;"));
    QCOMPARE(r.header("Host"), QByteArray());
    QCOMPARE(r.body(wire), QByteArray("ok"));
}

void TestRequestFramer::headerLimitIsPerFramer()
{
    // http-parser's limit was one global for the process; each framer now has its own.
    FramingLimits small;
    small.maxHeaderBytes = 100;
    FramingLimits large;
    large.maxHeaderBytes = 100000;
    const QByteArray wire = "GET / HTTP/1.1\r\nX-Big: " + QByteArray(90000, 'a') + "\r\n\r\n";
    RequestFramer a(small);
    RequestFramer b(large);
    QCOMPARE(a.advance(wire), RequestFramer::State::Failed);
    QCOMPARE(a.errorStatus(), 431);
    QCOMPARE(b.advance(wire), RequestFramer::State::HeadersComplete);
    QCOMPARE(b.request().headers.first().value.size(), 90000);
}

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
