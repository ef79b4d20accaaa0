#include "core/rules/PatternMatcher.h"

#include "core/rules/MissHints.h"

#include <QJsonArray>

namespace {

// Calls f on every scalar in `value` (itself, or the elements of arrays at any depth) until f
// returns true. Arrays are walked with an explicit stack, so any nesting is safe.
template <typename F> bool anyLeaf(const QJsonValue &value, F f)
{
    if (!value.isArray()) {
        if (value.isUndefined() || value.isObject())
            return false;
        return f(value);
    }
    QVector<QJsonArray> stack{value.toArray()};
    QVector<qsizetype> next{0};
    while (!stack.isEmpty()) {
        if (next.last() >= stack.last().size()) {
            stack.removeLast();
            next.removeLast();
            continue;
        }
        const QJsonValue v = stack.last().at(next.last()++);
        if (v.isArray()) {
            stack.append(v.toArray());
            next.append(0);
        } else if (!v.isObject() && f(v)) {
            return true;
        }
    }
    return false;
}

// The objects an array holds, at any depth (the candidates a nested pattern is tried on).
QVector<QJsonObject> objectsIn(const QJsonArray &array)
{
    QVector<QJsonObject> out;
    QVector<QJsonArray> stack{array};
    while (!stack.isEmpty()) {
        const QJsonArray a = stack.takeLast();
        for (qsizetype i = a.size() - 1; i >= 0; --i) {
            const QJsonValue v = a.at(i);
            if (v.isObject())
                out.prepend(v.toObject());
            else if (v.isArray())
                stack.append(v.toArray());
        }
    }
    return out;
}

QString pointerStep(QString key)
{
    key.replace(QLatin1Char('~'), QLatin1String("~0"));
    key.replace(QLatin1Char('/'), QLatin1String("~1"));
    return QLatin1Char('/') + key;
}

} // namespace

bool PatternMatcher::matches(const QJsonObject &event) const
{
    return m_pattern.isValid() && objectMatches(0, &event);
}

bool PatternMatcher::objectMatches(int node, const QJsonObject *object) const
{
    const PatternNode &n = m_pattern.nodes().at(node);
    for (const PatternField &f : n.fields) {
        bool ok = false;
        const auto it = object ? object->constFind(f.key) : QJsonObject::const_iterator();
        if (object && it == object->constEnd() && !f.keySegments.isEmpty()) {
            const QJsonValue value = fieldValue(f, object); // the nested path of a dotted key
            ok = f.child >= 0 ? nestedMatches(f.child, value) : leafMatches(f, value);
        } else if (!object || it == object->constEnd()) {
            ok = f.child >= 0 ? objectMatches(f.child, nullptr) : noLeafMatches(f);
        } else {
            // Read through the iterator's reference: no QJsonValue is built for the common
            // cases (an object to descend into, a scalar to compare).
            const QJsonValueConstRef value = it.value();
            switch (value.type()) {
            case QJsonValue::Object:
                if (f.child >= 0) {
                    const QJsonObject o = value.toObject();
                    ok = objectMatches(f.child, &o);
                } else {
                    ok = noLeafMatches(f);
                }
                break;
            case QJsonValue::Array:
                ok = f.child >= 0 ? nestedMatches(f.child, value) : leafMatches(f, value);
                break;
            default:
                ok = f.child >= 0 ? objectMatches(f.child, nullptr)
                                  : scalarMatches(f, ValueMatcher::Leaf::of(value));
                break;
            }
        }
        if (!ok)
            return false;
    }
    for (const QVector<int> &group : n.orGroups) {
        bool any = false;
        for (int alt : group) {
            if (objectMatches(alt, object)) {
                any = true;
                break;
            }
        }
        if (!any)
            return false;
    }
    return true;
}

QJsonValue PatternMatcher::fieldValue(const PatternField &field, const QJsonObject *object)
{
    if (!object)
        return QJsonValue(QJsonValue::Undefined);
    const auto it = object->constFind(field.key);
    if (it != object->constEnd() || field.keySegments.isEmpty())
        return it != object->constEnd() ? QJsonValue(it.value())
                                        : QJsonValue(QJsonValue::Undefined);
    QJsonObject at = *object;
    for (qsizetype i = 0; i + 1 < field.keySegments.size(); ++i) {
        const QJsonValue step = at.value(field.keySegments.at(i));
        if (!step.isObject())
            return QJsonValue(QJsonValue::Undefined);
        at = step.toObject();
    }
    return at.value(field.keySegments.last());
}

