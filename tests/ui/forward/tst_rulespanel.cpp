#include "ui/forward/CompiledRules.h"
#include "ui/forward/RuleVerdictModel.h"
#include "ui/forward/RulesPanel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTextEdit>
#include <QtTest>

namespace {

QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

Capture stripeCapture(qint64 id, const QByteArray &body)
{
    Capture c;
    c.summary.id = id;
    c.summary.endpointId = "stripe";
    c.summary.method = "POST";
    c.summary.target = "/stripe";
    c.summary.verdictReason = "ok";
    c.raw = "POST /stripe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return c;
}

const QByteArray Event =
    R"({"id":"evt_1","object":"event","type":"customer.created","data":{"object":{"id":"cus_1","currency":"USD"}}})";

AppConfig config()
{
    EndpointConfig stripe;
    stripe.id = "stripe";
    stripe.path = "/stripe";
    EventBridgeForwardTarget bus;
    bus.preset = "stripe";
    bus.account = "111122223333";
    bus.region = "eu-west-1";
    stripe.forward.eventBridge = bus;
    stripe.rules = {
        {"new-customers", json(R"({"source":["stripe.com"],"detail-type":["customer.created"]})")},
        {"usd-only", json(R"({"detail":{"data":{"object":{"currency":["usd"]}}}})")},
        {"broken", json(R"({"detail-type":"customer.created"})")},
    };
    EndpointConfig plain;
    plain.id = "plain";
    plain.path = "/plain";
    AppConfig c;
    c.endpoints = {stripe, plain};
    return c;
}

} // namespace

class TestRulesPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachRuleWithItsVerdictAndReason();
    void largeEventIsJudgedOffTheGuiThread();
    void endpointWithoutRulesSaysSo();
    void unverifiedCaptureIsNotOnTheBus();
    void pointerFindsItsLine();
};

