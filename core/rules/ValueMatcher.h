#pragma once

#include "core/rules/IpRange.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVector>

// One entry of a pattern's match array, compiled: an exact value or one of the content filters of
// "Content filtering in Amazon EventBridge event patterns". Applied to one leaf value of the
// event (arrays in the event are flattened to their leaves before this is asked).
class ValueMatcher
{
public:
    enum class Kind : quint8
    {
        Exact,            // a string, number (compared numerically), boolean or null
        Prefix,           // {"prefix": "x"} / {"prefix": {"equals-ignore-case": "x"}}
        Suffix,           // {"suffix": ...}, same forms
        EqualsIgnoreCase, // {"equals-ignore-case": "x"}
        Wildcard,         // {"wildcard": "a*b"}, `\*` a literal star, `\\` a backslash
        AnythingBut,      // {"anything-but": v | [v...]}: strings or numbers
        AnythingButPrefix,
        AnythingButSuffix,
        AnythingButIgnoreCase,
        AnythingButWildcard,
        Numeric, // {"numeric": [">", 0, "<=", 5]}
        Exists,  // {"exists": true|false}: decided by the matcher from the leaf count
        Cidr     // {"cidr": "10.0.0.0/24"}
    };

    static ValueMatcher exact(const QJsonValue &value);
    static ValueMatcher strings(Kind kind, const QStringList &values, bool ignoreCase = false);
    static ValueMatcher anythingButNumbers(const QVector<double> &values);
    static ValueMatcher numeric(bool hasLow, double low, bool lowOpen, bool hasHigh, double high,
                                bool highOpen);
    static ValueMatcher exists(bool wanted);
    static ValueMatcher cidr(const IpRange &range);

    Kind kind() const { return m_kind; }
    bool ignoreCase() const { return m_ignoreCase; }
    bool existsWanted() const { return m_existsWanted; }
    const QJsonValue &exactValue() const { return m_exact; }
    const QStringList &stringValues() const { return m_strings; }
    bool isNegation() const; // an anything-but form
    bool isNumeric() const { return m_kind == Kind::Numeric; }

    // One scalar of the event, read once (a string decoded once) and then tried against every
    // matcher of a field.
    struct Leaf
    {
        QJsonValue::Type type = QJsonValue::Undefined;
        QString text; // for a string
        double number = 0;
        bool boolean = false;

        static Leaf of(const QJsonValue &value);
        static Leaf of(QJsonValueConstRef value); // without building a QJsonValue
    };

    // `leaf` is a present scalar (string, number, boolean, null). Not for Kind::Exists.
    bool matches(const QJsonValue &leaf) const { return matches(Leaf::of(leaf)); }
    bool matches(const Leaf &leaf) const;

    // A field's match array (any one suffices) on one present leaf, `exists` counting as its
    // wanted value; and on no leaf at all (absent, an object, an empty array): only
    // {"exists": false} matches then. PatternMatcher's rules, shared with FastMatcher.
    static bool anyMatches(const QVector<ValueMatcher> &anyOf, const Leaf &leaf);
    static bool anyMatchesNoLeaf(const QVector<ValueMatcher> &anyOf);

    // Glob of the `wildcard` filter: `*` is zero or more characters; `\*` and `\\` escapes.
    static bool wildcardMatches(QStringView pattern, QStringView text);
    // The glob as its literal pieces between stars (escapes undone): "a*b\\*c*" gives
    // ["a", "b*c", ""]. Matching then takes linear time in the text: the first piece is a
    // prefix, the last a suffix, the others are found leftmost in turn.
    static QStringList wildcardSegments(QStringView pattern);
    static bool segmentsMatch(const QStringList &segments, QStringView text);

private:
    bool matchesString(const QString &text) const;

    Kind m_kind = Kind::Exact;
    bool m_ignoreCase = false;
    bool m_existsWanted = true;
    bool m_hasLow = false, m_lowOpen = false, m_hasHigh = false, m_highOpen = false;
    double m_low = 0, m_high = 0;
    QJsonValue m_exact;
    QString m_exactString;        // m_exact's text when it is a string
    QStringList m_strings;        // prefixes, suffixes, globs, anything-but strings
    QVector<QStringList> m_globs; // the globs of m_strings as segments (wildcard kinds)
    QVector<double> m_numbers;
    IpRange m_range;
};
