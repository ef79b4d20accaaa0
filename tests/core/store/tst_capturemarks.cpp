#include "StoreTestCaptures.h"
#include "core/store/CaptureMarks.h"
#include "core/store/CaptureStore.h"
#include "core/store/StoreMigrations.h"

#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

// Bookmarks and notes (schema 8, CaptureMarks) on a real store.
class TestCaptureMarks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString path() const { return m_dir.filePath(QStringLiteral("s%1.sqlite").arg(m_n)); }

private Q_SLOTS:
    void init() { ++m_n; }

    void migratesFromVersion7()
    {
        // A version-7 store as the previous release left it, with two captures.
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(path().toUtf8().constData(), &db), SQLITE_OK);
        for (int v = 1; v <= 7; ++v) {
            const QByteArray sql =
                StoreMigrations::step(v) + "PRAGMA user_version=" + QByteArray::number(v) + ";";
            QCOMPARE(sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
        }
        QCOMPARE(sqlite3_exec(db,
                              "INSERT INTO captures (id, received_us, peer, method, target,"
                              " endpoint, content_type, raw_size, body_size, status, parse_error)"
                              " VALUES (3, 1, 'p', 'POST', '/a', 'ep', '', 10, 0, 200, ''),"
                              " (4, 2, 'p', 'POST', '/b', 'ep', '', 10, 0, 200, '');"
                              "INSERT INTO capture_bytes (capture_id, raw) VALUES"
                              " (3, CAST('POST /a HTTP/1.1\r\n\r\n' AS BLOB)),"
                              " (4, CAST('POST /b HTTP/1.1\r\n\r\n' AS BLOB));",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(db);

        CaptureStore store;
        QVERIFY2(store.open(path()), qPrintable(store.errorString()));
        QCOMPARE(store.schemaVersion(), CaptureStore::SchemaVersion);
        CaptureMarks marks(store);
        QVERIFY(marks.mark(3).isEmpty());
        QVERIFY2(marks.setBookmarked({3}, true), qPrintable(store.errorString()));
        QVERIFY2(marks.setNote(4, QStringLiteral("kept from v7")), qPrintable(store.errorString()));
        QCOMPARE(marks.bookmarkedIds(), QVector<qint64>{3});
        QCOMPARE(marks.mark(4).note, QStringLiteral("kept from v7"));
        QCOMPARE(store.capture(3)->raw, QByteArray("POST /a HTTP/1.1\r\n\r\n"));

        // The columns another engineer's retention relies on, by name.
        db = nullptr;
        QCOMPARE(sqlite3_open(path().toUtf8().constData(), &db), SQLITE_OK);
        sqlite3_stmt *stmt = nullptr;
        QCOMPARE(sqlite3_prepare_v2(db,
                                    "SELECT capture_id, bookmarked, note, updated_at FROM "
                                    "capture_marks ORDER BY capture_id",
                                    -1, &stmt, nullptr),
                 SQLITE_OK);
        QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int64(stmt, 0), 3);
        QCOMPARE(sqlite3_column_int(stmt, 1), 1);
        QCOMPARE(sqlite3_column_type(stmt, 2), SQLITE_NULL);
        sqlite3_finalize(stmt);
        sqlite3_close(db);
    }

    void bookmarksSetAndCleared()
    {
        CaptureStore store;
        QVERIFY(store.open(path()));
        QList<NewCapture> batch{storeTestCapture(1), storeTestCapture(2), storeTestCapture(3)};
        QVERIFY(store.append(batch));
        CaptureMarks marks(store);
        QVERIFY(marks.setBookmarked({1, 3, 99}, true)); // 99 is not stored: left out
        QCOMPARE(marks.bookmarkedIds(), (QVector<qint64>{1, 3}));
        QVERIFY(marks.mark(99).isEmpty());
        QVERIFY(marks.setBookmarked({3}, false));
        QCOMPARE(marks.bookmarkedIds(), QVector<qint64>{1});
        const QHash<qint64, CaptureMark> page = marks.marksOf({1, 2, 3});
        QCOMPARE(page.size(), 1); // 3's row stays, holding nothing
        QVERIFY(page.value(1).bookmarked);
        QVERIFY(marks.mark(3).isEmpty());
    }

    void notesSetAndCleared()
    {
        CaptureStore store;
        QVERIFY(store.open(path()));
        QList<NewCapture> batch{storeTestCapture(1), storeTestCapture(2)};
        QVERIFY(store.append(batch));
        CaptureMarks marks(store);
        QVERIFY(marks.setBookmarked({2}, true));
        QVERIFY(marks.setNote(2, QStringLiteral("Zoë's retry, see #123")));
        const CaptureMark m = marks.mark(2);
        QCOMPARE(m.note, QStringLiteral("Zoë's retry, see #123"));
        QVERIFY(m.bookmarked);                             // the note leaves the bookmark alone
        QVERIFY(marks.setNote(2, QStringLiteral("  \n"))); // blank clears it
        QVERIFY(marks.mark(2).note.isEmpty());
        QVERIFY(marks.mark(2).bookmarked);
        QVERIFY(marks.setNote(1, QStringLiteral("first")));
        QCOMPARE(marks.marksOf({1, 2}).size(), 2);
        QVERIFY(marks.mark(1).updatedAt > marks.mark(2).updatedAt); // later write, later stamp
    }

    void stampsIncreaseWithinOneMicrosecond()
    {
        CaptureStore store;
        QVERIFY(store.open(path()));
        QList<NewCapture> batch;
        for (int i = 0; i < 50; ++i)
            batch.append(storeTestCapture(i));
        QVERIFY(store.append(batch));
        CaptureMarks marks(store);
        QVector<qint64> ids;
        for (qint64 id = 1; id <= 50; ++id)
            ids.append(id);
        QVERIFY(marks.setBookmarked(ids, true)); // one transaction, one clock reading apart
        qint64 previous = 0;
        for (qint64 id = 1; id <= 50; ++id) {
            const qint64 stamp = marks.mark(id).updatedAt;
            QVERIFY2(stamp > previous, qPrintable(QString::number(id)));
            previous = stamp;
        }
    }

    void ordersByBookmark()
    {
        CaptureStore store;
        QVERIFY(store.open(path()));
        QList<NewCapture> batch;
        for (int i = 1; i <= 5; ++i)
            batch.append(storeTestCapture(i));
        QVERIFY(store.append(batch));
        QVERIFY(CaptureMarks(store).setBookmarked({2, 4}, true));
        CaptureOrder order;
        order.key = CaptureOrder::Key::Bookmark;
        QCOMPARE(store.ids({}, order), (QVector<qint64>{2, 4, 1, 3, 5}));
        QCOMPARE(store.placeOf(4, order)->key, 0);
        QCOMPARE(store.placeOf(5, order)->key, 1);
        QVERIFY(order.before(*store.placeOf(4, order), *store.placeOf(1, order)));
        order.descending = true;
        QCOMPARE(store.ids({}, order), (QVector<qint64>{5, 3, 1, 4, 2}));
    }

    void readOnlyStoreRefusesWrites()
    {
        {
            CaptureStore store;
            QVERIFY(store.open(path()));
            QList<NewCapture> batch{storeTestCapture(1)};
            QVERIFY(store.append(batch));
            QVERIFY(CaptureMarks(store).setNote(1, QStringLiteral("n")));
        }
        CaptureStore reading;
        QVERIFY(reading.openReadOnly(path()));
        QCOMPARE(CaptureMarks(reading).mark(1).note, QStringLiteral("n"));
        QVERIFY(!CaptureMarks(reading).setNote(1, QStringLiteral("other")));
        QVERIFY(!reading.errorString().isEmpty());
        QCOMPARE(CaptureMarks(reading).mark(1).note, QStringLiteral("n"));
    }
};

QTEST_GUILESS_MAIN(TestCaptureMarks)
#include "tst_capturemarks.moc"
