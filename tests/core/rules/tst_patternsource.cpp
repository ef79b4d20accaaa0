// PatternSource: patterns from a plain file, CloudFormation and SAM templates (JSON), and the
// output of `aws events describe-rule` / `list-rules`, chosen with --rule; YAML templates.
#include "core/rules/EventPattern.h"
#include "core/rules/PatternSource.h"

#include <QtTest>

class TestPatternSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainPattern();
    void plainPatternRefusesRule();
    void templateNeedsRuleWhenSeveral();
    void templateRules_data();
    void templateRules();
    void unknownRuleListsNames();
    void describeRuleOutput();
    void listRulesOutput();
    void intrinsicFunctionsAreNamed();
    void yamlTemplate();
    void yamlShortFormsAreNamed();
    void badYamlSaysWhere();
    void templateWithoutRules();
};

namespace {

const char Template[] = R"J({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "NewCustomers": {
      "Type": "AWS::Events::Rule",
      "Properties": {
        "Name": "new-customers",
        "EventBusName": "default",
        "EventPattern": {"source": ["stripe.com"], "detail-type": ["customer.created"]}
      }
    },
    "Nightly": {"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": "rate(1 day)"}},
    "AsString": {
      "Type": "AWS::Events::Rule",
      "Properties": {"EventPattern": "{\"source\": [\"shopify.com\"]}"}
    },
    "Handler": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Handler": "index.handler",
        "Events": {
          "Paid": {"Type": "EventBridgeRule",
                   "Properties": {"RuleName": "invoice-paid",
                                  "Pattern": {"detail-type": ["invoice.paid"]}}},
          "Api": {"Type": "Api", "Properties": {"Path": "/x", "Method": "get"}}
        }
      }
    }
  }
})J";

} // namespace

void TestPatternSource::plainPattern()
{
    const QByteArray text = R"({"source": ["stripe.com"]})";
    const PatternSource::Result r = PatternSource::load(text, "p.json", QString());
    QVERIFY(r.ok());
    QCOMPARE(r.pattern, text);
    QVERIFY(r.origin.isEmpty());
    // Not JSON at all: handed to the compiler, which says why in AWS's words.
    const PatternSource::Result bad = PatternSource::load("{oops", "p.json", QString());
    QVERIFY(bad.ok());
    QCOMPARE(bad.pattern, QByteArray("{oops"));
}

void TestPatternSource::plainPatternRefusesRule()
{
    const PatternSource::Result r =
        PatternSource::load(R"({"source": ["a"]})", "p.json", QStringLiteral("x"));
    QVERIFY(!r.ok());
    QVERIFY(r.error.startsWith(QStringLiteral("p.json: --rule x: the file is a single event")));
}

void TestPatternSource::templateNeedsRuleWhenSeveral()
{
    const PatternSource::Result r = PatternSource::load(Template, "template.json", QString());
    QVERIFY(!r.ok());
    QCOMPARE(r.error, QStringLiteral("template.json holds 3 rules; choose one with --rule: "
                                     "NewCustomers, AsString, Handler.Paid"));
}

void TestPatternSource::templateRules_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QString>("origin");
    const QByteArray newCustomers =
        R"({"source": ["stripe.com"], "detail-type": ["customer.created"]})";
    QTest::newRow("logical id") << "NewCustomers" << newCustomers
                                << "AWS::Events::Rule NewCustomers";
    QTest::newRow("Name") << "new-customers" << newCustomers << "AWS::Events::Rule NewCustomers";
    QTest::newRow("string pattern") << "AsString" << QByteArray(R"({"source": ["shopify.com"]})")
                                    << "AWS::Events::Rule AsString";
    QTest::newRow("SAM event") << "Handler.Paid"
                               << QByteArray(R"({"detail-type": ["invoice.paid"]})")
                               << "EventBridgeRule event Paid of Handler";
    QTest::newRow("SAM event name") << "Paid" << QByteArray(R"({"detail-type": ["invoice.paid"]})")
                                    << "EventBridgeRule event Paid of Handler";
    QTest::newRow("SAM RuleName") << "invoice-paid"
                                  << QByteArray(R"({"detail-type": ["invoice.paid"]})")
                                  << "EventBridgeRule event Paid of Handler";
}

void TestPatternSource::templateRules()
{
    QFETCH(QString, rule);
    QFETCH(QByteArray, pattern);
    QFETCH(QString, origin);
    const PatternSource::Result r = PatternSource::load(Template, "template.json", rule);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.pattern, pattern); // as written in the file
    QCOMPARE(r.origin, origin);
    PatternError error;
    QVERIFY(EventPattern::compile(r.pattern, &error).isValid());
}

