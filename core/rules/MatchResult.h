#pragma once

#include "core/rules/MissReason.h"

#include <QJsonObject>
#include <QVector>

// A pattern's verdict on one event: a match, or every reason it is not one.
struct MatchResult
{
    bool matches = false;
    QVector<MissReason> reasons; // empty when it matches

    // {"matches": bool, "reasons": [...]} (CONTRACT.md, `pattern test --json`).
    QJsonObject toJson() const;
};
