#include "core/store/StoreOpener.h"

#include "core/store/BusyWait.h"
#include "core/store/StoreMigrations.h"
#include "core/store/WalCheckpointer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <chrono>
#include <mutex>
#include <sqlite3.h>
#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace {

QString message(sqlite3 *db)
{
    return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
}

bool exec(sqlite3 *db, const char *sql, QString *why)
{
    char *text = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &text) == SQLITE_OK)
        return true;
    *why = text ? QString::fromUtf8(text) : message(db);
    sqlite3_free(text);
    return false;
}

QString readOnly(const QString &path, const QString &why)
{
    return QStringLiteral("The store %1 is read-only: %2").arg(path, why);
}

// Whether this process may write `path`, by its effective ids (QFileInfo::isWritable asks for
// the real ones).
bool writable(const QString &path)
{
#ifdef Q_OS_UNIX
    return faccessat(AT_FDCWD, QFile::encodeName(path).constData(), W_OK, AT_EACCESS) == 0;
#else
    return QFileInfo(path).isWritable();
#endif
}

// What the OS says before SQLite finds out in the middle of a pragma (root passes these checks;
// SQLite's own stay).
QString notWritableReason(const QString &path)
{
    const QFileInfo file(path);
    if (file.exists() && !writable(path))
        return QStringLiteral("the file is not writable");
    const QFileInfo folder(file.absolutePath());
    if (!writable(folder.filePath()))
        return QStringLiteral("its folder %1 is not writable (SQLite keeps %2-wal and %2-shm "
                              "beside the store)")
            .arg(folder.filePath(), file.fileName());
    return {};
}

// PRAGMA journal_mode answers with the mode it ended in rather than failing.
bool switchToWal(sqlite3 *db, QString *why)
{
    sqlite3_stmt *stmt = nullptr;
    QByteArray mode;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        mode = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
    else
        *why = message(db);
    sqlite3_finalize(stmt);
    if (mode.isEmpty())
        return false;
    if (mode != "wal")
        *why = QStringLiteral("cannot switch to WAL mode (still %1)").arg(QString::fromUtf8(mode));
    return mode == "wal";
}

enum class Check
{
    Ok,
    Refused,
    Unreadable
};

// Whether `db` holds a Hookbench store that this build reads. `*code` is SQLite's primary result
// code when the store could not be read.
Check checkStore(sqlite3 *db, const QString &path, int schemaVersion, QString *error, int *code)
{
    *code = SQLITE_OK;
    sqlite3_stmt *stmt = nullptr;
    const char *sql = "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) "
                      "FROM sqlite_master WHERE type = 'table' AND name IN ('captures', "
                      "'capture_bytes', 'verdicts'))";
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK ||
        sqlite3_step(stmt) != SQLITE_ROW) {
        *code = sqlite3_errcode(db) & 0xff;
        *error = *code == SQLITE_NOTADB
                     ? QStringLiteral("%1 is not a Hookbench store: %2").arg(path, message(db))
                     : QStringLiteral("Cannot read the store %1: %2").arg(path, message(db));
        sqlite3_finalize(stmt);
        return *code == SQLITE_NOTADB ? Check::Refused : Check::Unreadable;
    }
    const int version = sqlite3_column_int(stmt, 0);
    const int tables = sqlite3_column_int(stmt, 1);
    sqlite3_finalize(stmt);
    if (version > schemaVersion) {
        *error = QStringLiteral("The store %1 has schema version %2, newer than this Hookbench "
                                "understands (%3)")
                     .arg(path)
                     .arg(version)
                     .arg(schemaVersion);
    } else if (version >= 1 && version < schemaVersion) {
        *error = QStringLiteral("The store %1 has schema version %2, older than this Hookbench "
                                "reads (%3): open it for writing once (hookbench-cli listen "
                                "--store FILE) to migrate it")
                     .arg(path)
                     .arg(version)
                     .arg(schemaVersion);
    } else if (version != schemaVersion || tables != 3) {
        *error = QStringLiteral("%1 is not a Hookbench store (%2)")
                     .arg(path, QFileInfo(path).size() == 0
                                    ? QStringLiteral("the file is empty")
                                    : QStringLiteral("it has no Hookbench tables"));
    } else {
        return Check::Ok;
    }
    return Check::Refused;
}

