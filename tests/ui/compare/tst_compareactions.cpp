#include "core/store/CaptureStore.h"
#include "ui/compare/CompareActions.h"
#include "ui/compare/CompareWindow.h"
#include "ui/compare/JsonDifferenceModel.h"
#include "ui/list/RequestListModel.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

class TestCompareActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void shortcutsAreFreeAndInTheCompareMenu();
    void previousDeliveryOfTheSameEvent();
    void previousOnTheSameEndpoint();
    void nothingEarlierIsSaid();
    void markThenCompareWithMarked();
    void storeQueriesSkipOtherEvents();
    void cancelStopsALargeComparison();

private:
    // Selects the capture in the list, triggers the action and returns the window it opened
    // (null when it told something instead; the message then goes to `told`).
    CompareWindow *run(qint64 id, const char *action, QString *told = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<CaptureSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

namespace {

struct Stored
{
    QString endpoint;
    QByteArray deliveryId;
    QByteArray body;
};

// ids 1..7 in this order
const QList<Stored> Captures = {
    {"stripe", "evt_1", R"({"id":"evt_1","type":"charge.succeeded","amount":1500})"},
    {"github", "", R"({"action":"opened"})"},
    {"stripe", "evt_2", R"({"id":"evt_2","type":"charge.failed","amount":99})"},
    {"stripe", "evt_1", R"({"type":"charge.succeeded","amount":1500,"id":"evt_1"})"}, // retry
    {"github", "", R"({"action":"closed"})"},
    {"", "", "no endpoint"},
    {"stripe", "evt_1", R"({"id":"evt_1","type":"charge.succeeded","amount":1600})"},
};

NewCapture newCapture(const Stored &s)
{
    NewCapture c;
    c.raw = "POST /" + s.endpoint.toUtf8() +
            " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(s.body.size()) + "\r\n\r\n" + s.body;
    c.summary.method = "POST";
    c.summary.target = "/" + s.endpoint.toUtf8();
    c.summary.endpointId = s.endpoint;
    c.summary.status = 200;
    c.summary.bodySize = s.body.size();
    c.deliveryId = s.deliveryId;
    return c;
}

} // namespace

void TestCompareActions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QCoreApplication::setOrganizationName("hookbench-tests");
    m_path = m_dir->filePath("s.sqlite");
    CaptureStore store;
    QVERIFY(store.open(m_path));
    QList<NewCapture> batch;
    for (const Stored &s : Captures)
        batch.append(newCapture(s));
    QVERIFY(store.append(batch));
    for (const NewCapture &c : std::as_const(batch)) {
        if (!c.deliveryId.isEmpty())
            QVERIFY(store.setVerdict(c.summary.id, "ok",
                                     R"({"valid":true,"delivery_id":")" + c.deliveryId + "\"}"));
    }
    store.close();
    m_session = std::make_unique<CaptureSession>();
    CaptureSession::Options settings;
    settings.port = 0;
    settings.storePath = m_path;
    m_window = std::make_unique<MainWindow>(m_session.get(), nullptr, settings);
    m_window->show();
    QVERIFY(m_window->openStore(m_path));
}

void TestCompareActions::cleanup()
{
    for (CompareWindow *w : m_window->findChildren<CompareWindow *>())
        delete w;
    m_window.reset();
    m_session.reset();
    m_dir.reset();
}

CompareWindow *TestCompareActions::run(qint64 id, const char *action, QString *told)
{
    CompareActions *actions = m_window->findChild<CompareActions *>();
    QAction *a = m_window->findChild<QAction *>(QLatin1String(action));
    if (!actions || !a)
        return nullptr;
    m_window->selectCapture(id);
    QSignalSpy opened(actions, &CompareActions::opened);
    QSignalSpy said(actions, &CompareActions::told);
    a->trigger();
    // the loader answers on the event loop: a window, or a sentence saying why not
    if (!QTest::qWaitFor([&] { return !opened.isEmpty() || !said.isEmpty(); }, 10000))
        return nullptr;
    if (opened.isEmpty()) {
        if (told)
            *told = said.first().first().toString();
        return nullptr;
    }
    return opened.first().first().value<CompareWindow *>();
}

