#pragma once

#include "ui/compare/CompareLoader.h"

#include <QObject>
#include <functional>

class CompareWindow;
class QAction;
class QMenu;
class QProgressDialog;
class QWidget;

// The Compare menu: the selected capture against the previous delivery of its event (Ctrl+D:
// the same delivery or event id) or the previous capture on its endpoint (Ctrl+Shift+P), and any
// two captures by marking one (Ctrl+M) and comparing the selected one with it (Ctrl+Shift+K).
// Each comparison is read and computed off the GUI thread, then opens a CompareWindow; one that
// takes a while (two large JSON bodies) shows a busy dialog whose Cancel stops it.
class CompareActions : public QObject
{
    Q_OBJECT
    Q_MOC_INCLUDE("ui/compare/CompareWindow.h")
public:
    using SelectedId = std::function<qint64()>; // 0: nothing selected
    using StorePath = std::function<QString()>;

    CompareActions(QMenu *menu, SelectedId selected, StorePath storePath, QWidget *window);

    void compareWithPreviousDelivery();
    void compareWithPreviousOnEndpoint();
    void markForCompare();
    void compareWithMarked();
    qint64 marked() const { return m_marked; }
    CompareLoader *loader() const { return m_loader; }
    QProgressDialog *progress() const { return m_progress; } // the busy dialog, once made

Q_SIGNALS:
    void opened(CompareWindow *window);
    void told(const QString &message); // also shown in the window's status bar

private:
    qint64 selectedOrTell();
    void prepare();
    void open(std::shared_ptr<const CompareLoader::Result> result);
    void tell(const QString &message);
    void settled(); // a request was answered: the busy dialog goes when none is left

    SelectedId m_selected;
    StorePath m_storePath;
    QWidget *m_window;
    CompareLoader *m_loader;
    QAction *m_withMarked;
    QProgressDialog *m_progress = nullptr;
    qint64 m_marked = 0;
};
