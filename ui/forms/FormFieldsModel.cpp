#include "ui/forms/FormFieldsModel.h"

#include <algorithm>

FormFieldsModel::FormFieldsModel(QObject *parent) : QAbstractTableModel(parent) {}

void FormFieldsModel::setFields(const QList<FormFields::Field> &fields)
{
    beginResetModel();
    m_fields = fields;
    endResetModel();
}

ByteSpan FormFieldsModel::fieldSpan(const FormFields::Field &field)
{
    // An empty value ("a=") still ends after its '=', and a field without '=' ends with its name,
    // so the larger end is the one that covers what was sent.
    const qint64 end = std::max(field.nameSpan.end(), field.valueSpan.end());
    return {field.nameSpan.offset, end - field.nameSpan.offset};
}

int FormFieldsModel::rowForOffset(qint64 bodyOffset) const
{
    for (int row = 0; row < m_fields.size(); ++row)
        if (fieldSpan(m_fields[row]).contains(bodyOffset))
            return row;
    return -1;
}

int FormFieldsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

int FormFieldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FormFieldsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FormFields::Field &field = m_fields[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return index.column() == NameColumn ? field.name : field.value;
    case SpanRole:
        return QVariant::fromValue(fieldSpan(field));
    default:
        return {};
    }
}

QVariant FormFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}
