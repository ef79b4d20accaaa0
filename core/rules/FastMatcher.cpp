#include "core/rules/FastMatcher.h"

#include "core/rules/FastEventDom.h"

#include <algorithm>
#include <vector>

namespace dom = simdjson::dom;

struct FastMatcher::Context
{
    const FastEvent &event;
    bool undecided = false;    // a key given twice was read: the full path decides
    bool envelopeOnly = false; // matchEnvelope(): `detail` is taken to match
};

namespace {

ValueMatcher::Leaf leafOf(const dom::element &value)
{
    ValueMatcher::Leaf leaf;
    switch (value.type()) {
    case dom::element_type::STRING: {
        const std::string_view text = value.get_string().value_unsafe();
        leaf.type = QJsonValue::String;
        leaf.text = QString::fromUtf8(text.data(), qsizetype(text.size()));
        break;
    }
    case dom::element_type::INT64:
        leaf.type = QJsonValue::Double;
        leaf.number = double(value.get_int64().value_unsafe());
        break;
    case dom::element_type::UINT64:
        leaf.type = QJsonValue::Double;
        leaf.number = double(value.get_uint64().value_unsafe());
        break;
    case dom::element_type::DOUBLE:
        leaf.type = QJsonValue::Double;
        leaf.number = value.get_double().value_unsafe();
        break;
    case dom::element_type::BOOL:
        leaf.type = QJsonValue::Bool;
        leaf.boolean = value.get_bool().value_unsafe();
        break;
    default:
        leaf.type = QJsonValue::Null;
        break;
    }
    return leaf;
}

// Calls f on each element of `array` and of the arrays it holds, at any depth, in order, until
// f returns true. Nested arrays are walked with an explicit stack, so any nesting is safe.
template <typename F> bool anyElement(const dom::array &array, F f)
{
    std::vector<std::pair<dom::array::iterator, dom::array::iterator>> stack;
    stack.emplace_back(array.begin(), array.end());
    while (!stack.empty()) {
        auto &[at, end] = stack.back();
        if (at == end) {
            stack.pop_back();
            continue;
        }
        const dom::element v = *at;
        ++at;
        if (v.is_array()) {
            const dom::array inner = v.get_array().value_unsafe();
            stack.emplace_back(inner.begin(), inner.end());
        } else if (f(v)) {
            return true;
        }
    }
    return false;
}

void collectRootKeys(const EventPattern &pattern, int node, QSet<QString> *keys)
{
    const PatternNode &n = pattern.nodes().at(node);
    for (const PatternField &f : n.fields)
        keys->insert(f.key);
    for (const QVector<int> &group : n.orGroups) {
        for (int alt : group)
            collectRootKeys(pattern, alt, keys);
    }
}

} // namespace

FastMatcher::FastMatcher(const EventPattern &pattern) : m_pattern(pattern)
{
    if (!pattern.isValid())
        return;
    m_supported = true;
    for (const PatternNode &n : pattern.nodes()) {
        QVector<QByteArray> keys;
        for (const PatternField &f : n.fields) {
            keys.append(f.key.toUtf8());
            if (!f.keySegments.isEmpty())
                m_supported = false; // a dotted key also names a nested path
        }
        m_keys.append(keys);
    }
    collectRootKeys(pattern, 0, &m_rootKeys);
}

FastMatcher::Verdict FastMatcher::match(const FastEvent &event) const
{
    if (!m_supported || !event.dom().parsed || !event.dom().root.is_object())
        return Verdict::Undecided;
    Context c{event};
    const bool ok = rootMatches(0, c);
    if (c.undecided)
        return Verdict::Undecided;
    return ok ? Verdict::Match : Verdict::Miss;
}

FastMatcher::Verdict FastMatcher::matchEnvelope(const FastEvent &event) const
{
    if (!m_supported)
        return Verdict::Undecided;
    // Sound because the root is an AND of its fields and of its $or groups' alternatives: taking
    // every `detail` field to match can only turn a miss into a match, never the reverse.
    Context c{event, false, true};
    return rootMatches(0, c) ? Verdict::Undecided : Verdict::Miss;
}

bool FastMatcher::detailTypeNeedles(QList<QByteArray> *needles) const
{
    if (!m_supported)
        return false;
    for (const PatternField &f : m_pattern.nodes().at(0).fields) {
        if (f.key != QLatin1String("detail-type") || f.child >= 0 || f.anyOf.isEmpty())
            continue; // a field of the root: ANDed with the rest, $or groups included
        QList<QByteArray> found;
        for (const ValueMatcher &m : f.anyOf) {
            const bool exact = m.kind() == ValueMatcher::Kind::Exact;
            if (exact && !m.exactValue().isString())
                return false;
            if (!exact && (m.kind() != ValueMatcher::Kind::Prefix || m.ignoreCase()))
                return false;
            const QStringList texts =
                exact ? QStringList{m.exactValue().toString()} : m.stringValues();
            for (const QString &text : texts) {
                // EventBridgeMapper turns a number or boolean at the pointer into text
                // ("5", "true"), which the body does not hold quoted
                const bool numberLike = std::all_of(text.cbegin(), text.cend(), [](QChar ch) {
                    return ch.isDigit() || QStringView(u".+-eE").contains(ch);
                });
                if (numberLike ||
                    (exact ? text == QLatin1String("true") || text == QLatin1String("false")
                           : QStringLiteral("true").startsWith(text) ||
                                 QStringLiteral("false").startsWith(text)))
                    return false;
                QByteArray needle = "\"";
                for (const QChar ch : text) {
                    if (ch.unicode() < 0x20 || ch.unicode() > 0x7e || ch == u'"' || ch == u'\\')
                        return false; // JSON could write it in more than one way
                    needle += char(ch.unicode());
                }
                found.append(exact ? needle + '"' : needle);
            }
        }
        *needles = found;
        return true;
    }
    return false;
}

