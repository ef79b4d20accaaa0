#include "ui/window/MarkActions.h"

#include "core/pipeline/CaptureSession.h"
#include "ui/list/RequestListModel.h"
#include "ui/window/NoteEditor.h"

#include <QAbstractItemView>
#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <algorithm>

MarkActions::MarkActions(QMenu *menu, QAbstractItemView *list, RequestListModel *model,
                         CaptureSession *session, QTabWidget *tabs)
    : QObject(menu), m_list(list), m_model(model), m_session(session), m_tabs(tabs),
      m_editor(new NoteEditor)
{
    menu->addSeparator();
    QAction *toggle = menu->addAction(tr("Toggle &Bookmark"), this, &MarkActions::toggleBookmark);
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    toggle->setObjectName(QStringLiteral("toggleBookmark"));
    QAction *note = menu->addAction(tr("Edit &Note…"), this, &MarkActions::editNote);
    note->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    note->setObjectName(QStringLiteral("editNote"));
    m_actions = {toggle, note};
    m_tabs->addTab(m_editor, tr("Note")); // the tab widget owns it
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MarkActions::showCurrent);
    // A note typed and not saved yet is saved before the rows change, unless the session has
    // already moved to another store: it is not written there under its id.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (m_session->storePath() == m_model->storePath())
            m_editor->save();
        else
            m_editor->setCapture(0, QString(), false);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &MarkActions::showCurrent);
    connect(m_editor, &NoteEditor::noteEdited, m_session, &CaptureSession::setNote);
    connect(m_session, &CaptureSession::marksChanged, this, [this](const QVector<qint64> &ids) {
        m_model->refreshMarks(ids);
        if (ids.contains(m_editor->captureId()))
            m_editor->noteStored(m_editor->captureId(),
                                 m_model->marks().note(m_editor->captureId()));
    });
}

QVector<qint64> MarkActions::selectedIds() const
{
    QModelIndexList rows = m_list->selectionModel()->selectedRows();
    if (rows.isEmpty() && m_list->currentIndex().isValid())
        rows = {m_list->currentIndex()};
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QVector<qint64> ids;
    for (const QModelIndex &row : std::as_const(rows)) {
        const qint64 id = m_model->captureId(row.row());
        if (id > 0)
            ids.append(id);
    }
    return ids;
}

void MarkActions::toggleBookmark()
{
    const QVector<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const bool all = std::all_of(ids.begin(), ids.end(),
                                 [this](qint64 id) { return m_model->marks().isBookmarked(id); });
    m_session->setBookmarked(ids, !all);
}

void MarkActions::editNote()
{
    m_tabs->setCurrentWidget(m_editor);
    m_editor->editor()->setFocus();
}

void MarkActions::showCurrent()
{
    const QModelIndex current = m_list->currentIndex();
    const qint64 id = current.isValid() ? m_model->captureId(current.row()) : 0;
    m_editor->setCapture(id, m_model->marks().note(id));
}
