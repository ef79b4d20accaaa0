#include "core/http/HttpResponse.h"

#include <QtTest>

class TestHttpResponse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesHeadersAsGiven();
    void leavesOutHeadersThatCouldInject_data();
    void leavesOutHeadersThatCouldInject();
};

void TestHttpResponse::writesHeadersAsGiven()
{
    const QByteArray out = HttpResponse::build(
        202, {{"X-Reply", "a\tb"}, {"Content-Type", "application/json"}}, "{}", false);
    QCOMPARE(out, QByteArray("HTTP/1.1 202 Accepted\r\nX-Reply: a\tb\r\nContent-Type: "
                             "application/json\r\nContent-Length: 2\r\n\r\n{}"));
}

void TestHttpResponse::leavesOutHeadersThatCouldInject_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("CR LF in value") << QByteArray("X-A") << QByteArray("1\r\nSet-Cookie: s=1");
    QTest::newRow("LF in value") << QByteArray("X-A") << QByteArray("1\nSet-Cookie: s=1");
    QTest::newRow("CR in value") << QByteArray("X-A") << QByteArray("1\rSet-Cookie: s=1");
    QTest::newRow("NUL in value") << QByteArray("X-A") << QByteArray("1\0Set-Cookie: s=1", 17);
    QTest::newRow("CR LF in name") << QByteArray("Set-Cookie: s=1\r\nX-A") << QByteArray("1");
    QTest::newRow("colon in name") << QByteArray("Set-Cookie: s") << QByteArray("1");
    QTest::newRow("empty name") << QByteArray() << QByteArray("Set-Cookie: s=1");
}

void TestHttpResponse::leavesOutHeadersThatCouldInject()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    const QByteArray out =
        HttpResponse::build(200, {{name, value}, {"X-Kept", "yes"}}, "ok", false);
    QVERIFY2(!out.contains("Set-Cookie"), out.constData());
    QVERIFY(out.contains("\r\nX-Kept: yes\r\n"));
    // Exactly one header section with the lines we wrote, then the body.
    const qsizetype end = out.indexOf("\r\n\r\n");
    QCOMPARE(out.mid(end + 4), QByteArray("ok"));
    QCOMPARE(out.left(end).count('\n'), 3); // status line + X-Kept + Content-Type + Content-Length
    QVERIFY(!out.contains('\0'));
}

QTEST_GUILESS_MAIN(TestHttpResponse)
#include "tst_httpresponse.moc"
