#include "core/store/CaptureStore.h"
#include "core/store/StoreWriter.h"
#include "core/store/WalCheckpointer.h"
#include "tests/core/store/StoreTestCaptures.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <sqlite3.h>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>
#include <vector>

// The WAL stays bounded while captures stream in through the real writer and another connection
// reads all along (issue 12, item 1: the checkpoint never ran, the WAL grew by the whole ingest).
class TestWalCheckpoint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void walStaysBoundedWhileIngestingBesideAReader();
    void walStaysBoundedBesideAReaderThatHoldsItsSnapshot();

private:
    struct Ingest
    {
        qint64 maxWalBytes = 0;
        qint64 maxWalInUse = 0; // the frames SQLite reported after a commit
        int sent = 0;
        int stored = 0;
    };
    // Streams `total` bytes of captures through a StoreWriter in rounds of `perRound` captures,
    // waiting for each round's answers; measures the -wal file after every round.
    static Ingest ingest(CaptureStore &store, const QString &walPath, qint64 total, int bodyBytes,
                         int perRound);
};

namespace {

// "A few tens of MB": a RESTART starts at RestartBytes, and the WAL grows while it waits for a
// reader (either ingest, 100 MiB of captures, would leave twice that without checkpoints).
constexpr qint64 WalBound = WalCheckpointer::RestartBytes + 16 * 1024 * 1024;

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size(); // 0 while the file does not exist
}

// How many bytes of the file's first `end` are in the page cache (mincore() of a mapping that
// is never touched); -1 when that cannot be told.
qint64 cachedBytes(const QString &path, qint64 end)
{
    QFile file(path);
    if (end <= 0 || !file.open(QIODevice::ReadOnly))
        return -1;
    uchar *map = file.map(0, end);
    if (!map)
        return -1;
    const qint64 page = ::sysconf(_SC_PAGESIZE);
    std::vector<unsigned char> resident(size_t((end + page - 1) / page));
    const bool ok = ::mincore(map, size_t(end), resident.data()) == 0;
    file.unmap(map);
    if (!ok)
        return -1;
    return page *
           std::count_if(resident.begin(), resident.end(), [](unsigned char r) { return r & 1; });
}

} // namespace

TestWalCheckpoint::Ingest TestWalCheckpoint::ingest(CaptureStore &store, const QString &walPath,
                                                    qint64 total, int bodyBytes, int perRound)
{
    Ingest result;
    StoreWriter writer(&store);
    const QByteArray body = "{\"pad\":\"" + QByteArray(bodyBytes - 11, 'x') + "\"}";
    int answered = 0;
    bool allOk = true;
    int n = 0;
    for (qint64 sent = 0; sent < total; sent += qint64(perRound) * body.size()) {
        for (int i = 0; i < perRound; ++i) {
            writer.enqueue(storeTestCapture(n++, body), {}, [&](const CaptureSummary &, bool ok) {
                allOk = allOk && ok;
                ++answered;
            });
        }
        // Bounded wait for the answers (no timing is asserted).
        [&] { QTRY_COMPARE_WITH_TIMEOUT(answered, n, 120000); }();
        if (QTest::currentTestFailed())
            return result;
        result.maxWalBytes = std::max(result.maxWalBytes, fileSize(walPath));
        result.maxWalInUse = std::max(result.maxWalInUse, store.walBytes());
    }
    result.sent = n;
    result.stored = allOk ? answered : -1;
    return result;
}

