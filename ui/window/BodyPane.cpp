#include "ui/window/BodyPane.h"

#include "ui/forms/FormFieldsModel.h"
#include "ui/forms/MultipartPartsModel.h"
#include "ui/json/JsonTreeModel.h"
#include "ui/raw/ByteSpanMetaType.h"
#include "ui/raw/ByteView.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->setWordWrap(false);
    return view;
}

} // namespace

BodyPane::BodyPane(QWidget *parent)
    : QWidget(parent), m_status(new QLabel(this)), m_stack(new QStackedWidget(this)),
      m_jsonView(new QTreeView(this)), m_textView(new ByteView(this)),
      m_jsonModel(new JsonTreeModel(this)), m_formModel(new FormFieldsModel(this)),
      m_partsModel(new MultipartPartsModel(this))
{
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_jsonView->setModel(m_jsonModel);
    m_jsonView->setUniformRowHeights(true);
    m_jsonView->setObjectName(QStringLiteral("jsonTree"));
    m_formView = makeTable(m_formModel, this);
    m_partsView = makeTable(m_partsModel, this);
    m_textView->setMode(ByteView::Mode::Text);
    m_stack->addWidget(m_jsonView);
    m_stack->addWidget(m_formView);
    m_stack->addWidget(m_partsView);
    m_stack->addWidget(m_textView);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_stack, 1);

    for (QAbstractItemView *view : {static_cast<QAbstractItemView *>(m_jsonView),
                                    static_cast<QAbstractItemView *>(m_formView),
                                    static_cast<QAbstractItemView *>(m_partsView)}) {
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
                &BodyPane::onCurrentChanged);
    }
    connect(m_textView, &ByteView::byteClicked, this, [this](qint64 offset) {
        Q_EMIT bodySpanSelected({offset, 1});
    });
    clear();
}

void BodyPane::clear()
{
    m_jsonModel->setDocument(nullptr);
    m_formModel->setFields({});
    m_partsModel->setParts({});
    m_textView->setData({});
    m_status->setText(tr("No body"));
    m_stack->setCurrentWidget(m_textView);
}

void BodyPane::show(const BodyAnalysis &a)
{
    clear();
    QStringList notes;
    switch (a.kind) {
    case BodyAnalysis::Kind::Empty:
        notes << tr("No body");
        break;
    case BodyAnalysis::Kind::Json:
        m_jsonModel->setDocument(a.json);
        m_jsonView->expandToDepth(0);
        m_jsonView->resizeColumnToContents(0);
        m_stack->setCurrentWidget(m_jsonView);
        notes << tr("JSON, %n node(s)", nullptr, a.json->nodeCount());
        break;
    case BodyAnalysis::Kind::Form:
        m_formModel->setFields(a.form);
        m_stack->setCurrentWidget(m_formView);
        notes << tr("Form, %n field(s)", nullptr, int(a.form.size()));
        break;
    case BodyAnalysis::Kind::Multipart:
        m_partsModel->setParts(a.multipart.parts);
        m_stack->setCurrentWidget(m_partsView);
        notes << tr("Multipart, %n part(s)", nullptr, int(a.multipart.parts.size()));
        break;
    case BodyAnalysis::Kind::Text:
    case BodyAnalysis::Kind::Binary:
        m_textView->setData(a.body);
        m_textView->setMode(a.kind == BodyAnalysis::Kind::Text ? ByteView::Mode::Text
                                                               : ByteView::Mode::Hex);
        notes << (a.kind == BodyAnalysis::Kind::Text ? tr("Text") : tr("Binary"));
        break;
    }
    if (a.contentDecoded)
        notes << tr("decoded from its Content-Encoding (%1 bytes)").arg(a.body.size());
    if (!a.problem.isEmpty())
        notes << a.problem;
    m_status->setText(notes.join(QStringLiteral(" · ")));
}

void BodyPane::onCurrentChanged(const QModelIndex &index)
{
    if (m_syncing || !index.isValid())
        return;
    // every body model answers Qt::UserRole + 1 with the item's span in the body
    const QVariant span = index.siblingAtColumn(0).data(Qt::UserRole + 1);
    if (span.canConvert<ByteSpan>())
        Q_EMIT bodySpanSelected(span.value<ByteSpan>());
}

ByteSpan BodyPane::selectBodyOffset(qint64 offset)
{
    QAbstractItemView *view = nullptr;
    QModelIndex index;
    if (m_stack->currentWidget() == m_jsonView && m_jsonModel->document()) {
        view = m_jsonView;
        index = m_jsonModel->indexForNode(m_jsonModel->document()->nodeAt(offset));
    } else if (m_stack->currentWidget() == m_formView) {
        view = m_formView;
        index = m_formModel->index(m_formModel->rowForOffset(offset), 0);
    } else if (m_stack->currentWidget() == m_partsView) {
        view = m_partsView;
        index = m_partsModel->index(m_partsModel->rowForOffset(offset), 0);
    }
    if (!view || !index.isValid())
        return {};
    m_syncing = true;
    view->setCurrentIndex(index);
    view->scrollTo(index);
    m_syncing = false;
    return index.data(Qt::UserRole + 1).value<ByteSpan>();
}
