#pragma once

#include <QList>
#include <QObject>
#include <QVector>

class CaptureSession;
class NoteEditor;
class QAbstractItemView;
class QAction;
class QMenu;
class QTabWidget;
class RequestListModel;

// Bookmarks and notes in the window: Toggle Bookmark (Ctrl+B) on the selected rows (all of them
// bookmarked unless all already are: then all cleared) and Edit Note (Ctrl+Shift+N), which
// shows the Note tab (NoteEditor) beside the capture's panes. Writes go through the session's
// writer; its marksChanged() updates the list's star and tooltips and the note shown.
class MarkActions : public QObject
{
    Q_OBJECT
public:
    MarkActions(QMenu *menu, QAbstractItemView *list, RequestListModel *model,
                CaptureSession *session, QTabWidget *tabs);

    QList<QAction *> actions() const { return m_actions; } // for the list's context menu
    NoteEditor *noteEditor() const { return m_editor; }
    QVector<qint64> selectedIds() const; // in row order; the current row when none selected

    void toggleBookmark();
    void editNote();

private:
    void showCurrent();

    QAbstractItemView *m_list;
    RequestListModel *m_model;
    CaptureSession *m_session;
    QTabWidget *m_tabs;
    NoteEditor *m_editor;
    QList<QAction *> m_actions;
};
