#include "ui/endpoints/EndpointListModel.h"

#include "ui/endpoints/EndpointValidator.h"

#include <QBrush>

EndpointListModel::EndpointListModel(QObject *parent) : QAbstractTableModel(parent) {}

void EndpointListModel::setEndpoints(const QList<EndpointConfig> &endpoints)
{
    beginResetModel();
    m_endpoints = endpoints;
    m_rows.clear();
    for (const EndpointConfig &e : endpoints)
        m_rows.append({m_nextKey++, e.id});
    endResetModel();
}

void EndpointListModel::setEndpoint(int row, const EndpointConfig &endpoint)
{
    const EndpointConfig old = m_endpoints.at(row);
    m_endpoints[row] = endpoint;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (old.id != endpoint.id || old.path != endpoint.path)
        problemsMayHaveChanged();
}

int EndpointListModel::insertEndpoint(int row, const EndpointConfig &endpoint)
{
    row = qBound(0, row, int(m_endpoints.size()));
    beginInsertRows({}, row, row);
    m_endpoints.insert(row, endpoint);
    m_rows.insert(row, {m_nextKey++, QString()});
    endInsertRows();
    problemsMayHaveChanged();
    return row;
}

void EndpointListModel::removeEndpoint(int row)
{
    beginRemoveRows({}, row, row);
    m_endpoints.removeAt(row);
    m_rows.removeAt(row);
    endRemoveRows();
    problemsMayHaveChanged();
}

int EndpointListModel::rowOfKey(quint64 key) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key == key)
            return i;
    }
    return -1;
}

int EndpointListModel::rowOfId(const QString &id) const
{
    for (int i = 0; i < m_endpoints.size(); ++i) {
        if (m_endpoints.at(i).id == id)
            return i;
    }
    return -1;
}

bool EndpointListModel::isValid() const
{
    for (int i = 0; i < m_endpoints.size(); ++i) {
        if (!EndpointValidator::problem(m_endpoints, i).isEmpty())
            return false;
    }
    return true;
}

int EndpointListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_endpoints.size());
}

int EndpointListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EndpointListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EndpointConfig &e = m_endpoints.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case IdColumn:
            return e.id;
        case PathColumn:
            return e.path;
        case ProviderColumn:
            return e.provider;
        }
        return {};
    case Qt::ToolTipRole:
    case ProblemRole:
        return EndpointValidator::problem(m_endpoints, index.row());
    case Qt::ForegroundRole:
        if (EndpointValidator::problem(m_endpoints, index.row()).isEmpty())
            return {};
        return QBrush(Qt::red);
    case KeyRole:
        return m_rows.at(index.row()).key;
    }
    return {};
}

bool EndpointListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    EndpointConfig e = m_endpoints.at(index.row());
    switch (index.column()) {
    case IdColumn:
        e.id = value.toString();
        break;
    case PathColumn:
        e.path = value.toString();
        break;
    case ProviderColumn:
        e.provider = value.toString();
        break;
    default:
        return false;
    }
    setEndpoint(index.row(), e);
    return true;
}

Qt::ItemFlags EndpointListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QVariant EndpointListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Id");
    case PathColumn:
        return tr("Path");
    case ProviderColumn:
        return tr("Provider");
    }
    return {};
}

void EndpointListModel::problemsMayHaveChanged()
{
    if (m_endpoints.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, 0), index(int(m_endpoints.size()) - 1, ColumnCount - 1),
                       {Qt::ToolTipRole, Qt::ForegroundRole, ProblemRole});
}
