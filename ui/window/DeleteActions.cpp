#include "ui/window/DeleteActions.h"

#include "core/pipeline/CaptureSession.h"
#include "ui/list/RequestListModel.h"

#include <QAction>
#include <QCheckBox>
#include <QItemSelectionModel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QTableView>
#include <algorithm>

namespace {

const char *const ConfirmKey = "delete/confirm";

QString megabytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

} // namespace

DeleteActions::DeleteActions(QMenu *requestMenu, QMenu *editMenu, QTableView *list,
                             RequestListModel *model, CaptureSession *session, QWidget *window)
    : QObject(window), m_list(list), m_model(model), m_session(session), m_window(window)
{
    m_delete = new QAction(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteCaptures"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut); // the list's own key
    connect(m_delete, &QAction::triggered, this, &DeleteActions::askToDelete);
    requestMenu->addSeparator();
    requestMenu->addAction(m_delete);
    list->addAction(m_delete);

    m_clear = new QAction(tr("C&lear All Captures…"), this);
    m_clear->setObjectName(QStringLiteral("clearCaptures"));
    connect(m_clear, &QAction::triggered, this, &DeleteActions::askToClear);
    editMenu->addAction(m_clear);

    connect(session, &CaptureSession::capturesRemoved, model,
            [this](const QVector<qint64> &ids, qint64 removed, qint64 maxIdAfter) {
                const QSet<qint64> gone(ids.begin(), ids.end());
                m_model->dropCaptures([&gone](qint64 id) { return gone.contains(id); }, removed,
                                      maxIdAfter);
            });
    connect(session, &CaptureSession::capturesCleared, model,
            [this](qint64 upToId, qint64 removed, qint64 maxIdAfter) {
                m_model->dropCaptures([upToId](qint64 id) { return id <= upToId; }, removed,
                                      maxIdAfter);
                Q_EMIT told(tr("%n capture(s) deleted", nullptr, int(removed)), 5000);
            });
    connect(session, &CaptureSession::storeShrinking, this, [this](qint64 before) {
        Q_EMIT told(tr("Shrinking the store (%1)… captures arriving meanwhile are stored after it")
                        .arg(megabytes(before)),
                    0);
    });
    connect(session, &CaptureSession::storeShrunk, this, [this](qint64 before, qint64 after) {
        Q_EMIT told(tr("Store shrunk from %1 to %2").arg(megabytes(before), megabytes(after)),
                    8000);
    });
}

QVector<qint64> DeleteActions::selectedIds() const
{
    QModelIndexList rows = m_list->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QVector<qint64> ids;
    for (const QModelIndex &row : std::as_const(rows)) {
        if (const qint64 id = m_model->captureId(row.row()))
            ids.append(id);
    }
    if (ids.isEmpty() && m_list->currentIndex().isValid()) // a current row without a selection
        ids.append(m_model->captureId(m_list->currentIndex().row()));
    return ids;
}

bool DeleteActions::confirmsDelete()
{
    return QSettings().value(ConfirmKey, true).toBool();
}

void DeleteActions::setConfirmsDelete(bool ask)
{
    QSettings().setValue(ConfirmKey, ask);
}

void DeleteActions::deleteNow(const QVector<qint64> &ids)
{
    if (!m_session->isOpen() || ids.isEmpty())
        return;
    m_session->removeCaptures(ids);
    Q_EMIT told(tr("Deleting %n capture(s)…", nullptr, int(ids.size())), 3000);
}

void DeleteActions::clearNow()
{
    if (m_session->isOpen())
        m_session->clearCaptures();
}

void DeleteActions::askToDelete()
{
    const QVector<qint64> ids = selectedIds();
    if (ids.isEmpty()) {
        Q_EMIT told(tr("Select the requests to delete first"), 3000);
        return;
    }
    if (!confirmsDelete()) {
        deleteNow(ids);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete captures"),
                                tr("Delete %n capture(s) with their verdicts, forwards, notes and "
                                   "search entries? This cannot be undone.",
                                   nullptr, int(ids.size())),
                                QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(yes);
    auto *dontAsk = new QCheckBox(tr("Don't ask again"), box);
    box->setCheckBox(dontAsk);
    connect(box, &QMessageBox::finished, this, [this, box, yes, dontAsk, ids] {
        if (box->clickedButton() != yes)
            return;
        if (dontAsk->isChecked())
            setConfirmsDelete(false);
        deleteNow(ids);
    });
    box->open();
}

void DeleteActions::askToClear()
{
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Clear all captures"),
        tr("Delete all %n capture(s) of %1 with everything beside them, then shrink the file? "
           "The listener keeps running; captures arriving meanwhile are kept.",
           nullptr, int(m_model->totalCount()))
            .arg(m_session->storePath()),
        QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("confirmClear"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(tr("Clear All"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, yes] {
        if (box->clickedButton() == yes)
            clearNow();
    });
    box->open();
}
