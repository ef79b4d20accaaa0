#include "core/store/CaptureStore.h"
#include "core/store/ForwardOutbox.h"
#include "ui/list/RequestListModel.h"
#include "ui/list/RuleMatchCache.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
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
    void forwardColumnShowsTheOverallState();
    void filtersByForwardState();
    void forwardOutcomeRefreshesItsRow();
    void matchesColumnCountsTheEndpointsRules();
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
    QCOMPARE(model.index(150, RequestListModel::VerdictColumn).data().toString(), QString("✔ ok"));

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

namespace {

OutboxEntry forward(const QString &target)
{
    OutboxEntry e;
    e.kind = "http";
    e.target = target;
    return e;
}

// Captures 1..6: none, one delivered, delivered + retrying, delivered + dead, one skipped, one
// queued. Returns the writer's outbox rows of each capture.
void writeForwards(CaptureStore &writer)
{
    QList<NewCapture> batch = captures(0, 6);
    for (int i = 1; i < 6; ++i)
        batch[i].outbox = {forward("http://127.0.0.1:1/a")};
    for (int i : {2, 3})
        batch[i].outbox.append(forward("http://127.0.0.1:1/b"));
    batch[4].outbox[0].state = OutboxEntry::State::Skipped;
    batch[4].outbox[0].errorCode = "not-verified";
    QVERIFY(writer.append(batch));
    ForwardOutbox outbox(writer);
    const auto set = [&](qint64 capture, int index, OutboxEntry::State state) {
        OutboxEntry e = outbox.list(capture, nullptr).at(index);
        e.state = state;
        QVERIFY(outbox.update(e));
    };
    set(2, 0, OutboxEntry::State::Delivered);
    set(3, 0, OutboxEntry::State::Delivered);
    set(3, 1, OutboxEntry::State::Retrying);
    set(4, 0, OutboxEntry::State::Delivered);
    set(4, 1, OutboxEntry::State::Dead);
}

} // namespace

void TestRequestListModel::forwardColumnShowsTheOverallState()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    writeForwards(writer);
    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(path, nullptr));
    const QStringList expected = {"",       "→ delivered", "⟳ retrying",
                                  "✘ dead", "– skipped",   "… queued"};
    for (int row = 0; row < expected.size(); ++row)
        QCOMPARE(model.index(row, RequestListModel::ForwardColumn).data().toString(),
                 expected.at(row));
    QCOMPARE(model.headerData(RequestListModel::ForwardColumn, Qt::Horizontal, Qt::DisplayRole)
                 .toString(),
             QString("Forward"));
}

void TestRequestListModel::filtersByForwardState()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    writeForwards(writer);
    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(path, nullptr));
    const QList<QPair<CaptureFilter::Forward, QVector<qint64>>> cases = {
        {CaptureFilter::Forward::None, {1}},     {CaptureFilter::Forward::Delivered, {2}},
        {CaptureFilter::Forward::Retrying, {3}}, {CaptureFilter::Forward::Dead, {4}},
        {CaptureFilter::Forward::Skipped, {5}},  {CaptureFilter::Forward::Queued, {6}},
    };
    for (const auto &c : cases) {
        CaptureFilter filter;
        filter.forward = c.first;
        model.setFilter(filter);
        QVector<qint64> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.append(model.captureId(row));
        QCOMPARE(ids, c.second);
        // the store's answer and the predicate for live captures agree
        for (const CaptureSummary &s : writer.summaries(1, 6))
            QCOMPARE(filter.matches(s), c.second.contains(s.id));
    }
    // with the endpoint filter: capture 4 is of "odd", capture 3 of no endpoint
    CaptureFilter deadOfOdd;
    deadOfOdd.forward = CaptureFilter::Forward::Dead;
    deadOfOdd.endpointId = "odd";
    QCOMPARE(writer.ids(deadOfOdd), QVector<qint64>{4});
    deadOfOdd.endpointId = "even";
    QCOMPARE(writer.ids(deadOfOdd), QVector<qint64>{});

    // a live capture joins a forward filter when the store says its forwards are in that state
    CaptureFilter queued;
    queued.forward = CaptureFilter::Forward::Queued;
    model.setFilter(queued);
    QList<NewCapture> live = captures(6, 2);
    live[1].outbox = {forward("http://127.0.0.1:1/a")};
    QVERIFY(writer.append(live));
    model.appendLive({live[0].summary, live[1].summary});
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.captureId(1), live[1].summary.id);
}

