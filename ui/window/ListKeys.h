#pragma once

#include <QObject>

class QAbstractItemView;
class QAction;
class QMenu;
class SearchBar;

// The request list's keyboard: j and k move down and up as the arrow keys do (Shift extends as
// Shift+arrow does) while the list has focus, and "/" (View > Search, shown in the menu) puts
// the focus in the query bar from anywhere but a text input, which keeps its "/" as text.
class ListKeys : public QObject
{
    Q_OBJECT
public:
    ListKeys(QAbstractItemView *list, SearchBar *search, QMenu *view);

    QAction *focusSearchAction() const { return m_focusSearch; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAbstractItemView *m_list;
    QAction *m_focusSearch;
};
