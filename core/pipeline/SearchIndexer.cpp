#include "core/pipeline/SearchIndexer.h"

#include "core/pipeline/SearchDocument.h"
#include "core/platform/BackgroundThread.h"
#include "core/store/CaptureStore.h"
#include "core/store/NoteIndex.h"
#include "core/store/SearchIndex.h"
#include "core/store/StoreOpener.h"

#include <QFile>
#include <chrono>
#include <sqlite3.h>
#include <utility>
#include <vector>

namespace {

bool exec(sqlite3 *db, const char *sql, QString *error)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    *error = QString::fromUtf8(message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return false;
}

void bindText(sqlite3_stmt *stmt, int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text64(stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()),
                        SQLITE_TRANSIENT, SQLITE_UTF8);
}

} // namespace

// One reader of the store and one writer of the index.
class SearchIndexer::Pass
{
public:
    explicit Pass(const QString &storePath) : m_storePath(storePath) {}
    ~Pass()
    {
        sqlite3_finalize(m_select);
        sqlite3_finalize(m_insertText);
        sqlite3_finalize(m_insertMeta);
        sqlite3_finalize(m_setState);
        if (m_store)
            sqlite3_close_v2(m_store);
        if (m_index)
            sqlite3_close_v2(m_index);
    }

    bool open(QString *error)
    {
        m_store = StoreOpener::openReadOnly(m_storePath, CaptureStore::SchemaVersion, error);
        if (!m_store || !m_chunked.openReadOnly(m_storePath)) {
            if (error->isEmpty())
                *error = m_chunked.errorString();
            return false;
        }
        const QString path = SearchIndex::pathFor(m_storePath);
        const bool existed = QFile::exists(path);
        QString why;
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_index,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK) {
            *error = QStringLiteral("Cannot open the search index %1: %2")
                         .arg(path, QString::fromUtf8(sqlite3_errmsg(m_index)));
            return false;
        }
        if (!existed) // it holds bodies: only the user reads it, like the store
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        sqlite3_busy_timeout(m_index, StoreOpener::BusyTimeoutMs);
        // The index can be rebuilt from the store: no fsync per batch.
        if (!exec(m_index, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", &why) ||
            !SearchIndex::createSchema(m_index, &why) ||
            sqlite3_prepare_v2(m_store,
                               "SELECT c.id, b.raw, b.upload FROM captures c JOIN capture_bytes b"
                               " ON b.capture_id = c.id WHERE c.id > ? ORDER BY c.id LIMIT ?",
                               -1, &m_select, nullptr) != SQLITE_OK ||
            sqlite3_prepare_v2(m_index,
                               "INSERT INTO capture_text (rowid, head, body) VALUES (?, ?, ?)", -1,
                               &m_insertText, nullptr) != SQLITE_OK ||
            sqlite3_prepare_v2(m_index,
                               "INSERT OR REPLACE INTO capture_meta (capture_id, event_type)"
                               " VALUES (?, ?)",
                               -1, &m_insertMeta, nullptr) != SQLITE_OK ||
            sqlite3_prepare_v2(m_index,
                               "UPDATE index_state SET value = ? WHERE key = 'indexed_up_to'", -1,
                               &m_setState, nullptr) != SQLITE_OK) {
            *error =
                QStringLiteral("Cannot prepare the search index %1: %2")
                    .arg(path, why.isEmpty() ? QString::fromUtf8(sqlite3_errmsg(m_index)) : why);
            return false;
        }
        m_upTo = SearchIndex::indexedUpTo(m_index);
        return true;
    }

