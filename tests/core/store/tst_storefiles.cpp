#include "StoreTestCaptures.h"
#include "core/store/StoreCopier.h"
#include "core/store/StoreMerger.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

namespace {

// Every row of every table but the chunk bookkeeping, as text, in a stable order: two stores
// with the same dump hold the same captures and the same rows beside them.
QStringList dump(const QString &path, bool withIds = true)
{
    sqlite3 *db = nullptr;
    QStringList rows;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return {QStringLiteral("cannot open")};
    QStringList tables;
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                       "'sqlite_%' ORDER BY name",
                       -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW)
        tables << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    for (const QString &table : tables) {
        const QByteArray sql = "SELECT * FROM \"" + table.toUtf8() + "\"";
        sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr);
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            QString row = table;
            for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
                const QString name = QString::fromUtf8(sqlite3_column_name(stmt, i));
                if (!withIds &&
                    (name == QLatin1String("id") || name == QLatin1String("capture_id") ||
                     name == QLatin1String("updated_at")))
                    continue;
                row += QLatin1Char('|') +
                       QString::fromLatin1(
                           QByteArray(static_cast<const char *>(sqlite3_column_blob(stmt, i)),
                                      sqlite3_column_bytes(stmt, i))
                               .toHex());
            }
            rows << row;
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    rows.sort();
    return rows;
}

qint64 single(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    qint64 v = -1;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return v;
}

bool exec(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    const bool ok = sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK &&
                    sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok)
        qWarning() << sqlite3_errmsg(db);
    sqlite3_close(db);
    return ok;
}

// Captures first..last, each with a verdict; their bodies and times follow n (padded with
// `padding` spaces).
bool fill(const QString &path, int first, int last, int padding = 0)
{
    CaptureStore store;
    if (!store.open(path))
        return false;
    QList<NewCapture> cs;
    for (int n = first; n <= last; ++n) {
        cs << storeTestCapture(n,
                               "{\"n\":" + QByteArray::number(n) + "}" + QByteArray(padding, ' '));
        cs.last().summary.verdictReason = QStringLiteral("ok");
        cs.last().summary.verdictJson = "{\"valid\":true}";
    }
    return store.append(cs);
}

} // namespace

class StoreFilesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saveAsCopiesEveryRow()
    {
        QTemporaryDir dir;
        const QString from = dir.filePath(QStringLiteral("a.sqlite"));
        const QString to = dir.filePath(QStringLiteral("copy.sqlite"));
        QVERIFY(fill(from, 1, 600));
        QVERIFY(exec(from, "INSERT INTO capture_origins (capture_id, source, format, entry,"
                           " imported_us) VALUES (3, 'x.har', 'har', 0, 1)"));
        CaptureStore writer; // open while copying, as the session's writer is
        QVERIFY(writer.open(from));
        QFile::copy(from, to + QStringLiteral(".old")); // something to be replaced
        QVERIFY(QFile::rename(to + QStringLiteral(".old"), to));
        qint64 steps = 0, lastDone = -1, lastTotal = -1;
        QString error;
        QVERIFY2(StoreCopier::copy(
                     from, to,
                     [&](qint64 done, qint64 total) {
                         ++steps;
                         lastDone = done;
                         lastTotal = total;
                         return true;
                     },
                     &error),
                 qPrintable(error));
        QVERIFY(steps >= 1);
        QCOMPARE(lastDone, lastTotal);
        QCOMPARE(dump(to), dump(from));
        QCOMPARE(single(to, "SELECT count(*) FROM captures"), 600);
        CaptureStore copy;
        QVERIFY2(copy.open(to), qPrintable(copy.errorString())); // a store like any other
        QCOMPARE(copy.capture(600)->raw, writer.capture(600)->raw);
        QVERIFY(!QFile::exists(to + QStringLiteral(".part")));
    }

    void cancelledSaveAsLeavesTheTargetAlone()
    {
        QTemporaryDir dir;
        const QString from = dir.filePath(QStringLiteral("a.sqlite"));
        const QString to = dir.filePath(QStringLiteral("copy.sqlite"));
        QVERIFY(fill(from, 1, 1000, 10000)); // more than one step of pages
        QFile old(to);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        QString error;
        bool cancelled = false;
        QVERIFY(!StoreCopier::copy(
            from, to, [](qint64, qint64) { return false; }, &error, &cancelled));
        QVERIFY(cancelled);
        QVERIFY(error.contains(QLatin1String("cancelled")));
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("old"));
        QVERIFY(!QFile::exists(to + QStringLiteral(".part")));
        QVERIFY(!StoreCopier::copy(from, from, {}, &error));
    }

    void mergeCopiesCapturesWithTheirRowsAndSkipsDuplicates()
    {
        QTemporaryDir dir;
        const QString here = dir.filePath(QStringLiteral("here.sqlite"));
        const QString other = dir.filePath(QStringLiteral("other.sqlite"));
        QVERIFY(fill(here, 1, 10));
        QVERIFY(fill(other, 6, 15)); // 6..10 are the same captures as here's
        QVERIFY(exec(other,
                     "INSERT INTO capture_origins (capture_id, source, format, entry,"
                     " imported_us) VALUES (7, 'x.har', 'har', 4, 1), (2, 'x.har', 'har', 9, 1);"
                     "INSERT INTO forward_outbox (capture_id, endpoint, kind, target, state,"
                     " updated_ms) VALUES (8, 'e', 'http', 'http://x', 'delivered', 1),"
                     " (9, 'e', 'http', 'http://x', 'queued', 1);"
                     "INSERT INTO capture_marks (capture_id, bookmarked, note, updated_at)"
                     " VALUES (10, 1, 'look', 5), (1, 1, 'dup', 6);"));
        CaptureStore target;
        QVERIFY(target.open(here));
        QVERIFY(exec(here, "INSERT INTO capture_marks (capture_id, bookmarked, note, updated_at)"
                           " VALUES (1, 1, 'mine', 1000)"));
        StoreMerger merger(other);
        QString error;
        QVERIFY2(merger.open(here, &error), qPrintable(error));
        QCOMPARE(merger.total(), 10);
        while (!merger.atEnd())
            QVERIFY2(merger.nextBatch(target, &error), qPrintable(error));
        QCOMPARE(merger.copied(), 5);
        QCOMPARE(merger.skipped(), 5);
        QCOMPARE(target.count(), 15);
        // the new ones: 11..15 with new ids, their bytes and verdicts
        QCOMPARE(target.capture(15)->raw, storeTestCapture(15, "{\"n\":15}").raw);
        QCOMPARE(single(here, "SELECT count(*) FROM verdicts"), 15);
        // the other store's ids 1..5 (n 6..10) were here: only the new ones' rows come, the
        // marks with a change clock after here's own
        QCOMPARE(single(here, "SELECT count(*) FROM capture_origins"), 1);
        QCOMPARE(single(here, "SELECT entry FROM capture_origins"), 4);
        QCOMPARE(single(here, "SELECT count(*) FROM forward_outbox"), 1);
        QCOMPARE(single(here, "SELECT count(*) FROM capture_marks"), 2);
        QCOMPARE(single(here, "SELECT updated_at FROM capture_marks WHERE note = 'look'"), 1001);

        // a store whose captures are all new: every side row comes along, queued forwards not
        QTemporaryDir dir2;
        const QString fresh = dir2.filePath(QStringLiteral("fresh.sqlite"));
        QVERIFY(fill(fresh, 100, 100));
        CaptureStore second;
        QVERIFY(second.open(fresh));
        StoreMerger all(other);
        QVERIFY2(all.open(fresh, &error), qPrintable(error));
        while (!all.atEnd())
            QVERIFY2(all.nextBatch(second, &error), qPrintable(error));
        QCOMPARE(all.copied(), 10);
        QCOMPARE(single(fresh, "SELECT count(*) FROM captures"), 11);
        QCOMPARE(single(fresh, "SELECT count(*) FROM capture_origins"), 2);
        QCOMPARE(single(fresh, "SELECT count(*) FROM forward_outbox"), 1); // the delivered one
        QCOMPARE(single(fresh, "SELECT count(*) FROM capture_marks"), 2);
        // rows point at the new ids: entry 4's capture has the bytes of the other store's 7th
        const qint64 originOf =
            single(fresh, "SELECT capture_id FROM capture_origins WHERE entry = 4");
        QCOMPARE(second.capture(originOf)->raw, storeTestCapture(12, "{\"n\":12}").raw);
        QCOMPARE(single(fresh, "SELECT count(*) FROM captures c WHERE NOT EXISTS (SELECT 1 FROM"
                               " capture_bytes b WHERE b.capture_id = c.id)"),
                 0);
        // merging again finds every capture already there
        StoreMerger again(other);
        QVERIFY(again.open(fresh, &error));
        while (!again.atEnd())
            QVERIFY(again.nextBatch(second, &error));
        QCOMPARE(again.copied(), 0);
        QCOMPARE(again.skipped(), 10);
    }

    void mergeStoppedBetweenBatchesLeavesWholeCaptures()
    {
        QTemporaryDir dir;
        const QString here = dir.filePath(QStringLiteral("here.sqlite"));
        const QString other = dir.filePath(QStringLiteral("other.sqlite"));
        QVERIFY(fill(here, 1, 1));
        QVERIFY(fill(other, 1000, 1000 + StoreMerger::BatchSize * 2 + 9));
        CaptureStore target;
        QVERIFY(target.open(here));
        StoreMerger merger(other);
        QString error;
        QVERIFY(merger.open(here, &error));
        QVERIFY(merger.nextBatch(target, &error)); // then cancelled
        QCOMPARE(merger.copied(), StoreMerger::BatchSize);
        QCOMPARE(target.count(), 1 + StoreMerger::BatchSize);
        QCOMPARE(single(here, "SELECT count(*) FROM verdicts"), 1 + StoreMerger::BatchSize);
        QCOMPARE(single(here, "SELECT count(*) FROM capture_bytes"), 1 + StoreMerger::BatchSize);
        QCOMPARE(single(here, "PRAGMA foreign_key_check"), -1); // no row: nothing dangling
        QVERIFY(!merger.atEnd());
        StoreMerger self(here);
        QVERIFY(!self.open(here, &error));
        StoreMerger notAStore(dir.filePath(QStringLiteral("missing.sqlite")));
        QVERIFY(!notAStore.open(here, &error));
        QVERIFY(error.contains(QLatin1String("missing.sqlite")));
    }
};

QTEST_GUILESS_MAIN(StoreFilesTest)
#include "tst_storefiles.moc"
