#pragma once

#include "core/rules/RuleSet.h"
#include "ui/forward/RuleVerdicts.h"

#include <QAbstractTableModel>
#include <QVector>

// The Rules tab's table: a row per rule that matches, a row per reason for one that does not
// (the pattern's path, what it expects, what the event holds there, and a hint for a near
// miss), and a row for a rule whose pattern is refused.
class RuleVerdictModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        RuleColumn,
        VerdictColumn,
        PathColumn,
        ExpectedColumn,
        FoundColumn,
        HintColumn,
        ColumnCount
    };
    enum Role
    {
        EventPointerRole = Qt::UserRole + 1 // where in the event the miss is
    };

    explicit RuleVerdictModel(QObject *parent = nullptr);

    void setVerdicts(const RuleSet &rules, const RuleVerdicts &verdicts);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        QString rule;
        QString verdict;
        QString path;
        QString expected;
        QString found;
        QString hint;
        QString pointer;
    };
    QVector<Row> m_rows;
};
