#include "core/config/AppConfig.h"
#include "core/http/RequestFramer.h"
#include "core/io/CaptureRedactor.h"

#include <QtTest>

class TestCaptureRedactor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signatureAndCredentialHeadersAreReplaced();
    void secretsInTheBodyKeepTheRequestFramed();
    void nothingToRedactLeavesTheBytes();
};

namespace {

QByteArray redact(const CaptureRedactor &r, const QByteArray &raw, QStringList *what)
{
    return r.redact(raw, RequestFramer::parse(raw), what);
}

} // namespace

void TestCaptureRedactor::signatureAndCredentialHeadersAreReplaced()
{
    AppConfig config;
    EndpointConfig generic;
    generic.id = "g";
    generic.scheme.insert("header", "X-My-Sig");
    config.endpoints.append(generic);
    const CaptureRedactor r(config, {"topsecret"});
    QStringList what;
    const QByteArray out = redact(
        r,
        "POST /s HTTP/1.1\r\nStripe-Signature: t=1,v1=ab\r\nx-my-sig:  cafe\r\n"
        "Authorization: Bearer topsecret\r\nX-Other: topsecret-ish\r\nContent-Length: 2\r\n\r\n{}",
        &what);
    QCOMPARE(out, QByteArray("POST /s HTTP/1.1\r\nStripe-Signature: [redacted]\r\n"
                             "x-my-sig:  [redacted]\r\nAuthorization: [redacted]\r\n"
                             "X-Other: [redacted]-ish\r\nContent-Length: 2\r\n\r\n{}"));
    QCOMPARE(what, (QStringList{"header Stripe-Signature", "header x-my-sig",
                                "header Authorization", "a configured secret in a header"}));
}

void TestCaptureRedactor::secretsInTheBodyKeepTheRequestFramed()
{
    CaptureRedactor r;
    r.addSecret("whsec_abc");
    QStringList what;
    const QByteArray out =
        redact(r, "POST /b HTTP/1.1\r\nContent-Length: 16\r\n\r\n{\"k\":\"whsec_abc\"", &what);
    QCOMPARE(out,
             QByteArray("POST /b HTTP/1.1\r\nContent-Length: 17\r\n\r\n{\"k\":\"[redacted]\""));
    QVERIFY(!RequestFramer::parse(out).hasError());
    QCOMPARE(what, QStringList{"a configured secret in the body"});

    what.clear();
    const QByteArray chunked = redact(r,
                                      "POST /c HTTP/1.1\r\nTransfer-Encoding: "
                                      "chunked\r\n\r\n6\r\nwhsec_\r\n3\r\nabc\r\n0\r\n\r\n",
                                      &what);
    QCOMPARE(chunked, QByteArray("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "a\r\n[redacted]\r\n0\r\n\r\n"));
}

void TestCaptureRedactor::nothingToRedactLeavesTheBytes()
{
    CaptureRedactor r;
    r.addSecret("abc"); // too short to look for: it would match anything
    r.addHeader("X-Sig");
    QStringList what;
    const QByteArray raw = "POST /n HTTP/1.1\r\nX-A:  abc \r\nContent-Length: 3\r\n\r\nabc";
    QCOMPARE(redact(r, raw, &what), raw);
    QVERIFY(what.isEmpty());
    const QByteArray broken = "POST /n HTTP/1.1\r\nX-Sig: 1\r\nContent-Length: 9\r\n\r\nab";
    QCOMPARE(redact(r, broken, &what), broken);
}

QTEST_GUILESS_MAIN(TestCaptureRedactor)
#include "tst_captureredactor.moc"
