#pragma once

#include <QByteArray>
#include <QString>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

// Keeps a store's write-ahead log bounded without holding up a commit. SQLite's automatic
// checkpoint runs inside the commit that crosses its threshold (a sender would wait for it, and
// for its fsyncs), so it is off on the writing connection: this class takes its place as the
// connection's WAL hook, remembers how large the WAL is after each commit, and when the writer
// says a commit is done, has a thread of its own checkpoint through a connection of its own.
// In WAL mode a checkpoint and the writer's commits run at the same time, so copying a 50 MB
// capture into the database never delays the next sender's answer.
//
// A PASSIVE checkpoint each time the WAL has grown by CheckpointBytes: it copies what no reader
// still needs and never waits, and the next commit starts the WAL over from its beginning. Under
// a steady stream of commits the WAL never starts over that way (the copy never catches up with
// the frames appended while it runs), so once it has grown past RestartBytes a RESTART
// checkpoint copies the rest with commits held off and starts the WAL over once no reader uses
// it, trying again for at most RestartWaitMs while readers do; if they keep it, the next attempt
// waits until the WAL has grown by RestartBytes more. The writer waits for all a RESTART does,
// so that is kept small: PASSIVE rounds first leave it little to copy, each copy is followed by
// a sync of the database file (SQLite syncs it only once a copy reached the end of the WAL, which
// under load left the RESTART to sync everything copied since the last one: 12 ms and more),
// and the WAL is synced just before. With these and one RESTART per 32 MiB instead of 16, the
// writer's commits of 4 ms or more fell from 1.0-1.4 s to 0.5-0.65 s of a 10 s run of
// bench/ingest.sh's load (bench/README.md).
//
// The connection's journal_size_limit (JournalSizeLimitBytes) truncates the file when the WAL
// starts over from a size past it; below it the file keeps its blocks, so that a WAL starting
// over writes into blocks it already has (truncating at 8 MiB under a sustained load freed and
// allocated them again every few commits: 4 % of the writer's time in ftruncate, more in ext4's
// block allocation).
class WalCheckpointer
{
public:
    static constexpr qint64 CheckpointBytes = 4 * 1024 * 1024;
    static constexpr qint64 RestartBytes = 32 * 1024 * 1024;
    static constexpr qint64 JournalSizeLimitBytes = 64 * 1024 * 1024;
    static constexpr int RestartWaitMs = 250;
    // Before a RESTART, PASSIVE checkpoints follow one another (at most MaxPassiveRounds) until
    // what is left to copy is below RestartRemainderBytes, which bounds what the RESTART copies
    // with commits held off.
    static constexpr qint64 RestartRemainderBytes = 1024 * 1024;
    static constexpr int MaxPassiveRounds = 4;
    // Under sustained load the thread's checkpoints never catch up with the frames appended while
    // they run, so the WAL never starts over; past this size the writer waits for the thread and
    // checkpoints itself, with nothing appended meanwhile (commits wait for it: the price of a
    // bounded WAL under a load the disk cannot follow).
    static constexpr qint64 HardLimitBytes = 64 * 1024 * 1024;
    // After each copy is synced, the database file's pages leave the page cache, DropStepBytes
    // or more at a time and each page once, but for its last CachedTailBytes (the newest
    // captures, which the search indexer and the list read next). The store is a log that grows
    // by gigabytes: kept cached, it would crowd out the files of the user's other work, and
    // every page the copy wrote would be memory newly allocated. On the benchmark's VM that cost
    // grew with the store until it tripled the checkpointer's time per capture (3 -> 9 us at
    // 3 GB, copying into new pages of memory: bench/README.md); pages given back are allocated
    // again at once.
    static constexpr qint64 CachedTailBytes = 64 * 1024 * 1024;
    static constexpr qint64 DropStepBytes = 4 * 1024 * 1024;

    WalCheckpointer() = default;
    ~WalCheckpointer(); // stops the thread; a checkpoint under way finishes first
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Installs the hook on the writing connection `db` of the store at `path` (which turns
    // SQLite's automatic checkpoint off: the hook and wal_autocheckpoint are one slot) and starts
    // the checkpointing thread. `synchronous` is the writer's PRAGMA synchronous value.
    void install(sqlite3 *db, const QString &path, int pageSize, int busyTimeoutMs,
                 int synchronous);
    void uninstall();
    // Called by the writer between commits: hands the checkpoint to the thread when the WAL is
    // large, and returns at once.
    void checkpointIfLarge();
    qint64 walBytes() const; // as of the last commit

private:
    static int onCommit(void *self, sqlite3 *db, const char *name, int frames);
    void run();
    void checkpoint(qint64 bytes, sqlite3 *db); // m_restartAt: one caller at a time
    // A PASSIVE checkpoint, then the database file synced; false when SQLite failed.
    bool copy(sqlite3 *db, int *walFrames, int *copiedFrames);

    sqlite3 *m_writer = nullptr;
    QByteArray m_file;       // the store's path, encoded
    sqlite3 *m_db = nullptr; // the checkpointing connection, used by the thread only
    qint64 m_frameBytes = 0;
    qint64 m_restartAt = RestartBytes; // the thread's
    qint64 m_droppedUpTo = 0;          // of the database file, out of the page cache
    int m_busyTimeoutMs = 0;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    qint64 m_walFrames = 0;    // written by the writer's hook
    qint64 m_requested = -1;   // WAL bytes to act on, -1: nothing asked
    qint64 m_askedAt = 0;      // WAL bytes at the last request (the writer's)
    bool m_busy = false;       // the thread is checkpointing
    bool m_writerBusy = false; // the writer is checkpointing (the thread waits)
    bool m_stopping = false;
    std::condition_variable m_idle;
    std::thread m_thread;
};
