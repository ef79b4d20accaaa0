#include "core/store/CaptureSearch.h"

#include "core/store/CaptureStore.h"
#include "core/store/SearchIndex.h"
#include "core/store/SqliteValues.h"
#include "core/store/StoreOpener.h"
#include "core/store/TextIdsQuery.h"

#include <QFileInfo>
#include <QUrl>
#include <algorithm>
#include <sqlite3.h>

using SqliteValues::singleInt;

CaptureSearch::~CaptureSearch()
{
    close();
}

bool CaptureSearch::open(const QString &storePath, QString *error)
{
    close();
    m_storePath = storePath;
    m_db = StoreOpener::openReadOnly(storePath, CaptureStore::SchemaVersion, error);
    if (!m_db)
        return false;
    if (!attachIndex(error)) {
        close();
        return false;
    }
    return true;
}

void CaptureSearch::close()
{
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
    m_indexFile = false;
    m_emptyIndex = false;
}

bool CaptureSearch::attachIndex(QString *error)
{
    const QString path = SearchIndex::pathFor(m_storePath);
    const bool file = QFileInfo::exists(path);
    if (file == m_indexFile && (m_indexFile || m_emptyIndex))
        return true;
    if (!file) {
        // no index yet: an empty one in the connection's temp schema (a read-only connection
        // writes nothing else), so text terms select nothing until the indexer has written it
        QString why;
        if (!SearchIndex::createSchema(m_db, &why, "temp")) {
            *error = QStringLiteral("Cannot prepare an empty search index: %1").arg(why);
            return false;
        }
        m_emptyIndex = true;
        return true;
    }
    const QByteArray uri =
        "file:" + QUrl::toPercentEncoding(QFileInfo(path).absoluteFilePath(), "/") + "?mode=ro";
    sqlite3_stmt *stmt = nullptr;
    bool ok =
        sqlite3_prepare_v2(m_db, "ATTACH DATABASE ? AS search", -1, &stmt, nullptr) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_text(stmt, 1, uri.constData(), int(uri.size()), SQLITE_TRANSIENT);
        ok = sqlite3_step(stmt) == SQLITE_DONE;
    }
    sqlite3_finalize(stmt);
    QString why;
    if (!ok) {
        *error = QStringLiteral("Cannot read the search index %1: %2")
                     .arg(path, why.isEmpty() ? QString::fromUtf8(sqlite3_errmsg(m_db)) : why);
        return false;
    }
    m_indexFile = file;
    return true;
}

CaptureSearch::Result CaptureSearch::ids(const CaptureQuery &query, const CaptureFilter &filter,
                                         const CaptureQuery::Context &context)
{
    Result r;
    if (!m_db) {
        r.error = QStringLiteral("No store is open");
        return r;
    }
    if (!query.isValid()) {
        r.error = query.errorString();
        return r;
    }
    if (!attachIndex(&r.error))
        return r;
    CaptureQuery::Context c = context;
    c.indexSchema = m_indexFile ? "search" : "temp";
    const CaptureQuery::Sql sql = query.compile(c);
    const QByteArray text =
        "SELECT captures.id FROM captures LEFT JOIN verdicts ON verdicts.capture_id = captures.id"
        " WHERE " +
        sql.condition + " AND (" + filter.sqlCondition() + ") ORDER BY captures.id";
    sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr); // one snapshot for all three reads
    r.indexedUpTo = SearchIndex::indexedUpTo(m_db, c.indexSchema.constData());
    r.latestId = singleInt(m_db, "SELECT coalesce(max(id), 0) FROM captures");
    if (filter.isEmpty() && TextIdsQuery::applies(query)) {
        textIds(query, c, &r);
        sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
        return r;
    }
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, text.constData(), int(text.size()), &stmt, nullptr) != SQLITE_OK) {
        r.error = QStringLiteral("Cannot run the query on %1: %2")
                      .arg(m_storePath, QString::fromUtf8(sqlite3_errmsg(m_db)));
        sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
        return r;
    }
    int index = 1;
    for (const QVariant &v : sql.parameters)
        SqliteValues::bindVariant(stmt, index++, v);
    for (const QString &p : filter.sqlParameters())
        SqliteValues::bindVariant(stmt, index++, p);
    m_running = m_db;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        r.ids.append(sqlite3_column_int64(stmt, 0));
    m_running = nullptr;
    r.interrupted = rc == SQLITE_INTERRUPT;
    r.ok = rc == SQLITE_DONE;
    if (!r.ok) {
        r.ids.clear();
        r.error = r.interrupted ? QStringLiteral("The query was cancelled")
                                : QStringLiteral("The query failed on %1: %2")
                                      .arg(m_storePath, QString::fromUtf8(sqlite3_errmsg(m_db)));
    }
    sqlite3_finalize(stmt);
    sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
    return r;
}

void CaptureSearch::textIds(const CaptureQuery &query, const CaptureQuery::Context &context,
                            Result *r)
{
    // an indexed id may be a capture deleted meanwhile (the indexer forgets it after the store's
    // delete): none is when the store's ids have no holes, else each id is looked up
    const qint64 first = singleInt(m_db, "SELECT coalesce(min(id), 0) FROM captures");
    const qint64 count = singleInt(m_db, "SELECT count(*) FROM captures");
    const bool dense = count == (count == 0 ? 0 : r->latestId - first + 1);
    m_running = m_db;
    int rc = SQLITE_OK;
    bool ok = TextIdsQuery::run(m_db, query, context, &r->ids, &rc);
    if (ok) {
        const auto from = std::lower_bound(r->ids.begin(), r->ids.end(), first);
        const auto to = std::upper_bound(from, r->ids.end(), r->latestId);
        r->ids = QVector<qint64>(from, to);
        ok = dense || TextIdsQuery::keepStored(m_db, &r->ids, &rc);
    }
    m_running = nullptr;
    r->interrupted = rc == SQLITE_INTERRUPT;
    r->ok = ok;
    if (!ok) {
        r->ids.clear();
        r->error = r->interrupted ? QStringLiteral("The query was cancelled")
                                  : QStringLiteral("The query failed on %1: %2")
                                        .arg(m_storePath, QString::fromUtf8(sqlite3_errmsg(m_db)));
    }
}

sqlite3 *CaptureSearch::connection(QString *error)
{
    if (!m_db) {
        *error = QStringLiteral("No store is open");
        return nullptr;
    }
    return attachIndex(error) ? m_db : nullptr;
}

void CaptureSearch::interrupt()
{
    if (sqlite3 *db = m_running.load())
        sqlite3_interrupt(db);
}
