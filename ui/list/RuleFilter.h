#pragma once

#include "ui/forward/RuleVerdicts.h"

#include <QString>

// The list's "matches" filter: which captures to show by the verdicts of their endpoint's rules.
// Only captures of endpoints that have rules are judged; the others never pass.
struct RuleFilter
{
    enum class Mode
    {
        Any,         // no rule filter
        MatchesAny,  // at least one rule of its endpoint matches
        MatchesNone, // none does (or it puts no event on the bus)
        MatchesRule  // the named rule of the named endpoint matches
    };

    Mode mode = Mode::Any;
    QString endpointId; // MatchesRule only
    QString rule;       // MatchesRule only

    bool isActive() const { return mode != Mode::Any; }
    // Whether a capture of `endpointId` with these verdicts passes.
    bool accepts(const QString &captureEndpoint, const RuleVerdicts &verdicts) const
    {
        switch (mode) {
        case Mode::Any:
            return true;
        case Mode::MatchesAny:
            return !verdicts.matching.isEmpty();
        case Mode::MatchesNone:
            return verdicts.matching.isEmpty();
        case Mode::MatchesRule:
            return captureEndpoint == endpointId && verdicts.matching.contains(rule);
        }
        return false;
    }
    // Whether captures of this endpoint need judging at all.
    bool concerns(const QString &captureEndpoint) const
    {
        return mode != Mode::MatchesRule || captureEndpoint == endpointId;
    }
    bool operator==(const RuleFilter &o) const
    {
        return mode == o.mode && endpointId == o.endpointId && rule == o.rule;
    }
};
