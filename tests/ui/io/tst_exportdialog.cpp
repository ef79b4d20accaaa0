// ExportDialog / ExportJob: the list as filtered exported on a worker thread in the CLI's exact
// bytes (HAR compared with `hookbench-cli export` for the same ids, redacted alike), raw request
// files into a folder, and Cancel leaving no file, no folder and no temporary file behind.
#include "core/config/ConfigLoader.h"
#include "core/store/CaptureStore.h"
#include "ui/io/ExportDialog.h"
#include "ui/list/RequestListModel.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QByteArray Secret = "whsec_exportdialogtestsecret";

QByteArray rawRequest(int i)
{
    // a body that is not UTF-8 every third capture; the secret in every fifth body
    QByteArray body =
        i % 3 == 0 ? QByteArray("\xff\xfe\x00\x01 binary ", 13) : QByteArray(R"({"n":)");
    body += QByteArray::number(i) + (i % 3 == 0 ? "" : "}");
    if (i % 5 == 0)
        body += " " + Secret;
    return "POST /" + QByteArray(i % 2 ? "b" : "a") +
           " HTTP/1.1\r\nHost: example.test\r\nStripe-Signature: t=1,v1=abc" +
           QByteArray::number(i) + "\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

bool fill(const QString &path, int count)
{
    CaptureStore store;
    if (!store.open(path))
        return false;
    QList<NewCapture> batch;
    for (int i = 0; i < count; ++i) {
        NewCapture c;
        c.raw = rawRequest(i);
        c.summary.method = "POST";
        c.summary.target = i % 2 ? "/b" : "/a";
        c.summary.endpointId = i % 2 ? "b" : "a";
        c.summary.status = 200;
        c.summary.receivedAtUs = 1'700'000'000'000'000 + i * 1000;
        batch.append(c);
    }
    return store.append(batch);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString writeConfig(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(R"({"endpoints":[{"id":"a","path":"/a","provider":"stripe"},)"
               R"({"id":"b","path":"/b","provider":"stripe"}]})");
    return path;
}

// Everything in `dir` but the store's own files.
QStringList leftovers(const QString &dir)
{
    QStringList names = QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    names.removeIf([](const QString &n) { return n.startsWith("s.sqlite") || n == "cfg.json"; });
    return names;
}

// A store of `count` captures, open in a list model.
struct Listed
{
    QTemporaryDir dir;
    QString store = dir.filePath("s.sqlite");
    RequestListModel model;

    bool open(int count)
    {
        QString error;
        return fill(store, count) && model.open(store, &error);
    }
};

// Sets the dialog up, runs the export and returns how it ended.
ExportJob::Outcome run(ExportDialog &dialog, ExportJob::Format format, ExportDialog::Scope scope,
                       const QString &target)
{
    dialog.setFormat(format);
    dialog.setScope(scope);
    dialog.setTarget(target);
    QSignalSpy finished(dialog.job(), &ExportJob::finished);
    dialog.startExport();
    if (!finished.wait(30000))
        return {};
    return finished.first().first().value<ExportJob::Outcome>();
}

} // namespace

class TestExportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void filteredListAsTheCliWritesIt();
    void rawFilesIntoAFolder();
    void cancelInTheDialogLeavesNoFile();
    void cancelledRunLeavesNothing_data();
    void cancelledRunLeavesNothing();
};

void TestExportDialog::filteredListAsTheCliWritesIt()
{
    Listed l;
    QVERIFY(l.open(40));
    const QString &store = l.store;
    const QTemporaryDir &dir = l.dir;
    RequestListModel &model = l.model;
    CaptureFilter filter;
    filter.endpointId = "a";
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 20);

    const QString config = writeConfig(dir.filePath("cfg.json"));
    const ConfigLoader::Result loaded = ConfigLoader::load(config, true, {"stripe"});
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    CaptureVerifier::Secrets secrets;
    secrets.insert("a", {SigningSecret{Secret, "test", {}}});
    auto context = std::make_shared<CaptureVerifier>(loaded.config, secrets);

    for (const bool redact : {false, true}) {
        const QString target = dir.filePath(redact ? "redacted.har" : "plain.har");
        ExportDialog dialog(&model, nullptr, context);
        dialog.setRedact(redact);
        QSignalSpy exported(&dialog, &ExportDialog::exported);
        const ExportJob::Outcome outcome =
            run(dialog, ExportJob::Format::Har, ExportDialog::Scope::Filtered, target);
        QCOMPARE(outcome.exported, 20);
        QCOMPARE(outcome.redacted, redact ? 20 : 0); // each has a Stripe-Signature
        QCOMPARE(exported.size(), 1);
        const QByteArray app = readAll(target);
        const QJsonArray entries =
            QJsonDocument::fromJson(app).object()["log"].toObject()["entries"].toArray();
        QCOMPARE(entries.size(), 20);
        for (const QJsonValue &e : entries)
            QVERIFY(e.toObject()["request"].toObject()["url"].toString().endsWith("/a"));
        QCOMPARE(app.contains(Secret), !redact);
        QCOMPARE(app.contains("[redacted]"), redact);

#ifdef HB_CLI
        // the CLI, for the same ids (and the same secret, from the environment)
        QStringList args = {
            "export", "--store", store, "--format", "har", "-o", dir.filePath("cli.har")};
        for (const qint64 id : dialog.idsOf(ExportDialog::Scope::Filtered))
            args << "--id" << QString::number(id);
        if (redact)
            args << "--redact-secrets"
                 << "--config" << config << "--secret-env"
                 << "a=HB_EXPORT_TEST_SECRET";
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HB_EXPORT_TEST_SECRET", QString::fromLatin1(Secret));
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(HB_CLI), args);
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QCOMPARE(app, readAll(dir.filePath("cli.har")));
#endif
    }
}

