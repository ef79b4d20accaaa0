#include "core/compare/CaptureComparison.h"
#include "core/http/RequestFramer.h"

#include <QTest>

class TestCaptureComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonBodies();
    void chunkedAgainstContentLength();
    void formBodiesHaveNoJsonTab();
};

namespace {

Capture framed(const QByteArray &raw)
{
    Capture c;
    c.raw = raw;
    c.parsed = RequestFramer::parse(raw);
    return c;
}

Capture post(const QByteArray &target, const QByteArray &headers, const QByteArray &body)
{
    return framed("POST " + target + " HTTP/1.1\r\n" + headers +
                  "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
}

} // namespace

void TestCaptureComparison::jsonBodies()
{
    const Capture left = post("/hooks", "Content-Type: application/json\r\nX-Id: 1\r\n",
                              R"({"id":"evt_1","amount":1500})");
    const Capture right = post("/hooks/2", "content-type: application/json\r\nX-Id: 2\r\n",
                               R"({"amount":1500,"id":"evt_1"})");
    const CaptureComparison c = CaptureComparison::compare(left, right);
    QCOMPARE(c.requestLineChange(), QStringLiteral("POST /hooks → POST /hooks/2"));
    QCOMPARE(c.headers().recasedCount(), 1);
    QCOMPARE(c.headers().count(HeaderDiff::Change::ValueChanged), 1); // X-Id (same lengths)
    QVERIFY(c.body().granularity() == ByteDiff::Granularity::Bytes);
    QVERIFY(c.json());
    QCOMPARE(c.json()->summary(), QStringLiteral("Same JSON, keys reordered"));
    QCOMPARE(c.leftBody(), QByteArray(R"({"id":"evt_1","amount":1500})"));
}

void TestCaptureComparison::chunkedAgainstContentLength()
{
    // the same body framed two ways: the bodies compare equal, the framing headers do not
    const Capture chunked = framed("POST /h HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n");
    const Capture plain = post("/h", "", R"({"a":1})");
    const CaptureComparison c = CaptureComparison::compare(chunked, plain);
    QCOMPARE(c.body().granularity(), ByteDiff::Granularity::Identical);
    QVERIFY(c.json() && c.json()->identicalText());
    QCOMPARE(c.headers().summary(), QStringLiteral("1 added, 1 removed"));
    QVERIFY(c.requestLineChange().isEmpty());
}

void TestCaptureComparison::formBodiesHaveNoJsonTab()
{
    const QByteArray form = "Content-Type: application/x-www-form-urlencoded\r\n";
    const CaptureComparison c =
        CaptureComparison::compare(post("/f", form, "a=1&b=2"), post("/f", form, "a=1&b=3"));
    QVERIFY(!c.json());
    QCOMPARE(c.body().hunks().size(), 1);
    QCOMPARE(c.body().hunks()[0].left, (ByteSpan{6, 1}));
}

QTEST_GUILESS_MAIN(TestCaptureComparison)
#include "tst_capturecomparison.moc"
