#pragma once

#include "core/pipeline/SearchDocument.h"

#include <QString>
#include <QVector>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

struct sqlite3;
class CaptureStore;

// Keeps a store's search index (SearchIndex, a file of its own beside the store) up to date on a
// thread and connections of its own: it reads new captures through a read-only connection to
// the store and indexes them in batches, one transaction each. Capturing never waits for it:
// the writer only calls wake() after a commit. It catches up with the captures already stored
// when started (while new captures keep arriving, at a fraction of a core: RestFactor), and
// looks again every few seconds for captures written by another process
// (`listen`, `import`). A store replaced by another (its last id below the index's) is
// indexed again from the start. Notes (capture_marks) set or cleared since the last look are
// copied on each pass too (NoteIndex); wake() after storing one.
class SearchIndexer
{
public:
    static constexpr int BatchSize = 1000;
    static constexpr qint64 MaxBatchChars = 8 * 1024 * 1024; // of the documents a batch holds
    // While captures keep arriving, the thread rests this many times a batch's duration after
    // each batch (at most a quarter of a core, beside a listener under load).
    static constexpr int RestFactor = 3;
    // indexedUpTo and the store's last capture id, after each batch and after notes were
    // re-indexed (on the indexer's thread).
    using Progress = std::function<void(qint64 indexedUpTo, qint64 latestId)>;

    explicit SearchIndexer(const QString &storePath, Progress progress = {});
    ~SearchIndexer(); // stops the thread (the batch being written is finished first)
    SearchIndexer(const SearchIndexer &) = delete;
    SearchIndexer &operator=(const SearchIndexer &) = delete;

    void start();
    void stop();
    void wake(); // new captures were committed
    qint64 indexedUpTo() const { return m_indexedUpTo; }

    // Captures being deleted (CaptureRemover): holdResets() before the store's delete commits,
    // then forget() once it has (or failed: nothing to forget). Their entries are removed on the
    // indexer's thread, after any batch that read them; meanwhile the store's last id falling
    // below the index's is not taken for another store. `maxIdAfter` is the highest id left by
    // the delete; `all`: every entry goes (a clear).
    struct Forgotten
    {
        qint64 id = 0;
        SearchDocument doc; // as indexed: a contentless FTS5 row is deleted with its values
    };
    void holdResets();
    void forget(const QVector<Forgotten> &captures, qint64 maxIdAfter, bool all);
    QString errorString() const;

    // On the calling thread: indexes every capture not indexed yet (`export --filter`).
    static bool catchUp(const QString &storePath, QString *error);

private:
    // The connections and the work of one pass; used by the thread and by catchUp().
    class Pass;
    void run();
    void setError(const QString &error);

    QString m_storePath;
    Progress m_progress;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_woken = false;
    bool m_stop = false;
    std::atomic<qint64> m_indexedUpTo{0};
    struct Forget
    {
        QVector<Forgotten> captures;
        qint64 maxIdAfter = 0;
        bool all = false;
    };
    QVector<Forget> m_forgets; // guarded by m_mutex
    int m_holds = 0;           // deletes under way; guarded by m_mutex
    mutable std::mutex m_errorMutex;
    QString m_error;
};
