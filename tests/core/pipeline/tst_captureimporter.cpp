#include "core/io/ImportShapes.h"
#include "core/pipeline/CaptureImporter.h"
#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/support/HttpTestClient.h"

namespace {

// GitHub's documented vector.
const QByteArray Signed = "POST /gh HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: sha256="
                          "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\r\n"
                          "Content-Length: 13\r\n\r\nHello, World!";
const QByteArray Unmatched = "POST /elsewhere HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";

CaptureContext::Snapshot githubContext(const QByteArray &secret)
{
    AppConfig config;
    EndpointConfig gh;
    gh.id = "gh";
    gh.path = "/gh";
    gh.provider = "github";
    config.endpoints.append(gh);
    CaptureVerifier::Secrets secrets;
    secrets.insert("gh", {SigningSecret{secret, "s", {}}});
    return std::make_shared<CaptureVerifier>(config, secrets);
}

} // namespace

class TestCaptureImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importedCapturesAreVerifiedAndRecordTheirOrigin();
    void anInputErrorKeepsWhatWasStoredBeforeIt();
    void cancellingStopsReading();
    void aLiveCaptureIsStoredBetweenImportBatches();
    void cancelThroughTheSessionWriterKeepsWholeCaptures();
};

void TestCaptureImporter::importedCapturesAreVerifiedAndRecordTheirOrigin()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    {
        CaptureImporter importer(githubContext("It's a Secret to Everybody"));
        QString error;
        QVERIFY2(importer.open(path, Durability::Process, &error), qPrintable(error));
        QBuffer input;
        input.setData(Signed + Unmatched + Signed);
        input.open(QIODevice::ReadOnly);
        std::unique_ptr<ImportShape> shape = ImportShapes::create("raw");
        shape->start(&input, "in.raw");
        QCOMPARE(importer.run(*shape, "in.raw", &error), CaptureImporter::Result::Done);
        QVERIFY(importer.finish(&error));
        const CaptureImporter::Stats stats = importer.stats();
        QCOMPARE(stats.imported, 3);
        QCOMPARE(stats.verdicts.value("ok"), 2);
        QCOMPARE(stats.verdicts.value(QString()), 1);
    }
    CaptureStore store;
    QVERIFY(store.openReadOnly(path));
    QCOMPARE(store.schemaVersion(), CaptureStore::SchemaVersion);
    QCOMPARE(store.ids(), (QVector<qint64>{1, 2, 3}));
    QCOMPARE(store.capture(2)->raw, Unmatched);
    QCOMPARE(store.capture(1)->summary.endpointId, "gh");
    const QJsonObject verdict = QJsonDocument::fromJson(store.verdictJson(1)).object();
    QCOMPARE(verdict.value("reason").toString(), "ok");
    QVERIFY(verdict.value("diagnosed").toBool()); // the diagnosis ran, as for live captures
    const CaptureOrigin origin = store.origin(3);
    QCOMPARE(origin.source, "in.raw");
    QCOMPARE(origin.format, "raw");
    QCOMPARE(origin.entry, 2);
    QVERIFY(origin.importedAtUs > 0);
    QVERIFY(origin.notRebuilt.isEmpty());
}

void TestCaptureImporter::anInputErrorKeepsWhatWasStoredBeforeIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureImporter importer(githubContext("wrong"));
    QString error;
    QVERIFY(importer.open(path, Durability::Process, &error));
    QBuffer input;
    input.setData(R"({"log":{"entries":[
        {"request":{"method":"POST","url":"http://x/gh","headers":[{"name":":method","value":"POST"}],
         "postData":{"mimeType":"","text":"hi"}}},
        {"request":{}}]}})");
    input.open(QIODevice::ReadOnly);
    std::unique_ptr<ImportShape> shape = ImportShapes::create("har");
    shape->start(&input, "in.har");
    QCOMPARE(importer.run(*shape, "in.har", &error), CaptureImporter::Result::InputError);
    QCOMPARE(error, "entry 1 (line 4): it has no request with a method");
    QVERIFY(importer.finish(&error));
    QCOMPARE(importer.stats().imported, 1);
    QCOMPARE(importer.stats().withNotes, 1);
    QCOMPARE(importer.stats().verdicts.value("missing_signature_header"), 1);
    CaptureStore store;
    QVERIFY(store.openReadOnly(path));
    QVERIFY(store.origin(1).notRebuilt.join(' ').contains("pseudo-headers dropped: :method"));
}

