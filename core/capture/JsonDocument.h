#pragma once

#include "ByteSpan.h"

#include <QByteArray>
#include <QString>
#include <QVector>

// A JSON text parsed into a flat node table with byte spans into the source. Keys stay in source
// order, duplicate keys are kept (and flagged), numbers keep the text they were written with.
// Parsing does not recurse, so nesting depth cannot overflow the stack.
class JsonDocument
{
public:
    enum class Type : quint8 { Null, Bool, Number, String, Array, Object };

    struct Node
    {
        ByteSpan span;      // the whole value, as written
        ByteSpan keySpan;   // the member's key with its quotes; empty for array elements and the root
        qint32 parent = -1;
        qint32 firstChild = -1;
        qint32 nextSibling = -1;
        qint32 childCount = 0;
        Type type = Type::Null;
        bool duplicateKey = false; // another member of the same object has the same key
    };

    static JsonDocument parse(const QByteArray &text);

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; } // e.g. "expected ':' after object key"
    qint64 errorOffset() const { return m_errorOffset; }

    const QByteArray &source() const { return m_source; }
    int nodeCount() const { return m_nodes.size(); }
    const Node &node(int index) const { return m_nodes.at(index); }
    int root() const { return m_nodes.isEmpty() ? -1 : 0; }
    int child(int parent, int n) const; // the n-th child, in source order

    QString key(int index) const;        // decoded key; empty for array elements and the root
    QString stringValue(int index) const; // decoded string value
    QByteArray rawText(int index) const;  // the value's bytes exactly as written (numbers, literals)
    int nodeAt(qint64 offset) const;      // deepest node whose span (or key span) holds the offset

private:
    QByteArray m_source;
    QVector<Node> m_nodes;
    QString m_error;
    qint64 m_errorOffset = -1;
};
