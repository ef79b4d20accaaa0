#include "ui/endpoints/HttpTargetsModel.h"

#include "core/config/ForwardConfigJson.h"

#include <QBrush>
#include <QColor>

namespace {

QStringList globsOf(const QString &text)
{
    QStringList globs;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString glob = part.trimmed();
        if (!glob.isEmpty())
            globs.append(glob);
    }
    return globs;
}

} // namespace

QUrl HttpTargetsModel::urlOf(const QString &text)
{
    return QUrl(text, QUrl::TolerantMode);
}

QString HttpTargetsModel::urlProblem(const QString &text)
{
    // The URL as it will be written, checked as the loader will read it.
    return ForwardConfigJson::urlProblem(urlOf(text).toString());
}

HttpTargetsModel::HttpTargetsModel(QObject *parent) : QAbstractTableModel(parent) {}

void HttpTargetsModel::setTargets(const QList<HttpForwardTarget> &targets)
{
    beginResetModel();
    m_rows.clear();
    for (const HttpForwardTarget &t : targets)
        m_rows.append({t.url.toString(), t});
    endResetModel();
}

QList<HttpForwardTarget> HttpTargetsModel::targets() const
{
    QList<HttpForwardTarget> out;
    for (const Row &row : m_rows) {
        HttpForwardTarget t = row.target;
        t.url = urlOf(row.urlText);
        out.append(t);
    }
    return out;
}

int HttpTargetsModel::appendTarget()
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({QStringLiteral("http://localhost:3000/webhook"), HttpForwardTarget{}});
    endInsertRows();
    return row;
}

QString HttpTargetsModel::problem() const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        const QString p = urlProblem(m_rows.at(i).urlText);
        if (!p.isEmpty())
            return tr("Target %1, URL: %2").arg(i + 1).arg(p);
    }
    return {};
}

int HttpTargetsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HttpTargetsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool *HttpTargetsModel::flag(Row &row, int column)
{
    switch (column) {
    case Proxy:
        return &row.target.proxy;
    case Resign:
        return &row.target.resign;
    case KeepHost:
        return &row.target.keepHost;
    default:
        return nullptr;
    }
}

QVariant HttpTargetsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    Row row = m_rows.at(index.row());
    if (bool *f = flag(row, index.column())) {
        if (role == Qt::CheckStateRole)
            return *f ? Qt::Checked : Qt::Unchecked;
        return {};
    }
    const bool text = role == Qt::DisplayRole || role == Qt::EditRole;
    switch (index.column()) {
    case Url:
        if (text)
            return row.urlText;
        if (role == Qt::ForegroundRole && !urlProblem(row.urlText).isEmpty())
            return QBrush(QColor(0xc0, 0, 0));
        if (role == Qt::ToolTipRole)
            return urlProblem(row.urlText);
        return {};
    case Types:
        if (role == Qt::DisplayRole && row.target.types.isEmpty())
            return tr("every event");
        if (text)
            return row.target.types.join(QStringLiteral(", "));
        return {};
    case Timeout:
        if (role == Qt::DisplayRole)
            return tr("%1 ms").arg(row.target.timeoutMs);
        if (role == Qt::EditRole)
            return row.target.timeoutMs;
        return {};
    default:
        return {};
    }
}

QVariant HttpTargetsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Url:
        return tr("URL");
    case Types:
        return tr("Event types");
    case Proxy:
        return tr("Proxy");
    case Resign:
        return tr("Re-sign");
    case KeepHost:
        return tr("Keep Host");
    case Timeout:
        return tr("Timeout");
    default:
        return {};
    }
}

Qt::ItemFlags HttpTargetsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Row row = m_rows.at(index.row());
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return flag(row, index.column()) ? base | Qt::ItemIsUserCheckable : base | Qt::ItemIsEditable;
}

bool HttpTargetsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return false;
    Row &row = m_rows[index.row()];
    if (bool *f = flag(row, index.column())) {
        if (role != Qt::CheckStateRole)
            return false;
        *f = value.toInt() == Qt::Checked;
    } else if (role != Qt::EditRole) {
        return false;
    } else if (index.column() == Url) {
        row.urlText = value.toString().trimmed();
    } else if (index.column() == Types) {
        row.target.types = globsOf(value.toString());
    } else if (index.column() == Timeout) {
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (!ok || ms < 1 || ms > 600000) // as the config loader accepts
            return false;
        row.target.timeoutMs = ms;
    } else {
        return false;
    }
    Q_EMIT dataChanged(index, index);
    return true;
}

bool HttpTargetsModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size())
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    return true;
}
