// The endpoint editor's forward and rules pages: fields checked as typed with the config
// loader's own rules and words, settings edited in the UI surviving ConfigWriter → ConfigLoader,
// the PutEvents preview of a Stripe capture, rule patterns refused with AWS's message, a rule
// tested against the selected capture, patterns imported from describe-rule output, and
// keyboard access (one mnemonic per letter on each page).

#include "core/config/ConfigLoader.h"
#include "core/config/ConfigWriter.h"
#include "core/config/ForwardConfigJson.h"
#include "ui/endpoints/EndpointEditor.h"
#include "ui/endpoints/EndpointListModel.h"
#include "ui/endpoints/HttpTargetsModel.h"
#include "ui/endpoints/JsonIndenter.h"
#include "ui/endpoints/PutEventsPreview.h"
#include "ui/endpoints/RulesPage.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QByteArray StripeBody =
    "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"customer.created\",\"data\":{\"object\":"
    "{\"id\":\"cus_1\",\"email\":\"a@example.com\"}}}";

template <typename T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

AppConfig config(const QList<EndpointConfig> &endpoints)
{
    AppConfig c;
    c.port = 9999;
    c.endpoints = endpoints;
    return c;
}

EndpointConfig stripeEndpoint()
{
    EndpointConfig e;
    e.id = QStringLiteral("stripe-dev");
    e.path = QStringLiteral("/stripe");
    e.provider = QStringLiteral("stripe");
    EventBridgeForwardTarget t;
    t.preset = QStringLiteral("stripe");
    e.forward.eventBridge = t;
    return e;
}

SelectedCapture stripeCapture(const QString &verdictReason = QStringLiteral("ok"),
                              const QByteArray &body = StripeBody)
{
    SelectedCapture s;
    s.capture.summary.id = 42;
    s.capture.summary.endpointId = QStringLiteral("stripe-dev");
    s.capture.summary.verdictReason = verdictReason;
    s.capture.summary.receivedAtUs = 1767225600LL * 1000000; // 2026-01-01T00:00:00Z
    s.capture.raw = "POST /stripe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    "Stripe-Signature: t=1,v1=00\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\n\r\n" + body;
    s.verdictJson = "{\"reason\":\"" + verdictReason.toUtf8() + "\"}";
    return s;
}

QPushButton *okButton(EndpointEditor &editor)
{
    return editor.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

QLabel *error(EndpointEditor &editor, const char *name)
{
    return child<QLabel>(&editor, name);
}

void setPattern(EndpointEditor &editor, const QString &text)
{
    child<QPlainTextEdit>(&editor, "rulePattern")->setPlainText(text);
}

} // namespace

