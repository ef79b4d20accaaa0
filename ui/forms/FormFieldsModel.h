#pragma once

#include "core/capture/FormFields.h"
#include "ui/raw/ByteSpanMetaType.h"

#include <QAbstractTableModel>
#include <QList>

// The decoded fields of an application/x-www-form-urlencoded body, in body order. Spans are
// offsets in the (transfer-decoded) body, as FormFields reports them.
class FormFieldsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        ValueColumn,
        ColumnCount
    };
    enum Role
    {
        SpanRole = Qt::UserRole + 1, // ByteSpan from the first byte of the name to the value's end
    };

    explicit FormFieldsModel(QObject *parent = nullptr);

    void setFields(const QList<FormFields::Field> &fields);
    const QList<FormFields::Field> &fields() const { return m_fields; }

    // The "name=value" span of a field, '=' included.
    static ByteSpan fieldSpan(const FormFields::Field &field);
    // Row whose field span holds the body byte at `bodyOffset`; -1 for separators and outside.
    int rowForOffset(qint64 bodyOffset) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<FormFields::Field> m_fields;
};
