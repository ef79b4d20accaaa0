#include "cli/StoreFailureLog.h"

#include <QtTest>

class TestStoreFailureLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstFailureInFullThenACount();
    void quietWhenNothingMoreFailed();
    void aFailureAfterTheWindowIsSaidInFull();
    void aDiskFullStormIsAFewLines();
};

void TestStoreFailureLog::firstFailureInFullThenACount()
{
    StoreFailureLog log;
    QCOMPARE(log.failed("disk full", 0), QStringList{"disk full"});
    QVERIFY(log.failed("disk full", 10).isEmpty());
    QVERIFY(log.failed("disk full (2)", 20).isEmpty());
    QVERIFY(log.tick(StoreFailureLog::WindowMs - 1).isEmpty());
    QCOMPARE(log.tick(StoreFailureLog::WindowMs),
             QStringList{"2 more store failures in the last 10 s (the latest: disk full (2))"});
    QVERIFY(log.tick(StoreFailureLog::WindowMs + 1).isEmpty()); // said once
}

void TestStoreFailureLog::quietWhenNothingMoreFailed()
{
    StoreFailureLog log;
    QVERIFY(log.tick(0).isEmpty());
    QCOMPARE(log.failed("disk full", 5).size(), 1);
    QVERIFY(log.tick(5 + StoreFailureLog::WindowMs).isEmpty()); // nothing to count
}

void TestStoreFailureLog::aFailureAfterTheWindowIsSaidInFull()
{
    StoreFailureLog log;
    log.failed("a", 0);
    log.failed("b", 1);
    // No tick came in between: the count is said first, then the new failure in full.
    const QStringList lines = log.failed("c", StoreFailureLog::WindowMs + 5);
    QCOMPARE(lines, (QStringList{"1 more store failure in the last 10 s (the latest: b)", "c"}));
}

void TestStoreFailureLog::aDiskFullStormIsAFewLines()
{
    // 1000 failed requests a second for a minute, ticked every second as listen does.
    StoreFailureLog log;
    int lines = 0;
    for (qint64 ms = 0; ms < 60000; ++ms) {
        lines += int(log.failed(QStringLiteral("disk full"), ms).size());
        if (ms % 1000 == 999)
            lines += int(log.tick(ms).size());
    }
    QVERIFY2(lines <= 12, qPrintable(QString::number(lines))); // 2 per 10 s
    QVERIFY(lines >= 6);
}

QTEST_GUILESS_MAIN(TestStoreFailureLog)
#include "tst_storefailurelog.moc"
