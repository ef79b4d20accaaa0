#pragma once

#include "core/capture/ByteSpan.h"

#include <QByteArray>
#include <QString>
#include <QVector>

// A JSON text parsed into a flat node table with byte spans into the source. Keys stay in source
// order, duplicate keys are kept (and flagged), numbers keep the text they were written with.
// Parsing does not recurse, so nesting depth cannot overflow the stack.
class JsonDocument
{
public:
    enum class Type : quint8
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object
    };

    // A view of one node, assembled on request from the compact table (see Slot below).
    struct Node
    {
        ByteSpan span;    // the whole value, as written
        ByteSpan keySpan; // the member's key with its quotes; empty for array elements and the root
        qint32 parent = -1;
        qint32 firstChild = -1;
        qint32 nextSibling = -1;
        qint32 childCount = 0;
        Type type = Type::Null;
        bool duplicateKey = false; // another member of the same object has the same key
    };

    // Deeper documents are rejected with an error (as Go's encoding/json does at the same depth):
    // nothing real nests this far, and a tree view of it would be useless anyway.
    static constexpr int MaxDepth = 10000;

    static JsonDocument parse(const QByteArray &text);

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; } // e.g. "expected ':' after object key"
    qint64 errorOffset() const { return m_errorOffset; }

    const QByteArray &source() const { return m_source; }
    int nodeCount() const { return m_slots.size(); }
    Node node(int index) const; // by value: nodes are stored packed, not as Node
    int root() const { return m_slots.isEmpty() ? -1 : 0; }
    int child(int parent, int n) const; // the n-th child, in source order

    // Decoded key (empty for array elements and the root) and string value. With maxChars >= 0
    // decoding stops after that many UTF-16 units, so showing a 50 MB string costs its first line.
    QString key(int index, qsizetype maxChars = -1) const;
    QString stringValue(int index, qsizetype maxChars = -1) const;
    QByteArray rawText(int index) const; // the value's bytes exactly as written (numbers, literals)
    int nodeAt(qint64 offset) const;     // deepest node whose span (or key span) holds the offset

private:
    class Builder; // the simdjson walk, in JsonDocument.cpp

    // What the parser stores per node. A dense body such as [1,1,1,...] has a node every two
    // bytes, so every field counts: offsets fit 32 bits (simdjson's own limit is 4 GiB), first
    // child and sibling follow from document order and the child table, and the key's span is
    // found again from the value's position when asked for.
    struct Slot
    {
        quint32 offset = 0;
        quint32 length = 0;
        qint32 parent = -1;
        Type type = Type::Null;
        bool duplicateKey = false;
    };

    void buildChildTable();
    int childCountOf(int index) const { return m_childStart[index + 1] - m_childStart[index]; }
    ByteSpan keySpanOf(int index) const;
    qint64 startOf(int index) const; // where the member begins: its key, or the value itself

    QByteArray m_source;
    QVector<Slot> m_slots; // in document order: a node's children and descendants follow it
    // Each node's children, contiguous and in source order, so child() is O(1) and nodeAt() can
    // binary-search; m_childStart has nodeCount() + 1 entries.
    QVector<qint32> m_childStart;
    QVector<qint32> m_childList;
    QString m_error;
    qint64 m_errorOffset = -1;
};
