#include "core/store/CaptureStore.h"
#include "core/store/ForwardOutbox.h"
#include "ui/forward/DeliveryTimelineModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

OutboxEntry row(const QString &kind, const QString &target,
                OutboxEntry::State state = OutboxEntry::State::Queued)
{
    OutboxEntry e;
    e.kind = kind;
    e.target = target;
    e.state = state;
    return e;
}

// One capture of endpoint "shop" with four forwards: the bus, two local apps, one skipped.
qint64 writeCapture(CaptureStore &store)
{
    NewCapture c;
    c.summary.receivedAtUs = 1763779200000000;
    c.summary.peer = "127.0.0.1:5000";
    c.summary.method = "POST";
    c.summary.target = "/shop";
    c.summary.endpointId = "shop";
    c.summary.status = 200;
    c.summary.verdictReason = "ok";
    c.summary.verdictJson = R"({"reason":"ok"})";
    c.raw = "POST /shop HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
    c.outbox = {row("eventbridge", "default"), row("http", "http://127.0.0.1:3000/hook"),
                row("http", "http://127.0.0.1:3001/hook"),
                row("http", "http://127.0.0.1:3002/orders")};
    c.outbox[3].state = OutboxEntry::State::Skipped;
    c.outbox[3].errorCode = "type-filtered";
    QList<NewCapture> batch{c};
    if (!store.append(batch))
        return 0;
    return batch.first().summary.id;
}

} // namespace

class TestDeliveryTimelineModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void receivedVerifiedThenEachForward();
    void outcomesInPlainWords();
    void liveOutcomeUpdatesItsRow();
    void otherCapturesAreIgnored();
    void missingStoreShowsTheFixedRows();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    qint64 m_id = 0;
    CaptureSummary m_summary;
    QVector<OutboxEntry> m_rows;
};

void TestDeliveryTimelineModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath("s.sqlite");
    CaptureStore store;
    QVERIFY(store.open(m_path));
    m_id = writeCapture(store);
    QVERIFY(m_id > 0);
    m_summary = store.summaries(m_id, m_id).value(0);
    m_rows = ForwardOutbox(store).list(m_id, nullptr);
    QCOMPARE(m_rows.size(), 4);
}

void TestDeliveryTimelineModel::receivedVerifiedThenEachForward()
{
    DeliveryTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStorePath(m_path);
    model.setCapture(m_summary);
    QCOMPARE(model.rowCount(), DeliveryTimelineModel::FixedRows + 4);
    QCOMPARE(model.index(0, DeliveryTimelineModel::StepColumn).data().toString(),
             QString("Received"));
    QVERIFY(model.index(0, DeliveryTimelineModel::DetailColumn)
                .data()
                .toString()
                .contains("POST /shop"));
    QCOMPARE(model.index(1, DeliveryTimelineModel::StepColumn).data().toString(),
             QString("Verified"));
    QCOMPARE(model.index(1, DeliveryTimelineModel::StateColumn).data().toString(),
             QString("verified"));
    QVERIFY(model.index(1, DeliveryTimelineModel::DetailColumn).data().toString().contains("ok"));
    QCOMPARE(model.index(2, DeliveryTimelineModel::StepColumn).data().toString(),
             QString("EventBridge default"));
    QCOMPARE(model.index(2, DeliveryTimelineModel::StateColumn).data().toString(),
             QString("queued"));
    QCOMPARE(model.index(3, DeliveryTimelineModel::StepColumn).data().toString(),
             QString("Local app http://127.0.0.1:3000/hook"));
    QCOMPARE(model.index(5, 0).data(DeliveryTimelineModel::StateRole).toString(),
             QString("skipped"));
    QVERIFY(model.index(5, DeliveryTimelineModel::DetailColumn)
                .data()
                .toString()
                .contains("event type is not one of this target's types"));
    QCOMPARE(model.index(3, 0).data(DeliveryTimelineModel::EntryIdRole).toLongLong(),
             m_rows.at(1).id);
}

