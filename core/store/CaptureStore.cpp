#include "core/store/CaptureStore.h"

#include "core/store/ForwardOutbox.h"
#include "core/store/LargeCaptureFiles.h"
#include "core/store/SqliteValues.h"
#include "core/store/StoreOpener.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <algorithm>
#include <sqlite3.h>

namespace {

using namespace SqliteValues;

const char *const SummaryColumns =
    "id, received_us, peer, method, target, endpoint, content_type, raw_size, body_size, status, "
    "parse_error, coalesce(verdicts.reason, ''), event_type, delivery_id, "
    // the verdict's brief for the list's headline (CaptureSummary::verdictBrief)
    "CASE WHEN json_valid(CAST(verdicts.verdict_json AS TEXT)) THEN "
    "json_extract(CAST(verdicts.verdict_json AS "
    "TEXT), '$.hazards', '$.timestamp_age_s', '$.diagnosed') END";
// The overall forward state, read after the columns above (and before capture()'s own).
QByteArray summaryColumns()
{
    return QByteArray(SummaryColumns) + ", " + CaptureFilter::forwardStateSql();
}
constexpr int ForwardStateColumn = 15;
constexpr int RawColumn = 16; // capture()'s raw and upload, after the summary's
const char *const SummaryFrom = " FROM captures LEFT JOIN verdicts ON verdicts.capture_id = id";
// The list's bookmark order (CaptureOrder::Key::Bookmark; the table is CaptureMarks').
const char *const BookmarkedSql =
    "captures.id IN (SELECT capture_id FROM capture_marks WHERE bookmarked = 1)";

// Text parameters from `first` on; the strings are copied (SQLITE_TRANSIENT).
void bindParameters(sqlite3_stmt *stmt, int first, const QStringList &values)
{
    for (const QString &v : values) {
        const QByteArray utf8 = v.toUtf8();
        sqlite3_bind_text(stmt, first++, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
}

CaptureSummary readSummary(sqlite3_stmt *stmt)
{
    CaptureSummary s;
    s.id = sqlite3_column_int64(stmt, 0);
    s.receivedAtUs = sqlite3_column_int64(stmt, 1);
    s.peer = columnText(stmt, 2);
    s.method = columnBytes(stmt, 3);
    s.target = columnBytes(stmt, 4);
    s.endpointId = columnText(stmt, 5);
    s.contentType = columnBytes(stmt, 6);
    s.rawSize = sqlite3_column_int64(stmt, 7);
    s.bodySize = sqlite3_column_int64(stmt, 8);
    s.status = sqlite3_column_int(stmt, 9);
    s.parseError = columnText(stmt, 10);
    s.verdictReason = columnText(stmt, 11);
    s.eventType = columnText(stmt, 12);
    s.deliveryId = columnText(stmt, 13);
    s.verdictBrief = columnBytes(stmt, 14);
    s.forwardState = columnText(stmt, ForwardStateColumn);
    return s;
}

} // namespace

CaptureStore::CaptureStore() = default;

CaptureStore::~CaptureStore()
{
    close();
}

QString CaptureStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/captures.sqlite");
}

bool CaptureStore::open(const QString &path, Durability durability)
{
    close();
    m_path = path;
    m_db = StoreOpener::openForWriting(path, durability, SchemaVersion, &m_error);
    if (!m_db)
        return false;
    // After every pragma: the hook replaces SQLite's automatic checkpoint (one slot for both).
    Statement pageSize(m_db, "PRAGMA page_size");
    m_checkpointer.install(m_db, path,
                           pageSize && sqlite3_step(pageSize.get()) == SQLITE_ROW
                               ? sqlite3_column_int(pageSize.get(), 0)
                               : 16384,
                           StoreOpener::BusyTimeoutMs, durability == Durability::Power ? 2 : 1);
    if (!dropUnreferencedUploads()) {
        const QString why = m_error;
        close();
        m_error = why;
        return false;
    }
    return true;
}

bool CaptureStore::openReadOnly(const QString &path)
{
    close();
    m_path = path;
    m_db = StoreOpener::openReadOnly(path, SchemaVersion, &m_error);
    m_readOnly = m_db != nullptr;
    return m_db != nullptr;
}

sqlite3_stmt *CaptureStore::prepared(const char *sql) const
{
    sqlite3_stmt *&stmt = m_prepared[sql];
    if (!stmt)
        sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    else
        sqlite3_reset(stmt);
    return stmt;
}

void CaptureStore::close()
{
    for (sqlite3_stmt *stmt : std::as_const(m_prepared))
        sqlite3_finalize(stmt);
    m_prepared.clear();
    m_checkpointer.uninstall(); // before the connection whose WAL it watches closes
    m_readOnly = false;
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool CaptureStore::setError(const QString &context)
{
    m_error =
        m_db ? context + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(m_db)) : context;
    return false;
}

bool CaptureStore::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        m_error = QStringLiteral("Store %1: %2").arg(m_path, QString::fromUtf8(message));
        sqlite3_free(message);
        return false;
    }
    return true;
}

