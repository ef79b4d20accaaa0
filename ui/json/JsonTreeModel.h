#pragma once

#include "core/capture/JsonDocument.h"
#include "ui/raw/ByteSpanMetaType.h"

#include <QAbstractItemModel>

#include <memory>

// A tree over a parsed JSON document: one top-level row for the root value, then its members or
// elements. Nothing is copied or cached: an index's internal id is the node's number in the
// document, and every answer is read from the document's node table, so a body with millions of
// nodes costs no more to show than a small one. Spans are offsets into the document's source
// (the decoded body); the window maps them to raw bytes.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        KeyColumn,
        ValueColumn,
        TypeColumn,
        ColumnCount
    };
    enum Role
    {
        SpanRole = Qt::UserRole + 1, // ByteSpan of the value, as written
        KeySpanRole,      // ByteSpan of the member's key with its quotes; empty otherwise
        NodeRole,         // int: the node's index in the document
        DuplicateKeyRole, // bool: another member of the same object has this key
    };

    // Longer strings are cut in the Value column (the full text is a span away in the raw view).
    static constexpr int MaxDisplayChars = 1000;

    explicit JsonTreeModel(QObject *parent = nullptr);

    void setDocument(std::shared_ptr<const JsonDocument> document);
    const std::shared_ptr<const JsonDocument> &document() const { return m_document; }

    int nodeForIndex(const QModelIndex &index) const; // -1 for an invalid index
    QModelIndex indexForNode(int node, int column = KeyColumn) const;
    ByteSpan valueSpan(const QModelIndex &index) const; // what SpanRole holds
    ByteSpan keySpan(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    int rowOf(int node) const;
    QString keyText(int node, int row) const;
    QString valueText(int node) const;

    std::shared_ptr<const JsonDocument> m_document;
};
