// ImportOriginText and where it shows: an imported capture's origin (file, entry, what could not
// be rebuilt) in the inspector's title and in every tooltip of its list row; a capture the
// listener took shows none. The captures are imported by ImportJob from a HAR the app exported.
#include "core/store/CaptureStore.h"
#include "ui/io/ExportJob.h"
#include "ui/io/ImportJob.h"
#include "ui/io/ImportOriginText.h"
#include "ui/list/RequestListModel.h"
#include "ui/window/CaptureInspector.h"
#include "ui/window/CaptureLoader.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

bool fill(const QString &path, int count)
{
    CaptureStore store;
    if (!store.open(path))
        return false;
    QList<NewCapture> batch;
    for (int i = 0; i < count; ++i) {
        NewCapture c;
        const QByteArray body = R"({"n":)" + QByteArray::number(i) + "}";
        c.raw = "POST /hook HTTP/1.1\r\nHost: example.test\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n" + body;
        c.summary.method = "POST";
        c.summary.target = "/hook";
        c.summary.status = 200;
        batch.append(c);
    }
    return store.append(batch);
}

} // namespace

class TestImportOriginText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sentence();
    void listTooltipsAndInspectorSayWhereItCameFrom();

private:
    QTemporaryDir m_dir;
    QString m_store; // 3 captured, then 3 imported from a HAR of them
};

void TestImportOriginText::initTestCase()
{
    const QString source = m_dir.filePath("source.sqlite");
    QVERIFY(fill(source, 3));
    ExportJob::Request request;
    request.storePath = source;
    request.all = true;
    request.target = m_dir.filePath("events.har");
    QVERIFY(ExportJob::run(request, {}).error.isEmpty());
    m_store = m_dir.filePath("s.sqlite");
    QVERIFY(fill(m_store, 3));
    ImportJob job;
    QSignalSpy finished(&job, &ImportJob::finished);
    job.start({request.target}, m_store, Durability::Process, std::make_shared<CaptureVerifier>());
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.first().first().value<ImportJob::Outcome>();
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.stats.imported, 3);
}

void TestImportOriginText::sentence()
{
    CaptureOrigin origin;
    QCOMPARE(ImportOriginText::sentence(origin), QString());
    QCOMPARE(ImportOriginText::appendedTo("tip", origin), QString("tip"));
    origin.source = "/tmp/x/events.har";
    origin.format = "har";
    origin.entry = 11;
    origin.notRebuilt = {"the headers' order", "the raw body (rebuilt from the parsed JSON)"};
    QCOMPARE(ImportOriginText::sentence(origin),
             QString("Imported from events.har (HAR entry 12). Not rebuilt exactly: the headers' "
                     "order; the raw body (rebuilt from the parsed JSON)."));
    QCOMPARE(ImportOriginText::appendedTo("tip", origin),
             "tip\n" + ImportOriginText::sentence(origin));
    origin.notRebuilt.clear();
    origin.source = "-";
    origin.format = "sqs";
    origin.entry = 0;
    QCOMPARE(ImportOriginText::sentence(origin),
             QString("Imported from standard input (SQS record 1). Rebuilt exactly."));
}

void TestImportOriginText::listTooltipsAndInspectorSayWhereItCameFrom()
{
    CaptureStore store;
    QVERIFY(store.openReadOnly(m_store));
    RequestListModel model;
    QString error;
    QVERIFY(model.open(m_store, &error));
    QCOMPARE(model.rowCount(), 6);
    CaptureLoader loader;
    loader.setStorePath(m_store);
    CaptureInspector inspector;
    QObject::connect(&loader, &CaptureLoader::loaded, &inspector, &CaptureInspector::show);
    for (int row = 0; row < 6; ++row) {
        const qint64 id = model.captureId(row);
        const CaptureOrigin origin = store.origin(id);
        QCOMPARE(origin.isEmpty(), row < 3); // the first three were captured
        const QString path =
            model.data(model.index(row, RequestListModel::PathColumn), Qt::ToolTipRole).toString();
        const QString size =
            model.data(model.index(row, RequestListModel::SizeColumn), Qt::ToolTipRole).toString();
        QCOMPARE(size.contains("bytes as received"), true); // the column's own tooltip stays
        if (row < 3) {
            QVERIFY2(!path.contains("Imported"), qPrintable(path));
            QVERIFY(!size.contains("Imported"));
        } else {
            const QString expected =
                QString("Imported from events.har (HAR entry %1, imported ").arg(row - 2);
            QVERIFY2(path.contains(expected), qPrintable(path));
            QVERIFY2(size.endsWith(ImportOriginText::sentence(origin)), qPrintable(size));
            QVERIFY(!origin.notRebuilt.isEmpty()); // a HAR's header lines are written again
            QVERIFY(path.contains(origin.notRebuilt.first()));
        }
        QSignalSpy loaded(&loader, &CaptureLoader::loaded);
        loader.load(id);
        QVERIFY(loaded.wait(10000));
        QString title;
        for (const QLabel *label : inspector.findChildren<QLabel *>()) {
            if (label->text().startsWith(QString("#%1 ").arg(id)))
                title = label->text();
        }
        QVERIFY2(title.startsWith(QString("#%1 ").arg(id)), qPrintable(title));
        QCOMPARE(title.contains("<br>Imported from events.har (HAR entry"), row >= 3);
    }
}

QTEST_MAIN(TestImportOriginText)
#include "tst_importorigintext.moc"
