#include "ui/forward/DeadLetterDialog.h"

#include "core/pipeline/CaptureSession.h"
#include "ui/forward/DeadLetterModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

DeadLetterDialog::DeadLetterDialog(CaptureSession *session, const QString &storePath,
                                   QWidget *parent)
    : QDialog(parent), m_session(session), m_model(new DeadLetterModel(this)),
      m_view(new QTableView(this)), m_summary(new QLabel(this)),
      m_retrySelected(new QPushButton(tr("Retry &Selected"), this)),
      m_retryAll(new QPushButton(tr("Retry &All"), this))
{
    setWindowTitle(tr("Dead forwards"));
    resize(900, 420);
    m_view->setObjectName(QStringLiteral("deadLetterView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(DeadLetterModel::MessageColumn,
                                                     QHeaderView::Stretch);
    m_view->setWordWrap(false);
    m_retrySelected->setObjectName(QStringLiteral("retrySelected"));
    m_retrySelected->setToolTip(tr("Queue every dead forward of the selected captures again"));
    m_retryAll->setObjectName(QStringLiteral("retryAll"));
    m_retryAll->setToolTip(tr("Queue every dead forward again (fix the config first)"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_retrySelected, QDialogButtonBox::ActionRole);
    buttons->addButton(m_retryAll, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_retrySelected, &QPushButton::clicked, this, &DeadLetterDialog::retrySelected);
    connect(m_retryAll, &QPushButton::clicked, this,
            [this] { m_session->retryForwards({}, true); });
    connect(m_session, &CaptureSession::forwardUpdated, m_model,
            &DeadLetterModel::onForwardUpdated);
    connect(m_session, &CaptureSession::forwardsRequeued, m_model,
            &DeadLetterModel::scheduleReload);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DeadLetterDialog::updateState);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DeadLetterDialog::updateState);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT showCaptureRequested(index.data(DeadLetterModel::CaptureIdRole).toLongLong());
    });

    QString error;
    if (!m_model->open(storePath, &error))
        m_summary->setText(error);
    updateState();
}

void DeadLetterDialog::retrySelected()
{
    QVector<qint64> ids;
    for (const QModelIndex &row : m_view->selectionModel()->selectedRows()) {
        const qint64 id = row.data(DeadLetterModel::CaptureIdRole).toLongLong();
        if (!ids.contains(id))
            ids.append(id);
    }
    if (!ids.isEmpty())
        m_session->retryForwards(ids, false);
}

void DeadLetterDialog::updateState()
{
    const int rows = m_model->rowCount();
    m_retryAll->setEnabled(rows > 0);
    m_retrySelected->setEnabled(m_view->selectionModel()->hasSelection());
    if (rows == 0)
        m_summary->setText(tr("No dead forwards."));
    else
        m_summary->setText(
            (m_model->isTruncated()
                 ? tr("The newest %n dead forwards (there are more). ", nullptr, rows)
                 : tr("%n dead forward(s). ", nullptr, rows)) +
            tr("Fix the endpoint's forward settings, then retry; Enter shows the capture."));
}
