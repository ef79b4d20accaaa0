#pragma once

#include <QTableView>

class QMenu;
class QTimer;
class RequestListModel;

// The request list's table: its header's context menu shows and hides columns, sections can be
// dragged to reorder them, a click on Time, Status, Size or Verdict sorts by it (the store
// answers; a click on another column does nothing), and the columns, their widths and order
// and the sort are remembered in QSettings under a key (QHeaderView::saveState) whenever they
// change. The Verdict column's colours follow the view's palette.
class RequestListView : public QTableView
{
    Q_OBJECT
public:
    explicit RequestListView(RequestListModel *model, QWidget *parent = nullptr);

    // Restores the header from QSettings `key` (if saved) and applies its sort; from then on
    // every change is saved there.
    void restoreColumns(const QString &key);
    QByteArray columnState() const;
    QMenu *columnMenu(); // the header's context menu, built for the columns as they are now

protected:
    void changeEvent(QEvent *event) override;

private:
    void onSectionClicked(int section);
    void showSortOf(); // the indicator for the order the model applies
    void saveSoon();

    RequestListModel *m_model;
    QString m_key;
    QTimer *m_save;
    QMenu *m_menu = nullptr;
};
