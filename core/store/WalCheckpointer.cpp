#include "core/store/WalCheckpointer.h"

#include <chrono>
#include <sqlite3.h>

void WalCheckpointer::install(sqlite3 *db, int pageSize, int busyTimeoutMs)
{
    m_db = db;
    m_frameBytes = pageSize + 24; // each WAL frame is a page behind a 24-byte header
    m_walFrames = 0;
    m_restartAt = RestartBytes;
    m_busyTimeoutMs = busyTimeoutMs;
    sqlite3_wal_hook(db, &WalCheckpointer::onCommit, this);
}

int WalCheckpointer::onCommit(void *self, sqlite3 *, const char *, int frames)
{
    static_cast<WalCheckpointer *>(self)->m_walFrames = frames; // every frame in the WAL
    return SQLITE_OK;
}

void WalCheckpointer::checkpointIfLarge()
{
    const qint64 bytes = walBytes();
    if (bytes < RestartBytes)
        m_restartAt = RestartBytes; // the WAL started over: readers let it
    if (!m_db || bytes < CheckpointBytes)
        return;
    if (bytes < m_restartAt) {
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        return;
    }
    // SQLite's own wait (the busy handler) keeps waiting for the read mark a reader had when the
    // call began, so a reader that runs transaction after transaction starves it; a new attempt
    // every millisecond sees the readers as they are now. Once everything is copied, a reader's
    // next transaction no longer uses the WAL, and an attempt after that starts it over.
    sqlite3_busy_timeout(m_db, 0);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(RestartWaitMs);
    int rc = SQLITE_BUSY;
    while (rc == SQLITE_BUSY && std::chrono::steady_clock::now() < deadline) {
        rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
        if (rc == SQLITE_BUSY)
            sqlite3_sleep(1);
    }
    sqlite3_busy_timeout(m_db, m_busyTimeoutMs);
    m_restartAt = rc == SQLITE_OK ? RestartBytes : bytes + RestartBytes;
}
