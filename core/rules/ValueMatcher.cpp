#include "core/rules/ValueMatcher.h"

ValueMatcher ValueMatcher::exact(const QJsonValue &value)
{
    ValueMatcher m;
    m.m_kind = Kind::Exact;
    m.m_exact = value;
    return m;
}

ValueMatcher ValueMatcher::strings(Kind kind, const QStringList &values, bool ignoreCase)
{
    ValueMatcher m;
    m.m_kind = kind;
    m.m_strings = values;
    m.m_ignoreCase =
        ignoreCase || kind == Kind::EqualsIgnoreCase || kind == Kind::AnythingButIgnoreCase;
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

bool ValueMatcher::wildcardMatches(QStringView pattern, QStringView text)
{
    // Iterative glob with one backtrack point (the last star): O(pattern x text) at worst, no
    // recursion, so an adversarial pattern cannot blow the stack.
    qsizetype p = 0, t = 0, starP = -1, starT = -1;
    while (t < text.size()) {
        if (p < pattern.size() && pattern.at(p) == QLatin1Char('*')) {
            starP = ++p;
            starT = t;
            continue;
        }
        if (p < pattern.size()) {
            QChar want = pattern.at(p);
            qsizetype step = 1;
            if (want == QLatin1Char('\\') && p + 1 < pattern.size()) {
                want = pattern.at(p + 1);
                step = 2;
            }
            if (want == text.at(t)) {
                p += step;
                ++t;
                continue;
            }
        }
        if (starP < 0)
            return false;
        p = starP;
        t = ++starT;
    }
    while (p < pattern.size() && pattern.at(p) == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

bool ValueMatcher::matchesString(const QString &text) const
{
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
            if (wildcardMatches(s, text))
                return true;
            break;
        default: // EqualsIgnoreCase, AnythingBut (strings), AnythingButIgnoreCase
            if (text.compare(s, cs) == 0)
                return true;
            break;
        }
    }
    return false;
}

bool ValueMatcher::matches(const QJsonValue &leaf) const
{
    switch (m_kind) {
    case Kind::Exact:
        if (m_exact.isDouble())
            return leaf.isDouble() && leaf.toDouble() == m_exact.toDouble();
        return leaf == m_exact;
    case Kind::Prefix:
    case Kind::Suffix:
    case Kind::EqualsIgnoreCase:
    case Kind::Wildcard:
        return leaf.isString() && matchesString(leaf.toString());
    case Kind::AnythingBut:
        if (!m_numbers.isEmpty())
            return !(leaf.isDouble() && m_numbers.contains(leaf.toDouble()));
        return !(leaf.isString() && matchesString(leaf.toString()));
    case Kind::AnythingButPrefix:
    case Kind::AnythingButSuffix:
    case Kind::AnythingButIgnoreCase:
    case Kind::AnythingButWildcard:
        return !(leaf.isString() && matchesString(leaf.toString()));
    case Kind::Numeric: {
        if (!leaf.isDouble())
            return false;
        const double v = leaf.toDouble();
        if (m_hasLow && (m_lowOpen ? !(v > m_low) : !(v >= m_low)))
            return false;
        if (m_hasHigh && (m_highOpen ? !(v < m_high) : !(v <= m_high)))
            return false;
        return true;
    }
    case Kind::Cidr:
        return leaf.isString() && m_range.contains(leaf.toString());
    case Kind::Exists:
        return false; // decided by the caller, which knows whether the field has leaves
    }
    return false;
}
