#include "core/http/RequestFramer.h"
#include "core/store/CaptureStore.h"
#include "core/store/LargeCaptureFiles.h"
#include "core/store/StoreMigrations.h"
#include "core/store/StoreWriter.h"
#include "tests/core/store/StoreTestCaptures.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <mutex>
#include <sqlite3.h>
#include <thread>

namespace {

// One integer read through a connection of its own (the test looks under the store's API).
class SqlValue
{
public:
    SqlValue(const QString &path, const char *sql)
    {
        sqlite3 *db = nullptr;
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY,
                            nullptr) == SQLITE_OK &&
            sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            m_value = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        sqlite3_close_v2(db);
    }
    qint64 value() const { return m_value; }

private:
    qint64 m_value = -1;
};

} // namespace

class TestCaptureStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void appendAndReadBack();
    void survivesReopen();
    void pagesSummaries();
    void migratesFromVersion1();
    void refusesNewerSchema();
    void unreadableFileIsAnError();
    void writerGroupsCommitsAndReportsAfterCommit();
    void writerCommitsWhatOnePassHandsInTogether();
    void verdictsBesideCapturesAndFilters();
    void deliveryIds();
    void prepareRunsBeforeTheCommit();
    void largeCaptureDoesNotHoldUpOthers();

private:
    QString path() const { return m_dir->filePath("s.sqlite"); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCaptureStore::appendAndReadBack()
{
    CaptureStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion(), CaptureStore::SchemaVersion);
    QByteArray binary(256, 0);
    for (int i = 0; i < 256; ++i)
        binary[i] = char(i);
    QList<NewCapture> batch{storeTestCapture(1), storeTestCapture(2, binary)};
    QVERIFY(store.append(batch));
    QCOMPARE(batch[0].summary.id, 1);
    QCOMPARE(batch[1].summary.id, 2);
    const std::optional<Capture> c = store.capture(2);
    QVERIFY(c);
    QCOMPARE(c->raw, batch[1].raw);
    QCOMPARE(RequestFramer::parse(c->raw).body(c->raw), binary);
    QCOMPARE(c->summary.receivedAtUs, 1763779200000002);
    QCOMPARE(c->summary.rawSize, batch[1].raw.size());
    QVERIFY(!store.capture(3));
}

void TestCaptureStore::survivesReopen()
{
    {
        CaptureStore store;
        QVERIFY(store.open(path()));
        QList<NewCapture> batch{storeTestCapture(1)};
        QVERIFY(store.append(batch));
    }
    CaptureStore again;
    QVERIFY(again.open(path()));
    QCOMPARE(again.count(), 1);
    QCOMPARE(again.capture(1)->summary.target, QByteArray("/n1"));
}

void TestCaptureStore::pagesSummaries()
{
    CaptureStore store;
    QVERIFY(store.open(path()));
    QList<NewCapture> batch;
    for (int i = 0; i < 1000; ++i)
        batch.append(storeTestCapture(i));
    QVERIFY(store.append(batch));
    const QVector<qint64> ids = store.ids();
    QCOMPARE(ids.size(), 1000);
    QCOMPARE(ids.first(), 1);
    QCOMPARE(ids.last(), 1000);
    const QVector<CaptureSummary> page = store.summaries(501, 600);
    QCOMPARE(page.size(), 100);
    QCOMPARE(page.first().id, 501);
    QCOMPARE(page.last().id, 600);
    QCOMPARE(page.first().target, QByteArray("/n500"));
    QCOMPARE(store.summaries(990, 2000).size(), 11);
}

void TestCaptureStore::migratesFromVersion1()
{
    // Build a version-1 store as the first release wrote it, with one capture in it.
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path().toUtf8().constData(), &db), SQLITE_OK);
    const QByteArray v1 = StoreMigrations::step(1) +
                          "INSERT INTO captures VALUES (7, 1763779200000000, '127.0.0.1:1', 'POST',"
                          " '/old', 'ep', 'text/plain', 38, 2, 200, '',"
                          " CAST('POST /old HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi' AS BLOB));"
                          "PRAGMA user_version=1;";
    QCOMPARE(sqlite3_exec(db, v1.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);

    CaptureStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion(), CaptureStore::SchemaVersion);
    const std::optional<Capture> c = store.capture(7);
    QVERIFY(c);
    QCOMPARE(c->raw, QByteArray("POST /old HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi"));
    QCOMPARE(c->summary.endpointId, QString("ep"));
    QCOMPARE(RequestFramer::parse(c->raw).body(c->raw), QByteArray("hi"));
    QList<NewCapture> batch{storeTestCapture(8)};
    QVERIFY(store.append(batch));
    QCOMPARE(store.ids(), (QVector<qint64>{7, 8}));
}

void TestCaptureStore::refusesNewerSchema()
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path().toUtf8().constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    CaptureStore store;
    QVERIFY(!store.open(path()));
    QVERIFY(store.errorString().contains("99"));
}

