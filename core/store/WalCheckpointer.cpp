#include "core/store/WalCheckpointer.h"

#include <QFile>
#include <chrono>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// Writes a file's dirty pages to the disk, through a descriptor of its own (a sync covers the
// file, whichever descriptor asks). Best effort: SQLite still syncs what it needs. Given
// `droppedUpTo`, the pages from there to the file's last CachedTailBytes then leave the page
// cache (clean once synced), and it moves on to where they end: pages before it written again
// (inner B-tree pages, the header) stay cached, for they are the ones read again.
void syncData(const QByteArray &file, qint64 *droppedUpTo = nullptr)
{
    const int fd = ::open(file.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fdatasync(fd);
#ifdef POSIX_FADV_DONTNEED
    struct stat status = {};
    if (droppedUpTo && ::fstat(fd, &status) == 0) {
        const qint64 end = qMax<qint64>(0, status.st_size - WalCheckpointer::CachedTailBytes);
        if (end < *droppedUpTo) // the file shrank
            *droppedUpTo = end;
        if (end - *droppedUpTo >= WalCheckpointer::DropStepBytes &&
            ::posix_fadvise(fd, off_t(*droppedUpTo), off_t(end - *droppedUpTo),
                            POSIX_FADV_DONTNEED) == 0)
            *droppedUpTo = end;
    }
#else
    Q_UNUSED(droppedUpTo);
#endif
    ::close(fd);
}

} // namespace

WalCheckpointer::~WalCheckpointer()
{
    uninstall();
}

void WalCheckpointer::install(sqlite3 *db, const QString &path, int pageSize, int busyTimeoutMs,
                              int synchronous)
{
    uninstall();
    m_writer = db;
    m_file = QFile::encodeName(path);
    m_frameBytes = pageSize + 24; // each WAL frame is a page behind a 24-byte header
    m_walFrames = 0;
    m_askedAt = 0;
    m_restartAt = RestartBytes;
    m_droppedUpTo = 0;
    m_busyTimeoutMs = busyTimeoutMs;
    sqlite3_wal_hook(db, &WalCheckpointer::onCommit, this);
    if (sqlite3_open_v2(m_file.constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        // Without it the WAL is not checkpointed while running; SQLite folds it on close.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return;
    }
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
    // The database file is synced after a checkpoint as the writer's durability asks.
    const QByteArray pragma = "PRAGMA synchronous=" + QByteArray::number(synchronous);
    sqlite3_exec(m_db, pragma.constData(), nullptr, nullptr, nullptr);
    m_stopping = false;
    m_requested = -1;
    m_thread = std::thread([this] { run(); });
}

void WalCheckpointer::uninstall()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    if (m_writer) {
        sqlite3_wal_hook(m_writer, nullptr, nullptr);
        m_writer = nullptr;
    }
}

int WalCheckpointer::onCommit(void *self, sqlite3 *, const char *, int frames)
{
    auto *c = static_cast<WalCheckpointer *>(self);
    std::lock_guard<std::mutex> lock(c->m_mutex);
    c->m_walFrames = frames; // every frame in the WAL
    return SQLITE_OK;
}

qint64 WalCheckpointer::walBytes() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_walFrames * m_frameBytes;
}

void WalCheckpointer::checkpointIfLarge()
{
    qint64 bytes = 0;
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        bytes = m_walFrames * m_frameBytes;
        if (!m_writer || bytes < CheckpointBytes)
            return; // (no thread switch for the many small commits)
        // Without its own connection (it could not be opened) the writer checkpoints itself.
        if (m_db && bytes < HardLimitBytes) {
            if (bytes >= m_askedAt && bytes - m_askedAt < CheckpointBytes)
                return;          // the next request once CheckpointBytes more are in the WAL
            m_askedAt = bytes;   // (a smaller WAL started over)
            m_requested = bytes; // the latest size replaces an older request
            lock.unlock();
            m_wake.notify_one();
            return;
        }
        m_idle.wait(lock, [this] { return !m_busy; });
        m_writerBusy = true;
        m_requested = -1;
    }
    checkpoint(bytes, m_writer);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_writerBusy = false;
    }
    m_wake.notify_one();
}

void WalCheckpointer::run()
{
    for (;;) {
        qint64 bytes = 0;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || (m_requested >= 0 && !m_writerBusy); });
            if (m_stopping)
                return;
            bytes = m_requested;
            m_requested = -1;
            m_busy = true;
        }
        checkpoint(bytes, m_db);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_busy = false;
        }
        m_idle.notify_all();
    }
}

bool WalCheckpointer::copy(sqlite3 *db, int *walFrames, int *copiedFrames)
{
    const bool ok = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, walFrames,
                                              copiedFrames) == SQLITE_OK;
    syncData(m_file, &m_droppedUpTo);
    return ok;
}

void WalCheckpointer::checkpoint(qint64 bytes, sqlite3 *db)
{
    if (bytes < RestartBytes)
        m_restartAt = RestartBytes; // the WAL started over: readers let it
    if (bytes < CheckpointBytes)
        return;
    if (bytes < m_restartAt) {
        copy(db, nullptr, nullptr);
        return;
    }
    // A RESTART checkpoint holds the writer lock while it copies and syncs, so PASSIVE ones copy
    // (and sync) without it until what came in meanwhile is small; the RESTART then has only that.
    for (int round = 0; round < MaxPassiveRounds; ++round) {
        int walFrames = 0;
        int copiedFrames = 0;
        if (!copy(db, &walFrames, &copiedFrames) ||
            qint64(walFrames - copiedFrames) * m_frameBytes <= RestartRemainderBytes)
            break;
    }
    syncData(m_file + "-wal"); // what the RESTART would sync first, with commits held off
    // SQLite's own wait (the busy handler) keeps waiting for the read mark a reader had when the
    // call began, so a reader that runs transaction after transaction starves it; a new attempt
    // every millisecond sees the readers as they are now. Once everything is copied, a reader's
    // next transaction no longer uses the WAL, and an attempt after that starts it over. Each
    // attempt is a PASSIVE one first: while it cannot copy everything, a reader holds the WAL and
    // a RESTART would only hold off commits for its syncs and fail.
    sqlite3_busy_timeout(db, 0);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(RestartWaitMs);
    int rc = SQLITE_BUSY;
    while (rc == SQLITE_BUSY && std::chrono::steady_clock::now() < deadline) {
        int walFrames = 0;
        int copiedFrames = 0;
        rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &walFrames,
                                       &copiedFrames);
        if (rc == SQLITE_OK && copiedFrames == walFrames)
            rc =
                sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
        else if (rc == SQLITE_OK)
            rc = SQLITE_BUSY;
        if (rc == SQLITE_BUSY)
            sqlite3_sleep(1);
    }
    sqlite3_busy_timeout(db, m_busyTimeoutMs);
    m_restartAt = rc == SQLITE_OK ? RestartBytes : bytes + RestartBytes;
}