void TestWalCheckpoint::walStaysBoundedWhileIngestingBesideAReader()
{
    // Beside the test, not in a temporary folder that may be tmpfs (whose pages stay in memory).
    QTemporaryDir dir(QCoreApplication::applicationDirPath() + "/walcheckpoint-XXXXXX");
    const QString path = dir.filePath("s.sqlite");
    const QString wal = path + "-wal";
    CaptureStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));

    // A reader on its own connection, reading the newest rows and measuring the WAL as it goes.
    std::atomic<bool> stop{false};
    std::atomic<qint64> readerMaxWal{0};
    std::atomic<int> reads{0};
    std::atomic<qint64> lastSeen{0};
    QString readerError;
    std::thread reader([&] {
        CaptureStore r;
        if (!r.openReadOnly(path)) {
            readerError = r.errorString();
            return;
        }
        while (!stop) {
            const qint64 count = r.count();
            const QVector<CaptureSummary> page = r.summaries(count - 50, count);
            if (count > 0 && (!r.capture(count) || page.isEmpty()))
                readerError = QStringLiteral("capture %1 was counted but not read").arg(count);
            lastSeen = count;
            ++reads;
            readerMaxWal = std::max(readerMaxWal.load(), fileSize(wal));
        }
    });

    // 100 MB of 4 KiB captures.
    const qint64 total = 100LL * 1024 * 1024;
    const Ingest result = ingest(store, wal, total, 4096, 256);
    stop = true;
    reader.join();
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(readerError.isEmpty(), qPrintable(readerError));
    QCOMPARE(result.stored, result.sent);
    QCOMPARE(store.count(), qint64(result.sent));
    QVERIFY(reads > 0);
    QVERIFY(lastSeen > 0);
    qInfo("WAL at most %lld bytes (writer side), %lld bytes (reader side), %d reads",
          result.maxWalBytes, readerMaxWal.load(), reads.load());
    QVERIFY2(result.maxWalBytes < WalBound, qPrintable(QString::number(result.maxWalBytes)));
    QVERIFY2(readerMaxWal < WalBound, qPrintable(QString::number(readerMaxWal)));
    // The database file holds the captures: the WAL was copied back while ingesting.
    QVERIFY(fileSize(path) > total);
    // And the copies, once synced, left the page cache but for the file's newest part (a
    // margin for what the last copies wrote after the last drop; pages written again after
    // theirs, the B-trees' inner pages, stay).
    const qint64 dropped = fileSize(path) - WalCheckpointer::CachedTailBytes -
                           WalCheckpointer::DropStepBytes - WalCheckpointer::CheckpointBytes;
    const qint64 cached = cachedBytes(path, dropped);
    qInfo("%lld of the first %lld bytes of the database file cached", cached, dropped);
    QVERIFY(cached >= 0);
    QVERIFY2(cached < dropped / 10, qPrintable(QString::number(cached)));
}

void TestWalCheckpoint::walStaysBoundedBesideAReaderThatHoldsItsSnapshot()
{
    // A reader that keeps read transactions open while commits go on stops the WAL from starting
    // over after a PASSIVE checkpoint; the RESTART checkpoint waits for it between transactions.
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    const QString wal = path + "-wal";
    CaptureStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));

    std::atomic<bool> stop{false};
    std::atomic<int> passes{0};
    QString readerError;
    std::thread reader([&] {
        sqlite3 *db = nullptr;
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY,
                            nullptr) != SQLITE_OK) {
            readerError = QString::fromUtf8(sqlite3_errmsg(db));
            sqlite3_close(db);
            return;
        }
        sqlite3_busy_timeout(db, 5000);
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(db,
                           "SELECT length(raw) FROM capture_bytes ORDER BY capture_id DESC "
                           "LIMIT 400",
                           -1, &stmt, nullptr);
        while (!stop && readerError.isEmpty()) {
            // One read transaction across two passes over the newest captures: the snapshot is
            // held while commits go on.
            if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
                readerError = QString::fromUtf8(sqlite3_errmsg(db));
            for (int pass = 0; pass < 2; ++pass) {
                while (sqlite3_step(stmt) == SQLITE_ROW) {
                    if (sqlite3_column_int(stmt, 0) <= 0)
                        readerError = QStringLiteral("an empty capture");
                }
                sqlite3_reset(stmt);
            }
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
            ++passes;
        }
        sqlite3_finalize(stmt);
        sqlite3_close(db);
    });
    const qint64 total = 100LL * 1024 * 1024;
    const Ingest result = ingest(store, wal, total, 4096, 128);
    stop = true;
    reader.join();
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(readerError.isEmpty(), qPrintable(readerError));
    QVERIFY(result.stored > 0);
    QVERIFY(passes > 0);
    qInfo("WAL at most %lld bytes (%lld in use), %d reader passes", result.maxWalBytes,
          result.maxWalInUse, passes.load());
    QVERIFY2(result.maxWalBytes < WalBound, qPrintable(QString::number(result.maxWalBytes)));
}

QTEST_GUILESS_MAIN(TestWalCheckpoint)
#include "tst_walcheckpoint.moc"