void TestPatternSource::unknownRuleListsNames()
{
    const PatternSource::Result r = PatternSource::load(Template, "template.json", "Nightly");
    QVERIFY(!r.ok());
    QCOMPARE(r.error, QStringLiteral("template.json: no rule named Nightly; the rules are: "
                                     "NewCustomers, AsString, Handler.Paid"));
}

void TestPatternSource::describeRuleOutput()
{
    const QByteArray output = R"({
    "Name": "stripe-customers",
    "Arn": "arn:aws:events:eu-west-1:123456789012:rule/stripe-customers",
    "EventPattern": "{\"source\":[{\"prefix\":\"aws.partner/stripe.com\"}]}",
    "State": "ENABLED",
    "EventBusName": "aws.partner/stripe.com/ed_123/default",
    "CreatedBy": "123456789012"
})";
    const PatternSource::Result r = PatternSource::load(output, "rule.json", QString());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.pattern, QByteArray(R"({"source":[{"prefix":"aws.partner/stripe.com"}]})"));
    QCOMPARE(r.origin, QStringLiteral("describe-rule output stripe-customers"));
    QVERIFY(PatternSource::load(output, "rule.json", "stripe-customers").ok());
    QVERIFY(!PatternSource::load(output, "rule.json", "other").ok());
}

void TestPatternSource::listRulesOutput()
{
    const QByteArray output = R"J({"Rules": [
        {"Name": "a", "EventPattern": "{\"source\": [\"x\"]}"},
        {"Name": "cron", "ScheduleExpression": "rate(5 minutes)"},
        {"Name": "b", "EventPattern": "{\"source\": [\"y\"]}"}]})J";
    QVERIFY(PatternSource::load(output, "rules.json", QString())
                .error.contains(QStringLiteral("holds 2 rules; choose one with --rule: a, b")));
    QCOMPARE(PatternSource::load(output, "rules.json", "b").pattern,
             QByteArray(R"({"source": ["y"]})"));
}

void TestPatternSource::intrinsicFunctionsAreNamed()
{
    const QByteArray t = R"({"Resources": {"R": {"Type": "AWS::Events::Rule", "Properties": {
        "EventPattern": {"source": [{"Fn::Sub": "${AWS::StackName}.orders"}]}}}}})";
    const PatternSource::Result r = PatternSource::load(t, "t.json", QString());
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QStringLiteral("uses the CloudFormation function Fn::Sub")),
             qPrintable(r.error));
}

void TestPatternSource::yamlTemplate()
{
    // a SAM template as written by hand: comments, a block list, flow lists, a quoted number
    // that must stay a string and a plain one that must stay a number
    const QByteArray yaml = R"Y(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  PaidFn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Events:
        Paid:  # the rule this function hangs off
          Type: EventBridgeRule
          Properties:
            RuleName: paid-invoices
            Pattern:
              source:
                - stripe.com
              detail-type: [invoice.paid]
              detail:
                data:
                  object:
                    amount_paid: [{numeric: [">", 1000]}]
                    livemode: [false]
                    currency: ["usd", "007"]
)Y";
    const PatternSource::Result r = PatternSource::load(yaml, "template.yaml", "paid-invoices");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.origin, QStringLiteral("EventBridgeRule event Paid of PaidFn (YAML)"));
    QCOMPARE(r.pattern,
             QByteArray(R"({"source":["stripe.com"],"detail-type":["invoice.paid"],)"
                        R"("detail":{"data":{"object":{"amount_paid":[{"numeric":)"
                        R"([">",1000]}],"livemode":[false],"currency":["usd","007"]}}}})"));
    PatternError error;
    QVERIFY(EventPattern::compile(r.pattern, &error).isValid());
}

void TestPatternSource::yamlShortFormsAreNamed()
{
    const QByteArray yaml =
        "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n"
        "      EventPattern:\n        source: [!Sub '${AWS::StackName}.orders']\n"
        "      Targets:\n        - Arn: !GetAtt Fn.Arn\n";
    const PatternSource::Result r = PatternSource::load(yaml, "t.yaml", QString());
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QStringLiteral("uses the CloudFormation function Fn::Sub")),
             qPrintable(r.error));
}

void TestPatternSource::badYamlSaysWhere()
{
    const QByteArray yaml = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n"
                            "    Type: [unclosed\n";
    const PatternSource::Result r = PatternSource::load(yaml, "template.yaml", QString());
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith(QStringLiteral("template.yaml: this looks like a YAML template "
                                               "but is not valid YAML: line ")),
             qPrintable(r.error));
}

void TestPatternSource::templateWithoutRules()
{
    const PatternSource::Result r = PatternSource::load(
        R"({"Resources": {"B": {"Type": "AWS::S3::Bucket"}}})", "t.json", QString());
    QVERIFY(!r.ok());
    QVERIFY(r.error.contains(QStringLiteral("no rule with an event pattern")));
}

QTEST_GUILESS_MAIN(TestPatternSource)
#include "tst_patternsource.moc"