void TestDeliveryTimelineModel::outcomesInPlainWords()
{
    {
        CaptureStore writer;
        QVERIFY(writer.open(m_path));
        ForwardOutbox outbox(writer);
        OutboxEntry bus = m_rows.at(0);
        bus.state = OutboxEntry::State::Delivered;
        bus.attempts = 1;
        bus.eventId = "11111111-2222-3333-4444-555555555555";
        bus.elapsedMs = 42;
        QVERIFY(outbox.update(bus));
        OutboxEntry app = m_rows.at(1);
        app.state = OutboxEntry::State::Delivered;
        app.attempts = 1;
        app.httpStatus = 201;
        app.elapsedMs = 7;
        app.response = "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
        app.note = "re-signed with a fresh timestamp";
        QVERIFY(outbox.update(app));
        OutboxEntry down = m_rows.at(2);
        down.state = OutboxEntry::State::Retrying;
        down.attempts = 2;
        down.errorCode = "connection-refused";
        down.errorMessage = "Connection refused";
        down.nextAttemptMs = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5)).toMSecsSinceEpoch();
        QVERIFY(outbox.update(down));
    }
    DeliveryTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStorePath(m_path);
    model.setCapture(m_summary);
    const QString bus = model.index(2, DeliveryTimelineModel::DetailColumn).data().toString();
    QCOMPARE(model.index(2, DeliveryTimelineModel::StateColumn).data().toString(),
             QString("delivered"));
    QVERIFY2(bus.contains("the bus accepted the event, EventId "
                          "11111111-2222-3333-4444-555555555555"),
             qPrintable(bus));
    QVERIFY2(!bus.contains("rule matched"), qPrintable(bus)); // accepted is not routed
    const QString app = model.index(3, DeliveryTimelineModel::DetailColumn).data().toString();
    QVERIFY2(app.contains("answered HTTP 201 in 7 ms"), qPrintable(app));
    QVERIFY2(app.contains("re-signed with a fresh timestamp"), qPrintable(app));
    QCOMPARE(model.index(3, 0).data(DeliveryTimelineModel::ResponseRole).toByteArray(),
             QByteArray("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"));
    const QString retry = model.index(4, DeliveryTimelineModel::DetailColumn).data().toString();
    QCOMPARE(model.index(4, DeliveryTimelineModel::StateColumn).data().toString(),
             QString("retrying"));
    QVERIFY2(retry.contains("attempt 2 failed: connection-refused Connection refused; next "
                            "attempt at 03:04:05"),
             qPrintable(retry));
}

void TestDeliveryTimelineModel::liveOutcomeUpdatesItsRow()
{
    DeliveryTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStorePath(m_path);
    model.setCapture(m_summary);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    OutboxEntry dead = m_rows.at(2);
    dead.captureId = m_id;
    dead.state = OutboxEntry::State::Dead;
    dead.attempts = 20;
    dead.errorCode = "http-404";
    dead.errorMessage = "the local app answered 404";
    model.applyEntry(dead);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 4);
    QCOMPARE(model.rowCount(), DeliveryTimelineModel::FixedRows + 4);
    QCOMPARE(model.index(4, DeliveryTimelineModel::StateColumn).data().toString(), QString("dead"));
    QVERIFY(model.index(4, DeliveryTimelineModel::DetailColumn)
                .data()
                .toString()
                .contains("gave up after 20 attempts: http-404 the local app answered 404"));
}

void TestDeliveryTimelineModel::otherCapturesAreIgnored()
{
    DeliveryTimelineModel model;
    model.setStorePath(m_path);
    model.setCapture(m_summary);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    OutboxEntry other = m_rows.at(0);
    other.captureId = m_id + 1;
    other.id = 999;
    model.applyEntry(other);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowCount(), DeliveryTimelineModel::FixedRows + 4);
}

void TestDeliveryTimelineModel::missingStoreShowsTheFixedRows()
{
    DeliveryTimelineModel model;
    model.setStorePath(m_dir->filePath("missing.sqlite"));
    model.setCapture(m_summary);
    QCOMPARE(model.rowCount(), DeliveryTimelineModel::FixedRows);
    QVERIFY(model.errorString().contains("missing.sqlite"));
}

QTEST_GUILESS_MAIN(TestDeliveryTimelineModel)
#include "tst_deliverytimelinemodel.moc"
