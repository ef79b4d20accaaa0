#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QList>
#include <QPair>

// The headers an endpoint answers with, as an editable name/value table.
class ResponseHeadersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        ValueColumn,
        ColumnCount
    };

    explicit ResponseHeadersModel(QObject *parent = nullptr);

    void setHeaders(const QList<QPair<QByteArray, QByteArray>> &headers);
    // Rows without a name are left out: they are a row the user has not filled in yet.
    QList<QPair<QByteArray, QByteArray>> headers() const;
    int appendHeader(); // an empty row to type into; returns its row

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

private:
    QList<QPair<QByteArray, QByteArray>> m_headers;
};