sqlite3 *openReading(const QByteArray &name, int flags)
{
    StoreOpener::configureLibrary();
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(name.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | flags,
                        nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(db, StoreOpener::BusyTimeoutMs);
        return db;
    }
    sqlite3_close_v2(db);
    return nullptr;
}

} // namespace

void StoreOpener::configureLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // SQLITE_MISUSE when SQLite is initialised already (another library opened a database
        // first): then the statistics stay on, which costs speed, not correctness.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    });
}

sqlite3 *StoreOpener::openForWriting(const QString &path, Durability durability, int schemaVersion,
                                     QString *error)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("Cannot create the folder %1").arg(info.absolutePath());
        return nullptr;
    }
    if (const QString why = notWritableReason(path); !why.isEmpty()) {
        *error = readOnly(path, why);
        return nullptr;
    }
    configureLibrary();
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        *error = QStringLiteral("Cannot open the store %1: %2").arg(path, message(db));
        sqlite3_close_v2(db);
        return nullptr;
    }
    if (sqlite3_db_readonly(db, "main") == 1) { // e.g. a read-only file system
        *error = readOnly(path, QStringLiteral("SQLite could open it for reading only"));
        sqlite3_close_v2(db);
        return nullptr;
    }
    BusyWait::install(db, BusyTimeoutMs); // commits wait for a checkpoint's lock, not past it
    // Larger pages: fewer WAL frames (one write each) per commit of a few KiB captures. Only
    // takes effect when the file is created. The journal size limit truncates the WAL file when
    // it starts over after a checkpoint (see WalCheckpointer).
    const QByteArray limit =
        "PRAGMA journal_size_limit=" + QByteArray::number(WalCheckpointer::JournalSizeLimitBytes);
    const char *synchronous =
        durability == Durability::Power ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
    // A store that another process is creating at this very moment can answer "locked" without
    // SQLite's busy handler being asked (the switch to WAL, the first read of a new WAL): such
    // attempts are retried until the busy timeout, like any other wait for a lock.
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(BusyTimeoutMs);
    for (;;) {
        QString why;
        const bool pragmas = exec(db, "PRAGMA page_size=16384", &why) && switchToWal(db, &why) &&
                             exec(db, synchronous, &why) &&
                             exec(db, "PRAGMA foreign_keys=ON", &why) &&
                             exec(db, limit.constData(), &why);
        if (pragmas && StoreMigrations::migrate(db, schemaVersion, path, error))
            break;
        const int code = sqlite3_errcode(db) & 0xff;
        if ((code == SQLITE_BUSY || code == SQLITE_LOCKED) &&
            std::chrono::steady_clock::now() < deadline) {
            sqlite3_sleep(5);
            continue;
        }
        if (!pragmas) // (a failed migration has said what failed in *error)
            *error = code == SQLITE_READONLY
                         ? readOnly(path, why)
                         : QStringLiteral("Cannot open the store %1: %2").arg(path, why);
        sqlite3_close_v2(db);
        return nullptr;
    }
    return db;
}

sqlite3 *StoreOpener::openReadOnly(const QString &path, int schemaVersion, QString *error)
{
    if (!QFileInfo(path).isFile()) {
        *error = QStringLiteral("There is no store at %1").arg(path);
        return nullptr;
    }
    sqlite3 *db = openReading(QFile::encodeName(path), 0);
    if (!db) {
        *error = QStringLiteral("Cannot open the store %1 for reading").arg(path);
        return nullptr;
    }
    int code = SQLITE_OK;
    Check check = checkStore(db, path, schemaVersion, error, &code);
    if (check == Check::Unreadable && (code == SQLITE_READONLY || code == SQLITE_CANTOPEN)) {
        // No -wal/-shm, and they cannot be created: see the header.
        sqlite3_close_v2(db);
        db = nullptr;
        if (QFileInfo::exists(path + QStringLiteral("-wal"))) {
            *error = QStringLiteral("Cannot read the store %1: its write-ahead log %1-wal needs "
                                    "%1-shm, which cannot be created in a read-only folder (copy "
                                    "the store and its -wal file to a writable folder)")
                         .arg(path);
            return nullptr;
        }
        QUrl uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
        uri.setQuery(QStringLiteral("immutable=1"));
        db = openReading(uri.toEncoded(), SQLITE_OPEN_URI);
        check = db ? checkStore(db, path, schemaVersion, error, &code) : Check::Unreadable;
    }
    if (check != Check::Ok) {
        sqlite3_close_v2(db);
        return nullptr;
    }
    return db;
}
