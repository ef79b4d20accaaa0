#include "core/capture/CaptureSummary.h"
#include "ui/window/FailureNotifier.h"

#include <QtTest>

namespace {

CaptureSummary summary(const QString &reason, const QString &endpoint = "stripe-dev")
{
    CaptureSummary s;
    s.method = "POST";
    s.target = "/stripe";
    s.endpointId = endpoint;
    s.verdictReason = reason;
    return s;
}

} // namespace

class TestFailureNotifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void offByDefault();
    void onlyRealFailures();
    void onlyWhileTheWindowIsInactive();
    void burstsBecomeOneMessageWithACount();
};

void TestFailureNotifier::offByDefault()
{
    FailureNotifier n;
    QVERIFY(!n.isEnabled());
    QVERIFY(n.onCompleted(summary("signature_mismatch"), false, 0).isNull());
    n.setEnabled(true);
    QVERIFY(!n.onCompleted(summary("signature_mismatch"), false, 0).isNull());
}

void TestFailureNotifier::onlyRealFailures()
{
    qint64 t = 0;
    for (const char *reason : {"ok", "no_secret", ""}) {
        FailureNotifier n;
        n.setEnabled(true);
        QVERIFY2(n.onCompleted(summary(reason), false, t += 60000).isNull(), reason);
    }
    for (const char *reason : {"signature_mismatch", "timestamp_outside_tolerance",
                               "missing_signature_header", "malformed_signature_header"}) {
        FailureNotifier n;
        n.setEnabled(true);
        const FailureNotifier::Message m = n.onCompleted(summary(reason), false, t += 60000);
        QVERIFY2(!m.isNull(), reason);
        QCOMPARE(m.title, QString("A capture failed verification"));
        QVERIFY2(m.body.startsWith("POST stripe-dev: "), qPrintable(m.body));
    }
    FailureNotifier n;
    n.setEnabled(true);
    const FailureNotifier::Message m = n.onCompleted(summary("signature_mismatch", ""), false, 0);
    QVERIFY2(m.body.startsWith("POST /stripe: "), qPrintable(m.body)); // no endpoint: the path
}

void TestFailureNotifier::onlyWhileTheWindowIsInactive()
{
    FailureNotifier n;
    n.setEnabled(true);
    QVERIFY(n.onCompleted(summary("signature_mismatch"), true, 0).isNull());
    QVERIFY(!n.onCompleted(summary("signature_mismatch"), false, 1).isNull());
}

void TestFailureNotifier::burstsBecomeOneMessageWithACount()
{
    FailureNotifier n;
    n.setEnabled(true);
    QVERIFY(!n.onCompleted(summary("signature_mismatch"), false, 0).isNull());
    for (int i = 1; i <= 4; ++i) // within the quiet period: held
        QVERIFY(n.onCompleted(summary("signature_mismatch"), false, i * 1000).isNull());
    QVERIFY(n.onCompleted(summary("ok"), false, FailureNotifier::QuietMs + 1).isNull());
    const FailureNotifier::Message m =
        n.onCompleted(summary("signature_mismatch"), false, FailureNotifier::QuietMs + 2);
    QCOMPARE(m.title, QString("5 captures failed verification")); // 4 held and this one
    // Looking at the window clears what was held.
    QVERIFY(
        n.onCompleted(summary("signature_mismatch"), false, FailureNotifier::QuietMs + 3).isNull());
    QVERIFY(n.onCompleted(summary("ok"), true, FailureNotifier::QuietMs + 4).isNull());
    const FailureNotifier::Message after =
        n.onCompleted(summary("signature_mismatch"), false, 3 * FailureNotifier::QuietMs);
    QCOMPARE(after.title, QString("A capture failed verification"));
}

QTEST_GUILESS_MAIN(TestFailureNotifier)
#include "tst_failurenotifier.moc"
