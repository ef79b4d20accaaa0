#include "ui/compare/CompareActions.h"

#include "ui/compare/CompareWindow.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QProgressDialog>
#include <QStatusBar>

CompareActions::CompareActions(QMenu *menu, SelectedId selected, StorePath storePath,
                               QWidget *window)
    : QObject(window), m_selected(std::move(selected)), m_storePath(std::move(storePath)),
      m_window(window), m_loader(new CompareLoader(this))
{
    QAction *delivery = menu->addAction(tr("Compare with Previous &Delivery"), this,
                                        &CompareActions::compareWithPreviousDelivery);
    delivery->setObjectName(QStringLiteral("compareWithPreviousDelivery"));
    delivery->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    delivery->setStatusTip(tr("Compare the selected request with the previous delivery of the "
                              "same event (same delivery or event id)"));
    QAction *endpoint = menu->addAction(tr("Compare with &Previous on Endpoint"), this,
                                        &CompareActions::compareWithPreviousOnEndpoint);
    endpoint->setObjectName(QStringLiteral("compareWithPreviousOnEndpoint"));
    endpoint->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    endpoint->setStatusTip(
        tr("Compare the selected request with the one before it on the same endpoint"));
    menu->addSeparator();
    QAction *mark = menu->addAction(tr("&Mark for Compare"), this, &CompareActions::markForCompare);
    mark->setObjectName(QStringLiteral("markForCompare"));
    mark->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    mark->setStatusTip(tr("Remember the selected request, to compare another one with it"));
    m_withMarked =
        menu->addAction(tr("Compare with Mar&ked"), this, &CompareActions::compareWithMarked);
    m_withMarked->setObjectName(QStringLiteral("compareWithMarked"));
    m_withMarked->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_withMarked->setEnabled(false);
    connect(m_loader, &CompareLoader::compared, this, &CompareActions::open);
    connect(m_loader, &CompareLoader::failed, this, &CompareActions::tell);
    connect(m_loader, &CompareLoader::cancelled, this,
            [this] { tell(tr("Comparison cancelled")); });
    connect(m_loader, &CompareLoader::compared, this, &CompareActions::settled);
    connect(m_loader, &CompareLoader::failed, this, &CompareActions::settled);
    connect(m_loader, &CompareLoader::cancelled, this, &CompareActions::settled);
}

void CompareActions::settled()
{
    if (m_progress && !m_loader->isBusy())
        m_progress->reset(); // hides it, or keeps it from showing
}

qint64 CompareActions::selectedOrTell()
{
    const qint64 id = m_selected();
    if (id <= 0)
        tell(tr("Select a request first"));
    return id;
}

void CompareActions::prepare()
{
    m_loader->setStorePath(m_storePath());
    // large bodies take seconds to compare as JSON (two 50 MB bodies: about 8 s)
    if (auto *window = qobject_cast<QMainWindow *>(m_window))
        window->statusBar()->showMessage(tr("Comparing…"));
    if (!m_progress) {
        m_progress = new QProgressDialog(tr("Comparing…"), tr("Cancel"), 0, 0, m_window);
        m_progress->setObjectName(QStringLiteral("compareProgress"));
        m_progress->setWindowTitle(tr("Compare"));
        m_progress->setMinimumDuration(400); // only when it takes a while
        connect(m_progress, &QProgressDialog::canceled, m_loader, &CompareLoader::cancel);
    }
    m_progress->setValue(0); // busy (no maximum); shown after the minimum duration
}

void CompareActions::compareWithPreviousDelivery()
{
    if (const qint64 id = selectedOrTell()) {
        prepare();
        m_loader->compareWithPrevious(id, CompareLoader::Previous::Delivery);
    }
}

void CompareActions::compareWithPreviousOnEndpoint()
{
    if (const qint64 id = selectedOrTell()) {
        prepare();
        m_loader->compareWithPrevious(id, CompareLoader::Previous::Endpoint);
    }
}

void CompareActions::markForCompare()
{
    const qint64 id = selectedOrTell();
    if (!id)
        return;
    m_marked = id;
    m_withMarked->setEnabled(true);
    m_withMarked->setText(tr("Compare with Mar&ked #%1").arg(id));
    tell(tr("Marked #%1: select another request and Compare with Marked (Ctrl+Shift+K)").arg(id));
}

void CompareActions::compareWithMarked()
{
    if (!m_marked) {
        tell(tr("Mark a request for compare first (Ctrl+M)"));
        return;
    }
    const qint64 id = selectedOrTell();
    if (!id)
        return;
    if (id == m_marked) {
        tell(tr("Select another request than the marked #%1").arg(id));
        return;
    }
    prepare();
    // the earlier capture on the left, as with "previous"
    m_loader->compare(qMin(id, m_marked), qMax(id, m_marked));
}

void CompareActions::open(std::shared_ptr<const CompareLoader::Result> result)
{
    if (auto *main = qobject_cast<QMainWindow *>(m_window))
        main->statusBar()->clearMessage(); // "Comparing…"
    auto *window = new CompareWindow(m_window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setResult(std::move(result));
    window->show();
    Q_EMIT opened(window);
}

void CompareActions::tell(const QString &message)
{
    if (auto *window = qobject_cast<QMainWindow *>(m_window))
        window->statusBar()->showMessage(message, 5000);
    Q_EMIT told(message);
}
