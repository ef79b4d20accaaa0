#include "ui/forms/MultipartPartsModel.h"

#include <algorithm>

MultipartPartsModel::MultipartPartsModel(QObject *parent) : QAbstractTableModel(parent) {}

void MultipartPartsModel::setParts(const QList<MultipartBody::Part> &parts)
{
    beginResetModel();
    m_parts = parts;
    endResetModel();
}

ByteSpan MultipartPartsModel::partSpan(const MultipartBody::Part &part)
{
    // A part may legally have no headers; then its span starts with its content.
    const qint64 start = part.headerSpan.isEmpty() ? part.bodySpan.offset : part.headerSpan.offset;
    const qint64 end = std::max(part.headerSpan.end(), part.bodySpan.end());
    return {start, end - start};
}

int MultipartPartsModel::rowForOffset(qint64 bodyOffset) const
{
    for (int row = 0; row < m_parts.size(); ++row)
        if (partSpan(m_parts[row]).contains(bodyOffset))
            return row;
    return -1;
}

int MultipartPartsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_parts.size());
}

int MultipartPartsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MultipartPartsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MultipartBody::Part &part = m_parts[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return display(part, index.column());
    case Qt::ToolTipRole:
        return toolTip(part);
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter); // an int is what every view accepts
        return {};
    case SpanRole:
        return QVariant::fromValue(partSpan(part));
    case BodySpanRole:
        return QVariant::fromValue(part.bodySpan);
    default:
        return {};
    }
}

QVariant MultipartPartsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case FileNameColumn:
        return tr("File name");
    case ContentTypeColumn:
        return tr("Content-Type");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

QVariant MultipartPartsModel::display(const MultipartBody::Part &part, int column) const
{
    switch (column) {
    case NameColumn:
        return part.name;
    case FileNameColumn:
        return part.fileName;
    case ContentTypeColumn:
        return QString::fromLatin1(part.contentType);
    case SizeColumn:
        // A number rather than "1.2 KB": exact byte counts are the point, and it sorts correctly.
        return part.bodySpan.length;
    default:
        return {};
    }
}

QString MultipartPartsModel::toolTip(const MultipartBody::Part &part) const
{
    QStringList lines;
    for (const auto &header : part.headers)
        lines.append(QString::fromLatin1(header.first + ": " + header.second));
    return lines.join(QLatin1Char('\n'));
}
