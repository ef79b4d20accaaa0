#include "core/rules/ValueMatcher.h"

ValueMatcher ValueMatcher::exact(const QJsonValue &value)
{
    ValueMatcher m;
    m.m_kind = Kind::Exact;
    m.m_exact = value;
    m.m_exactString = value.toString();
    return m;
}

ValueMatcher ValueMatcher::strings(Kind kind, const QStringList &values, bool ignoreCase)
{
    ValueMatcher m;
    m.m_kind = kind;
    m.m_strings = values;
    m.m_ignoreCase =
        ignoreCase || kind == Kind::EqualsIgnoreCase || kind == Kind::AnythingButIgnoreCase;
    if (kind == Kind::Wildcard || kind == Kind::AnythingButWildcard) {
        for (const QString &glob : values)
            m.m_globs.append(wildcardSegments(glob));
    }
    return m;
}

ValueMatcher ValueMatcher::anythingButNumbers(const QVector<double> &values)
{
    ValueMatcher m;
    m.m_kind = Kind::AnythingBut;
    m.m_numbers = values;
    return m;
}

ValueMatcher ValueMatcher::numeric(bool hasLow, double low, bool lowOpen, bool hasHigh, double high,
                                   bool highOpen)
{
    ValueMatcher m;
    m.m_kind = Kind::Numeric;
    m.m_hasLow = hasLow;
    m.m_low = low;
    m.m_lowOpen = lowOpen;
    m.m_hasHigh = hasHigh;
    m.m_high = high;
    m.m_highOpen = highOpen;
    return m;
}

ValueMatcher ValueMatcher::exists(bool wanted)
{
    ValueMatcher m;
    m.m_kind = Kind::Exists;
    m.m_existsWanted = wanted;
    return m;
}

ValueMatcher ValueMatcher::cidr(const IpRange &range)
{
    ValueMatcher m;
    m.m_kind = Kind::Cidr;
    m.m_range = range;
    return m;
}

bool ValueMatcher::isNegation() const
{
    switch (m_kind) {
    case Kind::AnythingBut:
    case Kind::AnythingButPrefix:
    case Kind::AnythingButSuffix:
    case Kind::AnythingButIgnoreCase:
    case Kind::AnythingButWildcard:
        return true;
    default:
        return false;
    }
}

QStringList ValueMatcher::wildcardSegments(QStringView pattern)
{
    QStringList segments{QString()};
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('*')) {
            segments.append(QString());
        } else if (c == QLatin1Char('\\') && i + 1 < pattern.size()) {
            segments.last() += pattern.at(++i);
        } else {
            segments.last() += c;
        }
    }
    return segments;
}

bool ValueMatcher::segmentsMatch(const QStringList &segments, QStringView text)
{
    if (segments.size() == 1)
        return text == segments.first();
    const QString &first = segments.first();
    const QString &last = segments.last();
    if (text.size() < first.size() + last.size() || !text.startsWith(first) || !text.endsWith(last))
        return false;
    // Leftmost placement of each middle piece leaves the most room for the rest, so a greedy
    // scan decides the match: no backtracking, whatever the glob.
    qsizetype pos = first.size();
    const qsizetype end = text.size() - last.size();
    for (qsizetype i = 1; i + 1 < segments.size(); ++i) {
        const QString &piece = segments.at(i);
        if (piece.isEmpty())
            continue;
        const qsizetype at = text.left(end).indexOf(piece, pos);
        if (at < 0)
            return false;
        pos = at + piece.size();
    }
    return true;
}

bool ValueMatcher::wildcardMatches(QStringView pattern, QStringView text)
{
    return segmentsMatch(wildcardSegments(pattern), text);
}

