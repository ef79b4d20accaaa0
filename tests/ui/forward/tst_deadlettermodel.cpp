#include "core/store/CaptureStore.h"
#include "core/store/ForwardOutbox.h"
#include "ui/forward/DeadLetterModel.h"

#include "DeadForwards.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

class TestDeadLetterModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsDeadForwardsNewestFirst();
    void followsTheStoreOncePerTurn();
    void refusesAMissingStore();
};

void TestDeadLetterModel::listsDeadForwardsNewestFirst()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    const QVector<qint64> ids = writeDeadForwards(path, "http://127.0.0.1:9/in", 3);
    QCOMPARE(ids.size(), 3);
    DeadLetterModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    QVERIFY2(model.open(path, &error), qPrintable(error));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, DeadLetterModel::CaptureColumn).data().toLongLong(), ids.last());
    QCOMPARE(model.index(0, DeadLetterModel::EndpointColumn).data().toString(), QString("app"));
    QCOMPARE(model.index(0, DeadLetterModel::TargetColumn).data().toString(),
             QString("http://127.0.0.1:9/in"));
    QCOMPARE(model.index(0, DeadLetterModel::AttemptsColumn).data().toInt(), 20);
    QCOMPARE(model.index(0, DeadLetterModel::ErrorColumn).data().toString(), QString("http-404"));
    QCOMPARE(model.index(2, DeadLetterModel::MessageColumn).data().toString(),
             QString("the local app answered 404 (capture %1)").arg(ids.first()));
    QVERIFY(!model.index(0, DeadLetterModel::WhenColumn).data().toString().isEmpty());
    QCOMPARE(model.index(1, 0).data(DeadLetterModel::CaptureIdRole).toLongLong(), ids.at(1));
}

void TestDeadLetterModel::followsTheStoreOncePerTurn()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    const QVector<qint64> ids = writeDeadForwards(path, "http://127.0.0.1:9/in", 2);
    DeadLetterModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(path, nullptr));
    QCOMPARE(model.rowCount(), 2);

    // one of them is retried and delivered, as the forward stage would record it
    CaptureStore writer;
    QVERIFY(writer.open(path));
    QCOMPARE(ForwardOutbox(writer).retryDead({ids.first()}, false), 1);
    OutboxEntry delivered = ForwardOutbox(writer).list(ids.first(), nullptr).first();
    delivered.state = OutboxEntry::State::Delivered;
    delivered.httpStatus = 200;
    QVERIFY(ForwardOutbox(writer).update(delivered));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.onForwardUpdated(delivered);
    model.onForwardUpdated(delivered);
    QCOMPARE(reset.count(), 0); // coalesced into the next turn
    QTRY_COMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, DeadLetterModel::CaptureColumn).data().toLongLong(), ids.last());

    // an outcome of a forward that is neither dead nor listed changes nothing
    OutboxEntry unrelated = delivered;
    unrelated.id = 12345;
    model.onForwardUpdated(unrelated);
    QCoreApplication::processEvents();
    QCOMPARE(reset.count(), 1);
}

void TestDeadLetterModel::refusesAMissingStore()
{
    QTemporaryDir dir;
    DeadLetterModel model;
    QString error;
    QVERIFY(!model.open(dir.filePath("none.sqlite"), &error));
    QVERIFY2(error.contains("none.sqlite"), qPrintable(error));
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestDeadLetterModel)
#include "tst_deadlettermodel.moc"
