#pragma once

#include "core/config/AppConfig.h"
#include "core/rules/RuleSet.h"

#include <QHash>
#include <QStringList>
#include <memory>

// Every endpoint's saved rules compiled once per config (RuleSet), beside the endpoint's config
// (its forward.eventbridge mapping makes the event the rules see). Immutable once built: shared
// by the Rules tab and the list's matches column across threads.
class CompiledRules
{
public:
    static std::shared_ptr<const CompiledRules> compile(const AppConfig &config);

    // Null when the endpoint is unknown or has no rules.
    const RuleSet *rulesOf(const QString &endpointId) const;
    const EndpointConfig *endpoint(const QString &endpointId) const;
    bool isEmpty() const { return m_rules.isEmpty(); }
    // The endpoints that have rules, in the config's order.
    const QStringList &endpointsWithRules() const { return m_withRules; }

private:
    QHash<QString, EndpointConfig> m_endpoints;
    QHash<QString, RuleSet> m_rules;
    QStringList m_withRules;
};