bool ValueMatcher::matchesString(const QString &text) const
{
    for (const QStringList &glob : m_globs) {
        if (segmentsMatch(glob, text))
            return true;
    }
    const Qt::CaseSensitivity cs = m_ignoreCase ? Qt::CaseInsensitive : Qt::CaseSensitive;
    for (const QString &s : m_strings) {
        switch (m_kind) {
        case Kind::Prefix:
        case Kind::AnythingButPrefix:
            if (text.startsWith(s, cs))
                return true;
            break;
        case Kind::Suffix:
        case Kind::AnythingButSuffix:
            if (text.endsWith(s, cs))
                return true;
            break;
        case Kind::Wildcard:
        case Kind::AnythingButWildcard:
            break; // m_globs, below
        default:   // EqualsIgnoreCase, AnythingBut (strings), AnythingButIgnoreCase
            if (text.compare(s, cs) == 0)
                return true;
            break;
        }
    }
    return false;
}

namespace {

// For a QJsonValue and a reference into an object or array alike.
template <typename Value> ValueMatcher::Leaf leafOf(const Value &value)
{
    ValueMatcher::Leaf leaf;
    leaf.type = value.type();
    if (leaf.type == QJsonValue::String)
        leaf.text = value.toString();
    else if (leaf.type == QJsonValue::Double)
        leaf.number = value.toDouble();
    else if (leaf.type == QJsonValue::Bool)
        leaf.boolean = value.toBool();
    return leaf;
}

} // namespace

ValueMatcher::Leaf ValueMatcher::Leaf::of(const QJsonValue &value)
{
    return leafOf(value);
}

ValueMatcher::Leaf ValueMatcher::Leaf::of(QJsonValueConstRef value)
{
    return leafOf(value);
}

bool ValueMatcher::matches(const Leaf &leaf) const
{
    const bool isString = leaf.type == QJsonValue::String;
    const bool isNumber = leaf.type == QJsonValue::Double;
    switch (m_kind) {
    case Kind::Exact:
        switch (m_exact.type()) {
        case QJsonValue::String:
            return isString && leaf.text == m_exactString;
        case QJsonValue::Double:
            return isNumber && leaf.number == m_exact.toDouble();
        case QJsonValue::Bool:
            return leaf.type == QJsonValue::Bool && leaf.boolean == m_exact.toBool();
        default:
            return leaf.type == QJsonValue::Null;
        }
    case Kind::Prefix:
    case Kind::Suffix:
    case Kind::EqualsIgnoreCase:
    case Kind::Wildcard:
        return isString && matchesString(leaf.text);
    case Kind::AnythingBut:
        if (!m_numbers.isEmpty())
            return !(isNumber && m_numbers.contains(leaf.number));
        return !(isString && matchesString(leaf.text));
    case Kind::AnythingButPrefix:
    case Kind::AnythingButSuffix:
    case Kind::AnythingButIgnoreCase:
    case Kind::AnythingButWildcard:
        return !(isString && matchesString(leaf.text));
    case Kind::Numeric: {
        if (!isNumber)
            return false;
        const double v = leaf.number;
        if (m_hasLow && (m_lowOpen ? !(v > m_low) : !(v >= m_low)))
            return false;
        if (m_hasHigh && (m_highOpen ? !(v < m_high) : !(v <= m_high)))
            return false;
        return true;
    }
    case Kind::Cidr:
        return isString && m_range.contains(leaf.text);
    case Kind::Exists:
        return false; // decided by the caller, which knows whether the field has leaves
    }
    return false;
}

bool ValueMatcher::anyMatches(const QVector<ValueMatcher> &anyOf, const Leaf &leaf)
{
    for (const ValueMatcher &m : anyOf) {
        if (m.kind() == Kind::Exists ? m.existsWanted() : m.matches(leaf))
            return true;
    }
    return false;
}

bool ValueMatcher::anyMatchesNoLeaf(const QVector<ValueMatcher> &anyOf)
{
    for (const ValueMatcher &m : anyOf) {
        if (m.kind() == Kind::Exists && !m.existsWanted())
            return true;
    }
    return false;
}
