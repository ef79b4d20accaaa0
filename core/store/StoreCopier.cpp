#include "core/store/StoreCopier.h"

#include "core/store/LargeCaptureFiles.h"
#include "core/store/SearchIndex.h"
#include "core/store/SqliteValues.h"
#include "core/store/StoreOpener.h"

#include <QFile>
#include <QFileInfo>
#include <sqlite3.h>

namespace {

// Closes both connections on every path out.
struct Connections
{
    sqlite3 *source = nullptr;
    sqlite3 *target = nullptr;
    ~Connections()
    {
        if (source)
            sqlite3_exec(source, "COMMIT", nullptr, nullptr, nullptr);
        sqlite3_close_v2(source);
        sqlite3_close_v2(target);
    }
};

void removeWithSidecars(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
    LargeCaptureFiles(path).removeAll();
}

// The uploads whose files hold large captures in the source's snapshot, and their bytes.
QList<qint64> largeUploads(sqlite3 *db, qint64 *bytes)
{
    QList<qint64> uploads;
    *bytes = 0;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db,
                           "SELECT b.upload, c.raw_size FROM capture_bytes b JOIN captures c"
                           " ON c.id = b.capture_id WHERE b.upload IS NOT NULL AND NOT EXISTS"
                           " (SELECT 1 FROM capture_chunks k WHERE k.upload = b.upload)",
                           -1, &stmt, nullptr) == SQLITE_OK) {
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            uploads.append(sqlite3_column_int64(stmt, 0));
            *bytes += sqlite3_column_int64(stmt, 1);
        }
    }
    sqlite3_finalize(stmt);
    return uploads;
}

} // namespace

bool StoreCopier::copy(const QString &from, const QString &to, const Progress &progress,
                       QString *error, bool *cancelled)
{
    if (cancelled)
        *cancelled = false;
    if (QFileInfo(from).canonicalFilePath() == QFileInfo(to).canonicalFilePath()) {
        *error = QStringLiteral("%1 is the store being copied").arg(to);
        return false;
    }
    const QString part = to + QStringLiteral(".part");
    removeWithSidecars(part);
    Connections c;
    if (sqlite3_open_v2(from.toUtf8().constData(), &c.source, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
        *error = QStringLiteral("Cannot read %1: %2")
                     .arg(from, QString::fromUtf8(sqlite3_errmsg(c.source)));
        return false;
    }
    sqlite3_busy_timeout(c.source, StoreOpener::BusyTimeoutMs);
    // One read transaction for the whole copy: every step reads the same snapshot.
    if (sqlite3_exec(c.source, "BEGIN; SELECT count(*) FROM sqlite_schema;", nullptr, nullptr,
                     nullptr) != SQLITE_OK ||
        sqlite3_open_v2(part.toUtf8().constData(), &c.target,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        *error =
            QStringLiteral("Cannot copy %1 to %2: %3")
                .arg(from, part, QString::fromUtf8(sqlite3_errmsg(c.target ? c.target : c.source)));
        return false;
    }
    QFile::setPermissions(part, QFile::ReadOwner | QFile::WriteOwner); // captures hold secrets
    sqlite3_backup *backup = sqlite3_backup_init(c.target, "main", c.source, "main");
    if (!backup) {
        *error = QStringLiteral("Cannot copy %1 to %2: %3")
                     .arg(from, part, QString::fromUtf8(sqlite3_errmsg(c.target)));
        return false;
    }
    // Progress in bytes: the database's pages, then the large captures' files.
    qint64 fileBytes = 0;
    const QList<qint64> uploads = largeUploads(c.source, &fileBytes);
    const qint64 pageSize = SqliteValues::singleInt(c.source, "PRAGMA page_size");
    qint64 pageBytes = 0;
    int rc = SQLITE_OK;
    bool stop = false;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        rc = sqlite3_backup_step(backup, PagesPerStep);
        const qint64 pages = sqlite3_backup_pagecount(backup);
        pageBytes = pages * pageSize;
        if (rc != SQLITE_DONE && progress &&
            !progress((pages - sqlite3_backup_remaining(backup)) * pageSize,
                      pageBytes + fileBytes)) {
            stop = true;
            break;
        }
    }
    sqlite3_backup_finish(backup);
    const QString why = QString::fromUtf8(sqlite3_errmsg(c.target));
    sqlite3_close_v2(c.target);
    c.target = nullptr;
    QString fileError;
    if (!stop && rc == SQLITE_DONE) {
        qint64 done = pageBytes;
        const auto copied = [&](qint64 bytes) {
            done += bytes;
            return !progress || progress(done, pageBytes + fileBytes);
        };
        LargeCaptureFiles(from).copyTo(LargeCaptureFiles(part), uploads, copied, &fileError, &stop);
    }
    if (stop || rc != SQLITE_DONE || !fileError.isEmpty()) {
        removeWithSidecars(part);
        if (cancelled)
            *cancelled = stop;
        *error = stop ? QStringLiteral("Copy of %1 cancelled").arg(from)
                 : fileError.isEmpty()
                     ? QStringLiteral("Cannot copy %1 to %2: %3").arg(from, to, why)
                     : fileError;
        return false;
    }
    if (progress)
        progress(1, 1);
    removeWithSidecars(to);
    QFile::remove(SearchIndex::pathFor(to));
    if (!QFile::rename(part, to) || !LargeCaptureFiles(part).moveTo(LargeCaptureFiles(to))) {
        *error = QStringLiteral("Cannot rename %1 to %2").arg(part, to);
        removeWithSidecars(part);
        return false;
    }
    return true;
}
