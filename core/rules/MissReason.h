#pragma once

#include "core/capture/ByteSpan.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// Why one field of a pattern did not match an event.
struct MissReason
{
    QString path;         // the pattern's field, dotted from the event's root: "detail.type"
    QJsonValue expected;  // the match array as the pattern writes it
    QJsonValue found;     // what the event holds there (Undefined when absent)
    bool absent = false;  // the event has no such field (or no leaf value in it)
    QString hint;         // a near miss explained (case, number as a string, ...), or empty
    QString eventPointer; // JSON pointer to the value in the event, or to its deepest parent
    ByteSpan patternSpan; // the field in the pattern's text

    // {"path", "expected", "found" (null when absent), "absent" (when true), "hint" (when set),
    //  "pointer"}: CONTRACT.md's reason object.
    QJsonObject toJson() const;
    // One line: `detail.type: expected ["customer.created"], found "invoice.paid"`.
    QString toText() const;
};
