#pragma once

#include "core/config/RuleConfig.h"
#include "core/rules/EventPattern.h"
#include "core/rules/MatchResult.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QVector>

// The rules saved with one endpoint (config `rules`), each pattern compiled once: what the app's
// rules panel lists, its "matches" column asks per capture, and its verdict pane explains.
// Immutable once built, so one set can be read from several threads at once.
class RuleSet
{
public:
    struct Rule
    {
        QString name;
        EventPattern pattern; // invalid when `error` is set
        PatternError error;
        bool isValid() const { return pattern.isValid(); }
    };

    static RuleSet compile(const QList<RuleConfig> &rules);

    const QVector<Rule> &rules() const { return m_rules; }
    bool isEmpty() const { return m_rules.isEmpty(); }
    // One line per refused rule, naming where it is in the config:
    // "endpoints[stripe-dev].rules[new-customers].pattern: Event pattern is not valid. Reason:
    // ... (at source, line 1, column 13)"
    QStringList problems(const QString &endpointId) const;
    // The names of the valid rules that match, in the config's order (the fast path).
    QStringList matching(const QJsonObject &event) const;
    // Every rule's verdict with its reasons, in the config's order (invalid rules: no match,
    // no reasons; see problems()).
    QVector<MatchResult> explain(const QJsonObject &event) const;

private:
    QVector<Rule> m_rules;
};
