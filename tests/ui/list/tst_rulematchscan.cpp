#include "core/store/CaptureStore.h"
#include "ui/list/FilterBar.h"
#include "ui/list/RequestListModel.h"
#include "ui/list/RuleMatchScan.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QJsonDocument>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Captures alternate between endpoint "shop" (with rules) and "plain" (none); shop's events
// cycle through the types order.paid, order.created, order.refunded.
NewCapture capture(int i)
{
    static const QByteArray types[] = {"order.paid", "order.created", "order.refunded"};
    NewCapture c;
    const bool shop = i % 2 == 0;
    const QByteArray body =
        R"({"type":")" + types[(i / 2) % 3] + R"(","n":)" + QByteArray::number(i) + "}";
    c.summary.receivedAtUs = 1763779200000000 + i;
    c.summary.method = "POST";
    c.summary.target = shop ? "/shop" : "/plain";
    c.summary.endpointId = shop ? "shop" : "plain";
    c.summary.status = 200;
    c.summary.verdictReason = "ok";
    c.raw = "POST " + c.summary.target + " HTTP/1.1\r\nContent-Type: application/json\r\n" +
            "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return c;
}

std::shared_ptr<const CompiledRules> rules()
{
    const auto pattern = [](const char *json) {
        return QJsonValue(QJsonDocument::fromJson(json).object());
    };
    EndpointConfig shop;
    shop.id = "shop";
    shop.path = "/shop";
    EventBridgeForwardTarget bus;
    bus.source = "com.example.shop";
    bus.detailType = "/type";
    shop.forward.eventBridge = bus;
    shop.rules = {{"paid", pattern(R"({"detail-type":["order.paid"]})")},
                  {"money", pattern(R"({"detail-type":["order.paid","order.refunded"]})")}};
    EndpointConfig plain;
    plain.id = "plain";
    plain.path = "/plain";
    AppConfig config;
    config.endpoints = {shop, plain};
    return CompiledRules::compile(config);
}

QVector<qint64> rowsOf(const RequestListModel &model)
{
    QVector<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.captureId(row));
    return ids;
}

} // namespace

class TestRuleMatchScan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void listFillsWithTheCapturesARuleMatches();
    void noRuleMatchesJudgesOnlyEndpointsWithRules();
    void liveCapturesAreJudgedToo();
    void stoppingKeepsTheRowsFound();
    void verdictFilterAndRuleFilterCombine();
    void filterBarOffersEachRuleAndFallsBackWhenItGoes();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QList<NewCapture> m_stored;
    QVector<qint64> idsWhere(const std::function<bool(int)> &pick) const
    {
        QVector<qint64> ids;
        for (int i = 0; i < m_stored.size(); ++i) {
            if (pick(i))
                ids.append(m_stored[i].summary.id);
        }
        return ids;
    }
};

void TestRuleMatchScan::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath("s.sqlite");
    CaptureStore store;
    QVERIFY(store.open(m_path));
    m_stored.clear();
    // more than two chunks, so the rows arrive in several batches
    for (int i = 0; i < 2 * RuleMatchScan::ChunkSize + 100; ++i)
        m_stored.append(capture(i));
    QVERIFY(store.append(m_stored));
}

void TestRuleMatchScan::listFillsWithTheCapturesARuleMatches()
{
    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(m_path, nullptr));
    model.setRules(rules());
    QSignalSpy finished(model.ruleScan(), &RuleMatchScan::finished);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    RuleFilter paid{RuleFilter::Mode::MatchesRule, "shop", "paid"};
    model.setRuleFilter(paid);
    QCOMPARE(model.rowCount(), 0); // filled by the scan, not on the GUI thread
    QVERIFY(model.ruleScan()->isRunning());
    QVERIFY(finished.wait());
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(inserted.count() > 1); // in batches, as found
    QCOMPARE(rowsOf(model), idsWhere([](int i) { return i % 2 == 0 && (i / 2) % 3 == 0; }));

    model.setRuleFilter({RuleFilter::Mode::MatchesAny, {}, {}});
    QVERIFY(finished.wait());
    QCOMPARE(rowsOf(model), idsWhere([](int i) { return i % 2 == 0 && (i / 2) % 3 != 1; }));

    model.setRuleFilter({});
    QCOMPARE(model.rowCount(), m_stored.size());
    QVERIFY(!model.ruleScan()->isRunning());
}

void TestRuleMatchScan::noRuleMatchesJudgesOnlyEndpointsWithRules()
{
    RequestListModel model;
    QVERIFY(model.open(m_path, nullptr));
    model.setRules(rules());
    QSignalSpy finished(model.ruleScan(), &RuleMatchScan::finished);
    model.setRuleFilter({RuleFilter::Mode::MatchesNone, {}, {}});
    QVERIFY(finished.wait());
    QCOMPARE(rowsOf(model), idsWhere([](int i) { return i % 2 == 0 && (i / 2) % 3 == 1; }));
}

