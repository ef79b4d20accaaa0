#include "ui/forward/DeliveryTimeline.h"

#include "ui/forward/DeliveryTimelineModel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

DeliveryTimeline::DeliveryTimeline(QWidget *parent)
    : QWidget(parent), m_model(new DeliveryTimelineModel(this)), m_view(new QTableView(this)),
      m_responseLabel(new QLabel(this)), m_response(new QPlainTextEdit(this))
{
    m_view->setObjectName(QStringLiteral("deliveryTimeline"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(DeliveryTimelineModel::DetailColumn,
                                                     QHeaderView::Stretch);
    m_view->setWordWrap(false);
    m_response->setObjectName(QStringLiteral("forwardResponse"));
    m_response->setReadOnly(true);
    m_response->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_response->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *below = new QWidget(this);
    auto *belowLayout = new QVBoxLayout(below);
    belowLayout->setContentsMargins(0, 0, 0, 0);
    belowLayout->addWidget(m_responseLabel);
    belowLayout->addWidget(m_response, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(below);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showResponseOf(current.row()); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        showResponseOf(m_view->currentIndex().row()); // a live outcome of the selected forward
    });
    showResponseOf(-1);
}

void DeliveryTimeline::setStorePath(const QString &path)
{
    m_model->setStorePath(path);
}

void DeliveryTimeline::setCapture(const CaptureSummary &summary)
{
    m_model->setCapture(summary);
    m_view->resizeColumnToContents(DeliveryTimelineModel::StepColumn);
    // the first forward with an answer to show, else none
    int row = -1;
    for (int r = DeliveryTimelineModel::FixedRows; r < m_model->rowCount() && row < 0; ++r) {
        if (!m_model->index(r, 0).data(DeliveryTimelineModel::ResponseRole).toByteArray().isEmpty())
            row = r;
    }
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
    showResponseOf(row);
}

void DeliveryTimeline::clear()
{
    m_model->clear();
    showResponseOf(-1);
}

void DeliveryTimeline::applyEntry(const OutboxEntry &entry)
{
    m_model->applyEntry(entry);
}

void DeliveryTimeline::onRequeued(const QVector<qint64> &captureIds, bool allDead)
{
    if (m_model->captureId() != 0 && (allDead || captureIds.contains(m_model->captureId())))
        m_model->reload();
}

void DeliveryTimeline::showResponseOf(int row)
{
    const OutboxEntry *e = m_model->entryAt(row);
    if (!e) {
        m_responseLabel->setText(tr("Select a forward to the local app to see its answer."));
        m_response->clear();
        return;
    }
    if (e->response.isEmpty()) {
        m_responseLabel->setText(e->kind == QLatin1String("eventbridge")
                                     ? tr("PutEvents answers with an EventId, shown above.")
                                     : tr("No answer recorded for this forward yet."));
        m_response->clear();
        return;
    }
    m_responseLabel->setText(
        tr("The local app's answer (HTTP %1, %2 ms):").arg(e->httpStatus).arg(e->elapsedMs));
    m_response->setPlainText(QString::fromUtf8(e->response));
}
