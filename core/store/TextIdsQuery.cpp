#include "core/store/TextIdsQuery.h"

#include <algorithm>
#include <iterator>
#include <sqlite3.h>

namespace {

QVector<qint64> unite(const QVector<qint64> &a, const QVector<qint64> &b)
{
    QVector<qint64> out;
    out.reserve(std::max(a.size(), b.size()));
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

QVector<qint64> intersect(const QVector<qint64> &a, const QVector<qint64> &b)
{
    QVector<qint64> out;
    out.reserve(std::min(a.size(), b.size()));
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

QVector<qint64> subtract(const QVector<qint64> &a, const QVector<qint64> &b)
{
    QVector<qint64> out;
    out.reserve(a.size());
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

} // namespace

bool TextIdsQuery::applies(const CaptureQuery &query)
{
    return query.isValid() && !query.isEmpty() && setOf(query.root());
}

bool TextIdsQuery::textTerm(const QueryNode &node)
{
    const QString &f = node.field;
    return f.isEmpty() || f == QLatin1String("body") || f == QLatin1String("header") ||
           (f == QLatin1String("note") && node.value != QLatin1String("*"));
}

// The node's captures are a set the index alone gives (not the complement of one).
bool TextIdsQuery::setOf(const QueryNode &node)
{
    switch (node.kind) {
    case QueryNode::Kind::Term:
        return textTerm(node);
    case QueryNode::Kind::Not:
        return false;
    case QueryNode::Kind::Or:
        return !node.children.isEmpty() && std::all_of(node.children.begin(), node.children.end(),
                                                       [](const QueryNode &c) { return setOf(c); });
    case QueryNode::Kind::And:
        break;
    }
    bool positive = false;
    for (const QueryNode &c : node.children) {
        const bool negated = c.kind == QueryNode::Kind::Not;
        if (!setOf(negated ? c.children.first() : c))
            return false;
        positive = positive || !negated;
    }
    return positive;
}

bool TextIdsQuery::run(sqlite3 *db, const CaptureQuery &query, const CaptureQuery::Context &context,
                       QVector<qint64> *ids, int *rc)
{
    *rc = SQLITE_OK;
    ids->clear();
    return idsOf(db, query.root(), context, ids, rc);
}

bool TextIdsQuery::idsOf(sqlite3 *db, const QueryNode &node, const CaptureQuery::Context &context,
                         QVector<qint64> *ids, int *rc)
{
    if (node.kind == QueryNode::Kind::Term)
        return termIds(db, node, context, ids, rc);
    bool first = true;
    QVector<qint64> excluded;
    for (const QueryNode &c : node.children) {
        QVector<qint64> part;
        const bool negated = c.kind == QueryNode::Kind::Not;
        if (!idsOf(db, negated ? c.children.first() : c, context, &part, rc))
            return false;
        if (negated)
            excluded = unite(excluded, part);
        else if (first)
            *ids = std::move(part);
        else
            *ids = node.kind == QueryNode::Kind::And ? intersect(*ids, part) : unite(*ids, part);
        first = first && negated;
    }
    if (!excluded.isEmpty())
        *ids = subtract(*ids, excluded);
    return true;
}

bool TextIdsQuery::termIds(sqlite3 *db, const QueryNode &node, const CaptureQuery::Context &context,
                           QVector<qint64> *ids, int *rc)
{
    const CaptureQuery::Match m = CaptureQuery::matchOf(node);
    QVector<qint64> text, notes;
    if (!m.text.isEmpty() && !matchIds(db, "capture_text", m.text, context, &text, rc))
        return false;
    if (!m.note.isEmpty() && !matchIds(db, "capture_notes", m.note, context, &notes, rc))
        return false;
    *ids = notes.isEmpty() ? std::move(text) : unite(text, notes);
    return true;
}

bool TextIdsQuery::matchIds(sqlite3 *db, const QByteArray &table, const QString &match,
                            const CaptureQuery::Context &context, QVector<qint64> *ids, int *rc)
{
    const QByteArray sql = "SELECT rowid FROM " + context.indexSchema + '.' + table + " WHERE " +
                           table + " MATCH ? AND rowid >= ? ORDER BY rowid";
    sqlite3_stmt *stmt = nullptr;
    *rc = sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &stmt, nullptr);
    if (*rc != SQLITE_OK)
        return false;
    const QByteArray utf8 = match.toUtf8();
    sqlite3_bind_text(stmt, 1, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, context.fromId);
    while ((*rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ids->append(sqlite3_column_int64(stmt, 0));
    sqlite3_finalize(stmt);
    const bool ok = *rc == SQLITE_DONE;
    if (ok)
        *rc = SQLITE_OK;
    return ok;
}

bool TextIdsQuery::keepStored(sqlite3 *db, QVector<qint64> *ids, int *rc)
{
    sqlite3_stmt *stmt = nullptr;
    *rc = sqlite3_prepare_v2(db, "SELECT 1 FROM captures WHERE id = ?", -1, &stmt, nullptr);
    if (*rc != SQLITE_OK)
        return false;
    qsizetype kept = 0;
    for (qsizetype i = 0; i < ids->size(); ++i) {
        sqlite3_bind_int64(stmt, 1, ids->at(i));
        *rc = sqlite3_step(stmt);
        if (*rc != SQLITE_ROW && *rc != SQLITE_DONE)
            break;
        if (*rc == SQLITE_ROW)
            (*ids)[kept++] = ids->at(i);
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    if (*rc != SQLITE_ROW && *rc != SQLITE_DONE)
        return false;
    *rc = SQLITE_OK;
    ids->resize(kept);
    return true;
}
