#include "ui/window/ListKeys.h"

#include "ui/list/SearchBar.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QMenu>

ListKeys::ListKeys(QAbstractItemView *list, SearchBar *search, QMenu *view)
    : QObject(list), m_list(list), m_focusSearch(view->addAction(tr("&Quick Search")))
{
    list->setAccessibleName(tr("Captured requests"));
    list->installEventFilter(this);
    m_focusSearch->setObjectName(QStringLiteral("focusSearchSlash"));
    m_focusSearch->setShortcut(QKeySequence(Qt::Key_Slash));
    // A window shortcut: line edits and other text inputs accept "/" as text first
    // (ShortcutOverride), everywhere else it moves the focus to the query bar.
    m_focusSearch->setShortcutContext(Qt::WindowShortcut);
    connect(m_focusSearch, &QAction::triggered, search, &SearchBar::focusQuery);
}

bool ListKeys::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_list || event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
    if ((key->key() != Qt::Key_J && key->key() != Qt::Key_K) ||
        (mods != Qt::NoModifier && mods != Qt::ShiftModifier))
        return QObject::eventFilter(watched, event);
    QKeyEvent arrow(QEvent::KeyPress, key->key() == Qt::Key_J ? Qt::Key_Down : Qt::Key_Up, mods);
    QCoreApplication::sendEvent(m_list, &arrow); // passes this filter again: not j or k
    return true;
}
