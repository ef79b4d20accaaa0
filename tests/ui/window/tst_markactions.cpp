// MarkActions and NoteEditor over a real store and session: Toggle Bookmark on several rows,
// the list's star column (sorted by SQL), the note editor saving through the writer and the
// note in the rows' tooltips.
#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureMarks.h"
#include "core/store/CaptureStore.h"
#include "tests/core/store/StoreTestCaptures.h"
#include "ui/list/RequestListModel.h"
#include "ui/window/MarkActions.h"
#include "ui/window/NoteEditor.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

class TestMarkActions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<CaptureSession> m_session;
    std::unique_ptr<RequestListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QTableView> m_view;
    std::unique_ptr<QMenu> m_menu;
    std::unique_ptr<QTabWidget> m_tabs;
    MarkActions *m_marks = nullptr; // owned by the menu

    QAction *action(const char *name) const
    {
        for (QAction *a : m_marks->actions()) {
            if (a->objectName() == QLatin1String(name))
                return a;
        }
        return nullptr;
    }
    void select(const QList<int> &rows)
    {
        m_view->selectionModel()->clearSelection();
        for (const int row : rows)
            m_view->selectionModel()->select(m_model->index(row, 0), QItemSelectionModel::Select |
                                                                         QItemSelectionModel::Rows);
        m_view->selectionModel()->setCurrentIndex(m_model->index(rows.first(), 0),
                                                  QItemSelectionModel::NoUpdate);
    }
    // Triggers Toggle Bookmark; returns once the session has stored it.
    bool toggle()
    {
        QSignalSpy stored(m_session.get(), &CaptureSession::marksChanged);
        action("toggleBookmark")->trigger();
        return stored.wait(5000);
    }
    QString star(int row) const
    {
        return m_model->data(m_model->index(row, RequestListModel::BookmarkColumn)).toString();
    }
    QVector<qint64> storedBookmarks() const
    {
        CaptureStore reading;
        reading.openReadOnly(m_path);
        return CaptureMarks(reading).bookmarkedIds();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        static int n = 0;
        m_path = m_dir.filePath(QStringLiteral("s%1.sqlite").arg(++n));
        {
            CaptureStore store;
            QVERIFY(store.open(m_path));
            QList<NewCapture> cs{storeTestCapture(1), storeTestCapture(2), storeTestCapture(3)};
            QVERIFY(store.append(cs));
        }
        QString error;
        m_session = std::make_unique<CaptureSession>();
        QVERIFY2(m_session->open(m_path, &error), qPrintable(error));
        m_model = std::make_unique<RequestListModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY2(m_model->open(m_path, &error), qPrintable(error));
        m_view = std::make_unique<QTableView>();
        m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
        m_view->setModel(m_model.get());
        m_menu = std::make_unique<QMenu>();
        m_tabs = std::make_unique<QTabWidget>();
        m_marks = new MarkActions(m_menu.get(), m_view.get(), m_model.get(), m_session.get(),
                                  m_tabs.get());
    }

    void cleanup()
    {
        m_tabs.reset(); // the note editor goes with its tab
        m_menu.reset();
        m_view.reset();
        m_tester.reset();
        m_model.reset();
        m_session.reset();
    }

    void actionsAndShortcuts()
    {
        QVERIFY(action("toggleBookmark"));
        QCOMPARE(action("toggleBookmark")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_B));
        QCOMPARE(action("editNote")->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
        QCOMPARE(m_menu->actions().count(action("toggleBookmark")), 1);
        QCOMPARE(m_tabs->count(), 1);
        QCOMPARE(m_tabs->tabText(0), QStringLiteral("Note"));
        QVERIFY(m_model->isSortable(RequestListModel::BookmarkColumn));
    }

    void toggleOnSeveralRows()
    {
        select({0, 2});
        QCOMPARE(m_marks->selectedIds(), (QVector<qint64>{1, 3}));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(toggle());
        QCOMPARE(changed.size(), 2); // the two rows
        QCOMPARE(star(0), QStringLiteral("★"));
        QCOMPARE(star(1), QString());
        QCOMPARE(star(2), QStringLiteral("★"));
        QCOMPARE(storedBookmarks(), (QVector<qint64>{1, 3}));
        // a mixed selection: all get one
        select({0, 1});
        QVERIFY(toggle());
        QCOMPARE(storedBookmarks(), (QVector<qint64>{1, 2, 3}));
        QCOMPARE(star(1), QStringLiteral("★"));
        // all bookmarked: all cleared
        select({0, 1, 2});
        QVERIFY(toggle());
        QCOMPARE(storedBookmarks(), QVector<qint64>{});
        QCOMPARE(star(0), QString());
        QCOMPARE(star(2), QString());
    }

    void sortsByBookmark()
    {
        select({1});
        QVERIFY(toggle()); // capture 2
        QSignalSpy counts(m_model.get(), &RequestListModel::countsChanged);
        m_model->sort(RequestListModel::BookmarkColumn, Qt::AscendingOrder);
        while (m_model->isLoading())
            QVERIFY(counts.wait(5000));
        QCOMPARE(m_model->captureId(0), 2); // bookmarked first
        QCOMPARE(m_model->captureId(1), 1);
        QCOMPARE(m_model->captureId(2), 3);
        QCOMPARE(m_model->rowForId(3), 2);
        m_model->sort(RequestListModel::BookmarkColumn, Qt::DescendingOrder);
        while (m_model->isLoading())
            QVERIFY(counts.wait(5000));
        QCOMPARE(m_model->captureId(2), 2);
        QCOMPARE(m_model->captureId(0), 3);
    }

    void noteEditorSaves()
    {
        NoteEditor *editor = m_marks->noteEditor();
        m_view->setCurrentIndex(m_model->index(1, 0));
        QCOMPARE(editor->captureId(), 2);
        QVERIFY(editor->editor()->isEnabled());
        QCOMPARE(editor->editor()->toPlainText(), QString());
        QTest::keyClicks(editor->editor(), QStringLiteral("Retried after the outage"));
        QVERIFY(editor->isEdited());
        QSignalSpy stored(m_session.get(), &CaptureSession::marksChanged);
        QTest::keyClick(editor->editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(stored.wait(5000));
        QVERIFY(!editor->isEdited());
        QCOMPARE(editor->editor()->toPlainText(), QStringLiteral("Retried after the outage"));
        {
            CaptureStore reading;
            QVERIFY(reading.openReadOnly(m_path));
            QCOMPARE(CaptureMarks(reading).mark(2).note,
                     QStringLiteral("Retried after the outage"));
        }
        // the note in each cell's tooltip of its row, not in the others'
        const QString tip =
            m_model->data(m_model->index(1, RequestListModel::PathColumn), Qt::ToolTipRole)
                .toString();
        QVERIFY2(tip.contains(QStringLiteral("Note: Retried after the outage")), qPrintable(tip));
        QVERIFY(!m_model->data(m_model->index(0, RequestListModel::PathColumn), Qt::ToolTipRole)
                     .toString()
                     .contains(QStringLiteral("Note:")));
        const QString sizeTip =
            m_model->data(m_model->index(1, RequestListModel::SizeColumn), Qt::ToolTipRole)
                .toString();
        QVERIFY2(sizeTip.contains(QStringLiteral("bytes as received")), qPrintable(sizeTip));
        QVERIFY(sizeTip.contains(QStringLiteral("Note:")));

        // an edit left behind by moving to another row is saved for the row it was typed on
        QTest::keyClicks(editor->editor(), QStringLiteral(" twice"));
        stored.clear();
        m_view->setCurrentIndex(m_model->index(2, 0));
        QCOMPARE(editor->captureId(), 3);
        QCOMPARE(editor->editor()->toPlainText(), QString());
        QVERIFY(stored.wait(5000));
        QCOMPARE(m_model->marks().note(2), QStringLiteral("Retried after the outage twice"));

        // Edit Note shows the tab; clearing the text clears the note
        m_view->setCurrentIndex(m_model->index(1, 0));
        action("editNote")->trigger();
        QCOMPARE(m_tabs->currentWidget(), editor);
        editor->editor()->clear();
        stored.clear();
        editor->save();
        QVERIFY(stored.wait(5000));
        QCOMPARE(m_model->marks().note(2), QString());
        QVERIFY(!m_model->data(m_model->index(1, RequestListModel::PathColumn), Qt::ToolTipRole)
                     .toString()
                     .contains(QStringLiteral("Note:")));
    }

    void pendingEditAcrossResets()
    {
        NoteEditor *editor = m_marks->noteEditor();
        m_view->setCurrentIndex(m_model->index(0, 0));
        QTest::keyClicks(editor->editor(), QStringLiteral("kept on refilter"));
        QSignalSpy stored(m_session.get(), &CaptureSession::marksChanged);
        m_model->setFilter({}); // same store: the edit is saved first
        QVERIFY(stored.wait(5000));
        QCOMPARE(m_model->marks().note(1), QStringLiteral("kept on refilter"));

        // another store: the session moves first; an edit left is not written there
        m_view->setCurrentIndex(m_model->index(0, 0));
        QTest::keyClicks(editor->editor(), QStringLiteral(" and more"));
        const QString other = m_dir.filePath(QStringLiteral("other.sqlite"));
        {
            CaptureStore store;
            QVERIFY(store.open(other));
            QList<NewCapture> cs{storeTestCapture(1)};
            QVERIFY(store.append(cs));
        }
        QString error;
        QVERIFY2(m_session->open(other, &error), qPrintable(error));
        QSignalSpy edited(editor, &NoteEditor::noteEdited);
        QVERIFY(m_model->open(other, &error));
        QCOMPARE(edited.size(), 0);
        CaptureStore reading;
        QVERIFY(reading.openReadOnly(other));
        QVERIFY(CaptureMarks(reading).mark(1).isEmpty());
    }

    void noEditWithoutACapture()
    {
        m_view->setCurrentIndex(QModelIndex());
        NoteEditor *editor = m_marks->noteEditor();
        QCOMPARE(editor->captureId(), 0);
        QVERIFY(!editor->editor()->isEnabled());
        QSignalSpy edited(editor, &NoteEditor::noteEdited);
        editor->save();
        QCOMPARE(edited.size(), 0);
    }
};

QTEST_MAIN(TestMarkActions)
#include "tst_markactions.moc"
