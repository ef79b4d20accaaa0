#pragma once

#include "core/capture/HeaderField.h"
#include "ui/raw/ByteSpanMetaType.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

// The header lines of one request, in the order they were sent, with their original casing.
// Repeated names (compared case-insensitively, as HTTP does) stay separate rows and say so in
// their tooltip, because which copy a receiver reads is often the bug being looked for.
class HeadersModel : public QAbstractTableModel
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
        SpanRole = Qt::UserRole + 1, // ByteSpan of the whole line in the raw request
        OccurrencesRole,             // int: how many lines carry this name
    };

    explicit HeadersModel(QObject *parent = nullptr);

    void setHeaders(const QList<HeaderField> &headers);
    const QList<HeaderField> &headers() const { return m_headers; }

    // Row of the header line holding the raw byte at `rawOffset` (its line break included);
    // -1 when the byte is not in a header line.
    int rowForOffset(qint64 rawOffset) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    int occurrences(int row) const;
    int occurrenceNumber(int row) const;
    QString toolTip(int row) const;

    QList<HeaderField> m_headers;
    QHash<QByteArray, int> m_nameCounts; // keyed by lower-cased name
};
