#pragma once

#include "core/store/CaptureQuery.h"

#include <QVector>

struct sqlite3;

// CaptureSearch's fast path for a query answered by the search index alone: free text, body:,
// header: and note: terms under and/or, and `not` inside an `and` that has a term of its own.
// Each term's ids are read straight from FTS5 in rowid order (free text: the capture's text and
// its note) and merged here, without joining the captures table (two thirds of the
// time of a broad search went to the join). An indexed id may be a capture deleted meanwhile: the
// caller keeps the ids in the store's [min, max], and when its ids have holes looks each up
// (keepStored).
class TextIdsQuery
{
public:
    static bool applies(const CaptureQuery &query);
    // The ids ascending; false with an SQLite code in `rc` (SQLITE_INTERRUPT when interrupted).
    static bool run(sqlite3 *db, const CaptureQuery &query, const CaptureQuery::Context &context,
                    QVector<qint64> *ids, int *rc);
    // Drops the ids that are no capture of the store (looked up one by one).
    static bool keepStored(sqlite3 *db, QVector<qint64> *ids, int *rc);

private:
    static bool textTerm(const QueryNode &node);
    static bool setOf(const QueryNode &node);
    static bool idsOf(sqlite3 *db, const QueryNode &node, const CaptureQuery::Context &context,
                      QVector<qint64> *ids, int *rc);
    static bool termIds(sqlite3 *db, const QueryNode &node, const CaptureQuery::Context &context,
                        QVector<qint64> *ids, int *rc);
    static bool matchIds(sqlite3 *db, const QByteArray &table, const QString &match,
                         const CaptureQuery::Context &context, QVector<qint64> *ids, int *rc);
};
