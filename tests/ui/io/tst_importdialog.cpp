// ImportDialog / ImportJob: files imported into a real store on a worker thread, with progress,
// Cancel (what was stored stays whole), an error naming the file, and the summary.
#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"
#include "ui/io/ImportDialog.h"

#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString writeRequests(const QString &path, int count)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    for (int i = 0; i < count; ++i) {
        const QByteArray body = R"({"n":)" + QByteArray::number(i) + "}";
        file.write("POST /hook HTTP/1.1\r\nHost: example.test\r\nContent-Type: application/json\r\n"
                   "Content-Length: " +
                   QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    return path;
}

CaptureContext::Snapshot context()
{
    EndpointConfig hook;
    hook.id = "hook";
    hook.path = "/hook";
    AppConfig config;
    config.endpoints = {hook};
    return std::make_shared<CaptureVerifier>(config, CaptureVerifier::Secrets());
}

qint64 storedCount(const QString &path)
{
    CaptureStore store;
    return store.openReadOnly(path) ? store.count() : -1;
}

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsAndSummarises();
    void cancelKeepsWhatWasStored();
    void unknownFileIsNamedAndNothingIsStored();
    void storesAreOpenedNotImported();
    void importsThroughTheSessionsWriter();
};

void TestImportDialog::importsAndSummarises()
{
    QTemporaryDir dir;
    const QString store = dir.filePath("s.sqlite");
    const QString input = writeRequests(dir.filePath("requests.http"), 300);
    ImportDialog dialog({input}, store, Durability::Process, context());
    QSignalSpy imported(&dialog, &ImportDialog::imported);
    QSignalSpy finished(dialog.job(), &ImportJob::finished);
    QSignalSpy progress(dialog.job(), &ImportJob::progress);
    QVERIFY(finished.wait(30000));
    QCOMPARE(imported.size(), 1);
    QCOMPARE(imported.first().at(1).toLongLong() - imported.first().at(0).toLongLong() + 1, 300);
    QVERIFY(progress.size() >= 1);
    QCOMPARE(storedCount(store), 300);
    const QString text = dialog.findChild<QLabel *>()->text();
    QVERIFY2(text.startsWith("Imported 300 capture(s). Read as requests.http: raw."),
             qPrintable(text));
    QVERIFY2(text.contains("Verdicts: unverified 300"), qPrintable(text));
}

void TestImportDialog::cancelKeepsWhatWasStored()
{
    QTemporaryDir dir;
    const QString store = dir.filePath("s.sqlite");
    const QString input = writeRequests(dir.filePath("many.http"), 50000);
    ImportDialog dialog({input}, store, Durability::Process, context());
    QSignalSpy finished(dialog.job(), &ImportJob::finished);
    QSignalSpy progress(dialog.job(), &ImportJob::progress);
    QVERIFY(progress.wait(30000)); // under way
    dialog.job()->cancel();
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.first().first().value<ImportJob::Outcome>();
    QVERIFY(outcome.cancelled);
    QVERIFY(outcome.stats.imported > 0);
    QVERIFY(outcome.stats.imported < 50000);
    QCOMPARE(storedCount(store), outcome.stats.imported); // every stored capture is whole
    QVERIFY(dialog.findChild<QLabel *>()->text().startsWith("Cancelled: "));
}

void TestImportDialog::unknownFileIsNamedAndNothingIsStored()
{
    QTemporaryDir dir;
    const QString store = dir.filePath("s.sqlite");
    const QString good = writeRequests(dir.filePath("good.http"), 3);
    QFile bad(dir.filePath("notes.txt"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("just some notes, not a request\n");
    bad.close();
    ImportDialog dialog({good, bad.fileName()}, store, Durability::Process, context());
    QSignalSpy imported(&dialog, &ImportDialog::imported);
    QSignalSpy finished(dialog.job(), &ImportJob::finished);
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.first().first().value<ImportJob::Outcome>();
    QVERIFY2(outcome.error.contains(bad.fileName()), qPrintable(outcome.error));
    QCOMPARE(outcome.stats.imported, 0);
    QCOMPARE(imported.size(), 0);
}

void TestImportDialog::storesAreOpenedNotImported()
{
    QTemporaryDir dir;
    const QString store = dir.filePath("s.sqlite");
    {
        CaptureStore s;
        QVERIFY(s.open(store));
    }
    QVERIFY(ImportJob::isStoreFile(store));
    QVERIFY(ImportJob::isStoreFile(dir.filePath("new.sqlite"))); // created when opened
    QVERIFY(!ImportJob::isStoreFile(writeRequests(dir.filePath("r.http"), 1)));
}

void TestImportDialog::importsThroughTheSessionsWriter()
{
    QTemporaryDir dir;
    const QString store = dir.filePath("s.sqlite");
    CaptureSession session;
    QString error;
    QVERIFY2(session.open(store, &error), qPrintable(error));
    QSignalSpy captured(&session, &CaptureSession::captured);
    const QString input = writeRequests(dir.filePath("requests.http"), 300);
    ImportDialog dialog({input}, store, Durability::Process, context(), nullptr, session.writer());
    QSignalSpy finished(dialog.job(), &ImportJob::finished);
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.first().first().value<ImportJob::Outcome>();
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.stats.imported, 300);
    QCOMPARE(storedCount(store), 300);
    // committed by the session's writer: its commits announced every imported capture
    QVERIFY(QTest::qWaitFor(
        [&] {
            qint64 n = 0;
            for (const QList<QVariant> &batch : std::as_const(captured))
                n += batch.first().value<QVector<CaptureSummary>>().size();
            return n == 300;
        },
        10000));
}

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
