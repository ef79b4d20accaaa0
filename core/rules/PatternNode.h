#pragma once

#include "core/capture/ByteSpan.h"
#include "core/rules/ValueMatcher.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>
#include <QVector>

// One key of a compiled pattern object: either a nested object (`child`) or a match array.
struct PatternField
{
    QString key;
    // A key with dots ("state.status") also names the nested path: EventBridge joins names with
    // dots, so it matches {"state": {"status": ...}} as well as {"state.status": ...}.
    QStringList keySegments;     // the key split at its dots; empty when it has none
    QString path;                // dotted from the event's root, "detail.type" ($or left out)
    int child = -1;              // index of the nested PatternNode, or -1 for a match array
    QVector<ValueMatcher> anyOf; // the match array, compiled (any one suffices)
    QJsonArray written;          // the match array as written, for "expected"
    ByteSpan span;               // the member (key and value) in the pattern text
};

// One object level of a pattern. Every field must match, and for each `$or` one of its
// alternatives (objects at this same level) must.
struct PatternNode
{
    QVector<PatternField> fields;
    QVector<QVector<int>> orGroups; // node indexes of each $or's alternatives
};
