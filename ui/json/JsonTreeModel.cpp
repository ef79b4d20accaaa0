#include "ui/json/JsonTreeModel.h"

#include <QColor>

namespace {

using Type = JsonDocument::Type;

QString typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Bool:
        return QStringLiteral("boolean");
    case Type::Number:
        return QStringLiteral("number");
    case Type::String:
        return QStringLiteral("string");
    case Type::Array:
        return QStringLiteral("array");
    case Type::Object:
        return QStringLiteral("object");
    }
    return {};
}

QString elided(QString text)
{
    if (text.size() <= JsonTreeModel::MaxDisplayChars)
        return text;
    text.truncate(JsonTreeModel::MaxDisplayChars);
    return text + QChar(0x2026);
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void JsonTreeModel::setDocument(std::shared_ptr<const JsonDocument> document)
{
    beginResetModel();
    m_document = std::move(document);
    endResetModel();
}

int JsonTreeModel::nodeForIndex(const QModelIndex &index) const
{
    if (!m_document || !index.isValid() || index.model() != this)
        return -1;
    return int(index.internalId());
}

// The row alone makes the index; the view walks parent() when it needs the ancestors.
QModelIndex JsonTreeModel::indexForNode(int node, int column) const
{
    if (!m_document || node < 0 || node >= m_document->nodeCount() || column < 0 ||
        column >= ColumnCount)
        return {};
    return createIndex(rowOf(node), column, quintptr(node));
}

ByteSpan JsonTreeModel::valueSpan(const QModelIndex &index) const
{
    const int node = nodeForIndex(index);
    return node < 0 ? ByteSpan{} : m_document->node(node).span;
}

ByteSpan JsonTreeModel::keySpan(const QModelIndex &index) const
{
    const int node = nodeForIndex(index);
    return node < 0 ? ByteSpan{} : m_document->node(node).keySpan;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_document || m_document->nodeCount() == 0 || row < 0 || column < 0 ||
        column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row == 0 ? createIndex(0, column, quintptr(m_document->root())) : QModelIndex();
    if (parent.column() != KeyColumn)
        return {};
    const int child = m_document->child(int(parent.internalId()), row);
    return child < 0 ? QModelIndex() : createIndex(row, column, quintptr(child));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    const int node = nodeForIndex(child);
    if (node < 0)
        return {};
    const int parentNode = m_document->node(node).parent;
    return parentNode < 0 ? QModelIndex() : createIndex(rowOf(parentNode), 0, quintptr(parentNode));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_document)
        return 0;
    if (!parent.isValid())
        return m_document->nodeCount() > 0 ? 1 : 0;
    if (parent.column() != KeyColumn)
        return 0;
    return m_document->node(int(parent.internalId())).childCount;
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    const int node = nodeForIndex(index);
    if (node < 0)
        return {};
    const JsonDocument::Node n = m_document->node(node);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return keyText(node, index.row());
        case ValueColumn:
            return valueText(node);
        case TypeColumn:
            return typeName(n.type);
        }
        return {};
    case Qt::ToolTipRole:
        if (n.duplicateKey)
            return tr("Duplicate key: this object has more than one member named \"%1\"; "
                      "receivers disagree on which one wins.")
                .arg(m_document->key(node, MaxDisplayChars));
        return {};
    case Qt::ForegroundRole:
        if (n.duplicateKey && index.column() == KeyColumn)
            return QColor(Qt::red);
        return {};
    case SpanRole:
        return QVariant::fromValue(n.span);
    case KeySpanRole:
        return QVariant::fromValue(n.keySpan);
    case NodeRole:
        return node;
    case DuplicateKeyRole:
        return n.duplicateKey;
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

// Children are numbered in document order, so a node's row is found by binary search among its
// siblings: O(log n) even for an array of a million elements.
int JsonTreeModel::rowOf(int node) const
{
    const int parent = m_document->node(node).parent;
    if (parent < 0)
        return 0;
    int lo = 0;
    int hi = m_document->node(parent).childCount;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (m_document->child(parent, mid) < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

QString JsonTreeModel::keyText(int node, int row) const
{
    const JsonDocument::Node n = m_document->node(node);
    if (n.parent < 0)
        return {};
    if (!n.keySpan.isEmpty())
        return elided(m_document->key(node, MaxDisplayChars + 1));
    return QString::number(row); // an array element: its index
}

QString JsonTreeModel::valueText(int node) const
{
    const JsonDocument::Node n = m_document->node(node);
    switch (n.type) {
    case Type::Object:
        return QStringLiteral("{%1}").arg(n.childCount);
    case Type::Array:
        return QStringLiteral("[%1]").arg(n.childCount);
    case Type::String:
        // Only the part that is shown is decoded: views ask for it on every repaint.
        return elided(m_document->stringValue(node, MaxDisplayChars + 1));
    default:
        return QString::fromUtf8(m_document->rawText(node));
    }
}
