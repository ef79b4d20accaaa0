#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"
#include "ui/json/JsonTreeModel.h"
#include "ui/list/RequestListModel.h"
#include "ui/raw/ByteView.h"
#include "ui/window/BodyPane.h"
#include "ui/window/CaptureInspector.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QClipboard>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

namespace {

const QByteArray Body = R"({"a/b": {"m~n": [10, "x\u00e9y"]}, "n": 1.50})";
const QByteArray Raw = "POST /hook HTTP/1.1\r\nHost: x\r\nX-Custom: v1\r\nContent-Type: "
                       "application/json\r\nContent-Length: " +
                       QByteArray::number(Body.size()) + "\r\n\r\n" + Body;

} // namespace

// The panes' context menus, on a capture read from a real store into the real window: what each
// action puts on the clipboard.
class TestPaneMenus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void jsonValuePointerAndString();
    void headerNameValueAndLine();
    void rawSelectionAsTextAndHex();
    void nothingSelectedLeavesTheClipboard();

private:
    QString copy(QWidget *pane, const char *action);
    QModelIndex jsonChild(const QModelIndex &parent, int row);

    QTemporaryDir m_dir;
    std::unique_ptr<CaptureSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestPaneMenus::initTestCase()
{
    QCoreApplication::setOrganizationName("hookbench-tests");
    const QString path = m_dir.filePath("panes.sqlite");
    {
        CaptureStore store;
        QVERIFY(store.open(path));
        NewCapture c;
        c.raw = Raw;
        c.summary.method = "POST";
        c.summary.target = "/hook";
        c.summary.bodySize = Body.size();
        QList<NewCapture> batch{c};
        QVERIFY(store.append(batch));
    }
    m_session = std::make_unique<CaptureSession>();
    CaptureSession::Options settings;
    settings.port = 0;
    settings.storePath = path;
    m_window = std::make_unique<MainWindow>(m_session.get(), nullptr, settings);
    m_window->show();
    QVERIFY(m_window->openStore(path));
    QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
    QSignalSpy loaded(m_window->loader(), &CaptureLoader::loaded);
    m_window->requestView()->setCurrentIndex(m_window->requestModel()->index(0, 0));
    QVERIFY(loaded.wait(5000));
}

void TestPaneMenus::cleanupTestCase()
{
    m_window.reset();
    m_session.reset();
}

QString TestPaneMenus::copy(QWidget *pane, const char *action)
{
    QAction *a = pane->findChild<QAction *>(QLatin1String(action));
    if (!a || !pane->actions().contains(a)) // in the pane's context menu
        return QStringLiteral("<no action %1>").arg(QLatin1String(action));
    QGuiApplication::clipboard()->setText(QStringLiteral("<before>"));
    a->trigger();
    return QGuiApplication::clipboard()->text();
}

QModelIndex TestPaneMenus::jsonChild(const QModelIndex &parent, int row)
{
    return m_window->inspector()->bodyPane()->jsonModel()->index(row, 0, parent);
}

void TestPaneMenus::jsonValuePointerAndString()
{
    QTreeView *view = m_window->inspector()->bodyPane()->jsonView();
    QCOMPARE(view->contextMenuPolicy(), Qt::ActionsContextMenu);
    const QModelIndex root = jsonChild({}, 0);
    QVERIFY(root.isValid());
    const QModelIndex ab = jsonChild(root, 0);
    const QModelIndex mn = jsonChild(ab, 0);
    const QModelIndex text = jsonChild(mn, 1);
    const QModelIndex n = jsonChild(root, 1);

    view->setCurrentIndex(root);
    QCOMPARE(copy(view, "copyJsonPointer"), QString(""));
    QCOMPARE(copy(view, "copyJsonValue"), QString::fromUtf8(Body));
    view->setCurrentIndex(ab);
    QCOMPARE(copy(view, "copyJsonPointer"), QString("/a~1b"));
    QCOMPARE(copy(view, "copyJsonValue"), QString(R"({"m~n": [10, "x\u00e9y"]})"));
    view->setCurrentIndex(text);
    QCOMPARE(copy(view, "copyJsonPointer"), QString("/a~1b/m~0n/1"));
    QCOMPARE(copy(view, "copyJsonValue"), QString(R"("x\u00e9y")"));  // as written
    QCOMPARE(copy(view, "copyJsonString"), QString::fromUtf8("xéy")); // decoded
    view->setCurrentIndex(jsonChild(mn, 0));
    QCOMPARE(copy(view, "copyJsonPointer"), QString("/a~1b/m~0n/0"));
    QCOMPARE(copy(view, "copyJsonString"), QString("<before>")); // not a string: nothing copied
    view->setCurrentIndex(n);
    QCOMPARE(copy(view, "copyJsonValue"), QString("1.50")); // the number's text, not 1.5
    QCOMPARE(copy(view, "copyJsonPointer"), QString("/n"));
}

void TestPaneMenus::headerNameValueAndLine()
{
    QTableView *view = m_window->inspector()->headersView();
    QCOMPARE(view->model()->index(1, 0).data().toString(), QString("X-Custom"));
    view->setCurrentIndex(view->model()->index(1, 1)); // the value cell: the row counts
    QCOMPARE(copy(view, "copyHeaderName"), QString("X-Custom"));
    QCOMPARE(copy(view, "copyHeaderValue"), QString("v1"));
    QCOMPARE(copy(view, "copyHeaderLine"), QString("X-Custom: v1"));
    view->setCurrentIndex(view->model()->index(2, 0));
    QCOMPARE(copy(view, "copyHeaderLine"), QString("Content-Type: application/json"));
}

void TestPaneMenus::rawSelectionAsTextAndHex()
{
    ByteView *raw = m_window->inspector()->rawView();
    raw->setFocus();
    QTest::keyClick(raw, Qt::Key_Home, Qt::ControlModifier);
    for (int i = 0; i < 3; ++i) // the selection holds the cursor's character too
        QTest::keyClick(raw, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(raw->selectedBytes(), QByteArray("POST"));
    QCOMPARE(copy(raw, "rawCopyText"), QString("POST"));
    QCOMPARE(copy(raw, "rawCopyHex"), QString("50 4f 53 54"));
}

void TestPaneMenus::nothingSelectedLeavesTheClipboard()
{
    QTreeView *view = m_window->inspector()->bodyPane()->jsonView();
    view->setCurrentIndex({});
    QCOMPARE(copy(view, "copyJsonValue"), QString("<before>"));
    QCOMPARE(copy(view, "copyJsonPointer"), QString("<before>"));
    QTableView *headers = m_window->inspector()->headersView();
    headers->setCurrentIndex({});
    QCOMPARE(copy(headers, "copyHeaderLine"), QString("<before>"));
}

QTEST_MAIN(TestPaneMenus)
#include "tst_panemenus.moc"
