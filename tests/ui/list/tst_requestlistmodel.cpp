#include "core/store/CaptureStore.h"
#include "ui/list/RequestListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QList<NewCapture> captures(int from, int count)
{
    QList<NewCapture> out;
    for (int i = from; i < from + count; ++i) {
        NewCapture c;
        c.summary.receivedAtUs = 1763779200000000 + i;
        c.summary.method = "POST";
        c.summary.target = "/n" + QByteArray::number(i);
        c.summary.endpointId = i % 2 ? "odd" : "";
        c.summary.status = 200;
        c.raw = "POST " + c.summary.target + " HTTP/1.1\r\n\r\n";
        out.append(c);
    }
    return out;
}

} // namespace

class TestRequestListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pagesRowsFromTheStore();
    void appendsLiveCapturesInOneBatch();
    void badStoreIsReported();
    void filtersByVerdict();
};

void TestRequestListModel::pagesRowsFromTheStore()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    QList<NewCapture> batch = captures(0, 1000);
    QVERIFY(writer.append(batch));

    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(path, nullptr));
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.columnCount(), int(RequestListModel::ColumnCount));
    const QModelIndex far = model.index(700, RequestListModel::PathColumn);
    QCOMPARE(far.data().toString(), QString("/n700"));
    QCOMPARE(model.index(701, RequestListModel::EndpointColumn).data().toString(), QString("odd"));
    QCOMPARE(model.index(5, RequestListModel::StatusColumn).data().toInt(), 200);
    QCOMPARE(model.captureId(700), 701);
    QCOMPARE(model.rowForId(701), 700);
    QCOMPARE(model.rowForId(5000), -1);
    QCOMPARE(far.data(RequestListModel::CaptureIdRole).toLongLong(), 701);
}

void TestRequestListModel::appendsLiveCapturesInOneBatch()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    QList<NewCapture> first = captures(0, 10);
    QVERIFY(writer.append(first));

    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(path, nullptr));
    QCOMPARE(model.index(9, RequestListModel::PathColumn).data().toString(), QString("/n9"));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QList<NewCapture> more = captures(10, 5);
    QVERIFY(writer.append(more));
    model.appendLive({more[0].summary, more[1].summary, more[2].summary});
    model.appendLive({more[3].summary, more[4].summary});
    QCOMPARE(model.rowCount(), 10); // nothing until the event loop turns
    QTRY_COMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 10);
    QCOMPARE(inserted.first().at(2).toInt(), 14);
    QCOMPARE(model.rowCount(), 15);
    QCOMPARE(model.index(14, RequestListModel::PathColumn).data().toString(), QString("/n14"));
}

void TestRequestListModel::badStoreIsReported()
{
    QTemporaryDir dir;
    QFile junk(dir.filePath("junk.sqlite"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'j'));
    junk.close();
    RequestListModel model;
    QString error;
    QVERIFY(!model.open(junk.fileName(), &error));
    QVERIFY(error.contains("junk.sqlite"));
    QCOMPARE(model.rowCount(), 0);
}

void TestRequestListModel::filtersByVerdict()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    QList<NewCapture> batch = captures(0, 600);
    for (int i = 0; i < batch.size(); ++i)
        batch[i].summary.verdictReason = i % 3 == 0 ? "ok" : "signature_mismatch";
    QVERIFY(writer.append(batch));

    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(path, nullptr));
    CaptureFilter pass;
    pass.verdict = CaptureFilter::Verdict::Pass;
    model.setFilter(pass);
    QCOMPARE(model.rowCount(), 200);
    // rows on a later page map to the right captures although their ids are not consecutive
    QCOMPARE(model.index(150, RequestListModel::PathColumn).data().toString(), QString("/n450"));
    QCOMPARE(model.index(150, RequestListModel::VerdictColumn).data().toString(), QString("pass"));

    QList<NewCapture> live = captures(600, 2);
    live[0].summary.verdictReason = "signature_mismatch";
    live[1].summary.verdictReason = "ok";
    QVERIFY(writer.append(live));
    model.appendLive({live[0].summary, live[1].summary});
    QTRY_COMPARE(model.rowCount(), 201); // only the passing one joins
    QCOMPARE(model.index(200, RequestListModel::PathColumn).data().toString(), QString("/n601"));

    model.setFilter(CaptureFilter());
    QCOMPARE(model.rowCount(), 602);
}

QTEST_MAIN(TestRequestListModel)
#include "tst_requestlistmodel.moc"
