#include "core/store/CaptureDeleter.h"
#include "core/store/CaptureStore.h"
#include "core/store/LargeCaptureFiles.h"
#include "core/store/StoreCopier.h"
#include "core/store/StoreWriter.h"
#include "tests/core/store/StoreTestCaptures.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <sqlite3.h>

namespace {

bool exec(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    const bool ok = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE,
                                    nullptr) == SQLITE_OK &&
                    sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close_v2(db);
    return ok;
}

qint64 single(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *stmt = nullptr;
    qint64 value = -1;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
    return value;
}

QByteArray patterned(qsizetype size)
{
    QByteArray body(size, '\0');
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(i * 7 % 251);
    return body;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

void makeOld(const QString &path)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600),
                             QFileDevice::FileModificationTime));
}

} // namespace

class TestLargeCaptureFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void writerStoresALargeCaptureOnceAsAFile()
    {
        const NewCapture capture = storeTestCapture(1, patterned(3 * 1024 * 1024 + 17));
        const qint64 id = storeLarge(capture);
        QVERIFY(id > 0);
        const LargeCaptureFiles files(path());
        const QString file = files.path(1);
        QCOMPARE(fileBytes(file), capture.raw);
        QCOMPARE(QFileInfo(file).permissions().toInt() & 0077, 0); // the owner's only
        QCOMPARE(QFileInfo(files.folder()).permissions().toInt() & 0077, 0);
        // Not through SQLite: no chunks, and the WAL holds the row, not the bytes.
        QCOMPARE(single(path(), "SELECT count(*) FROM capture_chunks"), 0);
        QCOMPARE(single(path(), "SELECT upload FROM capture_bytes WHERE capture_id = 1"), 1);
        QVERIFY2(QFileInfo(path() + "-wal").size() < 1024 * 1024,
                 qPrintable(QString::number(QFileInfo(path() + "-wal").size())));
        CaptureStore reader;
        QVERIFY(reader.openReadOnly(path()));
        const std::optional<Capture> c = reader.capture(id);
        QVERIFY2(c, qPrintable(reader.errorString()));
        QCOMPARE(c->raw, capture.raw);
        QCOMPARE(c->summary.rawSize, capture.raw.size());
    }

    void readsTheChunksOfEarlierStores()
    {
        // Before schema 9 a large capture's bytes were rows of capture_chunks.
        const QByteArray raw = storeTestCapture(1, "{\"chunked\":true}").raw;
        CaptureStore store;
        QVERIFY(store.open(path()));
        const QByteArray sql = "INSERT INTO capture_chunks (upload, seq, bytes) VALUES (7, 0, x'" +
                               raw.left(10).toHex() + "'), (7, 1, x'" + raw.mid(10).toHex() + "')";
        QVERIFY(exec(path(), sql.constData()));
        NewCapture c = storeTestCapture(1, "{\"chunked\":true}");
        c.upload = 7;
        c.summary.rawSize = c.raw.size();
        c.raw.clear();
        QList<NewCapture> one{c};
        QVERIFY(store.append(one));
        const std::optional<Capture> back = store.capture(one.first().summary.id);
        QVERIFY2(back, qPrintable(store.errorString()));
        QCOMPARE(back->raw, raw);
        QCOMPARE(store.newUpload(), 8); // after the chunks' uploads, never one of them
    }

    void unreferencedFilesAndChunksAreRemovedOnOpen()
    {
        const NewCapture capture = storeTestCapture(1, patterned(2 * 1024 * 1024));
        const qint64 id = storeLarge(capture);
        QVERIFY(id > 0);
        const LargeCaptureFiles files(path());
        makeOld(files.path(1));
        // As if processes had been killed before committing the rows of uploads 2, 3 and 4.
        for (qint64 upload : {2, 3}) {
            qint64 n = upload;
            QString error;
            QVERIFY2(files.write(&n, "bytes", &error), qPrintable(error));
            QCOMPARE(n, upload);
        }
        makeOld(files.path(2));
        QVERIFY(
            exec(path(), "INSERT INTO capture_chunks (upload, seq, bytes) VALUES (4, 0, x'00')"));

        CaptureStore store;
        QVERIFY(store.open(path()));
        QVERIFY(QFile::exists(files.path(1)));  // referenced
        QVERIFY(!QFile::exists(files.path(2))); // left long ago
        QVERIFY(QFile::exists(files.path(3)));  // young: maybe another process's, on its way in
        QCOMPARE(single(path(), "SELECT count(*) FROM capture_chunks"), 0);
        QCOMPARE(store.capture(id)->raw, capture.raw);
        // A number taken by a file is skipped, not overwritten.
        qint64 upload = 3;
        QString error;
        QVERIFY(files.write(&upload, "other", &error));
        QCOMPARE(upload, 4);
        QCOMPARE(fileBytes(files.path(3)), QByteArray("bytes"));
    }

    void deletingCapturesRemovesTheirFiles()
    {
        const qint64 first = storeLarge(storeTestCapture(1, patterned(2 * 1024 * 1024)));
        const qint64 second = storeLarge(storeTestCapture(2, patterned(2 * 1024 * 1024 + 1)));
        QVERIFY(first > 0 && second > first);
        const LargeCaptureFiles files(path());
        CaptureStore store;
        QVERIFY(store.open(path()));
        QVERIFY(QFile::exists(files.path(1)) && QFile::exists(files.path(2)));
        CaptureDeleter deleter(store);
        QVERIFY2(deleter.remove({first}), qPrintable(deleter.errorString()));
        QVERIFY(!QFile::exists(files.path(1)));
        QVERIFY(QFile::exists(files.path(2)));
        QVERIFY2(deleter.removeAll(second), qPrintable(deleter.errorString()));
        QVERIFY(!QFile::exists(files.path(2)));
        QCOMPARE(store.count(), 0);
    }

    void saveAsCopiesTheFiles()
    {
        const NewCapture capture = storeTestCapture(1, patterned(2 * 1024 * 1024 + 5));
        const qint64 id = storeLarge(capture);
        QVERIFY(id > 0);
        const QString to = m_dir->filePath(QStringLiteral("copy.sqlite"));
        // A store that was there before: its files must not survive under the copy.
        const LargeCaptureFiles old(to);
        qint64 stale = 9;
        QString error;
        QVERIFY(old.write(&stale, "stale", &error));
        QList<QPair<qint64, qint64>> steps;
        const auto progress = [&](qint64 done, qint64 total) {
            steps.append({done, total});
            return true;
        };
        QVERIFY2(StoreCopier::copy(path(), to, progress, &error), qPrintable(error));
        QVERIFY(!QFile::exists(old.path(9)));
        QVERIFY(!QFile::exists(to + ".part-large"));
        CaptureStore copy;
        QVERIFY(copy.openReadOnly(to));
        const std::optional<Capture> c = copy.capture(id);
        QVERIFY2(c, qPrintable(copy.errorString()));
        QCOMPARE(c->raw, capture.raw);
        // The bytes of the file are counted in the progress, after the database's pages (one
        // step here, reported by the file's); then success (1 of 1).
        QVERIFY(steps.size() >= 2);
        QCOMPARE(steps.last(), qMakePair(qint64(1), qint64(1)));
        const auto copied = steps.at(steps.size() - 2);
        QCOMPARE(copied.first, copied.second);
        QVERIFY(copied.second > capture.raw.size());
        // The copy's file is its own: removing the original's leaves it whole.
        QVERIFY(QFile::remove(LargeCaptureFiles(path()).path(1)));
        QCOMPARE(fileBytes(LargeCaptureFiles(to).path(1)), capture.raw);
    }

    void cancelledSaveAsLeavesNoFiles()
    {
        QVERIFY(storeLarge(storeTestCapture(1, patterned(2 * 1024 * 1024))) > 0);
        const QString to = m_dir->filePath(QStringLiteral("copy.sqlite"));
        QString error;
        bool cancelled = false;
        // Cancelled once the file is copied: the database's pages are reported before (done <
        // total), and success after (1 of 1).
        const auto progress = [&](qint64 done, qint64 total) { return done < total || total == 1; };
        QVERIFY(!StoreCopier::copy(path(), to, progress, &error, &cancelled));
        QVERIFY(cancelled);
        QVERIFY(!QFile::exists(to));
        QVERIFY(!QFile::exists(to + "-large"));
        QVERIFY(!QFile::exists(to + ".part-large"));
    }

    void aFileThatCannotBeWrittenRefusesTheCapture()
    {
        CaptureStore store;
        QVERIFY(store.open(path()));
        QFile blocker(LargeCaptureFiles(path()).folder()); // a file where the folder goes
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        StoreWriter writer(&store);
        QSignalSpy failed(&writer, &StoreWriter::failed);
        bool done = false, stored = true;
        writer.enqueue(storeTestCapture(1, patterned(2 * 1024 * 1024)), {},
                       [&](const CaptureSummary &, bool ok) {
                           done = true;
                           stored = ok;
                       });
        QTRY_VERIFY(done);
        QVERIFY(!stored);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(LargeCaptureFiles(path()).folder()),
                 qPrintable(failed.first().first().toString()));
        bool smallStored = false;
        writer.enqueue(storeTestCapture(2), {},
                       [&](const CaptureSummary &, bool ok) { smallStored = ok; });
        QTRY_VERIFY(smallStored);
        QCOMPARE(single(path(), "SELECT count(*) FROM captures"), 1);
    }

    void aMissingFileIsAnErrorNamingIt()
    {
        const qint64 id = storeLarge(storeTestCapture(1, patterned(2 * 1024 * 1024)));
        QVERIFY(id > 0);
        const QString file = LargeCaptureFiles(path()).path(1);
        QVERIFY(QFile::remove(file));
        CaptureStore reader;
        QVERIFY(reader.openReadOnly(path()));
        QVERIFY(!reader.capture(id));
        QVERIFY2(reader.errorString().contains(file), qPrintable(reader.errorString()));
    }

private:
    QString path() const { return m_dir->filePath(QStringLiteral("captures.sqlite")); }

    // Through the store's writer, as the listener stores it; its id, or 0.
    qint64 storeLarge(NewCapture capture)
    {
        CaptureStore store;
        if (!store.open(path()))
            return 0;
        qint64 id = 0;
        {
            StoreWriter writer(&store);
            writer.enqueue(std::move(capture), {},
                           [&](const CaptureSummary &s, bool ok) { id = ok ? s.id : -1; });
            if (!QTest::qWaitFor([&] { return id != 0; }, 10000))
                return 0;
        }
        return qMax<qint64>(id, 0);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestLargeCaptureFiles)
#include "tst_largecapturefiles.moc"
