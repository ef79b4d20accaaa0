#include "ui/endpoints/ResponseHeadersModel.h"

ResponseHeadersModel::ResponseHeadersModel(QObject *parent) : QAbstractTableModel(parent) {}

void ResponseHeadersModel::setHeaders(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

QList<QPair<QByteArray, QByteArray>> ResponseHeadersModel::headers() const
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (const auto &h : m_headers) {
        if (!h.first.isEmpty())
            out.append(h);
    }
    return out;
}

int ResponseHeadersModel::appendHeader()
{
    const int row = int(m_headers.size());
    beginInsertRows({}, row, row);
    m_headers.append(QPair<QByteArray, QByteArray>());
    endInsertRows();
    return row;
}

int ResponseHeadersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

int ResponseHeadersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResponseHeadersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const auto &h = m_headers.at(index.row());
    return QString::fromUtf8(index.column() == NameColumn ? h.first : h.second);
}

bool ResponseHeadersModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    auto &h = m_headers[index.row()];
    // A header name carries no surrounding whitespace on the wire; a value keeps what was typed.
    if (index.column() == NameColumn)
        h.first = value.toString().trimmed().toUtf8();
    else
        h.second = value.toString().toUtf8();
    Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    return true;
}

Qt::ItemFlags ResponseHeadersModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QVariant ResponseHeadersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == NameColumn ? tr("Name") : tr("Value");
}

bool ResponseHeadersModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_headers.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_headers.remove(row, count);
    endRemoveRows();
    return true;
}
