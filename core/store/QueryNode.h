#pragma once

#include <QString>
#include <QVector>

// One node of a parsed filter query (QueryParser): `and`/`or`/`not` over terms. A term is free
// text (field empty) or `field:value`, its value already checked by the parser.
struct QueryNode
{
    enum class Kind
    {
        And,
        Or,
        Not,
        Term
    };

    Kind kind = Kind::Term;
    QString field;  // lower case; empty for free text
    QString value;  // as written, quotes removed
    int column = 0; // 1-based column of the term (or operator) in the query text
    QVector<QueryNode> children;
};
