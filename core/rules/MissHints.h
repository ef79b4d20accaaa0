#pragma once

#include "core/rules/PatternNode.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// Near misses, explained: what a developer most likely meant when a field did not match.
class MissHints
{
public:
    // `found` is the event's value (Undefined when absent), `parent` the object that should hold
    // the field (null when that is missing too), `nonObject` a scalar found where the pattern
    // expects an object on the way to the field (Undefined when not so).
    static QString forField(const PatternField &field, const QJsonValue &found,
                            const QJsonObject *parent, const QJsonValue &nonObject,
                            const QJsonObject &event);

private:
    static QString forAbsent(const PatternField &field, const QJsonObject *parent,
                             const QJsonValue &nonObject, const QJsonObject &event);
    static QString forLeaf(const PatternField &field, const QJsonValue &leaf,
                           const QJsonObject &event);
};
