#pragma once

#include "core/compare/JsonDiff.h"

#include <QAbstractTableModel>

// The differences JsonDiff found, one a row: JSON Pointer, kind, left value, right value.
class JsonDifferenceModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        PointerColumn,
        KindColumn,
        LeftColumn,
        RightColumn,
        ColumnCount
    };
    static constexpr int KindRole = Qt::UserRole + 1; // JsonDiff::Kind as int

    explicit JsonDifferenceModel(QObject *parent = nullptr);

    void setDiff(const JsonDiff &diff);
    const JsonDiff::Difference &difference(int row) const { return m_diff.differences().at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    JsonDiff m_diff;
};
