#include "core/store/BusyWait.h"
#include "core/store/CaptureStore.h"
#include "core/store/StoreOpener.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <sqlite3.h>
#include <thread>

// A connection waits for the write lock another connection holds (in short steps, see
// BusyWait), gives up after its timeout, and the store's writing connection waits that way.
class TestBusyWait : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void waitsUntilTheLockIsReleased();
    void givesUpAfterItsTimeout();
    void theWritingConnectionWaitsForALock();

private:
    sqlite3 *open() const;
    bool holdWriteLock(); // on a connection of its own (m_holder)
    // While m_holder holds the write lock (released from another thread 30 ms later), `db`
    // begins a write transaction and commits it; the result of the BEGIN, or of the COMMIT when
    // the BEGIN succeeded.
    int writeOnceReleased(sqlite3 *db);

    QTemporaryDir m_dir;
    QString m_path;
    sqlite3 *m_holder = nullptr;
};

sqlite3 *TestBusyWait::open() const
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(m_path).constData(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close_v2(db);
        return nullptr;
    }
    return db;
}

int TestBusyWait::writeOnceReleased(sqlite3 *db)
{
    if (!holdWriteLock())
        return SQLITE_ERROR;
    std::thread release([holder = m_holder] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        sqlite3_exec(holder, "COMMIT", nullptr, nullptr, nullptr);
    });
    const int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    release.join();
    return rc == SQLITE_OK ? sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) : rc;
}

void TestBusyWait::init()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("store.sqlite"));
    QString error;
    // A real store (WAL, its schema); each test takes the write lock on another connection.
    sqlite3 *writer = StoreOpener::openForWriting(m_path, Durability::Process,
                                                  CaptureStore::SchemaVersion, &error);
    QVERIFY2(writer, qPrintable(error));
    sqlite3_close_v2(writer);
}

bool TestBusyWait::holdWriteLock()
{
    m_holder = open();
    return m_holder &&
           sqlite3_exec(m_holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
}

void TestBusyWait::cleanup()
{
    sqlite3_close_v2(m_holder);
    m_holder = nullptr;
}

void TestBusyWait::waitsUntilTheLockIsReleased()
{
    sqlite3 *db = open();
    QVERIFY(db);
    BusyWait::install(db, 10000);
    // Without a busy handler the BEGIN fails at once with SQLITE_BUSY.
    QCOMPARE(writeOnceReleased(db), SQLITE_OK);
    sqlite3_close_v2(db);
}

void TestBusyWait::givesUpAfterItsTimeout()
{
    sqlite3 *db = open();
    QVERIFY(db);
    const int timeoutMs = 120; // past the fine steps (BusyWait::FineForMs), into the coarse ones
    QVERIFY(timeoutMs > BusyWait::FineForMs);
    BusyWait::install(db, timeoutMs);
    QVERIFY(holdWriteLock());
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_BUSY);
    QVERIFY2(clock.elapsed() >= timeoutMs, qPrintable(QString::number(clock.elapsed())));
    sqlite3_close_v2(db);
}

void TestBusyWait::theWritingConnectionWaitsForALock()
{
    QString error;
    sqlite3 *writer = StoreOpener::openForWriting(m_path, Durability::Process,
                                                  CaptureStore::SchemaVersion, &error);
    QVERIFY2(writer, qPrintable(error));
    QCOMPARE(writeOnceReleased(writer), SQLITE_OK);
    sqlite3_close_v2(writer);
}

QTEST_GUILESS_MAIN(TestBusyWait)
#include "tst_busywait.moc"
