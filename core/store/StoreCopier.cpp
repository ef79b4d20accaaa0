#include "core/store/StoreCopier.h"

#include "core/store/SearchIndex.h"
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
    int rc = SQLITE_OK;
    bool stop = false;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        rc = sqlite3_backup_step(backup, PagesPerStep);
        const qint64 total = sqlite3_backup_pagecount(backup);
        if (rc != SQLITE_DONE && progress &&
            !progress(total - sqlite3_backup_remaining(backup), total)) {
            stop = true;
            break;
        }
    }
    sqlite3_backup_finish(backup);
    const QString why = QString::fromUtf8(sqlite3_errmsg(c.target));
    sqlite3_close_v2(c.target);
    c.target = nullptr;
    if (stop || rc != SQLITE_DONE) {
        removeWithSidecars(part);
        if (cancelled)
            *cancelled = stop;
        *error = stop ? QStringLiteral("Copy of %1 cancelled").arg(from)
                      : QStringLiteral("Cannot copy %1 to %2: %3").arg(from, to, why);
        return false;
    }
    if (progress)
        progress(1, 1);
    removeWithSidecars(to);
    QFile::remove(SearchIndex::pathFor(to));
    if (!QFile::rename(part, to)) {
        *error = QStringLiteral("Cannot rename %1 to %2").arg(part, to);
        removeWithSidecars(part);
        return false;
    }
    return true;
}
