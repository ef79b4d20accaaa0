#include "ui/compare/HeaderCompareModel.h"

#include <QColor>
#include <QFont>

HeaderCompareModel::HeaderCompareModel(QObject *parent) : QAbstractTableModel(parent) {}

void HeaderCompareModel::setHeaders(const QList<HeaderField> &left, const QList<HeaderField> &right,
                                    const HeaderDiff &diff)
{
    beginResetModel();
    m_left = left;
    m_right = right;
    m_diff = diff;
    endResetModel();
}

int HeaderCompareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_diff.rows().size());
}

int HeaderCompareModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HeaderCompareModel::changeText(const HeaderDiff::Row &row)
{
    QStringList parts;
    switch (row.change) {
    case HeaderDiff::Change::Same:
        parts.append(tr("same"));
        break;
    case HeaderDiff::Change::ValueChanged:
        parts.append(tr("value changed"));
        break;
    case HeaderDiff::Change::Added:
        parts.append(tr("added"));
        break;
    case HeaderDiff::Change::Removed:
        parts.append(tr("removed"));
        break;
    }
    if (row.recased)
        parts.append(tr("re-cased"));
    if (row.moved)
        parts.append(tr("moved"));
    if (row.duplicate)
        parts.append(tr("repeated"));
    return parts.join(QStringLiteral(" · "));
}

QVariant HeaderCompareModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_diff.rows().size())
        return {};
    const HeaderDiff::Row &row = m_diff.rows().at(index.row());
    const HeaderField *left = row.left >= 0 ? &m_left.at(row.left) : nullptr;
    const HeaderField *right = row.right >= 0 ? &m_right.at(row.right) : nullptr;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case LeftNameColumn:
            return left ? QString::fromUtf8(left->name) : QString();
        case LeftValueColumn:
            return left ? QString::fromUtf8(left->value) : QString();
        case RightNameColumn:
            return right ? QString::fromUtf8(right->name) : QString();
        case RightValueColumn:
            return right ? QString::fromUtf8(right->value) : QString();
        case ChangeColumn:
            return changeText(row);
        }
        return {};
    case Qt::BackgroundRole:
        switch (row.change) {
        case HeaderDiff::Change::Same:
            return (row.recased || row.moved) ? QVariant(QColor(0xe8, 0xe8, 0xff)) : QVariant();
        case HeaderDiff::Change::ValueChanged:
            return QColor(0xff, 0xf0, 0xb0);
        case HeaderDiff::Change::Added:
            return QColor(0xd4, 0xf7, 0xd4);
        case HeaderDiff::Change::Removed:
            return QColor(0xff, 0xd8, 0xd8);
        }
        return {};
    case Qt::FontRole:
        if (row.recased &&
            (index.column() == LeftNameColumn || index.column() == RightNameColumn)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case ChangeRole:
        return int(row.change);
    case RecasedRole:
        return row.recased;
    case MovedRole:
        return row.moved;
    case DuplicateRole:
        return row.duplicate;
    }
    return {};
}

QVariant HeaderCompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LeftNameColumn:
        return tr("Left name");
    case LeftValueColumn:
        return tr("Left value");
    case RightNameColumn:
        return tr("Right name");
    case RightValueColumn:
        return tr("Right value");
    case ChangeColumn:
        return tr("Change");
    }
    return {};
}
