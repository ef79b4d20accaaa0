#include "core/config/ConfigLoader.h"
#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"
#include "core/verify/ProviderRegistry.h"
#include "tests/support/HttpTestClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// GitHub's documented vector: signed with "It's a Secret to Everybody".
const QByteArray Signed = "POST /gh HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: sha256="
                          "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\r\n"
                          "Content-Length: 13\r\n\r\nHello, World!";
const QByteArray Secret = "It's a Secret to Everybody";

AppConfig config(int status)
{
    const QByteArray json = R"({"endpoints": [{"id": "gh", "path": "/gh", "provider": "github",
        "response": {"status": )" +
                            QByteArray::number(status) + "}}]}";
    const ConfigLoader::Result loaded =
        ConfigLoader::parse(json, "test.json", ProviderRegistry::names());
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error));
    return loaded.config;
}

CaptureVerifier::Secrets secrets(const QByteArray &value)
{
    CaptureVerifier::Secrets s;
    s.insert("gh", {SigningSecret{value, "current", {}}});
    return s;
}

QStringList hazardCodes(const QByteArray &verdictJson)
{
    QStringList codes;
    const QJsonArray hazards = QJsonDocument::fromJson(verdictJson)["hazards"].toArray();
    for (const QJsonValue &h : hazards)
        codes.append(h["code"].toString());
    return codes;
}

} // namespace

class TestCaptureSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void changesApplyWithoutDroppingConnections();
    void diagnosisComesAfterTheAnswer();
    void storeOpensWithoutListening();

private:
    static CaptureSession::Options options(const QTemporaryDir &dir,
                                           const CaptureVerifier::Secrets &secrets);
    // Sends one request on `client` and waits for its answer and its complete verdict.
    CaptureSummary exchange(HttpTestClient &client, QSignalSpy &completed, int expectStatus);
};

CaptureSummary TestCaptureSession::exchange(HttpTestClient &client, QSignalSpy &completed,
                                            int expectStatus)
{
    const qsizetype before = completed.size();
    client.send(Signed);
    HttpTestClient::Response r;
    if (!client.read(&r))
        return {};
    if (r.status != expectStatus) {
        qWarning() << "status" << r.status << "expected" << expectStatus;
        return {};
    }
    if (completed.size() == before && !completed.wait(10000))
        return {};
    return completed.last().at(0).value<CaptureSummary>();
}

CaptureSession::Options TestCaptureSession::options(const QTemporaryDir &dir,
                                                    const CaptureVerifier::Secrets &secrets)
{
    CaptureSession::Options options;
    options.port = 0;
    options.storePath = dir.filePath("s.sqlite");
    options.config = config(200);
    options.secrets = secrets;
    return options;
}

void TestCaptureSession::changesApplyWithoutDroppingConnections()
{
    QTemporaryDir dir;
    CaptureSession session;
    const CaptureSession::Options options = this->options(dir, {});
    QString error;
    QVERIFY2(session.start(options, &error), qPrintable(error));
    const quint16 port = session.port();
    QSignalSpy completed(&session, &CaptureSession::completed);

    HttpTestClient keptAlive(port), second(port);
    QVERIFY(keptAlive.connected() && second.connected());
    QSignalSpy dropped(&keptAlive.socket(), &QTcpSocket::disconnected);
    QSignalSpy droppedToo(&second.socket(), &QTcpSocket::disconnected);

    QCOMPARE(exchange(keptAlive, completed, 200).verdictReason, QString("no_secret"));

    // A secret with a trailing newline: wrong, and the diagnosis says why.
    session.setSecrets(secrets(Secret + "\n"));
    const CaptureSummary wrong = exchange(keptAlive, completed, 200);
    QCOMPARE(wrong.verdictReason, QString("signature_mismatch"));
    QVERIFY(hazardCodes(wrong.verdictJson).contains("secret_whitespace"));

    // A new response for the endpoint, on both open connections.
    session.setConfig(config(202));
    QCOMPARE(exchange(second, completed, 202).verdictReason, QString("signature_mismatch"));
    session.setSecrets(secrets(Secret));
    QCOMPARE(exchange(keptAlive, completed, 202).verdictReason, QString("ok"));

    QCOMPARE(session.port(), port);
    QVERIFY(session.isListening());
    QCOMPARE(dropped.size(), 0);
    QCOMPARE(droppedToo.size(), 0);
    QCOMPARE(keptAlive.socket().state(), QAbstractSocket::ConnectedState);

    CaptureStore reader;
    QVERIFY(reader.openReadOnly(options.storePath));
    QCOMPARE(reader.count(), 4);
    QCOMPARE(reader.capture(4)->summary.verdictReason, QString("ok"));
}

void TestCaptureSession::diagnosisComesAfterTheAnswer()
{
    QTemporaryDir dir;
    CaptureSession session;
    const CaptureSession::Options options = this->options(dir, secrets(Secret + "\n"));
    QString error;
    QVERIFY2(session.start(options, &error), qPrintable(error));
    QSignalSpy captured(&session, &CaptureSession::captured);
    QSignalSpy completed(&session, &CaptureSession::completed);
    HttpTestClient client(session.port());
    const CaptureSummary complete = exchange(client, completed, 200);

    // What was committed with the capture (and answered) is the fast verdict: the checks,
    // no hazards. The hazards come later, written beside it.
    QVERIFY(!captured.isEmpty());
    const auto batch = captured.first().at(0).value<QVector<CaptureSummary>>();
    QCOMPARE(batch.first().verdictReason, QString("signature_mismatch"));
    QVERIFY(hazardCodes(batch.first().verdictJson).isEmpty());
    QCOMPARE(complete.id, batch.first().id);
    QCOMPARE(hazardCodes(complete.verdictJson), QStringList{"secret_whitespace"});

    CaptureStore reader;
    QVERIFY(reader.openReadOnly(options.storePath));
    QCOMPARE(hazardCodes(reader.verdictJson(complete.id)), QStringList{"secret_whitespace"});
}

void TestCaptureSession::storeOpensWithoutListening()
{
    QTemporaryDir dir;
    CaptureSession session;
    QString error;
    QVERIFY(!session.startListening("127.0.0.1", 0, &error)); // nothing to capture into
    QVERIFY(!error.isEmpty());
    QVERIFY2(session.open(dir.filePath("s.sqlite"), &error), qPrintable(error));
    QVERIFY(!session.isListening());
    QVERIFY2(session.startListening("127.0.0.1", 0, &error), qPrintable(error));
    QVERIFY(session.port() != 0);
    session.stopListening();
    QVERIFY(!session.isListening());
    QVERIFY(session.isOpen());
}

QTEST_GUILESS_MAIN(TestCaptureSession)
#include "tst_capturesession.moc"