void CaptureStore::checkpointIfLarge()
{
    m_checkpointer.checkpointIfLarge();
}

Durability CaptureStore::durability() const
{
    Statement stmt(m_db, "PRAGMA synchronous");
    const int level =
        stmt && sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int(stmt.get(), 0) : 0;
    return level >= 2 ? Durability::Power : Durability::Process; // 2 FULL, 3 EXTRA
}

int CaptureStore::schemaVersion() const
{
    Statement stmt(m_db, "PRAGMA user_version");
    return stmt && sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int(stmt.get(), 0) : -1;
}

bool CaptureStore::append(QList<NewCapture> &captures)
{
    if (!exec("BEGIN IMMEDIATE"))
        return false;
    sqlite3_stmt *insert =
        prepared("INSERT INTO captures (received_us, peer, method, target, endpoint, content_type, "
                 "raw_size, body_size, status, parse_error, delivery_id, event_type) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *insertRaw =
        prepared("INSERT INTO capture_bytes (capture_id, raw, upload) VALUES (?, ?, ?)");
    bool ok = insert && insertRaw;
    for (NewCapture &c : captures) {
        if (!ok)
            break;
        const CaptureSummary &s = c.summary;
        sqlite3_stmt *st = insert;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, s.receivedAtUs);
        bindText(st, 2, s.peer);
        bindBytes(st, 3, s.method);
        bindBytes(st, 4, s.target);
        bindText(st, 5, s.endpointId);
        bindBytes(st, 6, s.contentType);
        const qint64 rawSize = c.upload != 0 ? c.summary.rawSize : c.raw.size();
        sqlite3_bind_int64(st, 7, rawSize);
        sqlite3_bind_int64(st, 8, s.bodySize);
        sqlite3_bind_int(st, 9, s.status);
        bindText(st, 10, s.parseError);
        bindBytes(st, 11, c.deliveryId);
        bindText(st, 12, s.eventType);
        ok = sqlite3_step(st) == SQLITE_DONE;
        c.summary.id = sqlite3_last_insert_rowid(m_db);
        c.summary.rawSize = rawSize;
        c.summary.deliveryId = QString::fromUtf8(c.deliveryId);
        sqlite3_stmt *rt = insertRaw;
        sqlite3_reset(rt);
        sqlite3_bind_int64(rt, 1, c.summary.id);
        if (c.upload != 0) { // the bytes are in the upload's chunks already
            sqlite3_bind_zeroblob(rt, 2, 0);
            sqlite3_bind_int64(rt, 3, c.upload);
        } else {
            bindBytes(rt, 2, c.raw);
            sqlite3_bind_null(rt, 3);
        }
        ok = ok && sqlite3_step(rt) == SQLITE_DONE;
        if (ok && !s.verdictReason.isEmpty())
            ok = writeVerdict(c.summary.id, s.verdictReason, s.verdictJson);
        if (ok && !c.outbox.isEmpty())
            ok = ForwardOutbox(*this).insert(c.summary.id, s.endpointId, c.outbox);
        if (ok && !c.origin.isEmpty())
            ok = writeOrigin(c.summary.id, c.origin);
    }
    if (!ok) {
        setError(QStringLiteral("Cannot store the capture in %1").arg(m_path));
        const QString why = m_error;
        exec("ROLLBACK");
        m_error = why;
        return false;
    }
    return exec("COMMIT");
}

