#include "../store/StoreTestCaptures.h"
#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"
#include "core/store/LargeCaptureFiles.h"
#include "core/store/SearchIndex.h"
#include "tests/support/HttpTestClient.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

namespace {

// One column of a query's rows, read through a connection of its own.
QVector<qint64> column(const QString &path, const QByteArray &sql)
{
    sqlite3 *db = nullptr;
    QVector<qint64> values;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr) == SQLITE_OK) {
            while (sqlite3_step(stmt) == SQLITE_ROW)
                values.append(sqlite3_column_int64(stmt, 0));
        } else {
            qWarning() << sqlite3_errmsg(db) << sql;
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return values;
}

qint64 single(const QString &path, const QByteArray &sql)
{
    const QVector<qint64> v = column(path, sql);
    return v.isEmpty() ? -1 : v.first();
}

bool exec(const QString &path, const QByteArray &sql)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK &&
              sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok)
        qWarning() << sqlite3_errmsg(db);
    sqlite3_close(db);
    return ok;
}

QByteArray word(int n)
{
    return "{\"word\":\"alpha_" + QByteArray::number(n) + "\"}";
}

// Stores `n` captures (bodies from `body`), each with a verdict.
bool fill(const QString &path, int n, const std::function<QByteArray(int)> &body)
{
    CaptureStore store;
    if (!store.open(path))
        return false;
    QList<NewCapture> cs;
    for (int i = 1; i <= n; ++i) {
        cs << storeTestCapture(i, body(i));
        cs.last().summary.verdictReason = QStringLiteral("no_secret");
        cs.last().summary.verdictJson = "{}";
    }
    return store.append(cs);
}

bool bookmark(const QString &path, const QVector<qint64> &ids)
{
    QByteArray sql;
    for (const qint64 id : ids)
        sql += "INSERT INTO capture_marks (capture_id, bookmarked, note, updated_at) VALUES (" +
               QByteArray::number(id) + ", 1, 'keep', " + QByteArray::number(id) + ");";
    return exec(path, sql);
}

QVector<qint64> indexed(const QString &store, const QByteArray &text)
{
    return column(SearchIndex::pathFor(store),
                  "SELECT rowid FROM capture_text WHERE capture_text MATCH '\"" + text +
                      "\"' ORDER BY rowid");
}

// Waits for the search index to hold every capture of the session's store.
bool waitIndexed(CaptureSession &session, QSignalSpy &progress, qint64 id)
{
    for (;;) {
        for (const QList<QVariant> &args : std::as_const(progress)) {
            if (args.at(0).toLongLong() >= id && args.at(1).toLongLong() == id)
                return true;
        }
        if (!progress.wait(10000))
            return false;
    }
    Q_UNUSED(session);
}

CaptureSummary send(CaptureSession &session, QSignalSpy &completed, const QByteArray &body)
{
    HttpTestClient client(session.port());
    client.send("POST /late HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n" + body);
    HttpTestClient::Response r;
    if (!client.read(&r))
        return {};
    if (completed.isEmpty() && !completed.wait(10000))
        return {};
    return completed.takeFirst().at(0).value<CaptureSummary>();
}

// A session on `path` with these retention limits takes one capture through its listener, waits
// for the deletion the limits call for and closes (every job of its writer done); returns the
// capture's id, and how many deletions there were in *removals.
qint64 captureOne(const QString &path, const RetentionLimits &limits, int *removals)
{
    CaptureSession session;
    QSignalSpy removed(&session, &CaptureSession::capturesRemoved);
    QSignalSpy completed(&session, &CaptureSession::completed);
    CaptureSession::Options options;
    options.port = 0;
    options.storePath = path;
    options.config.retention = limits;
    QString error;
    if (!session.start(options, &error)) {
        qWarning() << error;
        return 0;
    }
    const qint64 id = send(session, completed, "{}").id;
    if (limits.isSet() && removed.isEmpty() && !removed.wait(10000))
        return 0;
    session.close();
    *removals = int(removed.size());
    return id;
}

} // namespace

class CaptureRemoverTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void removesCapturesWithEveryRowBesideThemAndTheirSearchEntries()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        QVERIFY(fill(path, 5, word));
        { // capture 6: a large one, its bytes in a file beside the store; 3 imported
            CaptureStore store;
            QVERIFY(store.open(path));
            NewCapture large = storeTestCapture(6, word(6) + QByteArray(300000, ' '));
            large.upload = store.newUpload();
            large.summary.rawSize = large.raw.size();
            QString error;
            QVERIFY2(LargeCaptureFiles(path).write(&large.upload, large.raw, &error),
                     qPrintable(error));
            QList<NewCapture> one{large};
            QVERIFY(store.append(one));
        }
        QVERIFY(QFile::exists(LargeCaptureFiles(path).path(1)));
        QVERIFY(exec(path,
                     "INSERT INTO capture_origins (capture_id, source, format, entry,"
                     " imported_us) VALUES (3, 'x.har', 'har', 0, 1), (4, 'x.har', 'har', 1, 1);"
                     "INSERT INTO forward_outbox (capture_id, endpoint, kind, target, state,"
                     " updated_ms) VALUES (2, 'e', 'http', 'http://x', 'delivered', 1),"
                     " (4, 'e', 'http', 'http://x', 'dead', 1);"));
        QVERIFY(bookmark(path, {2, 5}));

        CaptureSession session;
        QSignalSpy progress(&session, &CaptureSession::searchIndexProgress);
        QSignalSpy removed(&session, &CaptureSession::capturesRemoved);
        QString error;
        QVERIFY2(session.open(path, &error), qPrintable(error));
        QVERIFY(waitIndexed(session, progress, 6));
        QCOMPARE(indexed(path, "alpha_6"), QVector<qint64>({6}));

        session.removeCaptures({2, 3, 6, 99});
        QVERIFY(removed.wait(10000));
        QCOMPARE(removed.first().at(0).value<QVector<qint64>>(), QVector<qint64>({2, 3, 6, 99}));
        QCOMPARE(removed.first().at(1).toLongLong(), 3);
        QCOMPARE(removed.first().at(2).toLongLong(), 5);
        session.close(); // the index's entries are gone before the indexer stops

        QCOMPARE(column(path, "SELECT id FROM captures ORDER BY id"), QVector<qint64>({1, 4, 5}));
        QCOMPARE(column(path, "SELECT capture_id FROM verdicts ORDER BY 1"),
                 QVector<qint64>({1, 4, 5}));
        QCOMPARE(column(path, "SELECT capture_id FROM capture_bytes ORDER BY 1"),
                 QVector<qint64>({1, 4, 5}));
        QCOMPARE(column(path, "SELECT capture_id FROM capture_origins"), QVector<qint64>({4}));
        QCOMPARE(column(path, "SELECT capture_id FROM forward_outbox"), QVector<qint64>({4}));
        QCOMPARE(column(path, "SELECT capture_id FROM capture_marks"), QVector<qint64>({5}));
        QVERIFY(!QFile::exists(LargeCaptureFiles(path).path(1))); // capture 6's bytes
        for (int n : {2, 3, 6})
            QCOMPARE(indexed(path, "alpha_" + QByteArray::number(n)), QVector<qint64>());
        for (int n : {1, 4, 5})
            QCOMPARE(indexed(path, "alpha_" + QByteArray::number(n)), QVector<qint64>({n}));
        QCOMPARE(single(SearchIndex::pathFor(path),
                        "SELECT value FROM index_state WHERE key = 'indexed_up_to'"),
                 5);

        // The next capture takes id 6 again; it is indexed, the old 6 stays forgotten.
        CaptureSession::Options options;
        options.port = 0;
        options.storePath = path;
        QSignalSpy completed(&session, &CaptureSession::completed);
        progress.clear();
        QVERIFY2(session.start(options, &error), qPrintable(error));
        const CaptureSummary late = send(session, completed, "{\"word\":\"omega\"}");
        QCOMPARE(late.id, 6);
        QVERIFY(waitIndexed(session, progress, 6));
        session.close();
        QCOMPARE(indexed(path, "omega"), QVector<qint64>({6}));
        QCOMPARE(indexed(path, "alpha_6"), QVector<qint64>());
        QVERIFY(exec(SearchIndex::pathFor(path),
                     "INSERT INTO capture_text (capture_text) VALUES ('integrity-check')"));
    }

    void clearAllKeepsCapturingAndShrinksTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        QVERIFY(
            fill(path, 200, [](int n) -> QByteArray { return word(n) + QByteArray(20000, 'x'); }));
        const qint64 before = QFileInfo(path).size();
        QVERIFY(before > 4000000);

        CaptureSession session;
        QSignalSpy progress(&session, &CaptureSession::searchIndexProgress);
        QSignalSpy cleared(&session, &CaptureSession::capturesCleared);
        QSignalSpy shrunk(&session, &CaptureSession::storeShrunk);
        QSignalSpy completed(&session, &CaptureSession::completed);
        CaptureSession::Options options;
        options.port = 0;
        options.storePath = path;
        QString error;
        QVERIFY2(session.start(options, &error), qPrintable(error));
        QVERIFY(waitIndexed(session, progress, 200));
        progress.clear();

        session.clearCaptures();
        // sent while the clear may still run: stored after it, never deleted by it
        const CaptureSummary late = send(session, completed, "{\"word\":\"omega\"}");
        QVERIFY(late.id > 0);
        QVERIFY(!shrunk.isEmpty() || shrunk.wait(30000));
        QCOMPARE(cleared.first().at(0).toLongLong(), 200);
        QCOMPARE(cleared.first().at(1).toLongLong(), 200);
        QVERIFY(waitIndexed(session, progress, late.id));
        session.close();

        QCOMPARE(column(path, "SELECT id FROM captures"), QVector<qint64>({late.id}));
        QCOMPARE(single(path, "SELECT count(*) FROM verdicts"), 0);
        QVERIFY2(QFileInfo(path).size() < before / 10,
                 qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(QFileInfo(path).size())));
        QCOMPARE(shrunk.first().at(0).toLongLong() > shrunk.first().at(1).toLongLong(), true);
        QCOMPARE(indexed(path, "alpha_7"), QVector<qint64>());
        QCOMPARE(indexed(path, "omega"), QVector<qint64>({late.id}));
    }

    void retentionKeepsTheNewestAndTheBookmarked_data()
    {
        QTest::addColumn<int>("stored");
        QTest::addColumn<int>("bodyBytes");
        QTest::addColumn<qint64>("bookmarked");
        QTest::addColumn<qint64>("maxCaptures");
        QTest::addColumn<qint64>("maxMegabytes");
        QTest::addColumn<QVector<qint64>>("kept");
        // 11 captures, 5 allowed: the oldest go but the bookmarked one
        QTest::newRow("by count") << 10 << 20 << qint64(2) << qint64(5) << qint64(0)
                                  << QVector<qint64>({2, 8, 9, 10, 11});
        // 6 of 300,000 bytes and a small one, 1 MiB allowed: 3 of the oldest go
        QTest::newRow("by size") << 6 << 300000 << qint64(1) << qint64(0) << qint64(1)
                                 << QVector<qint64>({1, 5, 6, 7});
    }

    void retentionKeepsTheNewestAndTheBookmarked()
    {
        QFETCH(int, stored);
        QFETCH(int, bodyBytes);
        QFETCH(qint64, bookmarked);
        QFETCH(qint64, maxCaptures);
        QFETCH(qint64, maxMegabytes);
        QFETCH(QVector<qint64>, kept);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        QVERIFY(fill(path, stored, [bodyBytes](int n) -> QByteArray {
            return word(n) + QByteArray(bodyBytes, ' ');
        }));
        QVERIFY(bookmark(path, {bookmarked}));
        RetentionLimits limits;
        limits.maxCaptures = maxCaptures;
        limits.maxMegabytes = maxMegabytes;
        int removals = 0;
        QCOMPARE(captureOne(path, limits, &removals), stored + 1);
        QCOMPARE(removals, 1);
        QCOMPARE(column(path, "SELECT id FROM captures ORDER BY id"), kept);
        QCOMPARE(column(path, "SELECT capture_id FROM verdicts ORDER BY 1"),
                 kept.mid(0, kept.size() - 1)); // the new one has none (no endpoint)
        if (maxMegabytes > 0)
            QVERIFY(single(path, "SELECT sum(raw_size) FROM captures") <= limits.maxBytes());
    }

    void sizeLimitHoldsAsCapturesKeepArriving()
    {
        // each commit's check sums only what came since the last (RetentionPolicy::ByteTally)
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        QVERIFY(
            fill(path, 3, [](int n) -> QByteArray { return word(n) + QByteArray(300000, ' '); }));
        CaptureSession session;
        QSignalSpy completed(&session, &CaptureSession::completed);
        CaptureSession::Options options;
        options.port = 0;
        options.storePath = path;
        options.config.retention.maxMegabytes = 1; // room for three
        QString error;
        QVERIFY2(session.start(options, &error), qPrintable(error));
        for (int n = 4; n <= 8; ++n)
            QCOMPARE(send(session, completed, word(n) + QByteArray(300000, ' ')).id, n);
        session.close();
        QCOMPARE(column(path, "SELECT id FROM captures ORDER BY id"), QVector<qint64>({6, 7, 8}));
        QVERIFY(single(path, "SELECT sum(raw_size) FROM captures") <= 1024 * 1024);
    }

    void withoutLimitsNothingIsDeleted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        QVERIFY(fill(path, 3, word));
        int removals = 0;
        QCOMPARE(captureOne(path, {}, &removals), 4);
        QCOMPARE(removals, 0);
        QCOMPARE(single(path, "SELECT count(*) FROM captures"), 4);
    }
};

QTEST_GUILESS_MAIN(CaptureRemoverTest)
#include "tst_captureremover.moc"
