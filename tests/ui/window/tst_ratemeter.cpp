#include "ui/window/RateMeter.h"

#include <QtTest>

class TestRateMeter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void idleUntilCounted();
    void rateOverTheSlidingWindow();
    void countsLeaveTheWindowAtItsEdge();
};

void TestRateMeter::idleUntilCounted()
{
    RateMeter meter(5000);
    QVERIFY(meter.isIdle(0));
    QCOMPARE(meter.perSecond(0), 0.0);
    meter.add(100, 0); // nothing captured: still idle
    QVERIFY(meter.isIdle(100));
    meter.add(100, 1);
    QVERIFY(!meter.isIdle(100));
}

void TestRateMeter::rateOverTheSlidingWindow()
{
    RateMeter meter(5000);
    for (qint64 t = 0; t < 5000; t += 100)
        meter.add(t, 2); // 20 per second for five seconds
    QCOMPARE(meter.perSecond(4900), 20.0);
    meter.add(4900, 50); // a burst: same stamp, one entry
    QCOMPARE(meter.perSecond(4900), 30.0);
    // Nearly two seconds on without traffic: the stamps up to 1900 (40 requests) have left
    // the window (1950, 6950]; 100 + 50 - 40 remain.
    QCOMPARE(meter.perSecond(6950), (100.0 + 50.0 - 40.0) / 5.0);
}

void TestRateMeter::countsLeaveTheWindowAtItsEdge()
{
    RateMeter meter(1000);
    meter.add(1000, 3);
    QCOMPARE(meter.perSecond(1999), 3.0);
    QVERIFY(!meter.isIdle(1999));
    QVERIFY(meter.isIdle(2000)); // (now - window, now]: a count exactly a window old is gone
    QCOMPARE(meter.perSecond(2000), 0.0);
    meter.add(5000, 1); // counting again after idle starts from nothing
    QCOMPARE(meter.perSecond(5000), 1.0);
}

QTEST_GUILESS_MAIN(TestRateMeter)
#include "tst_ratemeter.moc"
