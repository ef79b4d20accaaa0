#include "core/capture/JsonDocument.h"
#include "core/secrets/SecretStore.h"
#include "core/store/CaptureStore.h"
#include "ui/endpoints/EndpointEditor.h"
#include "ui/endpoints/PutEventsPreview.h"
#include "ui/forward/DeadLetterDialog.h"
#include "ui/forward/DeliveryTimeline.h"
#include "ui/forward/DeliveryTimelineModel.h"
#include "ui/headers/HeadersModel.h"
#include "ui/io/ImportDialog.h"
#include "ui/json/JsonTreeModel.h"
#include "ui/list/RequestListModel.h"
#include "ui/raw/ByteView.h"
#include "ui/verdict/VerdictPanel.h"
#include "ui/window/BodyPane.h"
#include "ui/window/CaptureInspector.h"
#include "ui/window/MainWindow.h"

#include <QComboBox>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>
#include <sys/stat.h>
#include <utility>

namespace {

// The keychain is tested against the real Secret Service elsewhere; here it only has to hold
// values and say when they change, as the real one does.
class MemorySecretStore : public SecretStore
{
public:
    void checkAvailability(QObject *context, Callback done) override { answer(context, done, {}); }
    void read(const QString &id, QObject *context, Callback done) override
    {
        Result r;
        r.secrets = m_values.value(id);
        answer(context, done, r);
    }
    void write(const QString &id, const QList<SigningSecret> &secrets, QObject *context,
               Callback done) override
    {
        m_values.insert(id, secrets);
        answer(context, done, {});
        QMetaObject::invokeMethod(
            this, [this, id] { Q_EMIT secretsChanged(id); }, Qt::QueuedConnection);
    }
    void remove(const QString &id, QObject *context, Callback done) override
    {
        write(id, {}, context, done);
    }

private:
    static void answer(QObject *context, const Callback &done, const Result &r)
    {
        QMetaObject::invokeMethod(
            context, [done, r] { done(r); }, Qt::QueuedConnection);
    }
    QHash<QString, QList<SigningSecret>> m_values;
};

const QByteArray Body = R"({"id":"evt_1","amount":12345678901234567890,"items":[1,2]})";

QByteArray jsonRequest()
{
    return "POST /stripe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
           "X-Dup: a\r\nX-Dup: b\r\nContent-Length: " +
           QByteArray::number(Body.size()) + "\r\n\r\n" + Body;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void openFilesOpensTheStoreHandedOver();
    void noOtherStoreWhileAnImportRuns();
    void selectingARowFillsThePanes();
    void selectingAJsonNodeHighlightsItsBytes();
    void clickingBytesSelectsTheHeader();
    void clickingBodyBytesSelectsTheJsonNode();
    void liveCapturesAppearWithoutMovingTheSelection();
    void newSecretReverifiesWithoutTouchingTheBytes();
    void endpointFromCaptureThenSecretReverifiesIt();
    void forwardOutcomeReachesTimelineAndList();
    void forwardingViewsHaveMenusAndShortcuts();

private:
    void selectRow(int row);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaptureSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QCoreApplication::setOrganizationName("hookbench-tests"); // keep QSettings away from the user's
    const QString path = m_dir->filePath("s.sqlite");
    CaptureStore store;
    QVERIFY(store.open(path));
    NewCapture c;
    c.raw = jsonRequest();
    c.summary.method = "POST";
    c.summary.target = "/stripe";
    c.summary.status = 200;
    c.summary.bodySize = Body.size();
    QList<NewCapture> batch{c, c};
    QVERIFY(store.append(batch));
    store.close();

    m_session = std::make_unique<CaptureSession>();
    CaptureSession::Options settings;
    settings.port = 0;
    settings.storePath = path;
    m_window = std::make_unique<MainWindow>(m_session.get(), nullptr, settings);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(m_window->openStore(path));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_dir.reset();
}

void TestMainWindow::selectRow(int row)
{
    QSignalSpy loaded(m_window->loader(), &CaptureLoader::loaded);
    m_window->requestView()->setCurrentIndex(m_window->requestModel()->index(row, 0));
    QVERIFY(loaded.wait(5000));
}

void TestMainWindow::selectingARowFillsThePanes()
{
    QCOMPARE(m_window->requestModel()->rowCount(), 2);
    selectRow(0);
    CaptureInspector *inspector = m_window->inspector();
    QVERIFY(inspector->current());
    QCOMPARE(inspector->current()->capture.raw, jsonRequest());
    QCOMPARE(inspector->rawView()->rowCount() > 0, true);
    QAbstractItemModel *headers = inspector->headersView()->model();
    QCOMPARE(headers->rowCount(), 5);
    QCOMPARE(headers->index(3, 0).data().toString(), QString("X-Dup"));
    QCOMPARE(headers->index(4, 1).data().toString(), QString::number(Body.size()));
    JsonTreeModel *json = inspector->bodyPane()->jsonModel();
    QCOMPARE(json->rowCount(), 1); // the root object
    QCOMPARE(json->rowCount(json->index(0, 0)), 3);
}

void TestMainWindow::selectingAJsonNodeHighlightsItsBytes()
{
    selectRow(0);
    CaptureInspector *inspector = m_window->inspector();
    JsonTreeModel *json = inspector->bodyPane()->jsonModel();
    const QModelIndex amount = json->index(1, 0, json->index(0, 0));
    inspector->bodyPane()->jsonView()->setCurrentIndex(amount);
    const QList<ByteSpan> highlights = inspector->rawView()->highlights();
    QCOMPARE(highlights.size(), 1);
    const QByteArray raw = jsonRequest();
    const QByteArray highlighted = raw.mid(highlights[0].offset, highlights[0].length);
    QCOMPARE(highlighted, QByteArray("12345678901234567890"));
}

void TestMainWindow::clickingBytesSelectsTheHeader()
{
    selectRow(0);
    CaptureInspector *inspector = m_window->inspector();
    const qint64 offset = jsonRequest().indexOf("X-Dup: b") + 3;
    Q_EMIT inspector->rawView()->byteClicked(offset);
    QCOMPARE(inspector->headersView()->currentIndex().row(), 3);
}

void TestMainWindow::clickingBodyBytesSelectsTheJsonNode()
{
    selectRow(0);
    CaptureInspector *inspector = m_window->inspector();
    const QByteArray raw = jsonRequest();
    const qint64 offset = raw.indexOf("[1,2]") + 3; // the "2"
    Q_EMIT inspector->rawView()->byteClicked(offset);
    const QModelIndex current = inspector->bodyPane()->jsonView()->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(current.parent().siblingAtColumn(0).data().toString(), QString("items"));
    QCOMPARE(current.row(), 1);
    const QList<ByteSpan> highlights = inspector->rawView()->highlights();
    QCOMPARE(highlights.size(), 1);
    QCOMPARE(raw.mid(highlights[0].offset, highlights[0].length), QByteArray("2"));
}

void TestMainWindow::liveCapturesAppearWithoutMovingTheSelection()
{
    selectRow(0);
    QVERIFY(m_window->startListener());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_session->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /live HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_COMPARE(m_window->requestModel()->rowCount(), 3);
    QCOMPARE(m_window->requestView()->currentIndex().row(), 0);
    QCOMPARE(m_window->requestModel()->index(2, RequestListModel::PathColumn).data().toString(),
             QString("/live"));
}

void TestMainWindow::newSecretReverifiesWithoutTouchingTheBytes()
{
    // GitHub's documented vector, captured while no secret was set (stored verdict: no_secret).
    const QString path = m_dir->filePath("gh.sqlite");
    const QByteArray raw = "POST /gh HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: sha256="
                           "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\r\n"
                           "Content-Length: 13\r\n\r\nHello, World!";
    {
        CaptureStore store;
        QVERIFY(store.open(path));
        NewCapture c;
        c.raw = raw;
        c.summary.method = "POST";
        c.summary.target = "/gh";
        c.summary.endpointId = "gh";
        c.summary.receivedAtUs = 1763779200000000;
        c.summary.verdictReason = "no_secret";
        c.summary.verdictJson = "{}";
        QList<NewCapture> batch{c};
        QVERIFY(store.append(batch));
    }
    CaptureSession::Options settings;
    settings.storePath = path;
    EndpointConfig gh;
    gh.id = "gh";
    gh.path = "/gh";
    gh.provider = "github";
    settings.config.endpoints.append(gh);
    settings.secrets.insert("gh", {SigningSecret{"It's a Secret to Everybody", "current", {}}});
    m_window = std::make_unique<MainWindow>(m_session.get(), nullptr, settings);
    m_window->show();
    QVERIFY(m_window->openStore(path));
    const QModelIndex verdict = m_window->requestModel()->index(0, RequestListModel::VerdictColumn);
    QCOMPARE(verdict.data().toString(), QString("– no secret"));

    QSignalSpy changed(m_window->loader(), &CaptureLoader::verdictOutdated);
    selectRow(0);
    VerdictPanel *panel = m_window->inspector()->verdictPanel();
    QVERIFY(panel->isVisible());
    QVERIFY2(panel->headline().contains("✔ ok"), qPrintable(panel->headline()));
    QCOMPARE(changed.size(), 1);
    QTRY_COMPARE(verdict.data().toString(), QString("✔ ok")); // written by the session's writer
    // the signature header is highlighted in the raw pane
    const QList<ByteSpan> spans = m_window->inspector()->rawView()->highlights();
    QCOMPARE(spans.size(), 1);
    QVERIFY(raw.mid(spans[0].offset, spans[0].length).startsWith("X-Hub-Signature-256"));
    const QModelIndex header = m_window->inspector()->headersView()->currentIndex();
    QCOMPARE(header.siblingAtColumn(0).data().toString(), QString("X-Hub-Signature-256"));
    CaptureStore reader;
    QVERIFY(reader.open(path));
    QCOMPARE(reader.capture(1)->raw, raw);
}

void TestMainWindow::endpointFromCaptureThenSecretReverifiesIt()
{
    // A GitHub delivery (the documented vector) that reached no endpoint.
    const QString path = m_dir->filePath("unmatched.sqlite");
    const QByteArray raw = "POST /gh HTTP/1.1\r\nHost: x\r\nX-GitHub-Event: ping\r\n"
                           "X-Hub-Signature-256: sha256="
                           "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\r\n"
                           "Content-Length: 13\r\n\r\nHello, World!";
    {
        CaptureStore store;
        QVERIFY(store.open(path));
        NewCapture c;
        c.raw = raw;
        c.summary.method = "POST";
        c.summary.target = "/gh";
        QList<NewCapture> batch{c};
        QVERIFY(store.append(batch));
    }
    MemorySecretStore secrets;
    CaptureSession::Options settings;
    settings.storePath = path;
    m_window = std::make_unique<MainWindow>(m_session.get(), &secrets, settings);
    m_window->setConfigPath(m_dir->filePath("config.json"));
    m_window->show();
    QVERIFY(m_window->openStore(path));
    selectRow(0);
    QVERIFY(!m_window->inspector()->verdictPanel()->isVisible()); // no endpoint, no verdict

    // One action: an endpoint drafted from the capture, its provider detected from the headers.
    EndpointEditor *editor = m_window->editEndpoints(&m_window->inspector()->current()->capture);
    // The editor got the selected request: its forward preview speaks of it.
    QCOMPARE(editor->findChild<QPlainTextEdit *>("putEventsPreview")->toPlainText(),
             QStringLiteral("This endpoint does not forward to EventBridge.\n\n") +
                 PutEventsPreview::acceptedNotMatched());
    editor->accept();
    QCOMPARE(m_window->settings().config.endpoints.size(), 1);
    const EndpointConfig endpoint = m_window->settings().config.endpoints.first();
    QCOMPARE(endpoint.provider, QString("github"));
    QCOMPARE(endpoint.path, QString("/gh"));
    QVERIFY(QFile::exists(m_dir->filePath("config.json"))); // saved

    const QModelIndex verdict = m_window->requestModel()->index(0, RequestListModel::VerdictColumn);
    QTRY_COMPARE(verdict.data().toString(), QString("– no secret"));
    // Setting the secret re-verifies the endpoint's captures, bytes untouched.
    secrets.write(endpoint.id, {SigningSecret{"It's a Secret to Everybody", "current", {}}},
                  m_window.get(), [](const SecretStore::Result &) {});
    QTRY_COMPARE(verdict.data().toString(), QString("✔ ok"));
    CaptureStore reader;
    QVERIFY(reader.open(path));
    QCOMPARE(reader.capture(1)->raw, raw);
}

void TestMainWindow::openFilesOpensTheStoreHandedOver()
{
    // What the command line and a later launch hand over (SingleInstance).
    const QString other = m_dir->filePath("other.sqlite");
    QVERIFY(m_window->openFiles({other}));
    QCOMPARE(m_window->requestModel()->storePath(), other);
    QCOMPARE(m_window->settings().storePath, other);
    QCOMPARE(m_window->requestModel()->rowCount(), 0);
}

void TestMainWindow::noOtherStoreWhileAnImportRuns()
{
    // The import reads a FIFO: it runs until the test writes and closes it (also when the test
    // fails early, so the import's thread ends).
    const QString fifo = m_dir->filePath("incoming.http");
    QCOMPARE(mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    bool written = false;
    const auto release = [&] {
        if (std::exchange(written, true))
            return;
        QFile writer(fifo);
        if (writer.open(QIODevice::WriteOnly))
            writer.write("POST /late HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    };
    const QString path = m_window->settings().storePath;
    m_window->importFiles({fifo});
    auto releaseOnFailure = qScopeGuard(release);
    auto *import = m_window->findChild<ImportDialog *>();
    QVERIFY(import);
    QVERIFY(import->job()->isRunning());
    const QString other = m_dir->filePath("other.sqlite");
    m_window->openFiles({other}); // what a second instance hands over: refused for now
    QCOMPARE(m_window->settings().storePath, path);
    QCOMPARE(m_window->requestModel()->storePath(), path);
    QVERIFY(!QFile::exists(other));
    const auto boxes = m_window->findChildren<QMessageBox *>();
    QCOMPARE(boxes.size(), 1);
    QVERIFY(boxes.first()->text().contains(QStringLiteral("import")));
    boxes.first()->accept();

    release();
    QTRY_VERIFY_WITH_TIMEOUT(!import->job()->isRunning(), 20000);
    QTRY_COMPARE(m_window->requestModel()->rowCount(), 3); // the imported one beside the two
    QVERIFY(m_window->openFiles({other}));
    QCOMPARE(m_window->settings().storePath, other);
}

void TestMainWindow::forwardOutcomeReachesTimelineAndList()
{
    selectRow(1);
    DeliveryTimelineModel *timeline = m_window->inspector()->deliveryTimeline()->model();
    QCOMPARE(timeline->captureId(), 2);
    QCOMPARE(timeline->rowCount(), DeliveryTimelineModel::FixedRows); // nothing forwarded
    QSignalSpy listChanged(m_window->requestModel(), &QAbstractItemModel::dataChanged);
    OutboxEntry e;
    e.id = 1;
    e.captureId = 2;
    e.kind = "eventbridge";
    e.target = "default";
    e.state = OutboxEntry::State::Delivered;
    e.eventId = "abc";
    Q_EMIT m_session->forwardUpdated(e); // as the forward stage reports a stored outcome
    QCOMPARE(timeline->rowCount(), DeliveryTimelineModel::FixedRows + 1);
    QCOMPARE(timeline->index(2, DeliveryTimelineModel::StateColumn).data().toString(),
             QString("delivered"));
    QCOMPARE(listChanged.count(), 1);
    QCOMPARE(listChanged.first().at(0).value<QModelIndex>().row(), 1);
    e.captureId = 1; // another capture's outcome leaves the timeline alone
    e.id = 2;
    Q_EMIT m_session->forwardUpdated(e);
    QCOMPARE(timeline->rowCount(), DeliveryTimelineModel::FixedRows + 1);
}

void TestMainWindow::forwardingViewsHaveMenusAndShortcuts()
{
    const auto action = [this](const QKeySequence &keys) -> QAction * {
        for (QAction *a : m_window->findChildren<QAction *>()) {
            if (a->shortcut() == keys)
                return a;
        }
        return nullptr;
    };
    QAction *dead = action(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    QVERIFY(dead);
    QCOMPARE(dead->text(), QString("&Dead Forwards…"));
    dead->trigger();
    auto *dialog = m_window->findChild<DeadLetterDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->close();

    QTabWidget *tabs = m_window->inspector()->tabs();
    QAction *delivery = action(QKeySequence(Qt::CTRL | Qt::Key_5));
    QVERIFY(delivery);
    delivery->trigger();
    QCOMPARE(tabs->currentIndex(), int(CaptureInspector::Tab::Delivery));
    QAction *rules = action(QKeySequence(Qt::CTRL | Qt::Key_6));
    QVERIFY(rules);
    rules->trigger();
    QCOMPARE(tabs->currentIndex(), int(CaptureInspector::Tab::Rules));
    action(QKeySequence(Qt::CTRL | Qt::Key_3))->trigger(); // a request pane: back to its tab
    QCOMPARE(tabs->currentIndex(), int(CaptureInspector::Tab::Request));

    QAction *forwardFilter = action(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    QVERIFY(forwardFilter);
    auto *combo = m_window->findChild<QComboBox *>("forwardFilter");
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findText("Dead"));
    QCOMPARE(m_window->requestModel()->filter().forward, CaptureFilter::Forward::Dead);
    QCOMPARE(m_window->requestModel()->rowCount(), 0);
    combo->setCurrentIndex(combo->findText("Not forwarded"));
    QCOMPARE(m_window->requestModel()->rowCount(), 2);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
