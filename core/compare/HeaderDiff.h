#pragma once

#include "core/capture/HeaderField.h"

#include <QList>
#include <QString>
#include <QVector>

// Two header lists aligned as sent: the longest common subsequence of their names (compared
// case-insensitively, duplicates as separate lines), then the names left over on both sides
// paired up as moved. Every header of either side is in exactly one row.
class HeaderDiff
{
public:
    enum class Change
    {
        Same,         // same name and value
        ValueChanged, // same name (perhaps in other letters' case), another value
        Removed,      // only on the left
        Added         // only on the right
    };
    struct Row
    {
        int left = -1; // index into the left headers; -1 when the row is an addition
        int right = -1;
        Change change = Change::Same;
        bool recased = false;   // the name's letters differ in case only ("x-id" vs "X-Id")
        bool moved = false;     // paired out of order: the header changed its place
        bool duplicate = false; // its name occurs more than once on one of the sides
    };

    static HeaderDiff compare(const QList<HeaderField> &left, const QList<HeaderField> &right);

    const QVector<Row> &rows() const { return m_rows; }
    bool identical() const; // same names, case, values and order
    int count(Change change) const;
    int recasedCount() const;
    int movedCount() const;
    QStringList duplicateNames() const; // lower case, each once, in order of first row
    QString summary() const; // "Identical headers" or "1 changed, 2 added, 1 re-cased, 1 moved"

private:
    QVector<Row> m_rows;
    QStringList m_duplicates;
};
