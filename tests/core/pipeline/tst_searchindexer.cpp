#include "../store/StoreTestCaptures.h"
#include "core/pipeline/SearchIndexer.h"
#include "core/store/CaptureQuery.h"
#include "core/store/CaptureSearch.h"
#include "core/store/CaptureStore.h"
#include "core/store/LargeCaptureFiles.h"
#include "core/store/SearchIndex.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <condition_variable>
#include <mutex>

namespace {

// The indexer's progress reports, waited for without sleeping.
struct ProgressLog
{
    std::mutex mutex;
    std::condition_variable changed;
    qint64 indexed = -1;
    qint64 latest = -1;

    SearchIndexer::Progress callback()
    {
        return [this](qint64 i, qint64 l) {
            {
                std::lock_guard<std::mutex> lock(mutex);
                indexed = i;
                latest = l;
            }
            changed.notify_all();
        };
    }
    bool waitFor(qint64 id)
    {
        std::unique_lock<std::mutex> lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(30), [&] { return indexed >= id; });
    }
};

QVector<qint64> search(const QString &store, const QString &text)
{
    CaptureSearch s;
    QString error;
    if (!s.open(store, &error))
        qWarning() << error;
    return s.ids(CaptureQuery::parse(text), {}, {}).ids;
}

bool appendBodies(const QString &path, const QList<QByteArray> &bodies, int firstN)
{
    CaptureStore store;
    if (!store.open(path))
        return false;
    QList<NewCapture> cs;
    for (const QByteArray &b : bodies)
        cs << storeTestCapture(firstN++, b);
    return store.append(cs);
}

} // namespace

class SearchIndexerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catchesUpThenIndexesNewCaptures()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        QList<QByteArray> many;
        for (int i = 0; i < 2500; ++i) // more than two batches
            many << (i == 1234 ? QByteArray(R"({"needle":"haystack_1234"})") : "{\"n\":1}");
        QVERIFY(appendBodies(path, many, 1));

        // before the index exists: nothing found, no error
        QCOMPARE(search(path, QStringLiteral("haystack_1234")), QVector<qint64>());

        ProgressLog log;
        SearchIndexer indexer(path, log.callback());
        indexer.start();
        QVERIFY(log.waitFor(2500));
        QCOMPARE(log.latest, 2500);
        QCOMPARE(search(path, QStringLiteral("haystack_1234")), QVector<qint64>({1235}));
        QVERIFY(QFile::exists(SearchIndex::pathFor(path)));
        QCOMPARE(QFile::permissions(SearchIndex::pathFor(path)) &
                     (QFile::ReadOther | QFile::ReadGroup),
                 QFile::Permissions());

        // a capture committed later appears once the indexer is woken
        QVERIFY(appendBodies(path, {R"({"late":"arrival_77"})"}, 9000));
        indexer.wake();
        QVERIFY(log.waitFor(2501));
        QCOMPARE(search(path, QStringLiteral("arrival_77")), QVector<qint64>({2501}));
        indexer.stop();
        QVERIFY(indexer.errorString().isEmpty());
    }

    // While captures keep arriving the indexer rests between batches (a small share of a core
    // beside a busy listener) but is never starved, and catches up once they stop.
    void keepsIndexingWhileCapturesArrive()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        QList<QByteArray> many;
        for (int i = 0; i < 2500; ++i)
            many << (i == 2400 ? QByteArray(R"({"needle":"early_2400"})") : "{\"n\":1}");
        QVERIFY(appendBodies(path, many, 1));
        ProgressLog log;
        SearchIndexer indexer(path, log.callback());
        indexer.start();
        int next = 10000;
        QDeadlineTimer deadline(60000);
        qint64 indexed = 0;
        while (indexed < 2500 && !deadline.hasExpired()) {
            QVERIFY(appendBodies(path, {"{\"live\":1}", "{\"live\":2}"}, next));
            next += 2;
            indexer.wake(); // as the writer does after each commit
            std::lock_guard<std::mutex> lock(log.mutex);
            indexed = log.indexed;
        }
        QVERIFY2(indexed >= 2500, "the indexer made no progress while captures arrived");
        QCOMPARE(search(path, QStringLiteral("early_2400")), QVector<qint64>({2401}));
        const qint64 last = 2500 + (next - 10000);
        indexer.wake();
        QVERIFY(log.waitFor(last)); // then every capture, once they stop
        QCOMPARE(indexer.indexedUpTo(), last);
        indexer.stop();
        QVERIFY(indexer.errorString().isEmpty());
    }

    void resumesWhenTheStoreIsReopened()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        QVERIFY(appendBodies(path, {"{\"a\":\"first_word\"}"}, 1));
        QString error;
        QVERIFY2(SearchIndexer::catchUp(path, &error), qPrintable(error));
        QVERIFY(appendBodies(path, {"{\"a\":\"second_word\"}"}, 2));
        QCOMPARE(search(path, QStringLiteral("second_word")), QVector<qint64>()); // behind

        ProgressLog log;
        SearchIndexer indexer(path, log.callback());
        indexer.start();
        QVERIFY(log.waitFor(2));
        indexer.stop();
        QCOMPARE(search(path, QStringLiteral("first_word")), QVector<qint64>({1}));
        QCOMPARE(search(path, QStringLiteral("second_word")), QVector<qint64>({2}));
    }

    void anotherStoreUnderTheSameNameIsIndexedAgain()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        QVERIFY(appendBodies(path, {"{\"a\":\"old_one\"}", "{\"a\":\"old_two\"}"}, 1));
        QString error;
        QVERIFY2(SearchIndexer::catchUp(path, &error), qPrintable(error));
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(path + QLatin1String(suffix));
        QVERIFY(appendBodies(path, {"{\"a\":\"new_one\"}"}, 1));
        QVERIFY2(SearchIndexer::catchUp(path, &error), qPrintable(error));
        QCOMPARE(search(path, QStringLiteral("new_one")), QVector<qint64>({1}));
        QCOMPARE(search(path, QStringLiteral("old_one")), QVector<qint64>());
    }

    void indexesLargeCaptures()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        CaptureStore store;
        QVERIFY(store.open(path));
        QByteArray body = "{\"big\":\"" + QByteArray(3 * 1024 * 1024, 'x') + "\"}";
        body.replace(100, 14, " early_marker ");
        NewCapture c = storeTestCapture(1, body);
        c.upload = store.newUpload();
        c.summary.rawSize = c.raw.size();
        QString error;
        QVERIFY2(LargeCaptureFiles(path).write(&c.upload, c.raw, &error), qPrintable(error));
        QList<NewCapture> cs{c};
        QVERIFY(store.append(cs));
        store.close();
        QVERIFY2(SearchIndexer::catchUp(path, &error), qPrintable(error));
        QCOMPARE(search(path, QStringLiteral("early_marker")), QVector<qint64>({1}));
        QCOMPARE(search(path, QStringLiteral("header:content-type=application/json")),
                 QVector<qint64>({1}));
    }
};

QTEST_GUILESS_MAIN(SearchIndexerTest)
#include "tst_searchindexer.moc"