// The envelope's object, as EventEnvelope::toJson() has it: strings, `resources` (an array of
// strings) and `detail`.
bool FastMatcher::rootMatches(int node, Context &c) const
{
    const PatternNode &n = m_pattern.nodes().at(node);
    const FastEvent &e = c.event;
    for (const PatternField &f : n.fields) {
        const QString &k = f.key;
        const QString *text = nullptr;
        static const QString version = QStringLiteral("0");
        if (k == QLatin1String("version"))
            text = &version;
        else if (k == QLatin1String("id"))
            text = &e.id;
        else if (k == QLatin1String("detail-type"))
            text = &e.detailType;
        else if (k == QLatin1String("source"))
            text = &e.source;
        else if (k == QLatin1String("account"))
            text = &e.account;
        else if (k == QLatin1String("time"))
            text = &e.time;
        else if (k == QLatin1String("region"))
            text = &e.region;
        bool ok = false;
        if (text) {
            ValueMatcher::Leaf leaf;
            leaf.type = QJsonValue::String;
            leaf.text = *text;
            ok = f.child >= 0 ? objectMatches(f.child, nullptr, c) : scalarMatches(f, leaf);
        } else if (k == QLatin1String("resources")) {
            // an array of strings: no object for a nested pattern, its strings as leaves
            ok = f.child >= 0 ? objectMatches(f.child, nullptr, c) : stringsMatch(f, e.resources);
        } else if (k == QLatin1String("detail") && c.envelopeOnly) {
            ok = true;
        } else if (k == QLatin1String("detail")) {
            const dom::object detail = e.dom().root.get_object().value_unsafe();
            ok = f.child >= 0 ? objectMatches(f.child, &detail, c) : noLeafMatches(f);
        } else {
            ok = f.child >= 0 ? objectMatches(f.child, nullptr, c) : noLeafMatches(f);
        }
        if (!ok)
            return false;
    }
    for (const QVector<int> &group : n.orGroups) {
        bool any = false;
        for (int alt : group) {
            if (rootMatches(alt, c)) {
                any = true;
                break;
            }
        }
        if (!any)
            return false;
    }
    return true;
}

bool FastMatcher::objectMatches(int node, const dom::object *object, Context &c) const
{
    const PatternNode &n = m_pattern.nodes().at(node);
    const QVector<QByteArray> &keys = m_keys.at(node);
    for (qsizetype i = 0; i < n.fields.size(); ++i) {
        const PatternField &f = n.fields.at(i);
        int found = 0;
        dom::element value;
        if (object) {
            const std::string_view key(keys.at(i).constData(), size_t(keys.at(i).size()));
            for (const dom::key_value_pair member : *object) {
                if (member.key == key) {
                    value = member.value;
                    ++found;
                }
            }
        }
        if (found > 1) {
            c.undecided = true; // QJsonObject keeps one of them
            return false;
        }
        const bool ok = found == 0
                            ? (f.child >= 0 ? objectMatches(f.child, nullptr, c) : noLeafMatches(f))
                            : valueMatches(f, value, c);
        if (!ok)
            return false;
    }
    for (const QVector<int> &group : n.orGroups) {
        bool any = false;
        for (int alt : group) {
            if (objectMatches(alt, object, c)) {
                any = true;
                break;
            }
        }
        if (!any)
            return false;
    }
    return true;
}

bool FastMatcher::valueMatches(const PatternField &f, const dom::element &value, Context &c) const
{
    switch (value.type()) {
    case dom::element_type::OBJECT:
        if (f.child >= 0) {
            const dom::object o = value.get_object().value_unsafe();
            return objectMatches(f.child, &o, c);
        }
        return noLeafMatches(f);
    case dom::element_type::ARRAY: {
        const dom::array a = value.get_array().value_unsafe();
        return f.child >= 0 ? nestedMatches(f.child, a, c) : leafMatches(f, a);
    }
    default:
        return f.child >= 0 ? objectMatches(f.child, nullptr, c) : scalarMatches(f, leafOf(value));
    }
}

bool FastMatcher::nestedMatches(int node, const dom::array &array, Context &c) const
{
    bool anyObject = false;
    const bool matched = anyElement(array, [&](const dom::element &v) {
        if (!v.is_object())
            return false;
        anyObject = true;
        const dom::object o = v.get_object().value_unsafe();
        return objectMatches(node, &o, c) || c.undecided;
    });
    if (matched || anyObject)
        return matched;
    return objectMatches(node, nullptr, c); // no object here: every field below is absent
}

bool FastMatcher::leafMatches(const PatternField &f, const dom::array &array) const
{
    bool anyLeaf = false;
    const bool matched = anyElement(array, [&](const dom::element &v) {
        if (v.is_object())
            return false;
        anyLeaf = true;
        return scalarMatches(f, leafOf(v));
    });
    return matched || (!anyLeaf && noLeafMatches(f));
}

bool FastMatcher::stringsMatch(const PatternField &f, const QStringList &values) const
{
    if (values.isEmpty())
        return noLeafMatches(f);
    ValueMatcher::Leaf leaf;
    leaf.type = QJsonValue::String;
    for (const QString &v : values) {
        leaf.text = v;
        if (scalarMatches(f, leaf))
            return true;
    }
    return false;
}

bool FastMatcher::noLeafMatches(const PatternField &field) const
{
    return ValueMatcher::anyMatchesNoLeaf(field.anyOf);
}

bool FastMatcher::scalarMatches(const PatternField &field, const ValueMatcher::Leaf &leaf) const
{
    return ValueMatcher::anyMatches(field.anyOf, leaf);
}
