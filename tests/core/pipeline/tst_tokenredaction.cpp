#include "core/http/RequestFramer.h"
#include "core/pipeline/CaptureSession.h"
#include "core/pipeline/CaptureVerifier.h"
#include "core/pipeline/TokenRedaction.h"
#include "core/store/CaptureStore.h"
#include "core/verify/ProviderRegistry.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QByteArray Token = "gl-token-4Rz8Qm1Xw7";

QByteArray gitlabRequest(const QByteArray &token)
{
    return "POST /gl HTTP/1.1\r\nHost: x\r\nX-Gitlab-Event: Push Hook\r\nX-Gitlab-Token: " + token +
           "\r\nContent-Length: 2\r\n\r\n{}";
}

AppConfig gitlabEndpoint()
{
    AppConfig config;
    EndpointConfig gl;
    gl.id = "gl";
    gl.path = "/gl";
    gl.provider = "gitlab";
    config.endpoints.append(gl);
    EndpointConfig gh;
    gh.id = "gh";
    gh.path = "/gh";
    gh.provider = "github";
    config.endpoints.append(gh);
    return config;
}

CaptureVerifier::Secrets secrets(const QByteArray &value)
{
    CaptureVerifier::Secrets s;
    s.insert("gl", {SigningSecret{value, "current", {}}});
    return s;
}

NewCapture arriving(const QByteArray &raw, const QString &endpoint)
{
    NewCapture c;
    c.raw = raw;
    c.summary.endpointId = endpoint;
    return c;
}

} // namespace

class TestTokenRedaction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void markerKeepsTheLength();
    void tokenIsCheckedThenReplaced();
    void otherSchemesAreLeftAlone();
    void autoEndpointDetectsTheToken();
    void reverifyKeepsTheCaptureTimeVerdict();
};

void TestTokenRedaction::markerKeepsTheLength()
{
    QCOMPARE(TokenRedaction::marker(4), QByteArray("****"));
    QCOMPARE(TokenRedaction::marker(12), QByteArray("[redacted]**"));
    QVERIFY(TokenRedaction::isMarker("[redacted]**"));
    QVERIFY(!TokenRedaction::isMarker("[redacted]*x"));
    QVERIFY(!TokenRedaction::isMarker(Token));
    QVERIFY(!TokenRedaction::isMarker(""));
}

void TestTokenRedaction::tokenIsCheckedThenReplaced()
{
    const CaptureVerifier verifier(gitlabEndpoint(), secrets(Token));
    for (const QByteArray &token : {Token, QByteArray("another-token-value")}) {
        const QByteArray raw = gitlabRequest(token);
        NewCapture c = arriving(raw, "gl");
        QVERIFY(TokenRedaction::apply(c, RequestFramer::parse(raw), verifier));
        QCOMPARE(c.raw.size(), raw.size());
        QVERIFY(!c.raw.contains(token));
        const QByteArray line = "X-Gitlab-Token: " + TokenRedaction::marker(token.size());
        QVERIFY(c.raw.contains(QByteArray(line + "\r\n")));
        QVERIFY(c.raw.endsWith("\r\n\r\n{}"));
        QCOMPARE(c.summary.verdictReason, QString(token == Token ? "ok" : "signature_mismatch"));
        QVERIFY(!c.summary.verdictJson.contains(token));
        QVERIFY(c.summary.verdictJson.contains("redacted when the capture was stored"));
        // Applied again (already redacted): nothing changes.
        NewCapture again = arriving(c.raw, "gl");
        QVERIFY(!TokenRedaction::apply(again, RequestFramer::parse(c.raw), verifier));
        QVERIFY(TokenRedaction::isRedacted(RequestFramer::parse(c.raw),
                                           *ProviderRegistry::find("gitlab")));
    }
}

void TestTokenRedaction::otherSchemesAreLeftAlone()
{
    const CaptureVerifier verifier(gitlabEndpoint(), secrets(Token));
    const QByteArray raw = gitlabRequest(Token).replace("/gl ", "/gh ");
    NewCapture c = arriving(raw, "gh");
    QVERIFY(!TokenRedaction::apply(c, RequestFramer::parse(raw), verifier));
    QCOMPARE(c.raw, raw);
    NewCapture unrouted = arriving(gitlabRequest(Token), QString());
    QVERIFY(!TokenRedaction::apply(unrouted, RequestFramer::parse(unrouted.raw), verifier));
}

void TestTokenRedaction::autoEndpointDetectsTheToken()
{
    AppConfig config;
    EndpointConfig any;
    any.id = "any";
    any.path = "/gl";
    any.provider = "auto";
    config.endpoints.append(any);
    CaptureVerifier::Secrets s;
    s.insert("any", {SigningSecret{Token, "current", {}}});
    const CaptureVerifier verifier(config, s);
    NewCapture c = arriving(gitlabRequest(Token), "any");
    QVERIFY(TokenRedaction::apply(c, RequestFramer::parse(c.raw), verifier));
    QVERIFY(!c.raw.contains(Token));
    QCOMPARE(c.summary.verdictReason, QString("ok"));
    // Verified again from the stored bytes: no verdict (the capture-time one stands).
    CaptureSummary stored = c.summary;
    QVERIFY(!verifier.verify(stored, c.raw, RequestFramer::parse(c.raw), nullptr, false));
}

void TestTokenRedaction::reverifyKeepsTheCaptureTimeVerdict()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    const CaptureVerifier verifier(gitlabEndpoint(), secrets(Token));
    NewCapture c = arriving(gitlabRequest(Token), "gl");
    QVERIFY(TokenRedaction::apply(c, RequestFramer::parse(c.raw), verifier));
    {
        CaptureStore store;
        QVERIFY(store.open(path));
        QList<NewCapture> batch{c};
        QVERIFY(store.append(batch));
    }
    // Another secret now: a check of the marker would say signature_mismatch.
    CaptureSession session;
    QString error;
    QVERIFY2(session.open(path, &error), qPrintable(error));
    session.setConfig(gitlabEndpoint());
    session.setSecrets(secrets("a-different-secret"));
    QSignalSpy finished(&session, &CaptureSession::reverifyFinished);
    session.reverify("gl");
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(1).toLongLong(), 0);
    CaptureStore reading;
    QVERIFY(reading.openReadOnly(path));
    const std::optional<Capture> stored = reading.capture(1);
    QVERIFY(stored);
    QCOMPARE(stored->summary.verdictReason, QString("ok"));
    QVERIFY(!stored->raw.contains(Token));
}

QTEST_GUILESS_MAIN(TestTokenRedaction)
#include "tst_tokenredaction.moc"