void TestRequestListModel::forwardOutcomeRefreshesItsRow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    writeForwards(writer);
    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(path, nullptr));
    CaptureFilter retrying;
    retrying.forward = CaptureFilter::Forward::Retrying;
    model.setFilter(retrying);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, RequestListModel::ForwardColumn).data().toString(),
             QString("⟳ retrying"));

    ForwardOutbox outbox(writer);
    OutboxEntry e = outbox.list(3, nullptr).at(1);
    e.state = OutboxEntry::State::Delivered;
    QVERIFY(outbox.update(e));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.refreshForward(e);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 0);
    // it no longer passes the filter; it stays until the filter is applied again, as it is now
    QCOMPARE(model.index(0, RequestListModel::ForwardColumn).data().toString(),
             QString("→ delivered"));
    QCOMPARE(model.index(0, RequestListModel::PathColumn).data().toString(), QString("/n2"));
    model.setFilter(retrying);
    QCOMPARE(model.rowCount(), 0);
}

void TestRequestListModel::matchesColumnCountsTheEndpointsRules()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    QList<NewCapture> batch = captures(0, 4); // endpoints "", "odd", "", "odd"
    const QByteArray body = R"({"type":"invoice.paid","amount":5})";
    for (NewCapture &c : batch) {
        c.raw = "POST " + c.summary.target + " HTTP/1.1\r\nContent-Type: application/json\r\n" +
                "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        c.summary.verdictReason = "ok";
    }
    batch[3].summary.verdictReason = "signature_mismatch";
    QVERIFY(writer.append(batch));

    EndpointConfig odd;
    odd.id = "odd";
    odd.path = "/odd";
    EventBridgeForwardTarget bus;
    bus.detailType = "/type";
    bus.source = "com.example.shop";
    odd.forward.eventBridge = bus;
    const auto pattern = [](const char *json) {
        return QJsonValue(QJsonDocument::fromJson(json).object());
    };
    odd.rules = {{"paid", pattern(R"({"detail-type":["invoice.paid"]})")},
                 {"big", pattern(R"({"detail":{"amount":[{"numeric":[">",100]}]}})")},
                 {"shop", pattern(R"({"source":["com.example.shop"]})")}};
    AppConfig config;
    config.endpoints = {odd};

    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(path, nullptr));
    model.setRules(CompiledRules::compile(config));
    QCOMPARE(model.index(0, RequestListModel::MatchesColumn).data().toString(), QString());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // asked when shown; answered by the worker
    QCOMPARE(model.index(1, RequestListModel::MatchesColumn).data().toString(), QString("…"));
    QCOMPARE(model.index(3, RequestListModel::MatchesColumn).data().toString(), QString("…"));
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(model.index(1, RequestListModel::MatchesColumn).data().toString(),
             QString("2/3 rules"));
    QCOMPARE(model.index(1, RequestListModel::MatchesColumn).data(Qt::ToolTipRole).toString(),
             QString("Matching: paid, shop"));
    QCOMPARE(model.index(3, RequestListModel::MatchesColumn).data().toString(),
             QString("not on bus"));
    QVERIFY(model.index(3, RequestListModel::MatchesColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains("not verified (signature_mismatch)"));
}

QTEST_MAIN(TestRequestListModel)
#include "tst_requestlistmodel.moc"
