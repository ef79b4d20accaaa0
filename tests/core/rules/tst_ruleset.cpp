// RuleSet: an endpoint's saved rules compiled once; which match an event, why the others do
// not, and the refused ones named with their place in the config.
#include "core/rules/RuleSet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

class TestRuleSet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesAndExplains();
    void namesRefusedRules();
};

namespace {

QList<RuleConfig> configRules()
{
    return {
        {"new-customers", QJsonObject{{"detail-type", QJsonArray{"customer.created"}}}},
        {"invoices", QJsonObject{{"detail-type", QJsonArray{QJsonObject{{"prefix", "invoice."}}}}}},
        {"stripe", QJsonValue(QStringLiteral(R"({"source": ["stripe.com"]})"))},
        {"broken", QJsonObject{{"source", "stripe.com"}}},
    };
}

QJsonObject stripeEvent(const char *type)
{
    return QJsonObject{{"source", "stripe.com"}, {"detail-type", type}, {"detail", QJsonObject()}};
}

} // namespace

void TestRuleSet::matchesAndExplains()
{
    const RuleSet set = RuleSet::compile(configRules());
    QCOMPARE(set.rules().size(), 4);
    QCOMPARE(set.matching(stripeEvent("customer.created")),
             (QStringList{"new-customers", "stripe"}));
    QCOMPARE(set.matching(stripeEvent("invoice.paid")), (QStringList{"invoices", "stripe"}));
    const QVector<MatchResult> verdicts = set.explain(stripeEvent("invoice.paid"));
    QCOMPARE(verdicts.size(), 4);
    QVERIFY(!verdicts.at(0).matches);
    QCOMPARE(verdicts.at(0).reasons.first().path, QStringLiteral("detail-type"));
    QCOMPARE(verdicts.at(0).reasons.first().found, QJsonValue("invoice.paid"));
    QVERIFY(verdicts.at(1).matches);
    QVERIFY(verdicts.at(2).matches);
    QVERIFY(!verdicts.at(3).matches); // refused: never matches
    QVERIFY(verdicts.at(3).reasons.isEmpty());
    QVERIFY(RuleSet::compile({}).isEmpty());
}

void TestRuleSet::namesRefusedRules()
{
    const RuleSet set = RuleSet::compile(configRules());
    QVERIFY(!set.rules().at(3).isValid());
    const QStringList problems = set.problems(QStringLiteral("stripe-dev"));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first(),
             QStringLiteral("endpoints[stripe-dev].rules[broken].pattern: Event pattern is not "
                            "valid. Reason: \"source\" must be an object or an array (at source, "
                            "line 1, column 12)"));
}

QTEST_GUILESS_MAIN(TestRuleSet)
#include "tst_ruleset.moc"