void TestCaptureImporter::cancellingStopsReading()
{
    QTemporaryDir dir;
    CaptureImporter importer(githubContext("s"));
    QString error;
    QVERIFY(importer.open(dir.filePath("s.sqlite"), Durability::Process, &error));
    QBuffer input;
    input.setData(Unmatched.repeated(10));
    input.open(QIODevice::ReadOnly);
    std::unique_ptr<ImportShape> shape = ImportShapes::create("raw");
    shape->start(&input, "in.raw");
    QCOMPARE(importer.run(*shape, "in.raw", &error, [](qint64 read) { return read < 4; }),
             CaptureImporter::Result::Cancelled);
    QVERIFY(importer.finish(&error));
    QCOMPARE(importer.stats().imported, 4);
}

void TestCaptureImporter::aLiveCaptureIsStoredBetweenImportBatches()
{
    QTemporaryDir dir;
    CaptureSession session;
    CaptureSession::Options options;
    options.port = 0;
    options.storePath = dir.filePath("s.sqlite");
    options.config = githubContext("s")->config();
    QString error;
    QVERIFY2(session.start(options, &error), qPrintable(error));
    CaptureImporter importer(session.context());
    importer.attach(session.writer(), options.storePath); // no writer of its own
    QBuffer input;
    input.setData(Unmatched.repeated(5000));
    input.open(QIODevice::ReadOnly);
    std::unique_ptr<ImportShape> shape = ImportShapes::create("raw");
    shape->start(&input, "in.raw");
    HttpTestClient::Response answer;
    bool answered = false;
    // mid-import, a sender's request: answered (so stored) before the import reads on
    const auto progress = [&](qint64 read) {
        if (read == 2000) {
            HttpTestClient client(session.port());
            client.send(Signed);
            answered = client.read(&answer);
        }
        return true;
    };
    QCOMPARE(importer.run(*shape, "in.raw", &error, progress), CaptureImporter::Result::Done);
    QVERIFY(importer.finish(&error));
    QVERIFY(answered);
    QCOMPARE(answer.status, 200);
    const CaptureImporter::Stats stats = importer.stats();
    QCOMPARE(stats.imported, 5000);
    CaptureStore store;
    QVERIFY(store.openReadOnly(options.storePath));
    QCOMPARE(store.count(), 5001);
    QVector<qint64> live;
    for (const qint64 id : store.ids()) {
        if (store.origin(id).isEmpty())
            live.append(id);
    }
    // right behind the 2000 imported before it, ahead of the 3000 after: the writer's queue
    // kept the order, and the import went on after it
    QCOMPARE(live, QVector<qint64>{stats.firstId + 2000});
    QCOMPARE(store.capture(live.first())->raw, Signed);
    QCOMPARE(stats.lastId, stats.firstId + 5000);
}

void TestCaptureImporter::cancelThroughTheSessionWriterKeepsWholeCaptures()
{
    QTemporaryDir dir;
    CaptureSession session;
    const QString path = dir.filePath("s.sqlite");
    QString error;
    QVERIFY2(session.open(path, &error), qPrintable(error));
    CaptureImporter importer(githubContext("s"));
    importer.attach(session.writer(), path);
    QBuffer input;
    input.setData(Unmatched.repeated(3000));
    input.open(QIODevice::ReadOnly);
    std::unique_ptr<ImportShape> shape = ImportShapes::create("raw");
    shape->start(&input, "in.raw");
    QCOMPARE(importer.run(*shape, "in.raw", &error, [](qint64 read) { return read < 1000; }),
             CaptureImporter::Result::Cancelled);
    QVERIFY(importer.finish(&error));
    QCOMPARE(importer.stats().imported, 1000);
    CaptureStore store;
    QVERIFY(store.openReadOnly(path));
    const QVector<qint64> ids = store.ids();
    QCOMPARE(ids.size(), 1000);
    for (qsizetype i = 0; i < ids.size(); ++i) { // each with its bytes and its origin
        QCOMPARE(store.capture(ids[i])->raw, Unmatched);
        QCOMPARE(store.origin(ids[i]).entry, i);
    }
}

QTEST_GUILESS_MAIN(TestCaptureImporter)
#include "tst_captureimporter.moc"
