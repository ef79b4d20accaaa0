#include "core/secrets/SecretRotation.h"

#include <QtTest>

class TestSecretRotation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstSecretIsCurrent();
    void newSecretGoesFirstAndOnePreviousIsKept();
    void settingTheCurrentSecretAgainDoesNotDuplicateIt();
};

namespace {
const QDateTime T0 = QDateTime::fromString("2025-03-01T10:00:00.000Z", Qt::ISODateWithMs);
}

void TestSecretRotation::firstSecretIsCurrent()
{
    const QList<SigningSecret> list = SecretRotation::add({}, "one", T0);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().value, QByteArray("one"));
    QCOMPARE(list.first().created, T0);
    QCOMPARE(list.first().label, QString("added 2025-03-01 10:00:00 UTC"));
}

void TestSecretRotation::newSecretGoesFirstAndOnePreviousIsKept()
{
    QList<SigningSecret> list = SecretRotation::add({}, "one", T0);
    list = SecretRotation::add(list, "two", T0.addDays(1));
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).value, QByteArray("two"));
    QCOMPARE(list.at(1).value, QByteArray("one"));
    QCOMPARE(list.at(1).created, T0); // the previous one keeps its label and date
    QCOMPARE(list.at(1).label, QString("added 2025-03-01 10:00:00 UTC"));
    list = SecretRotation::add(list, "three", T0.addDays(2));
    QCOMPARE(list.size(), SecretRotation::Kept);
    QCOMPARE(list.at(0).value, QByteArray("three"));
    QCOMPARE(list.at(1).value, QByteArray("two"));
}

void TestSecretRotation::settingTheCurrentSecretAgainDoesNotDuplicateIt()
{
    QList<SigningSecret> list = SecretRotation::add({}, "one", T0);
    list = SecretRotation::add(list, "two", T0.addDays(1));
    list = SecretRotation::add(list, "two", T0.addDays(2));
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).value, QByteArray("two"));
    QCOMPARE(list.at(0).created, T0.addDays(2));
    QCOMPARE(list.at(1).value, QByteArray("one"));
}

QTEST_GUILESS_MAIN(TestSecretRotation)
#include "tst_secretrotation.moc"