bool CaptureStore::writeVerdict(qint64 id, const QString &reason, const QByteArray &json)
{
    sqlite3_stmt *stmt = prepared("INSERT OR REPLACE INTO verdicts (capture_id, computed_us, "
                                  "valid, reason, verdict_json) VALUES (?, ?, ?, ?, ?)");
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_int64(stmt, 2, QDateTime::currentMSecsSinceEpoch() * 1000);
    sqlite3_bind_int(stmt, 3, reason == QLatin1String("ok") ? 1 : 0);
    bindText(stmt, 4, reason);
    bindBytes(stmt, 5, json);
    return sqlite3_step(stmt) == SQLITE_DONE;
}

bool CaptureStore::writeOrigin(qint64 id, const CaptureOrigin &origin)
{
    sqlite3_stmt *stmt = prepared("INSERT INTO capture_origins (capture_id, source, format, entry, "
                                  "imported_us, not_rebuilt) VALUES (?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    bindText(stmt, 2, origin.source);
    bindText(stmt, 3, origin.format);
    sqlite3_bind_int64(stmt, 4, origin.entry);
    sqlite3_bind_int64(stmt, 5, origin.importedAtUs);
    bindText(stmt, 6,
             QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(origin.notRebuilt))
                                   .toJson(QJsonDocument::Compact)));
    return sqlite3_step(stmt) == SQLITE_DONE;
}

CaptureOrigin CaptureStore::origin(qint64 id) const
{
    Statement stmt(m_db, "SELECT source, format, entry, imported_us, not_rebuilt FROM "
                         "capture_origins WHERE capture_id = ?");
    CaptureOrigin o;
    if (!stmt)
        return o;
    sqlite3_bind_int64(stmt.get(), 1, id);
    if (sqlite3_step(stmt.get()) != SQLITE_ROW)
        return o;
    o.source = columnText(stmt.get(), 0);
    o.format = columnText(stmt.get(), 1);
    o.entry = sqlite3_column_int64(stmt.get(), 2);
    o.importedAtUs = sqlite3_column_int64(stmt.get(), 3);
    for (const QJsonValue &v : QJsonDocument::fromJson(columnBytes(stmt.get(), 4)).array())
        o.notRebuilt.append(v.toString());
    return o;
}

bool CaptureStore::setVerdict(qint64 id, const QString &reason, const QByteArray &verdictJson)
{
    if (!writeVerdict(id, reason, verdictJson))
        return setError(QStringLiteral("Cannot store the verdict of capture %1").arg(id));
    return true;
}

bool CaptureStore::setVerdicts(const QVector<VerdictRow> &rows)
{
    if (!exec("BEGIN IMMEDIATE"))
        return false;
    for (const VerdictRow &row : rows) {
        if (!writeVerdict(row.id, row.reason, row.json)) {
            setError(QStringLiteral("Cannot store the verdict of capture %1").arg(row.id));
            const QString why = m_error;
            exec("ROLLBACK");
            m_error = why;
            return false;
        }
    }
    return exec("COMMIT");
}

QByteArray CaptureStore::verdictJson(qint64 id) const
{
    const Lent stmt(prepared("SELECT verdict_json FROM verdicts WHERE capture_id = ?"));
    if (!stmt)
        return {};
    sqlite3_bind_int64(stmt.get(), 1, id);
    return sqlite3_step(stmt.get()) == SQLITE_ROW ? columnBytes(stmt.get(), 0) : QByteArray();
}

