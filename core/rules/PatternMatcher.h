#pragma once

#include "core/rules/EventPattern.h"
#include "core/rules/MatchResult.h"

#include <QJsonObject>
#include <QJsonValue>

// Applies one compiled EventPattern to events, as EventBridge does: every field of the pattern
// must match (a match array is any-of), `$or` needs one alternative, arrays in the event match
// when any element does, and fields read from one array element stay within that element.
// Cheap to construct; holds a reference to the pattern, which must outlive it.
class PatternMatcher
{
public:
    explicit PatternMatcher(const EventPattern &pattern) : m_pattern(pattern) {}

    const EventPattern &pattern() const { return m_pattern; }

    bool matches(const QJsonObject &event) const;      // the fast path: no reasons
    MatchResult match(const QJsonObject &event) const; // with a reason for every miss

private:
    bool objectMatches(int node, const QJsonObject *object) const;
    // The field's value: its key, or for a dotted key the nested path it names; Undefined when
    // absent.
    static QJsonValue fieldValue(const PatternField &field, const QJsonObject *object);
    bool nestedMatches(int node, const QJsonValue &value) const;
    bool leafMatches(const PatternField &field, const QJsonValue &value) const;
    bool scalarMatches(const PatternField &field, const ValueMatcher::Leaf &leaf) const;
    bool noLeafMatches(const PatternField &field) const; // absent, or an object / empty array

    QVector<MissReason> explainObject(int node, const QJsonObject *object, const QString &pointer,
                                      const QJsonValue &nonObject, const QJsonObject &event) const;
    QVector<MissReason> explainNested(int node, const QJsonValue &value, const QString &pointer,
                                      const QString &parentPointer, const QJsonObject &event) const;

    const EventPattern &m_pattern;
};
