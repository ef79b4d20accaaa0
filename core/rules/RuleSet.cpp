#include "core/rules/RuleSet.h"

#include "core/rules/PatternMatcher.h"

RuleSet RuleSet::compile(const QList<RuleConfig> &rules)
{
    RuleSet set;
    for (const RuleConfig &config : rules) {
        Rule rule;
        rule.name = config.name;
        rule.pattern = EventPattern::compile(config.pattern, &rule.error);
        set.m_rules.append(rule);
    }
    return set;
}

QStringList RuleSet::problems(const QString &endpointId) const
{
    QStringList out;
    for (const Rule &r : m_rules) {
        if (!r.isValid())
            out.append(QStringLiteral("endpoints[%1].rules[%2].pattern: %3")
                           .arg(endpointId, r.name, r.error.summary()));
    }
    return out;
}

QStringList RuleSet::matching(const QJsonObject &event) const
{
    QStringList names;
    for (const Rule &r : m_rules) {
        if (r.isValid() && PatternMatcher(r.pattern).matches(event))
            names.append(r.name);
    }
    return names;
}

QVector<MatchResult> RuleSet::explain(const QJsonObject &event) const
{
    QVector<MatchResult> out;
    out.reserve(m_rules.size());
    for (const Rule &r : m_rules)
        out.append(r.isValid() ? PatternMatcher(r.pattern).match(event) : MatchResult());
    return out;
}
