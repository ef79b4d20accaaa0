#pragma once

#include "core/pipeline/BusEventBuilder.h"
#include "core/rules/MatchResult.h"
#include "core/rules/RuleSet.h"

#include <QVector>

// Each of an endpoint's rules judged on the event a capture becomes on the bus: the inspector's
// Rules tab (explained) and the list's matches column (the fast path).
struct RuleVerdicts
{
    BusEventBuilder::Result event;
    QVector<MatchResult> results; // per rule in the config's order; empty when not on the bus
    QStringList matching;         // names of the rules that match
    int ruleCount = 0;

    static RuleVerdicts explain(const Capture &capture, const QByteArray &verdictJson,
                                const EndpointConfig &endpoint, const RuleSet &rules);
    static RuleVerdicts count(const Capture &capture, const QByteArray &verdictJson,
                              const EndpointConfig &endpoint, const RuleSet &rules);
    // "2/3 rules", or "not on bus" when the capture puts no event on the bus.
    QString summaryText() const;
};
