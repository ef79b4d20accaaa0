#include "core/compare/HeaderDiff.h"

#include <QTest>

class TestHeaderDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void identical();
    void changedAddedRemoved();
    void recased();
    void moved();
    void duplicates();
    void everyHeaderInOneRow();
};

namespace {

QList<HeaderField> headers(const QList<QPair<QByteArray, QByteArray>> &list)
{
    QList<HeaderField> out;
    for (const auto &p : list) {
        HeaderField h;
        h.name = p.first;
        h.value = p.second;
        out.append(h);
    }
    return out;
}

// "L>R change flags" per row, e.g. "0>0 same", "-1>2 added", "1>1 changed recased".
QStringList describe(const HeaderDiff &diff)
{
    QStringList out;
    for (const HeaderDiff::Row &r : diff.rows()) {
        QString s = QStringLiteral("%1>%2 ").arg(r.left).arg(r.right);
        switch (r.change) {
        case HeaderDiff::Change::Same:
            s += "same";
            break;
        case HeaderDiff::Change::ValueChanged:
            s += "changed";
            break;
        case HeaderDiff::Change::Added:
            s += "added";
            break;
        case HeaderDiff::Change::Removed:
            s += "removed";
            break;
        }
        if (r.recased)
            s += " recased";
        if (r.moved)
            s += " moved";
        if (r.duplicate)
            s += " duplicate";
        out.append(s);
    }
    return out;
}

} // namespace

void TestHeaderDiff::identical()
{
    const auto h = headers({{"Host", "a"}, {"Content-Type", "application/json"}});
    const HeaderDiff diff = HeaderDiff::compare(h, h);
    QVERIFY(diff.identical());
    QCOMPARE(describe(diff), QStringList({"0>0 same", "1>1 same"}));
    QCOMPARE(diff.summary(), QStringLiteral("Identical headers"));
}

void TestHeaderDiff::changedAddedRemoved()
{
    const HeaderDiff diff = HeaderDiff::compare(
        headers({{"Host", "a"}, {"Stripe-Signature", "t=1,v1=aa"}, {"X-Old", "1"}}),
        headers({{"Host", "a"}, {"X-New", "2"}, {"Stripe-Signature", "t=2,v1=bb"}}));
    QCOMPARE(describe(diff),
             QStringList({"0>0 same", "-1>1 added", "1>2 changed", "2>-1 removed"}));
    QCOMPARE(diff.summary(), QStringLiteral("1 changed, 1 added, 1 removed"));
    QVERIFY(!diff.identical());
}

void TestHeaderDiff::recased()
{
    const HeaderDiff diff =
        HeaderDiff::compare(headers({{"content-type", "application/json"}, {"x-id", "1"}}),
                            headers({{"Content-Type", "application/json"}, {"X-ID", "2"}}));
    QCOMPARE(describe(diff), QStringList({"0>0 same recased", "1>1 changed recased"}));
    QCOMPARE(diff.recasedCount(), 2);
    QVERIFY(!diff.identical()); // same value, other case: still not what was sent
    QCOMPARE(diff.summary(), QStringLiteral("1 changed, 2 re-cased"));
}

void TestHeaderDiff::moved()
{
    const HeaderDiff diff = HeaderDiff::compare(headers({{"A", "1"}, {"B", "2"}, {"C", "3"}}),
                                                headers({{"C", "3"}, {"A", "1"}, {"B", "2"}}));
    // A and B keep their order; C moved from last to first.
    QCOMPARE(describe(diff), QStringList({"0>1 same", "1>2 same", "2>0 same moved"}));
    QCOMPARE(diff.movedCount(), 1);
    QCOMPARE(diff.summary(), QStringLiteral("1 moved"));
}

void TestHeaderDiff::duplicates()
{
    // X-Forwarded-For twice on the left, once on the right, re-cased
    const HeaderDiff diff = HeaderDiff::compare(
        headers({{"Host", "h"}, {"X-Forwarded-For", "1.1.1.1"}, {"X-Forwarded-For", "2.2.2.2"}}),
        headers({{"Host", "h"}, {"x-forwarded-for", "2.2.2.2"}}));
    // the one whose value stayed is paired; the other was removed
    QCOMPARE(describe(diff),
             QStringList({"0>0 same", "1>-1 removed duplicate", "2>1 same recased duplicate"}));
    QCOMPARE(diff.duplicateNames(), QStringList({"x-forwarded-for"}));
    QVERIFY(diff.summary().endsWith("; repeated: x-forwarded-for"));
    // the same duplicates on both sides: identical, yet said
    const auto twice = headers({{"A", "1"}, {"A", "1"}});
    const HeaderDiff same = HeaderDiff::compare(twice, twice);
    QVERIFY(same.identical());
    QCOMPARE(same.summary(), QStringLiteral("Identical headers; repeated: a"));
}

void TestHeaderDiff::everyHeaderInOneRow()
{
    const auto left = headers({{"A", "1"}, {"B", "1"}, {"A", "2"}, {"C", "1"}, {"D", "1"}});
    const auto right = headers({{"D", "1"}, {"a", "2"}, {"E", "1"}, {"A", "1"}, {"B", "9"}});
    const HeaderDiff diff = HeaderDiff::compare(left, right);
    QVector<int> seenLeft(left.size(), 0), seenRight(right.size(), 0);
    for (const HeaderDiff::Row &r : diff.rows()) {
        if (r.left >= 0)
            ++seenLeft[r.left];
        if (r.right >= 0)
            ++seenRight[r.right];
        if (r.left >= 0 && r.right >= 0)
            QCOMPARE(left[r.left].name.toLower(), right[r.right].name.toLower());
    }
    QCOMPARE(seenLeft, QVector<int>(left.size(), 1));
    QCOMPARE(seenRight, QVector<int>(right.size(), 1));
}

QTEST_GUILESS_MAIN(TestHeaderDiff)
#include "tst_headerdiff.moc"