class TestEndpointForward : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each field shows the loader's phrase for the same value, and OK waits for a fix.
    void fieldsAreCheckedWithTheLoadersWords()
    {
        EndpointEditor editor(config({stripeEndpoint()}), nullptr);
        editor.show();
        child<QTabWidget>(&editor, "endpointForm")->setCurrentIndex(1);
        QVERIFY(okButton(editor)->isEnabled());

        const QString reserved = QStringLiteral("aws.partner/stripe.com/acct_1");
        child<QLineEdit>(&editor, "source")->setText(reserved);
        QVERIFY(error(editor, "sourceError")->isVisible());
        QVERIFY(error(editor, "sourceError")
                    ->text()
                    .startsWith(QStringLiteral("\"aws.partner/stripe.com/acct_1\": AWS reserves "
                                               "sources beginning with \"aws.\"")));
        QVERIFY(!okButton(editor)->isEnabled());

        // The same value in a file: the loader names the key and says the same thing.
        const ConfigLoader::Result loaded =
            ConfigLoader::parse("{\"endpoints\":[{\"id\":\"a\",\"path\":\"/"
                                "a\",\"forward\":{\"eventbridge\":{\"source\":\"" +
                                    reserved.toUtf8() + "\"}}}]}",
                                QStringLiteral("config.json"), {});
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error.contains(QStringLiteral("endpoints[0].forward.eventbridge.source: ") +
                                       ForwardConfigJson::sourceProblem(reserved)),
                 qPrintable(loaded.error));
        QCOMPARE(error(editor, "sourceError")->text(),
                 ForwardConfigJson::sourceProblem(reserved) + QLatin1Char('.'));

        child<QLineEdit>(&editor, "source")->setText(QStringLiteral("stripe.webhook"));
        QVERIFY(!error(editor, "sourceError")->isVisible());
        QVERIFY(okButton(editor)->isEnabled());

        child<QLineEdit>(&editor, "region")->setText(QStringLiteral("Ireland"));
        QCOMPARE(error(editor, "regionError")->text(),
                 QStringLiteral("Not an AWS region: \"Ireland\" (expected e.g. eu-west-1)."));
        child<QLineEdit>(&editor, "region")->setText(QStringLiteral("eu-west-1"));
        QVERIFY(!error(editor, "regionError")->isVisible());

        child<QLineEdit>(&editor, "account")->setText(QStringLiteral("1234"));
        QCOMPARE(error(editor, "accountError")->text(),
                 QStringLiteral("Expected a 12-digit AWS account id, found \"1234\"."));
        child<QLineEdit>(&editor, "account")->clear();

        child<QLineEdit>(&editor, "detailType")->setText(QStringLiteral("type"));
        QVERIFY(error(editor, "detailTypeError")
                    ->text()
                    .startsWith(QStringLiteral("Expected a JSON pointer into the body")));
        QVERIFY(!okButton(editor)->isEnabled());
        child<QLineEdit>(&editor, "detailType")->setText(QStringLiteral("/type"));

        child<QLineEdit>(&editor, "bus")->clear();
        QCOMPARE(error(editor, "busError")->text(),
                 QStringLiteral("Empty (expected a bus name or ARN)."));
        child<QLineEdit>(&editor, "bus")->setText(QStringLiteral("webhooks"));

        child<QLineEdit>(&editor, "endpointUrl")->setText(QStringLiteral("localhost:4566"));
        QVERIFY(error(editor, "endpointUrlError")
                    ->text()
                    .startsWith(QStringLiteral("Expected an http:// or https:// URL with a host")));
        child<QLineEdit>(&editor, "endpointUrl")->setText(QStringLiteral("http://localhost:4566"));
        QVERIFY(!error(editor, "endpointUrlError")->isVisible());
        QVERIFY(okButton(editor)->isEnabled());

        // A local app's URL, in the table.
        auto *targets =
            qobject_cast<HttpTargetsModel *>(child<QTableView>(&editor, "httpTargets")->model());
        child<QPushButton>(&editor, "addTarget")->click();
        QCOMPARE(targets->rowCount(), 1);
        QVERIFY(okButton(editor)->isEnabled()); // the default URL is fine
        targets->setData(targets->index(0, HttpTargetsModel::Url), QStringLiteral("ftp://x/"),
                         Qt::EditRole);
        QCOMPARE(error(editor, "httpError")->text(),
                 QStringLiteral("Target 1, URL: expected an http:// or https:// URL with a host, "
                                "found \"ftp://x/\"."));
        QVERIFY(!okButton(editor)->isEnabled());
        child<QPushButton>(&editor, "removeTarget")->click(); // no current row: nothing
        child<QTableView>(&editor, "httpTargets")->setCurrentIndex(targets->index(0, 0));
        child<QPushButton>(&editor, "removeTarget")->click();
        QCOMPARE(targets->rowCount(), 0);
        QVERIFY(okButton(editor)->isEnabled());
    }

    // Everything set in the UI is written by ConfigWriter and read back the same by ConfigLoader.
    void settingsRoundTripThroughTheConfigFile()
    {
        EndpointEditor editor(config({stripeEndpoint()}), nullptr);
        editor.show();
        child<QCheckBox>(&editor, "onlyVerified")->setChecked(false);
        auto *targets =
            qobject_cast<HttpTargetsModel *>(child<QTableView>(&editor, "httpTargets")->model());
        child<QPushButton>(&editor, "addTarget")->click();
        child<QPushButton>(&editor, "addTarget")->click();
        QVERIFY(targets->setData(targets->index(0, HttpTargetsModel::Url),
                                 QStringLiteral("http://localhost:3000/webhooks"), Qt::EditRole));
        QVERIFY(targets->setData(targets->index(0, HttpTargetsModel::Types),
                                 QStringLiteral("customer.*, invoice.paid"), Qt::EditRole));
        QVERIFY(targets->setData(targets->index(0, HttpTargetsModel::Proxy), Qt::Checked,
                                 Qt::CheckStateRole));
        QVERIFY(targets->setData(targets->index(0, HttpTargetsModel::Resign), Qt::Checked,
                                 Qt::CheckStateRole));
        QVERIFY(targets->setData(targets->index(0, HttpTargetsModel::Timeout), 2500, Qt::EditRole));
        QVERIFY(!targets->setData(targets->index(0, HttpTargetsModel::Timeout), 0, Qt::EditRole));
        QVERIFY(targets->setData(targets->index(1, HttpTargetsModel::Url),
                                 QStringLiteral("https://app.test:8443/in"), Qt::EditRole));
        QVERIFY(targets->setData(targets->index(1, HttpTargetsModel::KeepHost), Qt::Checked,
                                 Qt::CheckStateRole));

        auto *preset = child<QComboBox>(&editor, "preset");
        preset->setCurrentIndex(preset->findData(QStringLiteral("generic")));
        child<QLineEdit>(&editor, "bus")->setText(QStringLiteral("webhooks"));
        child<QLineEdit>(&editor, "region")->setText(QStringLiteral("eu-west-1"));
        child<QLineEdit>(&editor, "source")->setText(QStringLiteral("com.example.webhooks"));
        child<QLineEdit>(&editor, "detailType")->setText(QStringLiteral("header:X-Event"));
        child<QLineEdit>(&editor, "resources")
            ->setText(QStringLiteral("arn:aws:s3:::a, arn:aws:s3:::b"));
        child<QCheckBox>(&editor, "envelope")->setChecked(true);
        child<QLineEdit>(&editor, "account")->setText(QStringLiteral("111122223333"));
        child<QLineEdit>(&editor, "profile")->setText(QStringLiteral("dev"));
        child<QLineEdit>(&editor, "endpointUrl")->setText(QStringLiteral("http://localhost:4566"));
        child<QSpinBox>(&editor, "maxEntryBytes")->setValue(1048576);

        child<QPushButton>(&editor, "addRule")->click();
        child<QLineEdit>(&editor, "ruleName")->setText(QStringLiteral("new-customers"));
        Q_EMIT child<QLineEdit>(&editor, "ruleName")->textEdited(QStringLiteral("new-customers"));
        setPattern(editor, QStringLiteral("{\"detail-type\": [{\"prefix\": \"customer.\"}]}"));
        QVERIFY(okButton(editor)->isEnabled());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QString writeError;
        QVERIFY2(ConfigWriter::write(editor.result(), path, &writeError), qPrintable(writeError));
        const ConfigLoader::Result loaded =
            ConfigLoader::load(path, true, {QStringLiteral("stripe")});
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        QCOMPARE(loaded.config.endpoints.size(), 1);
        const EndpointConfig &e = loaded.config.endpoints.first();
        QCOMPARE(e.forward.onlyVerified, false);
        QCOMPARE(e.forward.http.size(), 2);
        const HttpForwardTarget &a = e.forward.http.at(0);
        QCOMPARE(a.url, QUrl(QStringLiteral("http://localhost:3000/webhooks")));
        QCOMPARE(a.types, (QStringList{"customer.*", "invoice.paid"}));
        QVERIFY(a.proxy);
        QVERIFY(a.resign);
        QVERIFY(!a.keepHost);
        QCOMPARE(a.timeoutMs, 2500);
        const HttpForwardTarget &b = e.forward.http.at(1);
        QCOMPARE(b.url, QUrl(QStringLiteral("https://app.test:8443/in")));
        QVERIFY(b.keepHost);
        QVERIFY(!b.proxy);
        QCOMPARE(b.timeoutMs, 10000);
        QVERIFY(e.forward.eventBridge.has_value());
        const EventBridgeForwardTarget &t = *e.forward.eventBridge;
        QCOMPARE(t.preset, QStringLiteral("generic"));
        QCOMPARE(t.bus, QStringLiteral("webhooks"));
        QCOMPARE(t.region, QStringLiteral("eu-west-1"));
        QCOMPARE(t.source, std::optional<QString>(QStringLiteral("com.example.webhooks")));
        QCOMPARE(t.detailType, std::optional<QString>(QStringLiteral("header:X-Event")));
        QCOMPARE(t.resources, (QStringList{"arn:aws:s3:::a", "arn:aws:s3:::b"}));
        QVERIFY(t.envelope);
        QCOMPARE(t.account, QStringLiteral("111122223333"));
        QCOMPARE(t.profile, QStringLiteral("dev"));
        QCOMPARE(t.endpointUrl, QUrl(QStringLiteral("http://localhost:4566")));
        QCOMPARE(t.maxEntryBytes, 1048576);
        QCOMPARE(e.rules.size(), 1);
        QCOMPARE(e.rules.first().name, QStringLiteral("new-customers"));
        QCOMPARE(
            e.rules.first().pattern.toObject(),
            QJsonDocument::fromJson("{\"detail-type\": [{\"prefix\": \"customer.\"}]}").object());

        // Loaded again into a new editor, the same values are shown.
        EndpointEditor again(loaded.config, nullptr);
        QCOMPARE(child<QLineEdit>(&again, "source")->text(),
                 QStringLiteral("com.example.webhooks"));
        QCOMPARE(child<QComboBox>(&again, "preset")->currentData().toString(),
                 QStringLiteral("generic"));
        QVERIFY(child<QGroupBox>(&again, "eventBridge")->isChecked());
        QVERIFY(!child<QCheckBox>(&again, "onlyVerified")->isChecked());
        QCOMPARE(child<QListWidget>(&again, "ruleList")->item(0)->text(),
                 QStringLiteral("new-customers"));

        // Unchecking EventBridge removes the section.
        child<QGroupBox>(&again, "eventBridge")->setChecked(false);
        QVERIFY(!again.result().endpoints.first().forward.eventBridge.has_value());
    }

    void previewOfAStripeCapture()
    {
        EndpointEditor editor(config({stripeEndpoint()}), nullptr);
        editor.setSelectedCapture(stripeCapture());
        const QString text = child<QPlainTextEdit>(&editor, "putEventsPreview")->toPlainText();
        QVERIFY2(text.startsWith(QStringLiteral("Source: stripe.com\nDetailType: customer.created\n"
                                                "EventBusName: default\nResources: (none)\n")),
                 qPrintable(text));
        // 14 bytes for Time, then Source, DetailType and Detail (the body as Stripe sent it).
        const qint64 size = 14 + 10 + 16 + StripeBody.size();
        QVERIFY2(text.contains(QStringLiteral("Entry size: %1 of 262144 bytes").arg(size)),
                 qPrintable(text));
        // The Detail indented, its members in Stripe's order (as they go on the bus).
        QVERIFY2(text.contains(QStringLiteral("Detail:\n{\n  \"id\": \"evt_1\",\n  \"object\": "
                                              "\"event\",\n  \"type\": \"customer.created\",\n"
                                              "  \"data\": {\n    \"object\": {\n      \"id\": "
                                              "\"cus_1\",\n      \"email\": \"a@example.com\"\n"
                                              "    }\n  }\n}\n\n")),
                 qPrintable(text));
        QVERIFY(text.endsWith(PutEventsPreview::acceptedNotMatched()));
        QVERIFY(PutEventsPreview::acceptedNotMatched().contains(
            QStringLiteral("the bus accepted the event, not that a rule matched")));

        // Edits show at once: a source of our own.
        child<QLineEdit>(&editor, "source")->setText(QStringLiteral("stripe.webhook"));
        QVERIFY(child<QPlainTextEdit>(&editor, "putEventsPreview")
                    ->toPlainText()
                    .startsWith(QStringLiteral("Source: stripe.webhook\n")));
        // A refused source is the mapper's error, in words.
        child<QLineEdit>(&editor, "source")->setText(QStringLiteral("aws.events"));
        const QString refused = child<QPlainTextEdit>(&editor, "putEventsPreview")->toPlainText();
        QVERIFY2(
            refused.startsWith(QStringLiteral("Not sent: source \"aws.events\": AWS reserves")),
            qPrintable(refused));
        QVERIFY(refused.contains(QStringLiteral("(ReservedSource)")));
    }

    // Members stay in order, strings byte for byte (even with braces, commas and escapes in
    // them), empty containers on one line.
    void detailIsIndentedAsWritten()
    {
        QCOMPARE(JsonIndenter::indent("{\"b\":1,\"a\":[],\"c\":{},\"s\":\"x{,}\\\"]:\","
                                      "\"n\":[1.50, {\"k\" : null}]}"),
                 QByteArray("{\n  \"b\": 1,\n  \"a\": [],\n  \"c\": {},\n  \"s\": "
                            "\"x{,}\\\"]:\",\n  \"n\": [\n    1.50,\n    {\n      \"k\": "
                            "null\n    }\n  ]\n}"));
        QCOMPARE(JsonIndenter::indent("{\"\u00e9\":\"\xc3\xa9 \"}"),
                 QByteArray("{\n  \"\u00e9\": \"\xc3\xa9 \"\n}"));
    }

    void previewSaysWhyNothingIsSent()
    {
        EndpointConfig e = stripeEndpoint();
        {
            const QString text = PutEventsPreview::text(nullptr, e);
            QVERIFY(text.startsWith(QStringLiteral("Select a request in the main window")));
        }
        SelectedCapture unverified = stripeCapture(QStringLiteral("bad_signature"));
        QCOMPARE(PutEventsPreview::map(unverified, e).problem,
                 QStringLiteral("Not forwarded: the request is not verified (bad_signature), and "
                                "only verified requests are forwarded."));
        e.forward.onlyVerified = false;
        QVERIFY(PutEventsPreview::map(unverified, e).ok());

        // Too large on its own: the dead-letter list.
        e.forward.eventBridge->maxEntryBytes = 1024;
        const QByteArray big =
            "{\"type\":\"customer.created\",\"pad\":\"" + QByteArray(2000, 'x') + "\"}";
        const PutEventsPreview::Mapped m = PutEventsPreview::map(stripeCapture("ok", big), e);
        QVERIFY(!m.ok());
        QVERIFY2(m.problem.endsWith(QStringLiteral("It would go to the dead-letter list.")),
                 qPrintable(m.problem));
        QVERIFY(m.problem.contains(QStringLiteral("the limit is 1024 bytes")));

        // Stripe's preset needs a JSON object.
        e.forward.eventBridge->maxEntryBytes = 262144;
        const PutEventsPreview::Mapped notJson =
            PutEventsPreview::map(stripeCapture("ok", "[1,2]"), e);
        QVERIFY(!notJson.ok());
        QVERIFY2(notJson.problem.startsWith(QStringLiteral("Not sent: ")),
                 qPrintable(notJson.problem));

        e.forward.eventBridge.reset();
        QCOMPARE(PutEventsPreview::map(stripeCapture(), e).problem,
                 QStringLiteral("This endpoint does not forward to EventBridge."));
    }

    void patternsAreRefusedWithAwsMessage()
    {
        EndpointEditor editor(config({stripeEndpoint()}), nullptr);
        editor.show();
        child<QTabWidget>(&editor, "endpointForm")->setCurrentIndex(2);
        child<QPushButton>(&editor, "addRule")->click();
        QVERIFY2(!error(editor, "patternError")->isVisible(),
                 qPrintable(error(editor, "patternError")->text())); // the starting pattern
        setPattern(editor, QStringLiteral("{\"int\": 42}"));
        const QString message = error(editor, "patternError")->text();
        QVERIFY2(message.startsWith(QStringLiteral(
                     "Event pattern is not valid. Reason: \"int\" must be an object or an array\n"
                     " at [Source: (String)\"{\"int\": 42}\"; line: 1, column: 11]")),
                 qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("(line 1, column 11 of the pattern, at int)")));
        QVERIFY(!okButton(editor)->isEnabled());
        QVERIFY(!editor.model()->isValid());

        // On the second line: the line and column are the editor's.
        setPattern(editor,
                   QStringLiteral("{\n  \"source\": [\"stripe.com\"],\n  \"detail\": 1\n}"));
        QVERIFY2(error(editor, "patternError")->text().contains(QStringLiteral("line: 3")),
                 qPrintable(error(editor, "patternError")->text()));

        setPattern(editor, QStringLiteral("{\"source\": [\"stripe.com\"]}"));
        QVERIFY(!error(editor, "patternError")->isVisible());
        QVERIFY(okButton(editor)->isEnabled());

        // Names: as the loader words them.
        auto *name = child<QLineEdit>(&editor, "ruleName");
        name->setText(QString());
        Q_EMIT name->textEdited(QString());
        QCOMPARE(error(editor, "ruleNameError")->text(),
                 QStringLiteral("Empty (expected the rule's name)."));
        QVERIFY(!okButton(editor)->isEnabled());
        name->setText(QStringLiteral("a"));
        Q_EMIT name->textEdited(QStringLiteral("a"));
        child<QPushButton>(&editor, "addRule")->click();
        name->setText(QStringLiteral("a"));
        Q_EMIT name->textEdited(QStringLiteral("a"));
        QCOMPARE(error(editor, "ruleNameError")->text(),
                 QStringLiteral("Duplicate rule name \"a\"."));
        QVERIFY(!okButton(editor)->isEnabled());
        child<QPushButton>(&editor, "removeRule")->click();
        QCOMPARE(child<QListWidget>(&editor, "ruleList")->count(), 1);
        QVERIFY(okButton(editor)->isEnabled());
    }

    void ruleTestedAgainstTheSelectedCapture()
    {
        EndpointEditor editor(config({stripeEndpoint()}), nullptr);
        auto *test = child<QPushButton>(&editor, "testRule");
        child<QPushButton>(&editor, "addRule")->click();
        QVERIFY(!test->isEnabled()); // no request selected in the main window
        editor.setSelectedCapture(stripeCapture());
        QVERIFY(test->isEnabled());

        setPattern(
            editor,
            QStringLiteral("{\"source\": [\"stripe.com\"], \"detail-type\": [\"customer.created\"],"
                           " \"detail\": {\"data\": {\"object\": {\"email\": [{\"suffix\": "
                           "\"@example.com\"}]}}}}"));
        test->click();
        const QString match = child<QPlainTextEdit>(&editor, "ruleResult")->toPlainText();
        QVERIFY2(match.startsWith(QStringLiteral("Match: rule \"rule\" matches request 42 "
                                                 "(stripe.com, customer.created).")),
                 qPrintable(match));

        setPattern(
            editor,
            QStringLiteral("{\"source\": [\"Stripe.com\"], \"detail-type\": [\"invoice.paid\"]}"));
        QVERIFY(child<QPlainTextEdit>(&editor, "ruleResult")->toPlainText().isEmpty());
        test->click();
        const QString miss = child<QPlainTextEdit>(&editor, "ruleResult")->toPlainText();
        QVERIFY2(
            miss.startsWith(QStringLiteral("No match: rule \"rule\" does not match request 42")),
            qPrintable(miss));
        QVERIFY2(miss.contains(QStringLiteral(
                     "• detail-type: expected [\"invoice.paid\"], found \"customer.created\"")),
                 qPrintable(miss));
        QVERIFY2(miss.contains(QStringLiteral("• source: expected [\"Stripe.com\"], found "
                                              "\"stripe.com\"\n  hint: ")),
                 qPrintable(miss));

        // Not forwarded at all: no rule sees it, and the tester says why.
        editor.setSelectedCapture(stripeCapture(QStringLiteral("bad_signature")));
        test->click();
        QCOMPARE(child<QPlainTextEdit>(&editor, "ruleResult")->toPlainText(),
                 QStringLiteral("Request 42 is not on the bus, so no rule sees it: Not forwarded: "
                                "the request is not verified (bad_signature), and only verified "
                                "requests are forwarded."));
    }

    void patternsImportedFromFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&dir](const QString &name, const QByteArray &text) {
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::WriteOnly))
                qFatal("cannot write");
            f.write(text);
            return f.fileName();
        };
        EndpointEditor editor(config({stripeEndpoint()}), nullptr);
        auto *page = child<RulesPage>(&editor, "rulesPage");
        auto *list = child<QListWidget>(&editor, "ruleList");

        QVERIFY(page->importFile(
            write("describe.json", "{\"Name\": \"new-customers\", \"Arn\": "
                                   "\"arn:aws:events:eu-west-1:111122223333:rule/new-customers\","
                                   " \"EventPattern\": "
                                   "\"{\\\"source\\\":[\\\"stripe.com\\\"],\\\"detail-type\\\":["
                                   "\\\"customer.created\\\"]}\","
                                   " \"State\": \"ENABLED\", \"EventBusName\": \"default\"}")));
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), QStringLiteral("new-customers"));
        QCOMPARE(editor.result().endpoints.first().rules.first().pattern.toObject(),
                 QJsonDocument::fromJson(
                     "{\"source\":[\"stripe.com\"],\"detail-type\":[\"customer.created\"]}")
                     .object());

        QVERIFY(page->importFile(write("paid.json", "{\"detail-type\": [\"invoice.paid\"]}")));
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->item(1)->text(), QStringLiteral("paid"));

        QVERIFY(page->importFile(write(
            "template.json",
            "{\"Resources\": {\"NewCustomers\": {\"Type\": \"AWS::Events::Rule\", \"Properties\":"
            " {\"EventPattern\": {\"source\": [\"stripe.com\"]}}}}}")));
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->item(2)->text(), QStringLiteral("NewCustomers"));
        QVERIFY(child<QLabel>(&editor, "ruleStatus")
                    ->text()
                    .startsWith(QStringLiteral("Imported from template.json: NewCustomers")));

        QVERIFY(!page->importFile(dir.filePath(QStringLiteral("missing.json"))));
        QVERIFY(child<QLabel>(&editor, "ruleStatus")
                    ->text()
                    .contains(QStringLiteral("cannot be read")));
        QCOMPARE(list->count(), 3);
    }

    // Tab walks the forward page in reading order: the settings, then the preview.
    void tabOrderFollowsTheForm()
    {
        EndpointEditor editor(config({stripeEndpoint()}), nullptr);
        const QStringList expected = {
            "onlyVerified", "httpTargets",   "addTarget",       "removeTarget", "eventBridge",
            "preset",       "bus",           "region",          "source",       "detailType",
            "resources",    "envelope",      "account",         "profile",      "credentialsSource",
            "endpointUrl",  "maxEntryBytes", "putEventsPreview"};
        QStringList order;
        QWidget *start = child<QWidget>(&editor, "onlyVerified");
        QWidget *w = start;
        do {
            if (expected.contains(w->objectName()) && !order.contains(w->objectName()) &&
                w->focusPolicy() & Qt::TabFocus)
                order.append(w->objectName());
            w = w->nextInFocusChain();
        } while (w != start);
        QCOMPARE(order, expected);
    }

    // Every label and button on one page (and the tabs) has its own mnemonic letter, and each
    // field label's mnemonic reaches its field.
    void mnemonicsAreUniquePerPage()
    {
        EndpointEditor editor(config({stripeEndpoint()}), nullptr);
        auto *tabs = child<QTabWidget>(&editor, "endpointForm");
        auto letterOf = [](const QString &text) -> QChar {
            const int i = text.indexOf(QLatin1Char('&'));
            return i >= 0 && i + 1 < text.size() ? text.at(i + 1).toLower() : QChar();
        };
        for (int page = 0; page < tabs->count(); ++page) {
            QHash<QChar, QString> seen;
            for (int t = 0; t < tabs->count(); ++t)
                seen.insert(letterOf(tabs->tabText(t)), tabs->tabText(t));
            QStringList texts;
            for (QLabel *l : tabs->widget(page)->findChildren<QLabel *>())
                texts << l->text();
            for (QAbstractButton *b : tabs->widget(page)->findChildren<QAbstractButton *>())
                texts << b->text();
            for (QGroupBox *g : tabs->widget(page)->findChildren<QGroupBox *>())
                texts << g->title();
            int withMnemonic = 0;
            for (const QString &text : texts) {
                const QChar letter = letterOf(text);
                if (letter.isNull())
                    continue;
                ++withMnemonic;
                QVERIFY2(!seen.contains(letter),
                         qPrintable(QStringLiteral("%1 and %2").arg(text, seen.value(letter))));
                seen.insert(letter, text);
            }
            QVERIFY(withMnemonic >= 5);
        }
        // "Sour&ce:" focuses the source field.
        for (QLabel *l : editor.findChildren<QLabel *>()) {
            if (l->text() == QStringLiteral("Sour&ce:")) {
                QVERIFY(l->buddy());
                QCOMPARE(l->buddy()->focusProxy(), child<QLineEdit>(&editor, "source"));
                return;
            }
        }
        QFAIL("no source label");
    }
};

QTEST_MAIN(TestEndpointForward)
#include "tst_endpointforward.moc"