qint64 CaptureStore::firstWithDeliveryId(const QByteArray &deliveryId) const
{
    if (deliveryId.isEmpty())
        return 0;
    // The second term lets SQLite use the partial index captures_delivery (it cannot tell that
    // the bound id is not empty); without it every arriving capture scanned the whole table.
    Statement stmt(m_db, "SELECT min(id) FROM captures WHERE delivery_id = ?1 AND delivery_id != "
                         "x''");
    if (!stmt)
        return 0;
    bindBytes(stmt.get(), 1, deliveryId);
    return sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

qint64 CaptureStore::previousWithSameDeliveryId(qint64 id) const
{
    // max(id) below ?1 walks the index captures_delivery (delivery_id, id) backwards from ?1; the
    // last term lets SQLite use that partial index, as in firstWithDeliveryId.
    const Lent stmt(prepared("SELECT max(p.id) FROM captures AS c JOIN captures AS p ON "
                             "p.delivery_id = c.delivery_id WHERE c.id = ?1 AND p.id < ?1 AND "
                             "p.delivery_id != x''"));
    if (!stmt)
        return 0;
    sqlite3_bind_int64(stmt.get(), 1, id);
    return sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

qint64 CaptureStore::previousOnSameEndpoint(qint64 id) const
{
    // walks the index captures_endpoint (endpoint, id) backwards from ?1
    const Lent stmt(prepared("SELECT max(p.id) FROM captures AS c JOIN captures AS p ON "
                             "p.endpoint = c.endpoint WHERE c.id = ?1 AND p.id < ?1"));
    if (!stmt)
        return 0;
    sqlite3_bind_int64(stmt.get(), 1, id);
    return sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

qint64 CaptureStore::count() const
{
    Statement stmt(m_db, "SELECT count(*) FROM captures");
    return stmt && sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

QVector<qint64> CaptureStore::ids() const
{
    QVector<qint64> out;
    Statement stmt(m_db, "SELECT id FROM captures ORDER BY id");
    while (stmt && sqlite3_step(stmt.get()) == SQLITE_ROW)
        out.append(sqlite3_column_int64(stmt.get(), 0));
    return out;
}

QVector<qint64> CaptureStore::ids(const CaptureFilter &filter) const
{
    if (filter.isEmpty())
        return ids();
    QVector<qint64> out;
    const QByteArray sql =
        "SELECT id" + QByteArray(SummaryFrom) + " WHERE " + filter.sqlCondition() + " ORDER BY id";
    Statement stmt(m_db, sql.constData());
    if (!stmt)
        return out;
    bindParameters(stmt.get(), 1, filter.sqlParameters());
    while (sqlite3_step(stmt.get()) == SQLITE_ROW)
        out.append(sqlite3_column_int64(stmt.get(), 0));
    return out;
}

QVector<qint64> CaptureStore::ids(const CaptureFilter &filter, const CaptureOrder &order,
                                  qint64 *lastId) const
{
    QVector<qint64> out;
    if (!m_db)
        return out;
    // one snapshot for the highest id and every read (unless the caller holds one already)
    const bool inRead = sqlite3_get_autocommit(m_db) != 0 &&
                        sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (lastId) {
        Statement last(m_db, "SELECT coalesce(max(id), 0) FROM captures");
        *lastId = last && sqlite3_step(last.get()) == SQLITE_ROW
                      ? sqlite3_column_int64(last.get(), 0)
                      : 0;
    }
    const QByteArray condition = filter.sqlCondition();
    const auto read = [&](const QByteArray &sql) {
        Statement stmt(m_db, sql.constData());
        if (!stmt)
            return;
        bindParameters(stmt.get(), 1, filter.sqlParameters());
        while (sqlite3_step(stmt.get()) == SQLITE_ROW)
            out.append(sqlite3_column_int64(stmt.get(), 0));
    };
    const QByteArray where = QByteArray(SummaryFrom) + " WHERE " + condition;
    // Status and size have no index (schema 10): (key, id) pairs are read in id order, a scan
    // with no sorter (SQLite's own ORDER BY key walked the time index and looked each row up:
    // 3 s for a million), and sorted here; the sort is stable, so the ids break ties.
    const auto readSorted = [&](const char *column) {
        QVector<std::pair<qint64, qint64>> pairs;
        const QByteArray sql = "SELECT id, " + QByteArray(column) + where + " ORDER BY id";
        Statement stmt(m_db, sql.constData());
        if (!stmt)
            return;
        bindParameters(stmt.get(), 1, filter.sqlParameters());
        while (sqlite3_step(stmt.get()) == SQLITE_ROW)
            pairs.append(
                {sqlite3_column_int64(stmt.get(), 1), sqlite3_column_int64(stmt.get(), 0)});
        std::stable_sort(pairs.begin(), pairs.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        out.reserve(pairs.size());
        for (const auto &pair : std::as_const(pairs))
            out.append(pair.second);
    };
    switch (order.key) {
    case CaptureOrder::Key::Arrival:
        out = ids(filter);
        break;
    case CaptureOrder::Key::Time:
        read("SELECT id" + where + " ORDER BY received_us, id");
        break;
    case CaptureOrder::Key::Status:
        readSorted("status");
        break;
    case CaptureOrder::Key::Size:
        readSorted("raw_size");
        break;
    case CaptureOrder::Key::Verdict:
        // The verified ones walk the index verdicts_rank (the verdicts' rowid is the capture
        // id); those without a verdict, rank 5, come last in id order.
        read(QByteArray("SELECT verdicts.capture_id FROM verdicts CROSS JOIN captures ON "
                        "captures.id = verdicts.capture_id WHERE ") +
             condition + " ORDER BY " + CaptureOrder::verdictRankSql() + ", verdicts.capture_id");
        if (filter.verdict == CaptureFilter::Verdict::Any ||
            filter.verdict == CaptureFilter::Verdict::Unverified)
            read("SELECT id" + where + " AND verdicts.capture_id IS NULL ORDER BY id");
        break;
    case CaptureOrder::Key::Bookmark: // the bookmarked (few) first, then the others
        read("SELECT id" + where + " AND " + BookmarkedSql + " ORDER BY id");
        read("SELECT id" + where + " AND NOT " + BookmarkedSql + " ORDER BY id");
        break;
    }
    if (inRead)
        sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
    if (order.descending) // (key, id) descending: the ascending order reversed
        std::reverse(out.begin(), out.end());
    return out;
}

std::optional<CaptureOrder::Place> CaptureStore::placeOf(qint64 id, const CaptureOrder &order) const
{
    const Lent stmt(prepared("SELECT received_us, status, raw_size, coalesce(verdicts.reason, ''), "
                             "id IN (SELECT capture_id FROM capture_marks WHERE bookmarked = 1) "
                             "FROM captures LEFT JOIN verdicts ON verdicts.capture_id = id "
                             "WHERE id = ?"));
    if (!stmt)
        return std::nullopt;
    sqlite3_bind_int64(stmt.get(), 1, id);
    if (sqlite3_step(stmt.get()) != SQLITE_ROW)
        return std::nullopt;
    switch (order.key) {
    case CaptureOrder::Key::Arrival:
        return CaptureOrder::Place{id, id};
    case CaptureOrder::Key::Time:
        return CaptureOrder::Place{sqlite3_column_int64(stmt.get(), 0), id};
    case CaptureOrder::Key::Status:
        return CaptureOrder::Place{sqlite3_column_int64(stmt.get(), 1), id};
    case CaptureOrder::Key::Size:
        return CaptureOrder::Place{sqlite3_column_int64(stmt.get(), 2), id};
    case CaptureOrder::Key::Verdict:
        return CaptureOrder::Place{CaptureOrder::verdictRank(columnText(stmt.get(), 3)), id};
    case CaptureOrder::Key::Bookmark:
        return CaptureOrder::Place{sqlite3_column_int(stmt.get(), 4) ? 0 : 1, id};
    }
    return std::nullopt;
}

QVector<CaptureSummary> CaptureStore::summaries(qint64 fromId, qint64 toId,
                                                const CaptureFilter &filter) const
{
    QVector<CaptureSummary> out;
    const QByteArray sql = QByteArray("SELECT ") + summaryColumns() + SummaryFrom +
                           " WHERE id BETWEEN ? AND ? AND " + filter.sqlCondition() +
                           " ORDER BY id";
    Statement stmt(m_db, sql.constData());
    if (!stmt)
        return out;
    sqlite3_bind_int64(stmt.get(), 1, fromId);
    sqlite3_bind_int64(stmt.get(), 2, toId);
    bindParameters(stmt.get(), 3, filter.sqlParameters());
    while (sqlite3_step(stmt.get()) == SQLITE_ROW)
        out.append(readSummary(stmt.get()));
    return out;
}

QVector<CaptureSummary> CaptureStore::summariesOf(const QVector<qint64> &ids) const
{
    QVector<CaptureSummary> out;
    if (ids.isEmpty())
        return out;
    QByteArray marks = "?";
    for (qsizetype i = 1; i < ids.size(); ++i)
        marks += ",?";
    const QByteArray sql =
        QByteArray("SELECT ") + summaryColumns() + SummaryFrom + " WHERE id IN (" + marks + ")";
    Statement stmt(m_db, sql.constData());
    if (!stmt)
        return out;
    for (qsizetype i = 0; i < ids.size(); ++i)
        sqlite3_bind_int64(stmt.get(), int(i + 1), ids.at(i));
    QHash<qint64, CaptureSummary> byId;
    byId.reserve(ids.size());
    while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
        CaptureSummary s = readSummary(stmt.get());
        byId.insert(s.id, std::move(s));
    }
    out.reserve(byId.size());
    for (const qint64 id : ids) {
        const auto it = byId.constFind(id);
        if (it != byId.cend())
            out.append(*it);
    }
    return out;
}

qint64 CaptureStore::lastId() const
{
    Statement stmt(m_db, "SELECT coalesce(max(id), 0) FROM captures");
    return stmt && sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

std::optional<Capture> CaptureStore::capture(qint64 id) const
{
    static const QByteArray sql =
        QByteArray("SELECT ") + summaryColumns() + ", raw, upload" + SummaryFrom +
        " JOIN capture_bytes ON capture_bytes.capture_id = id WHERE id = ?";
    const Lent stmt(prepared(sql.constData()));
    if (!stmt)
        return std::nullopt;
    sqlite3_bind_int64(stmt.get(), 1, id);
    if (sqlite3_step(stmt.get()) != SQLITE_ROW)
        return std::nullopt;
    Capture c;
    c.summary = readSummary(stmt.get());
    if (sqlite3_column_type(stmt.get(), RawColumn + 1) == SQLITE_NULL) {
        c.raw = columnBytes(stmt.get(), RawColumn);
        return c;
    }
    const qint64 upload = sqlite3_column_int64(stmt.get(), RawColumn + 1);
    const Lent chunks(prepared("SELECT bytes FROM capture_chunks WHERE upload = ? ORDER BY seq"));
    if (!chunks)
        return std::nullopt;
    sqlite3_bind_int64(chunks.get(), 1, upload);
    // Stores written before schema 9 hold large captures as chunks; later ones as files.
    while (sqlite3_step(chunks.get()) == SQLITE_ROW) {
        c.raw.append(static_cast<const char *>(sqlite3_column_blob(chunks.get(), 0)),
                     sqlite3_column_bytes(chunks.get(), 0));
    }
    if (c.raw.isEmpty()) {
        QString error;
        if (!LargeCaptureFiles(m_path).read(upload, c.summary.rawSize, &c.raw, &error)) {
            m_error =
                QStringLiteral("Capture %1 in %2 is incomplete: %3").arg(id).arg(m_path, error);
            return std::nullopt;
        }
    }
    if (c.raw.size() != c.summary.rawSize) {
        m_error = QStringLiteral("Capture %1 in %2 is incomplete: %3 of %4 bytes")
                      .arg(id)
                      .arg(m_path)
                      .arg(c.raw.size())
                      .arg(c.summary.rawSize);
        return std::nullopt;
    }
    return c;
}

qint64 CaptureStore::newUpload()
{
    if (m_nextUpload == 0) {
        Statement stmt(m_db, "SELECT max(coalesce((SELECT max(upload) FROM capture_bytes), 0),"
                             " coalesce((SELECT max(upload) FROM capture_chunks), 0))");
        m_nextUpload =
            (stmt && sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0)
                                                            : 0) +
            1;
    }
    return m_nextUpload++;
}

bool CaptureStore::dropUnreferencedUploads()
{
    // Chunks or a file no capture refers to: a process killed while writing a large capture.
    if (!exec("DELETE FROM capture_chunks WHERE upload NOT IN "
              "(SELECT upload FROM capture_bytes WHERE upload IS NOT NULL)"))
        return false;
    QSet<qint64> referenced;
    Statement stmt(m_db, "SELECT upload FROM capture_bytes WHERE upload IS NOT NULL");
    while (stmt && sqlite3_step(stmt.get()) == SQLITE_ROW)
        referenced.insert(sqlite3_column_int64(stmt.get(), 0));
    LargeCaptureFiles(m_path).removeUnreferenced(referenced, UnreferencedFileQuietSeconds);
    return true;
}