void TestExportDialog::rawFilesIntoAFolder()
{
    Listed l;
    QVERIFY(l.open(6));
    const QString &store = l.store;
    const QTemporaryDir &dir = l.dir;
    RequestListModel &model = l.model;
    QItemSelectionModel selection(&model);
    selection.select(model.index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection.select(model.index(4, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    ExportDialog dialog(&model, &selection, nullptr);
    const ExportJob::Outcome outcome = run(dialog, ExportJob::Format::RawFolder,
                                           ExportDialog::Scope::Selected, dir.filePath("raw"));
    QCOMPARE(outcome.exported, 2);
    const QStringList files = QDir(dir.filePath("raw")).entryList(QDir::Files, QDir::Name);
    const QVector<qint64> ids = dialog.idsOf(ExportDialog::Scope::Selected);
    QCOMPARE(files,
             QStringList({QString::number(ids[0]) + ".http", QString::number(ids[1]) + ".http"}));
    CaptureStore read;
    QVERIFY(read.openReadOnly(store));
    for (const qint64 id : ids)
        QCOMPARE(readAll(dir.filePath("raw/%1.http").arg(id)), read.capture(id)->raw);
    QCOMPARE(leftovers(dir.path()), QStringList({"raw"}));
}

void TestExportDialog::cancelInTheDialogLeavesNoFile()
{
    Listed l;
    QVERIFY(l.open(30000));
    ExportDialog dialog(&l.model, nullptr, nullptr);
    dialog.setFormat(ExportJob::Format::Jsonl);
    dialog.setScope(ExportDialog::Scope::All);
    dialog.setTarget(l.dir.filePath("all.jsonl"));
    QSignalSpy finished(dialog.job(), &ExportJob::finished);
    QSignalSpy progress(dialog.job(), &ExportJob::progress);
    dialog.startExport();
    QVERIFY(progress.wait(30000)); // under way
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.first().first().value<ExportJob::Outcome>();
    QVERIFY(outcome.cancelled);
    QVERIFY(outcome.exported < 30000);
    QVERIFY(outcome.target.isEmpty());
    QCOMPARE(leftovers(l.dir.path()), QStringList());
    QCOMPARE(dialog.status(), QString("Cancelled: nothing was written."));
}

void TestExportDialog::cancelledRunLeavesNothing_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("har") << int(ExportJob::Format::Har);
    QTest::newRow("jsonl") << int(ExportJob::Format::Jsonl);
    QTest::newRow("raw folder") << int(ExportJob::Format::RawFolder);
    QTest::newRow("curl with body files") << int(ExportJob::Format::Curl);
}

void TestExportDialog::cancelledRunLeavesNothing()
{
    QFETCH(int, format);
    QTemporaryDir dir;
    const QString store = dir.filePath("s.sqlite");
    QVERIFY(fill(store, 30));
    ExportJob::Request request;
    request.storePath = store;
    request.format = ExportJob::Format(format);
    request.all = true;
    request.target = dir.filePath("out");
    // cancelled after 20 (curl has written body files for the binary ones by then)
    const ExportJob::Outcome cancelled =
        ExportJob::run(request, [](qint64 done, qint64) { return done < 20; });
    QVERIFY(cancelled.cancelled);
    QCOMPARE(cancelled.exported, 20);
    QVERIFY(cancelled.error.isEmpty());
    QCOMPARE(leftovers(dir.path()), QStringList());
    // the same run to its end writes the target (and curl's bodies beside it)
    const ExportJob::Outcome done = ExportJob::run(request, {});
    QVERIFY2(done.error.isEmpty(), qPrintable(done.error));
    QCOMPARE(done.exported, 30);
    QStringList expected = {"out"};
    if (request.format == ExportJob::Format::Curl)
        expected.append("out.bodies");
    QCOMPARE(leftovers(dir.path()), expected);
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
