#include "ui/forward/RuleVerdicts.h"

#include <QCoreApplication>

RuleVerdicts RuleVerdicts::explain(const Capture &capture, const QByteArray &verdictJson,
                                   const EndpointConfig &endpoint, const RuleSet &rules)
{
    RuleVerdicts out;
    out.ruleCount = int(rules.rules().size());
    out.event = BusEventBuilder::build(capture, verdictJson, endpoint);
    if (!out.event.onBus)
        return out;
    out.results = rules.explain(out.event.envelope.toJson());
    for (int i = 0; i < out.results.size(); ++i) {
        if (out.results.at(i).matches)
            out.matching.append(rules.rules().at(i).name);
    }
    return out;
}

RuleVerdicts RuleVerdicts::count(const Capture &capture, const QByteArray &verdictJson,
                                 const EndpointConfig &endpoint, const RuleSet &rules)
{
    RuleVerdicts out;
    out.ruleCount = int(rules.rules().size());
    out.event = BusEventBuilder::build(capture, verdictJson, endpoint);
    if (out.event.onBus)
        out.matching = rules.matching(out.event.envelope.toJson());
    return out;
}

QString RuleVerdicts::summaryText() const
{
    if (!event.onBus)
        return QCoreApplication::translate("RuleVerdicts", "not on bus");
    return QCoreApplication::translate("RuleVerdicts", "%1/%2 rules")
        .arg(matching.size())
        .arg(ruleCount);
}