    qint64 latestId() const
    {
        sqlite3_stmt *stmt = nullptr;
        qint64 id = 0;
        if (sqlite3_prepare_v2(m_store, "SELECT coalesce(max(id), 0) FROM captures", -1, &stmt,
                               nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            id = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        return id;
    }

    // Indexes up to BatchSize captures after upTo() in one transaction; false on error. The
    // store is read first and its read transaction ended before the index is written (the slow
    // part), so the store's checkpoints can reset its WAL meanwhile: a reader holding a snapshot
    // keeps the WAL growing under a steady stream of captures.
    bool batch(qint64 latest, QString *error)
    {
        if (m_upTo > latest && !reset(error)) // another store under the same name
            return false;
        if (m_upTo >= latest)
            return true;
        std::vector<std::pair<qint64, SearchDocument>> docs;
        qint64 chars = 0; // of the documents read: a bound on the memory they take
        sqlite3_reset(m_select);
        sqlite3_bind_int64(m_select, 1, m_upTo);
        sqlite3_bind_int(m_select, 2, BatchSize);
        while (chars < MaxBatchChars && sqlite3_step(m_select) == SQLITE_ROW) {
            const qint64 id = sqlite3_column_int64(m_select, 0);
            QByteArray raw;
            if (sqlite3_column_type(m_select, 2) == SQLITE_NULL) {
                raw = QByteArray::fromRawData(
                    static_cast<const char *>(sqlite3_column_blob(m_select, 1)),
                    sqlite3_column_bytes(m_select, 1));
            } else if (const std::optional<Capture> c = m_chunked.capture(id)) {
                raw = c->raw; // SearchDocument reads the first MaxBodyBytes of its body
            }
            SearchDocument doc = SearchDocument::of(raw); // copies what it keeps
            chars += doc.head.size() + doc.body.size();
            docs.emplace_back(id, std::move(doc));
        }
        sqlite3_reset(m_select); // ends the read of the store's snapshot
        if (docs.empty())
            return true;
        if (!exec(m_index, "BEGIN IMMEDIATE", error))
            return false;
        bool ok = true;
        for (const auto &[id, doc] : docs) {
            sqlite3_reset(m_insertText);
            sqlite3_bind_int64(m_insertText, 1, id);
            bindText(m_insertText, 2, doc.head);
            bindText(m_insertText, 3, doc.body);
            ok = sqlite3_step(m_insertText) == SQLITE_DONE;
            if (ok && !doc.eventType.isEmpty()) {
                sqlite3_reset(m_insertMeta);
                sqlite3_bind_int64(m_insertMeta, 1, id);
                bindText(m_insertMeta, 2, doc.eventType);
                ok = sqlite3_step(m_insertMeta) == SQLITE_DONE;
            }
            if (!ok)
                break;
        }
        return finish(ok, docs.back().first, error);
    }

    qint64 upTo() const { return m_upTo; }

    // Removes the entries of deleted captures (only those indexed: deleting a row a contentless
    // FTS5 table does not hold would corrupt it) and lowers the last id indexed to the highest
    // left, so captures stored after the delete (which may reuse ids) are indexed.
    bool forget(const QVector<Forgotten> &captures, qint64 maxIdAfter, bool all, QString *error)
    {
        QString why;
        if (!exec(m_index, "BEGIN IMMEDIATE", error))
            return false;
        bool ok = true;
        if (all) {
            ok = exec(m_index,
                      "INSERT INTO capture_text (capture_text) VALUES ('delete-all');"
                      " DELETE FROM capture_meta; UPDATE index_state SET value = 0;",
                      &why) &&
                 (!hasTable("capture_notes") || exec(m_index, "DELETE FROM capture_notes", &why));
        } else {
            sqlite3_stmt *text = nullptr, *meta = nullptr, *notes = nullptr;
            ok = sqlite3_prepare_v2(m_index,
                                    "INSERT INTO capture_text (capture_text, rowid, head, body)"
                                    " VALUES ('delete', ?, ?, ?)",
                                    -1, &text, nullptr) == SQLITE_OK &&
                 sqlite3_prepare_v2(m_index, "DELETE FROM capture_meta WHERE capture_id = ?", -1,
                                    &meta, nullptr) == SQLITE_OK;
            if (ok && hasTable("capture_notes"))
                ok = sqlite3_prepare_v2(m_index, "DELETE FROM capture_notes WHERE rowid = ?", -1,
                                        &notes, nullptr) == SQLITE_OK;
            for (const Forgotten &f : captures) {
                if (!ok)
                    break;
                if (notes) {
                    sqlite3_reset(notes);
                    sqlite3_bind_int64(notes, 1, f.id);
                    ok = sqlite3_step(notes) == SQLITE_DONE;
                }
                if (f.id > m_upTo)
                    continue; // never indexed
                sqlite3_reset(text);
                sqlite3_bind_int64(text, 1, f.id);
                bindText(text, 2, f.doc.head);
                bindText(text, 3, f.doc.body);
                sqlite3_reset(meta);
                sqlite3_bind_int64(meta, 1, f.id);
                ok = ok && sqlite3_step(text) == SQLITE_DONE && sqlite3_step(meta) == SQLITE_DONE;
            }
            sqlite3_finalize(text);
            sqlite3_finalize(meta);
            sqlite3_finalize(notes);
        }
        return finish(ok, all ? 0 : qMin(m_upTo, maxIdAfter), error);
    }
    // The notes set or cleared since the last look (NoteIndex): how many, or -1.
    int notes(QString *error) { return NoteIndex::sync(m_store, m_index, error); }

private:
    // Ends the transaction a batch or a forget began: the last id indexed set to `upTo` and
    // committed, or everything rolled back.
    bool finish(bool ok, qint64 upTo, QString *error)
    {
        if (ok) {
            sqlite3_reset(m_setState);
            sqlite3_bind_int64(m_setState, 1, upTo);
            ok = sqlite3_step(m_setState) == SQLITE_DONE;
        }
        QString why;
        if (!ok || !exec(m_index, "COMMIT", &why)) {
            *error = QStringLiteral("Cannot write the search index %1: %2")
                         .arg(SearchIndex::pathFor(m_storePath),
                              why.isEmpty() ? QString::fromUtf8(sqlite3_errmsg(m_index)) : why);
            exec(m_index, "ROLLBACK", &why);
            return false;
        }
        m_upTo = upTo;
        return true;
    }

    bool hasTable(const char *name) const
    {
        sqlite3_stmt *stmt = nullptr;
        bool found = false;
        if (sqlite3_prepare_v2(m_index, "SELECT 1 FROM sqlite_schema WHERE name = ?", -1, &stmt,
                               nullptr) == SQLITE_OK) {
            sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
            found = sqlite3_step(stmt) == SQLITE_ROW;
        }
        sqlite3_finalize(stmt);
        return found;
    }

    bool reset(QString *error)
    {
        if (!exec(m_index,
                  "BEGIN IMMEDIATE; INSERT INTO capture_text (capture_text) VALUES ('delete-all');"
                  " DELETE FROM capture_meta; DELETE FROM capture_notes;"
                  " UPDATE index_state SET value = 0; COMMIT;",
                  error))
            return false;
        m_upTo = 0;
        return true;
    }

    QString m_storePath;
    sqlite3 *m_store = nullptr;
    sqlite3 *m_index = nullptr;
    CaptureStore m_chunked; // reads the captures stored as chunks
    sqlite3_stmt *m_select = nullptr;
    sqlite3_stmt *m_insertText = nullptr;
    sqlite3_stmt *m_insertMeta = nullptr;
    sqlite3_stmt *m_setState = nullptr;
    qint64 m_upTo = 0;
};

SearchIndexer::SearchIndexer(const QString &storePath, Progress progress)
    : m_storePath(storePath), m_progress(std::move(progress))
{}

SearchIndexer::~SearchIndexer()
{
    stop();
}

void SearchIndexer::start()
{
    if (m_thread.joinable())
        return;
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void SearchIndexer::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SearchIndexer::wake()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

void SearchIndexer::holdResets()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_holds;
}

void SearchIndexer::forget(const QVector<Forgotten> &captures, qint64 maxIdAfter, bool all)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_holds = qMax(0, m_holds - 1);
        m_forgets.append({captures, maxIdAfter, all});
        m_woken = true;
    }
    m_wake.notify_all();
}