void TestCompareActions::shortcutsAreFreeAndInTheCompareMenu()
{
    const QList<QPair<const char *, QKeySequence>> wanted = {
        {"compareWithPreviousDelivery", QKeySequence(Qt::CTRL | Qt::Key_D)},
        {"compareWithPreviousOnEndpoint", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)},
        {"markForCompare", QKeySequence(Qt::CTRL | Qt::Key_M)},
        {"compareWithMarked", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K)},
    };
    for (const auto &[name, keys] : wanted) {
        QAction *a = m_window->findChild<QAction *>(QLatin1String(name));
        QVERIFY2(a, name);
        QCOMPARE(a->shortcut(), keys);
    }
    // no other action of the window answers to the same keys (an ambiguous shortcut does nothing)
    QHash<QKeySequence, QString> seen;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->shortcut().isEmpty())
            continue;
        QVERIFY2(!seen.contains(a->shortcut()),
                 qPrintable(a->text() + " and " + seen.value(a->shortcut()) + " share " +
                            a->shortcut().toString()));
        seen.insert(a->shortcut(), a->text());
    }
}

void TestCompareActions::previousDeliveryOfTheSameEvent()
{
    CompareWindow *w = run(4, "compareWithPreviousDelivery");
    QVERIFY(w);
    QCOMPARE(w->result()->left.summary.id, 1); // not 3 (another event) nor 2 (another endpoint)
    QCOMPARE(w->result()->right.summary.id, 4);
    QCOMPARE(w->jsonSummary(), QStringLiteral("Same JSON, keys reordered"));
    QVERIFY(w->isVisible());
    QVERIFY(m_window->statusBar()->currentMessage().isEmpty()); // no "Comparing…" left behind
    // the latest earlier delivery, not the first
    CompareWindow *again = run(7, "compareWithPreviousDelivery");
    QVERIFY(again);
    QCOMPARE(again->result()->left.summary.id, 4);
    QCOMPARE(again->jsonSummary(), QStringLiteral("1 value(s) differ (also keys reordered)"));
}

void TestCompareActions::previousOnTheSameEndpoint()
{
    CompareWindow *w = run(5, "compareWithPreviousOnEndpoint");
    QVERIFY(w);
    QCOMPARE(w->result()->left.summary.id, 2);
    QCOMPARE(w->jsonModel()->rowCount(), 1);
    QCOMPARE(w->jsonModel()->index(0, 0).data().toString(), QStringLiteral("/action"));
    CompareWindow *stripe = run(7, "compareWithPreviousOnEndpoint");
    QVERIFY(stripe);
    QCOMPARE(stripe->result()->left.summary.id, 4);
}

void TestCompareActions::nothingEarlierIsSaid()
{
    QString told;
    QVERIFY(!run(1, "compareWithPreviousDelivery", &told));
    QVERIFY2(told.contains("No earlier delivery of evt_1"), qPrintable(told));
    QVERIFY(!run(2, "compareWithPreviousDelivery", &told));
    QVERIFY2(told.contains("carries no delivery or event id"), qPrintable(told));
    QVERIFY(!run(6, "compareWithPreviousOnEndpoint", &told));
    QVERIFY2(told.contains("No earlier capture outside the endpoints"), qPrintable(told));
    QVERIFY(!run(1, "compareWithPreviousOnEndpoint", &told));
    QVERIFY2(told.contains("No earlier capture on stripe"), qPrintable(told));
}

