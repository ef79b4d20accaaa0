#include "ui/forward/CompiledRules.h"

std::shared_ptr<const CompiledRules> CompiledRules::compile(const AppConfig &config)
{
    auto out = std::make_shared<CompiledRules>();
    for (const EndpointConfig &e : config.endpoints) {
        out->m_endpoints.insert(e.id, e);
        if (!e.rules.isEmpty()) {
            out->m_rules.insert(e.id, RuleSet::compile(e.rules));
            out->m_withRules.append(e.id);
        }
    }
    return out;
}

const RuleSet *CompiledRules::rulesOf(const QString &endpointId) const
{
    const auto it = m_rules.constFind(endpointId);
    return it == m_rules.constEnd() ? nullptr : &it.value();
}

const EndpointConfig *CompiledRules::endpoint(const QString &endpointId) const
{
    const auto it = m_endpoints.constFind(endpointId);
    return it == m_endpoints.constEnd() ? nullptr : &it.value();
}