QString SearchIndexer::errorString() const
{
    std::lock_guard<std::mutex> lock(m_errorMutex);
    return m_error;
}

void SearchIndexer::setError(const QString &error)
{
    std::lock_guard<std::mutex> lock(m_errorMutex);
    m_error = error;
}

void SearchIndexer::run()
{
    BackgroundThread::lowerPriority();
    Pass pass(m_storePath);
    QString error;
    if (!pass.open(&error)) {
        setError(error);
        return;
    }
    m_indexedUpTo = pass.upTo();
    qint64 reported = -1;
    while (true) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_stop && m_forgets.isEmpty()) // deleted captures' entries go before it stops
                return;
            m_woken = false;
        }
        const qint64 latest = pass.latestId();
        // Read after the store's last id: a delete that lowered it holds resets until its
        // entries are forgotten (holdResets(), forget()).
        QVector<Forget> forgets;
        int holds = 0;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            forgets.swap(m_forgets);
            holds = m_holds;
        }
        bool forgotten = true;
        for (const Forget &f : forgets)
            forgotten = forgotten && pass.forget(f.captures, f.maxIdAfter, f.all, &error);
        if (!forgotten) {
            setError(error);
            return;
        }
        if (!forgets.isEmpty() || (holds > 0 && pass.upTo() > latest)) {
            m_indexedUpTo = pass.upTo();
            if (m_progress && !forgets.isEmpty())
                m_progress(pass.upTo(), latest);
            if (holds > 0) { // its forget() wakes this thread
                std::unique_lock<std::mutex> lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stop || !m_forgets.isEmpty(); });
            }
            continue;
        }
        const auto started = std::chrono::steady_clock::now();
        const int notes = pass.batch(latest, &error) ? pass.notes(&error) : -1;
        if (notes < 0) {
            setError(error);
            return;
        }
        const auto spent = std::chrono::steady_clock::now() - started;
        m_indexedUpTo = pass.upTo();
        if (m_progress && (pass.upTo() != reported || pass.upTo() < latest || notes > 0)) {
            reported = pass.upTo();
            m_progress(pass.upTo(), latest);
        }
        std::unique_lock<std::mutex> lock(m_mutex);
        if (m_woken && !m_stop) {
            // Captures keep arriving: rest RestFactor times as long as the batch took, so that
            // indexing takes a small part of a core while the listener is busy; it catches up
            // at full speed once the traffic stops. Only stop() and forget() cut the rest short.
            m_wake.wait_for(lock, spent * RestFactor,
                            [this] { return m_stop || !m_forgets.isEmpty(); });
            continue;
        }
        if (pass.upTo() < latest)
            continue; // more to catch up with
        // Woken by each commit of this process; captures another process writes are seen
        // within a few seconds.
        m_wake.wait_for(lock, std::chrono::seconds(3), [this] { return m_woken || m_stop; });
    }
}

bool SearchIndexer::catchUp(const QString &storePath, QString *error)
{
    Pass pass(storePath);
    if (!pass.open(error))
        return false;
    const qint64 latest = pass.latestId();
    do { // the first batch also resets an index of another store
        if (!pass.batch(latest, error))
            return false;
    } while (pass.upTo() < latest);
    return pass.notes(error) >= 0;
}