void TestCaptureStore::unreadableFileIsAnError()
{
    QFile f(path());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x')); // not a database
    f.close();
    CaptureStore store;
    QVERIFY(!store.open(path()));
    QVERIFY(store.errorString().contains(path()));
}

void TestCaptureStore::writerGroupsCommitsAndReportsAfterCommit()
{
    CaptureStore store;
    QVERIFY(store.open(path()));
    StoreWriter writer(&store);
    QSignalSpy stored(&writer, &StoreWriter::stored);
    int done = 0;
    qint64 committedWhenTold = -1;
    for (int i = 0; i < 3; ++i) {
        writer.enqueue(storeTestCapture(i), {}, [&](const CaptureSummary &s, bool ok) {
            QVERIFY(ok);
            ++done;
            CaptureStore reader; // another connection sees it: it is committed
            QVERIFY(reader.open(path()));
            committedWhenTold = reader.capture(s.id) ? s.id : -1;
        });
    }
    QCOMPARE(done, 0); // nothing is reported before the commit
    QTRY_COMPARE(done, 3);
    QCOMPARE(committedWhenTold, 3);
    int reported = 0; // one signal per commit; how the three fall into commits is the writer's
    for (const QList<QVariant> &signal : std::as_const(stored))
        reported += int(signal.first().value<QVector<CaptureSummary>>().size());
    QCOMPARE(reported, 3);
}

