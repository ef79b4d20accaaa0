#include "ui/endpoints/ResponsePage.h"

#include "ui/endpoints/EditorWidgets.h"
#include "ui/endpoints/ResponseHeadersModel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace {
constexpr int MaxDelayMs = 600000;
}

ResponsePage::ResponsePage(QWidget *parent) : QGroupBox(tr("Response"), parent)
{
    m_status = new QSpinBox(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setRange(100, 599);
    m_headerModel = new ResponseHeadersModel(this);
    m_headerView = new QTableView(this);
    m_headerView->setObjectName(QStringLiteral("responseHeaders"));
    m_headerView->setModel(m_headerModel);
    m_headerView->verticalHeader()->hide();
    m_headerView->horizontalHeader()->setStretchLastSection(true);
    m_headerView->setMaximumHeight(110);
    auto *addHeader = EditorWidgets::button(tr("Add &Header"), "addHeader", this);
    auto *removeHeader = EditorWidgets::button(tr("Remove Header"), "removeHeader", this);
    connect(addHeader, &QPushButton::clicked, this, [this] {
        const int row = m_headerModel->appendHeader();
        m_headerView->setCurrentIndex(m_headerModel->index(row, 0));
        m_headerView->edit(m_headerView->currentIndex());
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_headerView->currentIndex();
        if (current.isValid())
            m_headerModel->removeRows(current.row(), 1);
    });
    auto *headerButtons = new QHBoxLayout;
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch();
    auto *headers = new QWidget(this);
    auto *headersLayout = new QVBoxLayout(headers);
    headersLayout->setContentsMargins(0, 0, 0, 0);
    headersLayout->addWidget(m_headerView);
    headersLayout->addLayout(headerButtons);

    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setMaximumHeight(100);
    m_body->setTabChangesFocus(true);
    m_delay = new QSpinBox(this);
    m_delay->setObjectName(QStringLiteral("delay"));
    m_delay->setRange(0, MaxDelayMs);
    m_delay->setSuffix(tr(" ms"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Status:"), m_status);
    form->addRow(tr("Headers:"), headers);
    form->addRow(tr("&Body:"), m_body);
    form->addRow(tr("Dela&y:"), m_delay);

    auto changedUnlessLoading = [this] {
        if (!m_loading)
            Q_EMIT changed();
    };
    for (QSpinBox *spin : {m_status, m_delay})
        connect(spin, &QSpinBox::valueChanged, this, changedUnlessLoading);
    connect(m_body, &QPlainTextEdit::textChanged, this, changedUnlessLoading);
    connect(m_headerModel, &QAbstractItemModel::dataChanged, this, changedUnlessLoading);
    connect(m_headerModel, &QAbstractItemModel::rowsRemoved, this, changedUnlessLoading);
}

void ResponsePage::load(const EndpointConfig &e)
{
    m_loading = true;
    m_status->setValue(e.response.status);
    m_headerModel->setHeaders(e.response.headers);
    m_body->setPlainText(QString::fromUtf8(e.response.body));
    m_delay->setValue(e.response.delayMs);
    m_loading = false;
}

void ResponsePage::store(EndpointConfig *e) const
{
    e->response.status = m_status->value();
    e->response.headers = m_headerModel->headers();
    e->response.body = m_body->toPlainText().toUtf8();
    e->response.delayMs = m_delay->value();
}