void TestRulesPanel::eachRuleWithItsVerdictAndReason()
{
    RulesPanel panel;
    QAbstractItemModelTester tester(panel.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setRules(CompiledRules::compile(config()));
    QSignalSpy evaluated(&panel, &RulesPanel::evaluated);
    panel.show(stripeCapture(7, Event), {});
    QCOMPARE(evaluated.count(), 1); // a small body is judged at once
    QCOMPARE(evaluated.first().first().toLongLong(), 7);

    const RuleVerdictModel *m = panel.model();
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(m->index(0, RuleVerdictModel::RuleColumn).data().toString(), QString("new-customers"));
    QCOMPARE(m->index(0, RuleVerdictModel::VerdictColumn).data().toString(), QString("matches"));
    QCOMPARE(m->index(1, RuleVerdictModel::RuleColumn).data().toString(), QString("usd-only"));
    QCOMPARE(m->index(1, RuleVerdictModel::VerdictColumn).data().toString(), QString("no match"));
    QCOMPARE(m->index(1, RuleVerdictModel::PathColumn).data().toString(),
             QString("detail.data.object.currency"));
    QCOMPARE(m->index(1, RuleVerdictModel::ExpectedColumn).data().toString(),
             QString(R"(["usd"])"));
    QCOMPARE(m->index(1, RuleVerdictModel::FoundColumn).data().toString(), QString(R"("USD")"));
    QVERIFY2(m->index(1, RuleVerdictModel::HintColumn).data().toString().contains("case"),
             qPrintable(m->index(1, RuleVerdictModel::HintColumn).data().toString()));
    QCOMPARE(m->index(1, 0).data(RuleVerdictModel::EventPointerRole).toString(),
             QString("/detail/data/object/currency"));
    QCOMPARE(m->index(2, RuleVerdictModel::VerdictColumn).data().toString(),
             QString("invalid pattern"));
    QVERIFY(m->index(2, RuleVerdictModel::HintColumn).data().toString().contains("not valid"));

    QVERIFY2(panel.summaryLabel()->text().contains("1 of 3 rule(s) match"),
             qPrintable(panel.summaryLabel()->text()));
    QVERIFY(panel.summaryLabel()->text().contains("account 111122223333, region eu-west-1"));
    const QByteArray event = panel.eventView()->toPlainText().toUtf8();
    QVERIFY2(event.contains("\"detail-type\": \"customer.created\""), event.constData());
    QVERIFY(event.contains("\"source\": \"stripe.com\""));

    // selecting the reason marks the field in the event
    QVERIFY(panel.eventView()->extraSelections().isEmpty());
    QTableView *view = panel.findChild<QTableView *>("ruleVerdicts");
    QVERIFY(view);
    view->setCurrentIndex(m->index(1, 0));
    const QList<QTextEdit::ExtraSelection> marks = panel.eventView()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QVERIFY2(marks.first().cursor.selectedText().trimmed().startsWith(R"("currency": "USD")"),
             qPrintable(marks.first().cursor.selectedText()));
    view->setCurrentIndex(m->index(0, 0)); // a match names no field
    QVERIFY(panel.eventView()->extraSelections().isEmpty());
}

void TestRulesPanel::pointerFindsItsLine()
{
    const QString text =
        "{\n  \"a\": {\n    \"b\": 1\n  },\n  \"b\": {\n    \"c\": [\n      1\n    ]\n  }\n}";
    const auto line = [&](const char *pointer) {
        const QPair<int, int> at = RulesPanel::lineOfPointer(text, pointer);
        return at.first < 0 ? QString() : text.mid(at.first, at.second).trimmed();
    };
    QCOMPARE(line("/a/b"), QString(R"("b": 1)"));
    QCOMPARE(line("/b"), QString(R"("b": {)"));         // the top-level b, not a's
    QCOMPARE(line("/b/c/0"), QString(R"("c": [)"));     // an element: its array's line
    QCOMPARE(line("/b/missing"), QString(R"("b": {)")); // absent: the deepest parent
    QCOMPARE(line(""), QString());
}

void TestRulesPanel::largeEventIsJudgedOffTheGuiThread()
{
    RulesPanel panel;
    panel.setRules(CompiledRules::compile(config()));
    QByteArray big = Event;
    big.chop(1);
    big += ",\"padding\":\"" + QByteArray(RulesPanel::InlineBytes, 'x') + "\"}";
    QSignalSpy evaluated(&panel, &RulesPanel::evaluated);
    panel.show(stripeCapture(8, big), {});
    QCOMPARE(evaluated.count(), 0); // not at once: on the worker
    QVERIFY(panel.summaryLabel()->text().contains("Judging"));
    QVERIFY(evaluated.wait(10000));
    QCOMPARE(evaluated.first().first().toLongLong(), 8);
    QCOMPARE(panel.model()->index(0, RuleVerdictModel::VerdictColumn).data().toString(),
             QString("matches"));

    // a newer capture shown while a large one is judged wins
    panel.show(stripeCapture(9, big), {});
    panel.show(stripeCapture(10, Event), {});
    panel.waitForIdle();
    QTRY_COMPARE(evaluated.count(), 2);
    QCOMPARE(evaluated.last().first().toLongLong(), 10);
    QCoreApplication::processEvents(); // a late result of 9 would land here
    QCOMPARE(evaluated.count(), 2);
}

void TestRulesPanel::endpointWithoutRulesSaysSo()
{
    RulesPanel panel;
    panel.setRules(CompiledRules::compile(config()));
    Capture c = stripeCapture(3, Event);
    c.summary.endpointId = "plain";
    panel.show(c, {});
    QCOMPARE(panel.model()->rowCount(), 0);
    QVERIFY(panel.summaryLabel()->text().contains("Endpoint plain has no rules"));
}

void TestRulesPanel::unverifiedCaptureIsNotOnTheBus()
{
    RulesPanel panel;
    panel.setRules(CompiledRules::compile(config()));
    Capture c = stripeCapture(4, Event);
    c.summary.verdictReason = "signature_mismatch";
    panel.show(c, {});
    QVERIFY2(panel.summaryLabel()->text().contains("not verified (signature_mismatch)"),
             qPrintable(panel.summaryLabel()->text()));
    QCOMPARE(panel.model()->index(0, RuleVerdictModel::VerdictColumn).data().toString(),
             QString("no event"));
    QVERIFY(panel.eventView()->toPlainText().isEmpty());
}

QTEST_MAIN(TestRulesPanel)
#include "tst_rulespanel.moc"