void TestCaptureStore::writerCommitsWhatOnePassHandsInTogether()
{
    // Captures handed in on the writer's own thread (the socket thread) during one pass of its
    // event loop go in one commit: the writer is woken once the pass is over, not by the first
    // of them (under load a sixth of the commits were of one capture).
    CaptureStore store;
    QVERIFY(store.open(path()));
    StoreWriter writer(&store);
    QSignalSpy stored(&writer, &StoreWriter::stored);
    int done = 0;
    // One first, so that the writer's thread has started and waits for the next.
    writer.enqueue(storeTestCapture(0), {}, [&](const CaptureSummary &, bool) { ++done; });
    QTRY_COMPARE(done, 1);
    stored.clear();
    done = 0;
    constexpr int Count = 2000;
    for (int i = 1; i <= Count; ++i)
        writer.enqueue(storeTestCapture(i), {}, [&](const CaptureSummary &, bool ok) {
            QVERIFY(ok);
            ++done;
        });
    QTRY_COMPARE(done, Count);
    QCOMPARE(stored.count(), 1);
    QCOMPARE(stored.first().first().value<QVector<CaptureSummary>>().size(), Count);

    // From another thread the writer is woken at once: the commit needs nothing of this one.
    std::thread other([&] { writer.enqueue(storeTestCapture(Count + 1), {}, {}); });
    other.join();
    CaptureStore reader;
    QVERIFY(reader.open(path()));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (reader.count() == Count + 1 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield(); // no events run here
    QCOMPARE(reader.count(), qint64(Count + 2));
}

void TestCaptureStore::verdictsBesideCapturesAndFilters()
{
    CaptureStore store;
    QVERIFY(store.open(path()));
    QList<NewCapture> batch;
    const QStringList reasons = {"ok",        "signature_mismatch",
                                 "",          "timestamp_outside_tolerance",
                                 "no_secret", "missing_signature_header"};
    for (int i = 0; i < reasons.size(); ++i) {
        NewCapture c = storeTestCapture(i);
        c.summary.verdictReason = reasons[i];
        c.summary.verdictJson = "{\"reason\":\"" + reasons[i].toUtf8() + "\"}";
        batch.append(c);
    }
    QVERIFY(store.append(batch));
    QCOMPARE(store.capture(2)->summary.verdictReason, QString("signature_mismatch"));
    QCOMPARE(store.verdictJson(1), QByteArray("{\"reason\":\"ok\"}"));
    QVERIFY(store.verdictJson(3).isEmpty()); // no provider: no verdict row
    auto idsFor = [&](CaptureFilter::Verdict v) {
        CaptureFilter f;
        f.verdict = v;
        return store.ids(f);
    };
    QCOMPARE(idsFor(CaptureFilter::Verdict::Pass), (QVector<qint64>{1}));
    QCOMPARE(idsFor(CaptureFilter::Verdict::Fail), (QVector<qint64>{2, 6}));
    QCOMPARE(idsFor(CaptureFilter::Verdict::Stale), (QVector<qint64>{4}));
    QCOMPARE(idsFor(CaptureFilter::Verdict::NoSecret), (QVector<qint64>{5}));
    QCOMPARE(idsFor(CaptureFilter::Verdict::Unverified), (QVector<qint64>{3}));
    QCOMPARE(idsFor(CaptureFilter::Verdict::Any).size(), 6);
    // the same predicate, row by row, for live captures
    CaptureFilter fail;
    fail.verdict = CaptureFilter::Verdict::Fail;
    for (const CaptureSummary &s : store.summaries(1, 6))
        QCOMPARE(fail.matches(s), s.id == 2 || s.id == 6);
    // re-verifying replaces the verdict, the capture's bytes stay as they were
    const QByteArray before = store.capture(2)->raw;
    QVERIFY(store.setVerdict(2, "ok", "{}"));
    QCOMPARE(store.capture(2)->summary.verdictReason, QString("ok"));
    QCOMPARE(store.capture(2)->raw, before);
    QCOMPARE(idsFor(CaptureFilter::Verdict::Fail), (QVector<qint64>{6}));
}

void TestCaptureStore::deliveryIds()
{
    CaptureStore store;
    QVERIFY(store.open(path()));
    QList<NewCapture> batch{storeTestCapture(1), storeTestCapture(2), storeTestCapture(3)};
    batch[0].deliveryId = "evt_1";
    batch[2].deliveryId = "evt_1";
    QVERIFY(store.append(batch));
    QCOMPARE(store.firstWithDeliveryId("evt_1"), 1);
    QCOMPARE(store.firstWithDeliveryId("evt_2"), 0);
    QCOMPARE(store.firstWithDeliveryId(""), 0);
}

void TestCaptureStore::prepareRunsBeforeTheCommit()
{
    CaptureStore store;
    QVERIFY(store.open(path()));
    QList<NewCapture> first{storeTestCapture(0)};
    first[0].deliveryId = "dup";
    QVERIFY(store.append(first));
    qint64 seenBefore = -1;
    StoreWriter writer(&store);
    auto prepare = [&](NewCapture &c, const CaptureStore &s) {
        seenBefore = s.firstWithDeliveryId("dup"); // the writer's own connection answers
        c.summary.verdictReason = "signature_mismatch";
        c.summary.verdictJson = "{}";
    };
    CaptureSummary told;
    writer.enqueue(storeTestCapture(1), prepare, [&](const CaptureSummary &s, bool) { told = s; });
    QTRY_COMPARE(told.id, 2);
    QCOMPARE(seenBefore, 1);
    QCOMPARE(told.verdictReason, QString("signature_mismatch"));
    CaptureStore reader; // the writer's connection belongs to its thread
    QVERIFY(reader.open(path()));
    QCOMPARE(reader.capture(2)->summary.verdictReason, QString("signature_mismatch"));
}

void TestCaptureStore::largeCaptureDoesNotHoldUpOthers()
{
    CaptureStore store;
    QVERIFY(store.open(path()));
    QByteArray body(3 * 1024 * 1024 + 17, '\0');
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(i * 7 % 251);
    std::mutex gate;
    std::unique_lock<std::mutex> held(gate); // the large capture's Prepare waits on it
    std::atomic<bool> preparedLarge{false}, preparedOnReader{false};
    CaptureSummary large, small;
    {
        StoreWriter writer(&store);
        writer.enqueue(
            storeTestCapture(1, body),
            [&](NewCapture &c, const CaptureStore &reading) {
                preparedOnReader = reading.isReadOnly(); // not the writer's connection
                std::lock_guard<std::mutex> wait(gate);
                c.summary.verdictReason = "signature_mismatch";
                c.summary.verdictJson = "{}";
                preparedLarge = true;
            },
            [&](const CaptureSummary &s, bool ok) {
                QVERIFY(ok);
                large = s;
            });
        writer.enqueue(storeTestCapture(2), {}, [&](const CaptureSummary &s, bool ok) {
            QVERIFY(ok);
            small = s;
        });
        // The small one arrived later and is committed while the large one still waits.
        QTRY_VERIFY(small.id != 0);
        QVERIFY(!preparedLarge);
        QCOMPARE(large.id, 0);
        held.unlock();
        QTRY_VERIFY(large.id != 0);
    }
    QVERIFY(large.id > small.id);
    QVERIFY(preparedOnReader);
    CaptureStore reader;
    QVERIFY(reader.openReadOnly(path()));
    const std::optional<Capture> c = reader.capture(large.id);
    QVERIFY2(c, qPrintable(reader.errorString()));
    QCOMPARE(c->raw, storeTestCapture(1, body).raw);
    QCOMPARE(c->summary.verdictReason, QString("signature_mismatch"));
    QCOMPARE(RequestFramer::parse(c->raw).body(c->raw), body);
    QCOMPARE(reader.capture(small.id)->raw, storeTestCapture(2).raw);
    // Its bytes are a file beside the store (tst_largecapturefiles), not rows of the database.
    QCOMPARE(SqlValue(path(), "SELECT count(*) FROM capture_chunks").value(), 0);
    QVERIFY(QFile::exists(LargeCaptureFiles(path()).path(1)));
}

QTEST_GUILESS_MAIN(TestCaptureStore)
#include "tst_capturestore.moc"
