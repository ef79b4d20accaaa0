#include "ui/forward/ResendHeaderTable.h"

#include <QHeaderView>
#include <QSet>

namespace {

constexpr int BytesRole = Qt::UserRole;

} // namespace

ResendHeaderTable::ResendHeaderTable(QWidget *parent) : QTableWidget(0, 2, parent)
{
    setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                    QAbstractItemView::AnyKeyPressed);
}

QTableWidgetItem *ResendHeaderTable::cell(const QByteArray &bytes) const
{
    auto *item = new QTableWidgetItem(QString::fromUtf8(bytes));
    item->setData(BytesRole, bytes);
    return item;
}

QByteArray ResendHeaderTable::bytesOf(const QTableWidgetItem *item)
{
    if (!item)
        return {};
    const QByteArray loaded = item->data(BytesRole).toByteArray();
    // Unchanged text: the bytes as loaded (a Latin-1 value would not survive UTF-8).
    if (!item->data(BytesRole).isNull() && item->text() == QString::fromUtf8(loaded))
        return loaded;
    return item->text().toUtf8();
}

void ResendHeaderTable::setHeaders(const ResendPlan::Headers &headers)
{
    setRowCount(0);
    setRowCount(int(headers.size()));
    for (int row = 0; row < headers.size(); ++row) {
        setItem(row, 0, cell(headers.at(row).first));
        setItem(row, 1, cell(headers.at(row).second));
    }
    resizeColumnToContents(0);
}

ResendPlan::Headers ResendHeaderTable::headers() const
{
    ResendPlan::Headers out;
    for (int row = 0; row < rowCount(); ++row) {
        const QByteArray name = bytesOf(item(row, 0)).trimmed();
        const QByteArray value = bytesOf(item(row, 1)).trimmed();
        if (!name.isEmpty() || !value.isEmpty())
            out.append({name, value});
    }
    return out;
}

void ResendHeaderTable::addRow()
{
    const int row = rowCount();
    insertRow(row);
    setItem(row, 0, new QTableWidgetItem);
    setItem(row, 1, new QTableWidgetItem);
    setCurrentCell(row, 0);
    editItem(item(row, 0));
}

void ResendHeaderTable::removeSelectedRows()
{
    QSet<int> rows;
    for (const QModelIndex &index : selectionModel()->selectedIndexes())
        rows.insert(index.row());
    if (rows.isEmpty() && currentRow() >= 0)
        rows.insert(currentRow());
    QList<int> ordered(rows.begin(), rows.end());
    std::sort(ordered.begin(), ordered.end(), std::greater<int>());
    for (const int row : ordered)
        removeRow(row);
}
