#include "../../core/store/StoreTestCaptures.h"
#include "core/config/ConfigLoader.h"
#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"
#include "core/store/StoreMerger.h"
#include "ui/list/RequestListModel.h"
#include "ui/window/DeleteActions.h"
#include "ui/window/MainWindow.h"
#include "ui/window/RecentStores.h"
#include "ui/window/RetentionDialog.h"
#include "ui/window/StoreFileActions.h"

#include <QAction>
#include <QCheckBox>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

bool fill(const QString &path, int first, int last)
{
    CaptureStore store;
    if (!store.open(path))
        return false;
    QList<NewCapture> cs;
    for (int n = first; n <= last; ++n)
        cs << storeTestCapture(n, "{\"n\":" + QByteArray::number(n) + "}");
    return store.append(cs);
}

qint64 countIn(const QString &path)
{
    CaptureStore store;
    return store.openReadOnly(path) ? store.count() : -1;
}

// The message box the window opened (named), once it is there.
QMessageBox *box(QWidget *window, const char *name)
{
    for (QMessageBox *b : window->findChildren<QMessageBox *>(QLatin1String(name))) {
        if (b->isVisible())
            return b;
    }
    return nullptr;
}

QPushButton *button(QMessageBox *b, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *a : b->buttons()) {
        if (b->buttonRole(a) == role)
            return qobject_cast<QPushButton *>(a);
    }
    return nullptr;
}

} // namespace

class StoreActionsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CaptureSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("hookbench-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_storeactions"));
    }

    void init()
    {
        QSettings().clear();
        m_path = m_dir.filePath(QStringLiteral("main-%1.sqlite").arg(QTest::currentTestFunction()));
        QVERIFY(fill(m_path, 1, 6));
        m_session = std::make_unique<CaptureSession>();
        CaptureSession::Options options;
        options.storePath = m_path;
        options.port = 0;
        m_window = std::make_unique<MainWindow>(m_session.get(), nullptr, options);
        QVERIFY(m_window->openStore(m_path));
        m_window->show();
    }

    void cleanup()
    {
        m_window.reset();
        m_session.reset();
    }

    void deletesTheSelectedRowsAfterAsking()
    {
        RequestListModel *model = m_window->requestModel();
        QTableView *list = m_window->requestView();
        QCOMPARE(model->rowCount(), 6);
        QCOMPARE(list->selectionMode(), QAbstractItemView::ExtendedSelection);
        list->setCurrentIndex(model->index(1, 0)); // the inspector's capture
        list->selectionModel()->select(model->index(3, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        auto *deletes = m_window->findChild<DeleteActions *>();
        QVERIFY(deletes);
        QCOMPARE(deletes->selectedIds(), QVector<qint64>({2, 4}));
        QSignalSpy removed(m_session.get(), &CaptureSession::capturesRemoved);

        deletes->deleteAction()->trigger();
        QMessageBox *ask = box(m_window.get(), "confirmDelete");
        QVERIFY(ask);
        QVERIFY2(ask->text().contains(QLatin1String("2 capture(s)")), qPrintable(ask->text()));
        ask->checkBox()->setChecked(true); // don't ask again
        button(ask, QMessageBox::DestructiveRole)->click();
        QVERIFY(removed.wait(10000));
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->captureId(1), 3);
        QCOMPARE(model->totalCount(), 4);
        QCOMPARE(countIn(m_path), 4);
        QVERIFY(!DeleteActions::confirmsDelete());

        // not asked again: the key on the list deletes at once
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        list->setFocus();
        QTRY_VERIFY(list->hasFocus());
        list->setCurrentIndex(model->index(0, 0));
        list->selectionModel()->select(model->index(0, 0), QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
        QTest::keyClick(list, Qt::Key_Delete);
        QVERIFY(!box(m_window.get(), "confirmDelete"));
        QVERIFY(removed.wait(10000));
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->captureId(0), 3);
    }

    void clearsAllAndKeepsTheListenerGoing()
    {
        auto *deletes = m_window->findChild<DeleteActions *>();
        QSignalSpy shrunk(m_session.get(), &CaptureSession::storeShrunk);
        QVERIFY(m_window->startListener());
        deletes->clearAction()->trigger();
        QMessageBox *ask = box(m_window.get(), "confirmClear");
        QVERIFY(ask);
        button(ask, QMessageBox::DestructiveRole)->click();
        QVERIFY(shrunk.wait(30000));
        QCOMPARE(m_window->requestModel()->rowCount(), 0);
        QCOMPARE(countIn(m_path), 0);
        QVERIFY(m_session->isListening());
    }

    void remembersRecentStoresAndGreysMissingOnes()
    {
        const QString other = m_dir.filePath(QStringLiteral("other-recent.sqlite"));
        QVERIFY(fill(other, 1, 1));
        QVERIFY(m_window->openStore(other));
        QCOMPARE(RecentStores::paths(), QStringList({other, m_path}));
        QVERIFY(m_window->openStore(m_path));
        QCOMPARE(RecentStores::paths(), QStringList({m_path, other}));
        m_window->openStore(other);
        m_window->openStore(m_path);
        QCOMPARE(RecentStores::paths().size(), 2); // each once
        QVERIFY(QFile::remove(other));
        auto *menu = m_window->findChild<QMenu *>(QStringLiteral("recentStores"));
        QVERIFY(menu);
        Q_EMIT menu->aboutToShow();
        QAction *missing = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->data().toString() == other)
                missing = a;
        }
        QVERIFY(missing);
        QVERIFY(!missing->isEnabled());
        QVERIFY(missing->text().contains(QLatin1String("missing")));
        RecentStores::removeMissing();
        QCOMPARE(RecentStores::paths(), QStringList({m_path}));
        for (int i = 0; i < 12; ++i)
            RecentStores::add(m_dir.filePath(QStringLiteral("s%1.sqlite").arg(i)));
        QCOMPARE(RecentStores::paths().size(), RecentStores::MaxCount);
    }

    void savesACopyAndOpensIt()
    {
        auto *files = m_window->findChild<StoreFileActions *>();
        QVERIFY(files);
        QSignalSpy finished(files, &StoreFileActions::saveFinished);
        const QString copy = m_dir.filePath(QStringLiteral("copy.sqlite"));
        files->saveAs(copy);
        QVERIFY(files->progress());
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(m_session->storePath(), copy);
        QCOMPARE(m_window->requestModel()->rowCount(), 6);
        QCOMPARE(countIn(copy), 6);
        QCOMPARE(RecentStores::paths().first(), copy);
    }

    void mergesAndCancels()
    {
        const QString other = m_dir.filePath(QStringLiteral("other-merge.sqlite"));
        QVERIFY(fill(other, 4, 4 + StoreMerger::BatchSize * 2)); // 4..6 are here already
        auto *files = m_window->findChild<StoreFileActions *>();
        QSignalSpy finished(files, &StoreFileActions::mergeFinished);

        files->merge(other);
        QVERIFY(files->progress());
        files->progress()->cancel(); // the first batch is under way; no other follows
        QVERIFY(finished.wait(30000));
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY(finished.first().at(1).toString().contains(QLatin1String("cancelled")));
        // one whole batch: 3 duplicates skipped, the rest copied
        QCOMPARE(countIn(m_path), 6 + StoreMerger::BatchSize - 3);
        QCOMPARE(m_window->requestModel()->rowCount(), 6 + StoreMerger::BatchSize - 3);

        finished.clear();
        files->merge(other); // again, to the end: what is here already is skipped
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(countIn(m_path), 6 + StoreMerger::BatchSize * 2 + 1 - 3);
    }

    void retentionIsSavedToTheConfig()
    {
        const QString config = m_dir.filePath(QStringLiteral("config.json"));
        m_window->setConfigPath(config);
        auto *action = m_window->findChild<QAction *>(QStringLiteral("editRetention"));
        QVERIFY(action);
        action->trigger();
        auto *dialog = m_window->findChild<RetentionDialog *>();
        QVERIFY(dialog);
        QVERIFY(!dialog->countBox()->isChecked());
        dialog->countBox()->setChecked(true);
        dialog->countSpin()->setValue(1234);
        dialog->accept();
        QCOMPARE(m_window->settings().config.retention.maxCaptures, 1234);
        QCOMPARE(m_session->context()->config().retention.maxCaptures, 1234);
        const ConfigLoader::Result r = ConfigLoader::load(config, true, {});
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.config.retention.maxCaptures, 1234);
        QCOMPARE(r.config.retention.maxMegabytes, 0);
    }
};

QTEST_MAIN(StoreActionsTest)
#include "tst_storeactions.moc"
