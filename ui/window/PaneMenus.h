#pragma once

#include <QObject>
#include <functional>

class ByteView;
class CaptureInspector;
class QAbstractItemView;
class QAction;

// The inspector panes' context menus and accessible names. JSON tree: Copy Value (the value's
// exact source text), Copy String Text (a string decoded), Copy JSON Pointer (RFC 6901).
// Headers: Copy Name, Copy Value, Copy Header Line ("Name: value"). Raw bytes and the body's
// text: Copy as Text, Copy as Hex. Each acts on the pane's current item or selection.
class PaneMenus : public QObject
{
    Q_OBJECT
public:
    explicit PaneMenus(CaptureInspector *inspector);

private:
    QAction *add(QWidget *pane, const QString &text, const QString &objectName,
                 std::function<QString()> copied);
    void addJsonActions(QAbstractItemView *view);
    void addHeaderActions(QAbstractItemView *view);
    void addByteActions(ByteView *view, const QString &prefix);
};
