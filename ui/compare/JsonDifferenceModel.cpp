#include "ui/compare/JsonDifferenceModel.h"

#include <QColor>

JsonDifferenceModel::JsonDifferenceModel(QObject *parent) : QAbstractTableModel(parent) {}

void JsonDifferenceModel::setDiff(const JsonDiff &diff)
{
    beginResetModel();
    m_diff = diff;
    endResetModel();
}

int JsonDifferenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_diff.differences().size());
}

int JsonDifferenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JsonDifferenceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_diff.differences().size())
        return {};
    const JsonDiff::Difference &d = m_diff.differences().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case PointerColumn:
            return d.pointer.isEmpty() ? tr("(the document)") : d.pointer;
        case KindColumn:
            return JsonDiff::kindName(d.kind);
        case LeftColumn:
            return QString::fromUtf8(d.left);
        case RightColumn:
            return QString::fromUtf8(d.right);
        }
        return {};
    case Qt::BackgroundRole:
        switch (d.kind) {
        case JsonDiff::Kind::ValueChanged:
        case JsonDiff::Kind::TypeChanged:
            return QColor(0xff, 0xf0, 0xb0);
        case JsonDiff::Kind::Added:
            return QColor(0xd4, 0xf7, 0xd4);
        case JsonDiff::Kind::Removed:
            return QColor(0xff, 0xd8, 0xd8);
        default:
            return QColor(0xe8, 0xe8, 0xff); // layout only: the values are the same
        }
    case KindRole:
        return int(d.kind);
    }
    return {};
}

QVariant JsonDifferenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PointerColumn:
        return tr("Pointer");
    case KindColumn:
        return tr("Difference");
    case LeftColumn:
        return tr("Left");
    case RightColumn:
        return tr("Right");
    }
    return {};
}
