#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class ByteView;
class QAction;
class QMenu;

// The text views' View-menu toggles: Soft Wrap (Alt+Z) and Line-End Marks (Alt+Shift+Z). Both
// apply to every view given, start from and are remembered in QSettings (raw/softWrap,
// raw/lineEndMarks; on by default).
class RawViewActions : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kSoftWrapKey = "raw/softWrap";
    static constexpr const char *kLineEndMarksKey = "raw/lineEndMarks";

    RawViewActions(QMenu *menu, const QList<ByteView *> &views, QObject *parent = nullptr);

    QAction *softWrapAction() const { return m_softWrap; }
    QAction *lineEndMarksAction() const { return m_lineEndMarks; }

private:
    void apply();

    QList<QPointer<ByteView>> m_views;
    QAction *m_softWrap;
    QAction *m_lineEndMarks;
};
