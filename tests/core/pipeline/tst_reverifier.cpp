#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// GitHub's documented vector.
const QByteArray Signed = "POST /gh HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: sha256="
                          "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\r\n"
                          "Content-Length: 13\r\n\r\nHello, World!";

AppConfig githubEndpoint()
{
    AppConfig config;
    EndpointConfig gh;
    gh.id = "gh";
    gh.path = "/gh";
    gh.provider = "github";
    config.endpoints.append(gh);
    return config;
}

} // namespace

class TestReverifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newSecretChangesOnlyThatEndpointsVerdicts();
    void knowingLessDoesNotUndoAVerdict();
};

void TestReverifier::newSecretChangesOnlyThatEndpointsVerdicts()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore store;
    QVERIFY(store.open(path));
    QList<NewCapture> batch;
    for (int i = 0; i < 1200; ++i) { // more than one batch of verdict rows
        NewCapture c;
        c.raw = Signed;
        c.summary.endpointId = i % 2 ? "gh" : "other";
        c.summary.verdictReason = "no_secret";
        batch.append(c);
    }
    QVERIFY(store.append(batch));

    CaptureVerifier::Secrets secrets;
    secrets.insert("gh", {SigningSecret{"It's a Secret to Everybody", "current", {}}});
    CaptureSession session; // its one writer writes the new verdicts
    QString error;
    QVERIFY2(session.open(path, &error), qPrintable(error));
    session.setConfig(githubEndpoint());
    session.setSecrets(secrets);
    QSignalSpy finished(&session, &CaptureSession::reverifyFinished);
    QSignalSpy progress(&session, &CaptureSession::reverifyProgress);
    session.reverify("gh");
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toString(), QString("gh"));
    QCOMPARE(finished.first().at(1).toLongLong(), 600);
    QVERIFY(finished.first().at(2).toString().isEmpty());
    QVERIFY(progress.size() >= 2); // a batch of 500 rows, then the rest
    QCOMPARE(progress.last().at(0).toLongLong(), 600);

    CaptureFilter pass;
    pass.verdict = CaptureFilter::Verdict::Pass;
    QCOMPARE(store.ids(pass).size(), 600);
    QCOMPARE(store.capture(2)->summary.verdictReason, QString("ok"));
    QCOMPARE(store.capture(1)->summary.verdictReason, QString("no_secret")); // other endpoint
    QCOMPARE(store.capture(2)->raw, Signed);
}

void TestReverifier::knowingLessDoesNotUndoAVerdict()
{
    QCOMPARE(CaptureVerifier::replaces("no_secret", "signature_mismatch"), false);
    QCOMPARE(CaptureVerifier::replaces("no_secret", ""), true);
    QCOMPARE(CaptureVerifier::replaces("ok", "no_secret"), true);
    QCOMPARE(CaptureVerifier::replaces("signature_mismatch", "ok"), true);
    QCOMPARE(CaptureVerifier::replaces("ok", "ok"), false);

    // A verdict reached with a secret (say, given to `listen --secret-env`) survives a pass
    // by a window that has no secret for the endpoint.
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore store;
    QVERIFY(store.open(path));
    NewCapture c;
    c.raw = Signed;
    c.summary.endpointId = "gh";
    c.summary.verdictReason = "ok";
    c.summary.verdictJson = "{}";
    QList<NewCapture> batch{c};
    QVERIFY(store.append(batch));
    CaptureSession session;
    QString error;
    QVERIFY2(session.open(path, &error), qPrintable(error));
    session.setConfig(githubEndpoint());
    QSignalSpy finished(&session, &CaptureSession::reverifyFinished);
    session.reverify("gh");
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(1).toLongLong(), 0);
    QCOMPARE(store.capture(1)->summary.verdictReason, QString("ok"));
}

QTEST_GUILESS_MAIN(TestReverifier)
#include "tst_reverifier.moc"