void TestCompareActions::markThenCompareWithMarked()
{
    QAction *withMarked = m_window->findChild<QAction *>("compareWithMarked");
    QVERIFY(withMarked);
    QVERIFY(!withMarked->isEnabled());
    QString told;
    QVERIFY(!run(5, "markForCompare", &told));
    QVERIFY(told.startsWith("Marked #5"));
    QVERIFY(withMarked->isEnabled());
    CompareWindow *w = run(3, "compareWithMarked");
    QVERIFY(w);
    QCOMPARE(w->result()->left.summary.id, 3); // the earlier on the left
    QCOMPARE(w->result()->right.summary.id, 5);
    QVERIFY(w->summary().contains("Request line: POST /stripe → POST /github"));
    QVERIFY(!run(5, "compareWithMarked", &told));
    QVERIFY(told.contains("Select another request"));
}

// The store's queries on their own: bound ids, other events and endpoints skipped.
void TestCompareActions::storeQueriesSkipOtherEvents()
{
    CaptureStore store;
    QVERIFY(store.openReadOnly(m_path));
    QCOMPARE(store.previousWithSameDeliveryId(7), 4);
    QCOMPARE(store.previousWithSameDeliveryId(4), 1);
    QCOMPARE(store.previousWithSameDeliveryId(1), 0);
    QCOMPARE(store.previousWithSameDeliveryId(3), 0);
    QCOMPARE(store.previousWithSameDeliveryId(5), 0); // no delivery id: not "the same as 2"
    QCOMPARE(store.previousWithSameDeliveryId(99), 0);
    QCOMPARE(store.previousOnSameEndpoint(7), 4);
    QCOMPARE(store.previousOnSameEndpoint(3), 1);
    QCOMPARE(store.previousOnSameEndpoint(5), 2);
    QCOMPARE(store.previousOnSameEndpoint(2), 0);
    QCOMPARE(store.previousOnSameEndpoint(6), 0);
}

void TestCompareActions::cancelStopsALargeComparison()
{
    // two 8 MB JSON bodies that differ in every value: seconds of work
    QByteArray left = "[", right = "[";
    for (int i = 0; i < 300000; ++i) {
        const QByteArray n = QByteArray::number(i);
        const QByteArray comma = i ? "," : "";
        left += comma + R"({"k":)" + n + R"(,"v":"a)" + n + "\"}";
        right += comma + R"({"v":"b)" + n + R"(","k":)" + n + "}";
    }
    left += "]";
    right += "]";
    {
        CaptureStore store;
        QVERIFY(store.open(m_path));
        QList<NewCapture> batch = {newCapture({"big", "", left}), newCapture({"big", "", right})};
        QVERIFY(store.append(batch));
        QCOMPARE(batch.last().summary.id, 9);
    }
    RequestListModel *model = m_window->findChild<RequestListModel *>();
    QVERIFY(model);
    model->setFilter(model->filter()); // the two new rows are read
    CompareActions *actions = m_window->findChild<CompareActions *>();
    m_window->selectCapture(8);
    m_window->findChild<QAction *>("markForCompare")->trigger();
    m_window->selectCapture(9);
    QSignalSpy opened(actions, &CompareActions::opened);
    QSignalSpy said(actions, &CompareActions::told);
    QSignalSpy cancelled(actions->loader(), &CompareLoader::cancelled);
    m_window->findChild<QAction *>("compareWithMarked")->trigger();
    QVERIFY(actions->progress());
    QVERIFY(actions->loader()->isBusy());
    QPushButton *cancel = actions->progress()->findChild<QPushButton *>();
    QVERIFY(cancel);
    cancel->click();
    QVERIFY(cancelled.wait(60000));
    QCOMPARE(said.last().first().toString(), QStringLiteral("Comparison cancelled"));
    QVERIFY(opened.isEmpty());
    QVERIFY(!actions->loader()->isBusy());
    QVERIFY(!actions->progress()->isVisible());
    // the next comparison is not cancelled by the last one's flag
    QVERIFY(run(4, "compareWithPreviousDelivery"));
}

QTEST_MAIN(TestCompareActions)
#include "tst_compareactions.moc"
