#pragma once

#include <QObject>
#include <QString>
#include <QVector>

class CaptureSession;
class QAction;
class QMenu;
class QTableView;
class QWidget;
class RequestListModel;

// Deleting captures from the window: Delete (the list's selected rows, one or many, key Delete,
// from the Request menu and the list's context menu) and Clear All Captures (Edit menu). Both go
// through the session's one writer (CaptureSession::removeCaptures, clearCaptures); the list
// drops the rows when the store has, without a reload. Delete asks first, naming how many,
// unless "Don't ask again" was ticked (QSettings "delete/confirm"); a clear always asks, and the
// file's shrinking afterwards shows in the status bar.
class DeleteActions : public QObject
{
    Q_OBJECT
public:
    DeleteActions(QMenu *requestMenu, QMenu *editMenu, QTableView *list, RequestListModel *model,
                  CaptureSession *session, QWidget *window);

    QAction *deleteAction() const { return m_delete; }
    QAction *clearAction() const { return m_clear; }
    QVector<qint64> selectedIds() const; // the selected rows' captures, in row order

    // Without asking (tests, and once the user said yes).
    void deleteNow(const QVector<qint64> &ids);
    void clearNow();

    static bool confirmsDelete(); // "don't ask again" not ticked
    static void setConfirmsDelete(bool ask);

Q_SIGNALS:
    void told(const QString &message, int timeoutMs); // for the status bar (0: until replaced)

private:
    void askToDelete();
    void askToClear();

    QTableView *m_list;
    RequestListModel *m_model;
    CaptureSession *m_session;
    QWidget *m_window;
    QAction *m_delete;
    QAction *m_clear;
};
