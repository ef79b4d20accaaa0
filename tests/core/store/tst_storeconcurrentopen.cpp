#include "core/store/CaptureStore.h"
#include "tests/core/store/StoreTestCaptures.h"

#include <QTemporaryDir>
#include <QtTest>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

// Several connections opening one new store at the same moment all succeed, and the store ends
// up at the current schema version, created once (issue 12, item 4: the version was read outside
// the migration's transaction, so two openers both created the tables, or one hit "locked").
class TestStoreConcurrentOpen : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newStoreOpenedByManyAtOnce();
};

void TestStoreConcurrentOpen::newStoreOpenedByManyAtOnce()
{
    constexpr int Openers = 6;
    constexpr int Rounds = 40;
    QTemporaryDir dir;
    for (int round = 0; round < Rounds; ++round) {
        const QString path = dir.filePath(QStringLiteral("s%1.sqlite").arg(round));
        std::mutex mutex;
        std::condition_variable wake;
        bool go = false;
        int ready = 0;
        std::vector<QString> errors(Openers);
        std::vector<int> versions(Openers, -1);
        std::vector<std::thread> threads;
        for (int i = 0; i < Openers; ++i) {
            threads.emplace_back([&, i] {
                CaptureStore store;
                {
                    // Every thread waits at the gate, so the opens start together.
                    std::unique_lock<std::mutex> lock(mutex);
                    ++ready;
                    wake.notify_all();
                    wake.wait(lock, [&] { return go; });
                }
                if (!store.open(path)) {
                    errors[i] = store.errorString();
                    return;
                }
                versions[i] = store.schemaVersion();
                QList<NewCapture> one{storeTestCapture(i)};
                if (!store.append(one))
                    errors[i] = store.errorString();
            });
        }
        {
            std::unique_lock<std::mutex> lock(mutex);
            wake.wait(lock, [&] { return ready == Openers; });
            go = true;
        }
        wake.notify_all();
        for (std::thread &t : threads)
            t.join();
        for (int i = 0; i < Openers; ++i) {
            QVERIFY2(
                errors[i].isEmpty(),
                qPrintable(
                    QStringLiteral("round %1, opener %2: %3").arg(round).arg(i).arg(errors[i])));
            QCOMPARE(versions[i], CaptureStore::SchemaVersion);
        }
        CaptureStore check;
        QVERIFY2(check.openReadOnly(path), qPrintable(check.errorString()));
        QCOMPARE(check.schemaVersion(), CaptureStore::SchemaVersion);
        QCOMPARE(check.count(), qint64(Openers));
    }
}

QTEST_GUILESS_MAIN(TestStoreConcurrentOpen)
#include "tst_storeconcurrentopen.moc"
