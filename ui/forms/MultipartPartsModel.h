#pragma once

#include "core/capture/MultipartBody.h"
#include "ui/raw/ByteSpanMetaType.h"

#include <QAbstractTableModel>
#include <QList>

// The parts of a multipart body, in body order. Spans are offsets in the (transfer-decoded) body,
// as MultipartBody reports them.
class MultipartPartsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        FileNameColumn,
        ContentTypeColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role
    {
        SpanRole = Qt::UserRole + 1, // ByteSpan from the part's first header byte to its body's end
        BodySpanRole,                // ByteSpan of the part's content alone
    };

    explicit MultipartPartsModel(QObject *parent = nullptr);

    void setParts(const QList<MultipartBody::Part> &parts);
    const QList<MultipartBody::Part> &parts() const { return m_parts; }

    static ByteSpan partSpan(const MultipartBody::Part &part);
    // Row whose header+body span holds the body byte at `bodyOffset`; -1 for boundaries and
    // outside.
    int rowForOffset(qint64 bodyOffset) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const MultipartBody::Part &part, int column) const;
    QString toolTip(const MultipartBody::Part &part) const;

    QList<MultipartBody::Part> m_parts;
};
