#pragma once

#include <QtGlobal>

struct sqlite3;

// Keeps a store's write-ahead log bounded. SQLite's automatic checkpoint runs inside the commit
// that crosses its threshold (a sender would wait for it), so it is off on the writing connection:
// this class takes its place as the connection's WAL hook, remembers how large the WAL is after
// each commit, and checkpoints when the writer asks, between commits.
//
// A PASSIVE checkpoint once the WAL passes CheckpointBytes: it copies what no reader still needs
// and never waits, and the next commit starts the WAL over from its beginning. A reader that
// keeps a snapshot open keeps the WAL from starting over, so once it has grown past RestartBytes
// a RESTART checkpoint waits (at most RestartWaitMs) for the readers to move on; if they do not,
// the next attempt waits until the WAL has grown by RestartBytes more. The connection's
// journal_size_limit (JournalSizeLimitBytes) truncates the file when the WAL starts over.
class WalCheckpointer
{
public:
    static constexpr qint64 CheckpointBytes = 4 * 1024 * 1024;
    static constexpr qint64 RestartBytes = 16 * 1024 * 1024;
    static constexpr qint64 JournalSizeLimitBytes = 2 * CheckpointBytes;
    static constexpr int RestartWaitMs = 250;

    // Installs the hook on a writing connection (which turns SQLite's automatic checkpoint off:
    // the hook and wal_autocheckpoint are one slot). `busyTimeoutMs` is restored after a RESTART.
    void install(sqlite3 *db, int pageSize, int busyTimeoutMs);
    void checkpointIfLarge();
    qint64 walBytes() const { return m_walFrames * m_frameBytes; }

private:
    static int onCommit(void *self, sqlite3 *db, const char *name, int frames);

    sqlite3 *m_db = nullptr;
    qint64 m_frameBytes = 0;
    qint64 m_walFrames = 0;
    qint64 m_restartAt = RestartBytes;
    int m_busyTimeoutMs = 0;
};
