#include "ui/list/RequestListView.h"

#include "ui/list/RequestListModel.h"

#include <QContextMenuEvent>
#include <QEvent>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QTimer>

namespace {

int sectionOf(const CaptureOrder &order)
{
    switch (order.key) {
    case CaptureOrder::Key::Time:
        return RequestListModel::TimeColumn;
    case CaptureOrder::Key::Status:
        return RequestListModel::StatusColumn;
    case CaptureOrder::Key::Size:
        return RequestListModel::SizeColumn;
    case CaptureOrder::Key::Verdict:
        return RequestListModel::VerdictColumn;
    case CaptureOrder::Key::Bookmark:
        return RequestListModel::BookmarkColumn;
    case CaptureOrder::Key::Arrival:
        break;
    }
    return -1;
}

} // namespace

RequestListView::RequestListView(RequestListModel *model, QWidget *parent)
    : QTableView(parent), m_model(model), m_save(new QTimer(this))
{
    setModel(model);
    m_model->setPalette(palette());
    QHeaderView *header = horizontalHeader();
    header->setSectionsMovable(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(-1, Qt::AscendingOrder); // arrival order
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &at) { columnMenu()->popup(horizontalHeader()->mapToGlobal(at)); });
    connect(header, &QHeaderView::sectionClicked, this, &RequestListView::onSectionClicked);
    // Every change of the header is saved (a drag of a section's edge once it settles).
    m_save->setSingleShot(true);
    m_save->setInterval(400);
    connect(m_save, &QTimer::timeout, this, [this] {
        if (!m_key.isEmpty())
            QSettings().setValue(m_key, columnState());
    });
    connect(header, &QHeaderView::sectionMoved, this, &RequestListView::saveSoon);
    connect(header, &QHeaderView::sectionResized, this, &RequestListView::saveSoon);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &RequestListView::saveSoon);
    // a rule filter shows arrival order; the sort chosen comes back with the filter's end
    connect(m_model, &RequestListModel::countsChanged, this, &RequestListView::showSortOf);
}

void RequestListView::saveSoon()
{
    if (!m_key.isEmpty())
        m_save->start();
}

QByteArray RequestListView::columnState() const
{
    return horizontalHeader()->saveState();
}

void RequestListView::restoreColumns(const QString &key)
{
    m_key = key;
    const QByteArray state = QSettings().value(key).toByteArray();
    QHeaderView *header = horizontalHeader();
    if (!state.isEmpty() && header->restoreState(state))
        m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

void RequestListView::onSectionClicked(int section)
{
    QHeaderView *header = horizontalHeader();
    if (!RequestListModel::isSortable(section)) {
        showSortOf(); // the click moved the indicator: put it back
        return;
    }
    const CaptureOrder now = m_model->order();
    // a second click on the sorted column turns the order round
    const Qt::SortOrder order =
        sectionOf(now) == section && !now.descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    m_model->sort(section, order);
    header->setSortIndicator(section, order);
}

void RequestListView::showSortOf()
{
    const CaptureOrder applied = m_model->appliedOrder();
    const int section = sectionOf(applied);
    QHeaderView *header = horizontalHeader();
    const Qt::SortOrder order = applied.descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    if (header->sortIndicatorSection() != section || header->sortIndicatorOrder() != order) {
        const QSignalBlocker quiet(header); // shown, not chosen: nothing to save
        header->setSortIndicator(section, order);
        header->viewport()->update();
    }
}

QMenu *RequestListView::columnMenu()
{
    if (!m_menu)
        m_menu = new QMenu(tr("Columns"), this);
    m_menu->clear();
    QHeaderView *header = horizontalHeader();
    int visible = 0;
    for (int section = 0; section < header->count(); ++section)
        visible += header->isSectionHidden(section) ? 0 : 1;
    // in the order the sections are shown
    for (int visual = 0; visual < header->count(); ++visual) {
        const int section = header->logicalIndex(visual);
        QAction *a = m_menu->addAction(
            m_model->headerData(section, Qt::Horizontal, Qt::DisplayRole).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(section));
        a->setData(section);
        a->setEnabled(header->isSectionHidden(section) || visible > 1); // one stays
        connect(a, &QAction::toggled, this, [this, section](bool on) {
            horizontalHeader()->setSectionHidden(section, !on);
            saveSoon();
        });
    }
    m_menu->addSeparator();
    m_menu->addAction(tr("Show All Columns"), this, [this] {
        for (int section = 0; section < horizontalHeader()->count(); ++section)
            horizontalHeader()->setSectionHidden(section, false);
        saveSoon();
    });
    return m_menu;
}

void RequestListView::changeEvent(QEvent *event)
{
    QTableView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
}
