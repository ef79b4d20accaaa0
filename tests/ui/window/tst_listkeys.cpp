#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"
#include "ui/list/RequestListModel.h"
#include "ui/list/SearchBar.h"
#include "ui/raw/ByteView.h"
#include "ui/window/BodyPane.h"
#include "ui/window/CaptureInspector.h"
#include "ui/window/MainWindow.h"

#include <QLineEdit>
#include <QMenuBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

// The window's keyboard, on a real store of three captures: j/k in the list, "/" to the query
// bar, every shortcut in a menu (where Qt shows it) and none twice, and the panes' names.
class TestListKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void jAndKMoveLikeTheArrows();
    void slashFocusesTheQueryBar();
    void slashInATextInputIsText();
    void everyShortcutIsInAMenuOnce();
    void panesHaveAccessibleNames();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaptureSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestListKeys::initTestCase()
{
    QCoreApplication::setOrganizationName("hookbench-tests"); // keep QSettings away from the user's
}

void TestListKeys::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath("keys.sqlite");
    {
        CaptureStore store;
        QVERIFY(store.open(path));
        QList<NewCapture> batch;
        for (const char *target : {"/a", "/b", "/c"}) {
            NewCapture c;
            c.summary.method = "GET";
            c.summary.target = target;
            c.raw = QByteArray("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
            batch.append(c);
        }
        QVERIFY(store.append(batch));
    }
    m_session = std::make_unique<CaptureSession>();
    CaptureSession::Options settings;
    settings.port = 0;
    settings.storePath = path;
    m_window = std::make_unique<MainWindow>(m_session.get(), nullptr, settings);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(m_window->openStore(path));
    QTRY_COMPARE(m_window->requestModel()->rowCount(), 3);
}

void TestListKeys::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_dir.reset();
}

void TestListKeys::jAndKMoveLikeTheArrows()
{
    QTableView *list = m_window->requestView();
    list->setFocus();
    list->setCurrentIndex(m_window->requestModel()->index(0, 0));
    QTest::keyClick(list, Qt::Key_J);
    QCOMPARE(list->currentIndex().row(), 1);
    QTest::keyClick(list, Qt::Key_J);
    QCOMPARE(list->currentIndex().row(), 2);
    QTest::keyClick(list, Qt::Key_K);
    QCOMPARE(list->currentIndex().row(), 1);
    QCOMPARE(list->selectionModel()->selectedRows().value(0).row(), 1); // selected, as arrows do
    QTest::keyClick(list, Qt::Key_J, Qt::ControlModifier);              // not ours: no move
    QCOMPARE(list->currentIndex().row(), 1);
    QTest::keyClick(list, Qt::Key_Down); // the arrows still work
    QCOMPARE(list->currentIndex().row(), 2);
}

void TestListKeys::slashFocusesTheQueryBar()
{
    QTableView *list = m_window->requestView();
    list->setFocus();
    QTRY_VERIFY(list->hasFocus());
    QLineEdit *query = m_window->findChild<SearchBar *>()->edit();
    QVERIFY(!query->hasFocus());
    QTest::keyClick(list, Qt::Key_Slash, Qt::NoModifier);
    QTRY_VERIFY(query->hasFocus());
    QVERIFY(query->text().isEmpty()); // the "/" moved the focus, it is not typed
}

void TestListKeys::slashInATextInputIsText()
{
    QLineEdit *query = m_window->findChild<SearchBar *>()->edit();
    query->setFocus();
    QTRY_VERIFY(query->hasFocus());
    query->clear();
    // Were "/" taken as the shortcut, it would select all and "b" would replace it.
    QTest::keyClicks(query, "path:/b");
    QCOMPARE(query->text(), QString("path:/b"));
}

void TestListKeys::everyShortcutIsInAMenuOnce()
{
    QSet<QAction *> inMenus;
    QHash<QString, QString> seen; // shortcut → action text
    std::function<void(QMenu *)> walk = [&](QMenu *menu) {
        for (QAction *a : menu->actions()) {
            if (a->menu())
                walk(a->menu());
            inMenus.insert(a);
            for (const QKeySequence &k : a->shortcuts()) {
                const QString key = k.toString();
                QVERIFY2(!seen.contains(key),
                         qPrintable(key + ": " + seen.value(key) + " and " + a->text()));
                seen.insert(key, a->text());
            }
        }
    };
    for (QAction *top : m_window->menuBar()->actions()) {
        QVERIFY(top->menu());
        walk(top->menu());
    }
    QVERIFY(seen.contains("/"));
    QVERIFY(seen.contains("Ctrl+K"));
    // A window-wide shortcut that no menu lists would be one the user cannot discover.
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->shortcut().isEmpty() || a->shortcutContext() == Qt::WidgetShortcut ||
            a->shortcutContext() == Qt::WidgetWithChildrenShortcut)
            continue;
        QVERIFY2(inMenus.contains(a), qPrintable(a->text() + " " + a->shortcut().toString()));
    }
    QVERIFY(!QCoreApplication::testAttribute(Qt::AA_DontShowShortcutsInContextMenus));
}

void TestListKeys::panesHaveAccessibleNames()
{
    CaptureInspector *inspector = m_window->inspector();
    const QList<QWidget *> panes{m_window->requestView(), inspector->rawView(),
                                 inspector->headersView(), inspector->bodyPane()};
    QSet<QString> names;
    for (QWidget *pane : panes) {
        QVERIFY2(!pane->accessibleName().isEmpty(), pane->metaObject()->className());
        names.insert(pane->accessibleName());
    }
    QCOMPARE(names.size(), panes.size()); // each its own
    QCOMPARE(m_window->requestView()->accessibleName(), QString("Captured requests"));
}

QTEST_MAIN(TestListKeys)
#include "tst_listkeys.moc"
