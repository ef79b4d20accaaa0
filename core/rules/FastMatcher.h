#pragma once

#include "core/rules/EventPattern.h"
#include "core/rules/FastEvent.h"
#include "core/rules/ValueMatcher.h"

#include <QSet>
#include <QVector>

namespace simdjson::dom {
class array;
class element;
class object;
} // namespace simdjson::dom

// PatternMatcher's verdict (matches(), no reasons) on a FastEvent: the envelope's fields as text
// and Detail as simdjson's DOM, so that no QJsonObject is built per event. The same rules in the
// same order as PatternMatcher::objectMatches; PatternMatcher stays the reference, and gives the
// reasons of a miss. A pattern with a shape this does not handle (a dotted key) is not
// supported: isSupported() is false and the caller uses PatternMatcher. An event it cannot
// judge exactly (a key given twice in the Detail) is Undecided, for the same fallback.
// Holds a reference to the pattern, which must outlive it; const and thread-safe once built.
class FastMatcher
{
public:
    explicit FastMatcher(const EventPattern &pattern);

    enum class Verdict
    {
        Match,
        Miss,
        Undecided
    };

    bool isSupported() const { return m_supported; }
    // Whether the pattern reads this envelope member ("id", "time", ...): FastEvent's `id` and
    // `time` need filling only then.
    bool readsRootKey(const QString &key) const { return m_rootKeys.contains(key); }
    Verdict match(const FastEvent &event) const;
    // The envelope's fields alone (the Detail neither parsed nor read, as if each of the
    // pattern's `detail` fields matched): Miss when they already rule the event out, whatever its
    // Detail holds (a source or detail-type the pattern does not take); Undecided otherwise.
    // A scan judges most events of a selective rule this way without parsing their bodies.
    Verdict matchEnvelope(const FastEvent &event) const;
    // When the pattern takes only some detail-types, each an exact string or a prefix of
    // printable ASCII that no number or boolean reads as: the texts a JSON body must hold for an
    // event whose detail-type is read from that body to match (`"invoice.paid"`, `"customer.`),
    // unless the body escapes a character (holds a backslash). False when the pattern gives no
    // such test.
    bool detailTypeNeedles(QList<QByteArray> *needles) const;

private:
    struct Context;
    bool rootMatches(int node, Context &c) const;
    bool objectMatches(int node, const simdjson::dom::object *object, Context &c) const;
    bool valueMatches(const PatternField &field, const simdjson::dom::element &value,
                      Context &c) const;
    bool nestedMatches(int node, const simdjson::dom::array &array, Context &c) const;
    bool leafMatches(const PatternField &field, const simdjson::dom::array &array) const;
    bool stringsMatch(const PatternField &field, const QStringList &values) const;
    bool scalarMatches(const PatternField &field, const ValueMatcher::Leaf &leaf) const;
    bool noLeafMatches(const PatternField &field) const;

    const EventPattern &m_pattern;
    QVector<QVector<QByteArray>> m_keys; // each node's field keys as UTF-8
    QSet<QString> m_rootKeys;
    bool m_supported = false;
};
