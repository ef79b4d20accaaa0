#pragma once

#include "core/rules/PatternError.h"
#include "core/rules/PatternNode.h"

#include <QByteArray>
#include <QJsonValue>
#include <QVector>

// An EventBridge event pattern, parsed, validated and compiled once; PatternMatcher applies it to
// any number of events. The whole documented language: exact values, arrays as any-of, nested
// objects, prefix, suffix, equals-ignore-case, anything-but (value, list, prefix, suffix,
// equals-ignore-case, wildcard), numeric, exists, cidr (IPv4, IPv6), wildcard and $or. Invalid
// patterns are refused with InvalidEventPatternException's reason.
class EventPattern
{
public:
    // Hookbench's own bounds, so that any pattern costs bounded time and memory (EventBridge
    // has limits of its own, which are not published as numbers for all of these):
    static constexpr qsizetype MaxPatternBytes = 256 * 1024; // the pattern's JSON text
    static constexpr int MaxDepth = 64;                      // nested objects and $or levels
    static constexpr int MaxMatchValues = 1024; // entries of one match array or anything-but list
    static constexpr qint64 MaxCombinations = 4096; // branches once every $or is multiplied out

    EventPattern() = default;
    static EventPattern compile(const QByteArray &json, PatternError *error);
    // A pattern as the config holds it (RuleConfig::pattern): an object, or a JSON string of one.
    static EventPattern compile(const QJsonValue &pattern, PatternError *error);

    bool isValid() const { return !m_nodes.isEmpty(); }
    const QByteArray &text() const { return m_text; } // spans in PatternField refer to this
    const QVector<PatternNode> &nodes() const { return m_nodes; }
    const PatternNode &root() const { return m_nodes.first(); }
    qint64 combinations() const { return m_combinations; } // $or branches multiplied out
    QStringList fieldPaths() const;                        // every match array's dotted path

private:
    friend class PatternCompiler;
    QByteArray m_text;
    QVector<PatternNode> m_nodes; // [0] is the root
    qint64 m_combinations = 0;
};
