#include "core/platform/SingleInstance.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QtTest>

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void laterLaunchHandsItsFilesToTheFirst();
    void nothingToHandOverToWithoutAFirst();

private:
    static QString key() // one per test run, so that runs side by side do not meet
    {
        return QStringLiteral("hookbench-test-%1").arg(QCoreApplication::applicationPid());
    }
};

void TestSingleInstance::laterLaunchHandsItsFilesToTheFirst()
{
    SingleInstance first(key());
    QVERIFY(first.listen());
    QSignalSpy received(&first, &SingleInstance::filesReceived);

    SingleInstance later(key());
    const QStringList files{"/home/u/captures.hookbench", "/home/u/with space/Zoë.har"};
    QVERIFY(later.handOver(files));
    QVERIFY(received.wait(5000));
    QCOMPARE(received.first().at(0).toStringList(), files);
}

void TestSingleInstance::nothingToHandOverToWithoutAFirst()
{
    SingleInstance later(key() + QStringLiteral("-alone"));
    QVERIFY(!later.handOver({"/tmp/x.hookbench"}));
    // It can become the first itself, and then receives.
    QVERIFY(later.listen());
    SingleInstance another(key() + QStringLiteral("-alone"));
    QSignalSpy received(&later, &SingleInstance::filesReceived);
    QVERIFY(another.handOver({"/tmp/y.hookbench"}));
    QVERIFY(received.wait(5000));
    QCOMPARE(received.first().at(0).toStringList(), QStringList{"/tmp/y.hookbench"});
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
