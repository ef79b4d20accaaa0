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
        // constFind: one lookup without the temporary QJsonValue that value() builds.
        QJsonValue value(QJsonValue::Undefined);
        if (object) {
            const auto it = object->constFind(f.key);
            if (it != object->constEnd())
                value = it.value();
        }
        if (f.child >= 0 ? !nestedMatches(f.child, value) : !leafMatches(f, value))
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

bool PatternMatcher::leafMatches(const PatternField &field, const QJsonValue &value) const
{
    bool values = false;
    int hasLeaf = -1; // unknown until an `exists` asks
    for (const ValueMatcher &m : field.anyOf) {
        if (m.kind() != ValueMatcher::Kind::Exists) {
            values = true;
            continue;
        }
        if (hasLeaf < 0)
            hasLeaf = anyLeaf(value, [](const QJsonValue &) { return true; }) ? 1 : 0;
        if ((hasLeaf == 1) == m.existsWanted())
            return true;
    }
    if (!values)
        return false;
    // Each leaf is read (and a string decoded) once, then tried against every matcher.
    return anyLeaf(value, [&field](const QJsonValue &leaf) {
        const QString text = leaf.isString() ? leaf.toString() : QString();
        for (const ValueMatcher &m : field.anyOf) {
            if (m.kind() != ValueMatcher::Kind::Exists && m.matches(leaf, text))
                return true;
        }
        return false;
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
