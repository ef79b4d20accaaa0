#pragma once

#include "core/capture/HeaderField.h"
#include "core/compare/HeaderDiff.h"

#include <QAbstractTableModel>

// Two header lists side by side, one row per aligned pair (HeaderDiff): names as sent (case
// kept), values, and what changed; added, removed and changed rows are coloured.
class HeaderCompareModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        LeftNameColumn,
        LeftValueColumn,
        RightNameColumn,
        RightValueColumn,
        ChangeColumn,
        ColumnCount
    };
    enum Role
    {
        ChangeRole = Qt::UserRole + 1, // HeaderDiff::Change as int
        RecasedRole,                   // bool
        MovedRole,                     // bool
        DuplicateRole                  // bool
    };

    explicit HeaderCompareModel(QObject *parent = nullptr);

    void setHeaders(const QList<HeaderField> &left, const QList<HeaderField> &right,
                    const HeaderDiff &diff);
    const HeaderDiff &diff() const { return m_diff; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString changeText(const HeaderDiff::Row &row); // "value changed · re-cased"

private:
    QList<HeaderField> m_left;
    QList<HeaderField> m_right;
    HeaderDiff m_diff;
};