bool PatternMatcher::nestedMatches(int node, const QJsonValue &value) const
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        return objectMatches(node, &o);
    }
    if (value.isArray()) {
        const QVector<QJsonObject> candidates = objectsIn(value.toArray());
        for (const QJsonObject &o : candidates) {
            if (objectMatches(node, &o))
                return true;
        }
        if (!candidates.isEmpty())
            return false;
    }
    return objectMatches(node, nullptr); // no object here: every field below is absent
}

bool PatternMatcher::noLeafMatches(const PatternField &field) const
{
    return ValueMatcher::anyMatchesNoLeaf(field.anyOf);
}

bool PatternMatcher::scalarMatches(const PatternField &field, const ValueMatcher::Leaf &leaf) const
{
    return ValueMatcher::anyMatches(field.anyOf, leaf);
}

bool PatternMatcher::leafMatches(const PatternField &field, const QJsonValue &value) const
{
    if (!value.isArray()) {
        if (value.isUndefined() || value.isObject())
            return noLeafMatches(field);
        return scalarMatches(field, ValueMatcher::Leaf::of(value));
    }
    // An array: `exists` asks whether it holds any leaf, the others whether one leaf matches.
    const bool hasLeaf = anyLeaf(value, [](const QJsonValue &) { return true; });
    if (!hasLeaf)
        return noLeafMatches(field);
    return anyLeaf(value, [this, &field](const QJsonValue &leaf) {
        return scalarMatches(field, ValueMatcher::Leaf::of(leaf));
    });
}

MatchResult PatternMatcher::match(const QJsonObject &event) const
{
    MatchResult result;
    if (!m_pattern.isValid())
        return result;
    result.matches = objectMatches(0, &event);
    if (!result.matches)
        result.reasons =
            explainObject(0, &event, QString(), QJsonValue(QJsonValue::Undefined), event);
    return result;
}

QVector<MissReason> PatternMatcher::explainObject(int node, const QJsonObject *object,
                                                  const QString &pointer,
                                                  const QJsonValue &nonObject,
                                                  const QJsonObject &event) const
{
    QVector<MissReason> out;
    const PatternNode &n = m_pattern.nodes().at(node);
    for (const PatternField &f : n.fields) {
        const QJsonValue value = object ? object->value(f.key) : QJsonValue(QJsonValue::Undefined);
        const QString fieldPointer =
            object && object->contains(f.key) ? pointer + pointerStep(f.key) : pointer;
        if (f.child >= 0) {
            if (!nestedMatches(f.child, value)) {
                if (value.isUndefined() || value.isObject() || value.isArray())
                    out += explainNested(f.child, value, fieldPointer, pointer, event);
                else // a scalar where the pattern goes deeper
                    out += explainObject(f.child, nullptr, fieldPointer, value, event);
            }
            continue;
        }
        if (leafMatches(f, value))
            continue;
        MissReason r;
        r.path = f.path;
        r.expected = f.written;
        r.found = value;
        r.absent = value.isUndefined();
        r.eventPointer = fieldPointer;
        r.patternSpan = f.span;
        r.hint = MissHints::forField(f, value, object, nonObject, event);
        out.append(r);
    }
    for (const QVector<int> &group : n.orGroups) {
        QVector<MissReason> best;
        bool matched = false;
        for (int alt : group) {
            if (objectMatches(alt, object)) {
                matched = true;
                break;
            }
            const QVector<MissReason> r = explainObject(alt, object, pointer, nonObject, event);
            if (best.isEmpty() || r.size() < best.size())
                best = r;
        }
        if (!matched)
            out += best; // the alternative that came closest
    }
    return out;
}

QVector<MissReason> PatternMatcher::explainNested(int node, const QJsonValue &value,
                                                  const QString &pointer,
                                                  const QString &parentPointer,
                                                  const QJsonObject &event) const
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        return explainObject(node, &o, pointer, QJsonValue(QJsonValue::Undefined), event);
    }
    if (value.isArray()) {
        // The element that came closest, with its index in the pointer. Bounded, so that an
        // event with a huge array costs a bounded explanation.
        const QJsonArray array = value.toArray();
        QVector<MissReason> best;
        bool any = false;
        const qsizetype limit = qMin<qsizetype>(array.size(), 1000);
        for (qsizetype i = 0; i < limit; ++i) {
            if (!array.at(i).isObject())
                continue;
            const QJsonObject o = array.at(i).toObject();
            const QVector<MissReason> r =
                explainObject(node, &o, pointer + QStringLiteral("/%1").arg(i),
                              QJsonValue(QJsonValue::Undefined), event);
            if (!any || r.size() < best.size())
                best = r;
            any = true;
        }
        if (any)
            return best;
    }
    return explainObject(node, nullptr, value.isUndefined() ? parentPointer : pointer,
                         QJsonValue(QJsonValue::Undefined), event);
}
