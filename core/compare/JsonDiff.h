#pragma once

#include "core/capture/ByteSpan.h"

#include <QByteArray>
#include <QString>
#include <QVector>
#include <atomic>

class JsonDocument;

// Two JSON texts compared as JSON: members matched by key (an object's key order is not a
// difference in value), array elements by position, numbers by their decimal value (1.0 and 1
// are the same number written differently), strings by their decoded text. Tells the layout
// (whitespace between tokens, key order, number and string spelling) from the values, and names
// each changed, added or removed value by its JSON Pointer (RFC 6901).
class JsonDiff
{
public:
    enum class Kind
    {
        ValueChanged,   // same type, another value
        TypeChanged,    // e.g. a string became a number or an object
        Added,          // only on the right
        Removed,        // only on the left
        NumberSpelling, // the same number written differently: 1.0 / 1, 1e2 / 100
        StringEscaping, // the same string escaped differently: "\u00e9" / "é"
        KeysReordered,  // the object's members are in another order
        DuplicateKey    // a key occurs more than once in the object on one side
    };
    struct Difference
    {
        QString pointer; // RFC 6901; "" is the whole document
        Kind kind = Kind::ValueChanged;
        QByteArray left;   // the value as written (cut to PreviewBytes); empty when absent
        QByteArray right;  // for DuplicateKey: how often the key occurs on each side
        ByteSpan leftSpan; // where the value sits in the left text; empty when absent
        ByteSpan rightSpan;
    };

    static constexpr int PreviewBytes = 200;
    static constexpr int MaxDifferences = 10000; // listed; the rest are only counted

    // Parses both (JsonDocument) and compares them. `cancel`, when set (from another thread),
    // stops the comparison between two values (or between the two parses): cancelled() is then
    // true and the differences found so far are incomplete.
    static JsonDiff compare(const QByteArray &left, const QByteArray &right,
                            const std::atomic<bool> *cancel = nullptr);
    static JsonDiff compare(const JsonDocument &left, const JsonDocument &right,
                            const std::atomic<bool> *cancel = nullptr);
    bool cancelled() const { return m_cancelled; }

    bool bothJson() const { return m_leftError.isEmpty() && m_rightError.isEmpty(); }
    QString leftError() const { return m_leftError; } // "offset 12: expected ':' ..."
    QString rightError() const { return m_rightError; }

    bool identicalText() const { return m_identicalText; }
    bool sameValue() const { return m_valueChanges == 0; } // equal as JSON, whatever the layout
    bool whitespaceChanged() const { return m_whitespaceChanged; }
    bool keysReordered() const { return m_counts[int(Kind::KeysReordered)] > 0; }
    int valueChanges() const { return m_valueChanges; } // changed, type changed, added, removed
    int count(Kind kind) const { return m_counts[int(kind)]; }
    const QVector<Difference> &differences() const { return m_differences; }
    int unlisted() const { return m_unlisted; } // past MaxDifferences

    // "Identical JSON text", "Same JSON, keys reordered and whitespace changed", "3 values
    // differ (keys also reordered)", "Left body is not JSON: ..."
    QString summary() const;
    static QString kindName(Kind kind); // "value changed", "keys reordered", ...
    // The canonical decimal form of a JSON number's text ("1.50e1" → "15e0"), for equality.
    static QByteArray canonicalNumber(const QByteArray &text);
    static QString pointerToken(const QString &key); // '~' → "~0", '/' → "~1"

private:
    class Walk; // the comparison itself, in JsonDiff.cpp

    void add(Difference difference);

    QString m_leftError;
    QString m_rightError;
    bool m_identicalText = false;
    bool m_whitespaceChanged = false;
    int m_valueChanges = 0;
    int m_counts[8] = {};
    QVector<Difference> m_differences;
    int m_unlisted = 0;
    bool m_cancelled = false;
};