void TestRuleMatchScan::liveCapturesAreJudgedToo()
{
    RequestListModel model;
    QVERIFY(model.open(m_path, nullptr));
    model.setRules(rules());
    QSignalSpy finished(model.ruleScan(), &RuleMatchScan::finished);
    model.setRuleFilter({RuleFilter::Mode::MatchesRule, "shop", "paid"});
    QVERIFY(finished.wait());
    const int before = model.rowCount();

    CaptureStore writer;
    QVERIFY(writer.open(m_path));
    QList<NewCapture> live = {capture(0), capture(1), capture(2)}; // paid, plain, created
    QVERIFY(writer.append(live));
    model.appendLive({live[0].summary, live[1].summary, live[2].summary});
    QTRY_COMPARE(model.rowCount(), before + 1);
    QCOMPARE(model.captureId(before), live[0].summary.id);
    QTRY_COMPARE(finished.count(), 2);      // the live ones are judged by a run of their own
    QCOMPARE(model.rowCount(), before + 1); // the other two do not match
}

void TestRuleMatchScan::stoppingKeepsTheRowsFound()
{
    RequestListModel model;
    QVERIFY(model.open(m_path, nullptr));
    model.setRules(rules());
    QSignalSpy finished(model.ruleScan(), &RuleMatchScan::finished);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setRuleFilter({RuleFilter::Mode::MatchesAny, {}, {}});
    QVERIFY(inserted.wait()); // the first chunk's rows
    model.ruleScan()->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    const QVector<qint64> found = rowsOf(model);
    QVERIFY(!found.isEmpty());
    model.ruleScan()->waitForIdle();
    QCoreApplication::processEvents(); // whatever the worker still posted is dropped
    QCOMPARE(rowsOf(model), found);
    QVERIFY(found.size() < idsWhere([](int i) { return i % 2 == 0 && (i / 2) % 3 != 1; }).size());
}

void TestRuleMatchScan::verdictFilterAndRuleFilterCombine()
{
    CaptureStore writer;
    QVERIFY(writer.open(m_path));
    // the first paid event now fails verification: it is not on the bus, so no rule matches
    QVERIFY(writer.setVerdict(m_stored[0].summary.id, "signature_mismatch", "{}"));
    RequestListModel model;
    QVERIFY(model.open(m_path, nullptr));
    model.setRules(rules());
    QSignalSpy finished(model.ruleScan(), &RuleMatchScan::finished);
    CaptureFilter pass;
    pass.verdict = CaptureFilter::Verdict::Pass;
    model.setFilter(pass);
    model.setRuleFilter({RuleFilter::Mode::MatchesRule, "shop", "paid"});
    QVERIFY(finished.wait());
    QCOMPARE(rowsOf(model),
             idsWhere([](int i) { return i > 0 && i % 2 == 0 && (i / 2) % 3 == 0; }));
    CaptureFilter fail;
    fail.verdict = CaptureFilter::Verdict::Fail;
    model.setFilter(fail); // the rule filter stays, judged again over the new set
    QVERIFY(finished.wait());
    QCOMPARE(model.rowCount(), 0);
}

void TestRuleMatchScan::filterBarOffersEachRuleAndFallsBackWhenItGoes()
{
    RequestListModel model;
    QVERIFY(model.open(m_path, nullptr));
    FilterBar bar(&model);
    QComboBox *box = bar.rulesBox();
    QVERIFY(!box->isEnabled()); // no rules yet
    model.setRules(rules());
    bar.setRules(rules());
    QVERIFY(box->isEnabled());
    QCOMPARE(box->count(), 5); // all, some, none, shop: paid, shop: money
    QCOMPARE(box->itemText(3), QString("shop: paid"));
    QSignalSpy finished(model.ruleScan(), &RuleMatchScan::finished);
    box->setCurrentIndex(3);
    QCOMPARE(model.ruleFilter().mode, RuleFilter::Mode::MatchesRule);
    QCOMPARE(model.ruleFilter().rule, QString("paid"));
    QVERIFY(!bar.findChild<QProgressBar *>("ruleScanProgress")->isHidden());
    QVERIFY(finished.wait());
    QVERIFY(bar.findChild<QProgressBar *>("ruleScanProgress")->isHidden());

    bar.setRules(CompiledRules::compile({})); // the rules were removed from the config
    QCOMPARE(box->currentIndex(), 0);
    QVERIFY(!model.ruleFilter().isActive());
    QCOMPARE(model.rowCount(), m_stored.size());
}

QTEST_MAIN(TestRuleMatchScan)
#include "tst_rulematchscan.moc"
