#include "core/http/RequestFramer.h"
#include "core/secrets/SecretStore.h"
#include "ui/forward/ResendActions.h"
#include "ui/forward/ResendBodyEditor.h"
#include "ui/forward/ResendDialog.h"
#include "ui/forward/ResendHeaderTable.h"
#include "ui/forward/ResendResponseView.h"

#include "LocalApp.h"

#include <QCheckBox>
#include <QComboBox>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageAuthenticationCode>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QtTest>

namespace {

// The keychain's stand-in: answers later, on the event loop, as the real one does.
class MemorySecretStore : public SecretStore
{
public:
    QHash<QString, QList<SigningSecret>> values;

    void checkAvailability(QObject *context, Callback done) override { answer(context, done, {}); }
    void read(const QString &id, QObject *context, Callback done) override
    {
        Result r;
        r.secrets = values.value(id);
        answer(context, done, r);
    }
    void write(const QString &, const QList<SigningSecret> &, QObject *context,
               Callback done) override
    {
        answer(context, done, {});
    }
    void remove(const QString &, QObject *context, Callback done) override
    {
        answer(context, done, {});
    }

private:
    static void answer(QObject *context, const Callback &done, const Result &r)
    {
        QMetaObject::invokeMethod(
            context, [done, r] { done(r); }, Qt::QueuedConnection);
    }
};

const QByteArray Secret = "whsec_resend_dialog_test";
const QByteArray Body = R"({"id":"evt_1","type":"customer.created"})";

QByteArray captured(const QByteArray &body = Body)
{
    return "POST /stripe HTTP/1.1\r\n"
           "Host: hookbench.test\r\n"
           "Content-Type: application/json\r\n"
           "X-Repeated: one\r\n"
           "X-Repeated: two\r\n"
           "Stripe-Signature: t=1,v1=00\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class TestResendDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void anEditedHeaderIsSentExactlyAndTheAnswerShown();
    void resigningSignsTheEditedBody();
    void aBodyThatIsNotUtf8IsSentAsCapturedUnlessReplaced();
    void cancelStopsWaitingForTheApp();
    void resigningIsOfferedOnlyForTimestampedSchemesWithASecret();
    void theMenuActionsResendTheSelectedCapture();

private:
    std::unique_ptr<ResendDialog> dialog(const QByteArray &raw = captured(),
                                         const QString &provider = QStringLiteral("stripe"));
    QByteArray expectedHead(const QByteArray &headers, qsizetype bodySize) const;

    std::unique_ptr<LocalApp> m_app;
    MemorySecretStore m_secrets;
    EndpointConfig m_endpoint;
};

void TestResendDialog::init()
{
    m_app = std::make_unique<LocalApp>();
    QVERIFY(m_app->listen(QHostAddress::LocalHost));
    m_endpoint = EndpointConfig();
    m_endpoint.id = QStringLiteral("stripe-dev");
    m_endpoint.path = QStringLiteral("/stripe");
    m_endpoint.provider = QStringLiteral("stripe");
    HttpForwardTarget target;
    target.url = QUrl(m_app->url());
    target.timeoutMs = 120000; // the app answers when the test says so
    m_endpoint.forward.http = {target};
    m_secrets.values.insert(m_endpoint.id, {SigningSecret{Secret, QStringLiteral("current"), {}}});
}

void TestResendDialog::cleanup()
{
    m_app.reset();
}

std::unique_ptr<ResendDialog> TestResendDialog::dialog(const QByteArray &raw,
                                                       const QString &provider)
{
    Capture capture;
    capture.summary.id = 7;
    capture.summary.endpointId = m_endpoint.id;
    capture.raw = raw;
    capture.parsed = RequestFramer::parse(raw);
    EndpointConfig endpoint = m_endpoint;
    endpoint.provider = provider;
    auto d = std::make_unique<ResendDialog>(capture, endpoint, &m_secrets);
    QSignalSpy known(d.get(), &ResendDialog::resignKnown);
    if (d->resignBox()->toolTip().startsWith(QStringLiteral("Reading")))
        known.wait(10000); // the keychain's answer, when it was asked
    return d;
}

QByteArray TestResendDialog::expectedHead(const QByteArray &headers, qsizetype bodySize) const
{
    return "POST /in HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_app->serverPort()) +
           "\r\n" + headers + "Content-Length: " + QByteArray::number(bodySize) +
           "\r\nConnection: close\r\n\r\n";
}

void TestResendDialog::anEditedHeaderIsSentExactlyAndTheAnswerShown()
{
    const auto d = dialog();
    QCOMPARE(d->targetBox()->currentText(), m_app->url());
    ResendHeaderTable *table = d->headerTable();
    QCOMPARE(table->rowCount(), 5);
    QCOMPARE(table->item(2, 0)->text(), QStringLiteral("X-Repeated"));
    table->item(2, 1)->setText(QStringLiteral("edited"));
    table->setCurrentCell(1, 0); // Content-Type goes
    table->removeSelectedRows();
    table->addRow();
    table->item(4, 0)->setText(QStringLiteral("X-Added"));
    table->item(4, 1)->setText(QStringLiteral("yes"));
    QVERIFY(!d->resignBox()->isChecked()); // the target does not re-sign

    QSignalSpy answered(d.get(), &ResendDialog::answered);
    QTest::mouseClick(d->sendButton(), Qt::LeftButton);
    QVERIFY(d->isSending());
    QVERIFY(!d->sendButton()->isEnabled());
    QVERIFY(d->cancelButton()->isEnabled());
    const QByteArray expected = expectedHead("X-Repeated: edited\r\n"
                                             "X-Repeated: two\r\n"
                                             "Stripe-Signature: t=1,v1=00\r\n"
                                             "X-Added: yes\r\n",
                                             Body.size()) +
                                Body;
    QTRY_COMPARE(m_app->received(), expected);
    m_app->answer("HTTP/1.1 201 Created\r\nContent-Length: 9\r\nX-App: local\r\n\r\n{\"ok\":1}\n");
    QVERIFY(answered.wait(10000));
    QCOMPARE(answered.first().first().value<HttpDelivery::Result>().status, 201);
    QVERIFY2(d->responseView()->statusText().startsWith("HTTP/1.1 201 Created"),
             qPrintable(d->responseView()->statusText()));
    QVERIFY(d->responseView()->headersText().contains("X-App: local"));
    QCOMPARE(d->responseView()->bodyText(), QStringLiteral("{\"ok\":1}\n"));
    QVERIFY(!d->isSending());
    QVERIFY(d->sendButton()->isEnabled());
}

void TestResendDialog::resigningSignsTheEditedBody()
{
    const auto d = dialog();
    QVERIFY(d->resignBox()->isEnabled());
    d->resignBox()->setChecked(true);
    QVERIFY(d->bodyEditor()->isEditableAsText());
    const QByteArray edited = R"({"id":"evt_1","type":"customer.updated","name":"Zoë"})";
    d->bodyEditor()->textEdit()->setPlainText(QString::fromUtf8(edited));
    QSignalSpy answered(d.get(), &ResendDialog::answered);
    d->send();
    QTRY_VERIFY(m_app->received().endsWith(edited));
    const ParsedRequest sent = RequestFramer::parse(m_app->received());
    QVERIFY(sent.complete);
    QCOMPARE(sent.body(m_app->received()), edited);
    const QList<QByteArray> fields = sent.header("stripe-signature").split(',');
    QCOMPARE(fields.size(), 2);
    const QByteArray t = fields[0].mid(2);
    QVERIFY(t.toLongLong() > 1); // fresh, not the captured t=1
    QCOMPARE(fields[1], "v1=" + QMessageAuthenticationCode::hash(t + "." + edited, Secret,
                                                                 QCryptographicHash::Sha256)
                                    .toHex());
    QVERIFY(!m_app->received().contains(Secret));
    m_app->answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    QVERIFY(answered.wait(10000));
}

void TestResendDialog::aBodyThatIsNotUtf8IsSentAsCapturedUnlessReplaced()
{
    const QByteArray binary("\x01\xff\xfe{\"a\":1}\r\n", 12);
    auto d = dialog(captured(binary));
    QVERIFY(!d->bodyEditor()->isEditableAsText());
    QVERIFY(!d->bodyEditor()->editedBody());
    QSignalSpy answered(d.get(), &ResendDialog::answered);
    d->send();
    QTRY_VERIFY(m_app->received().endsWith(binary));
    QVERIFY(m_app->received().contains("\r\nContent-Length: 12\r\n"));
    m_app->answer("HTTP/1.1 204 No Content\r\n\r\n");
    QVERIFY(answered.wait(10000));

    // Replaced from a file: those bytes, and text again when they are text.
    cleanup();
    init();
    d = dialog(captured(binary));
    const QByteArray replacement("\x00\x80 new", 6);
    d->bodyEditor()->replaceWith(replacement);
    QCOMPARE(d->bodyEditor()->editedBody().value_or("none"), replacement);
    d->send();
    QTRY_VERIFY(m_app->received().endsWith(QByteArray("\r\n\r\n").append(replacement)));
    d->bodyEditor()->replaceWith("plain text");
    QVERIFY(d->bodyEditor()->isEditableAsText());
    QCOMPARE(d->bodyEditor()->editedBody().value_or("none"), QByteArray("plain text"));
}

void TestResendDialog::cancelStopsWaitingForTheApp()
{
    const auto d = dialog();
    QSignalSpy answered(d.get(), &ResendDialog::answered);
    QSignalSpy arrived(m_app.get(), &LocalApp::requestArrived);
    d->send();
    QVERIFY(arrived.wait(10000));
    QVERIFY(d->isSending());
    QTest::mouseClick(d->cancelButton(), Qt::LeftButton);
    QVERIFY(!d->isSending());
    QVERIFY(d->sendButton()->isEnabled());
    QVERIFY(!d->cancelButton()->isEnabled());
    QVERIFY(d->responseView()->statusText().startsWith("Canceled"));
    m_app->answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"); // too late: nobody listens
    QCoreApplication::processEvents();
    QCOMPARE(answered.count(), 0);
}

void TestResendDialog::resigningIsOfferedOnlyForTimestampedSchemesWithASecret()
{
    const auto github = dialog(captured(), QStringLiteral("github"));
    QVERIFY(!github->resignBox()->isEnabled());
    QVERIFY(github->resignBox()->toolTip().contains("timestamp"));

    m_secrets.values.clear();
    const auto noSecret = dialog();
    QVERIFY(!noSecret->resignBox()->isEnabled());
    QVERIFY2(noSecret->resignBox()->toolTip().contains("No secret"),
             qPrintable(noSecret->resignBox()->toolTip()));

    // A target configured to re-sign checks the box once the secret is there.
    m_secrets.values.insert(m_endpoint.id, {SigningSecret{Secret, QStringLiteral("c"), {}}});
    m_endpoint.forward.http[0].resign = true;
    const auto resigning = dialog();
    QVERIFY(resigning->resignBox()->isEnabled());
    QVERIFY(resigning->resignBox()->isChecked());
}

void TestResendDialog::theMenuActionsResendTheSelectedCapture()
{
    QMainWindow window;
    QMenu *menu = window.menuBar()->addMenu(QStringLiteral("Forwarding"));
    AppConfig config;
    config.endpoints = {m_endpoint};
    std::optional<Capture> selected;
    ResendActions actions(
        menu, &m_secrets, &config, [&selected] { return selected ? &*selected : nullptr; },
        &window);
    auto *resend = window.findChild<QAction *>(QStringLiteral("resendCapture"));
    auto *edit = window.findChild<QAction *>(QStringLiteral("editAndResendCapture"));
    QVERIFY(resend && edit);
    QCOMPARE(resend->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    QCOMPARE(edit->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QVERIFY(menu->actions().contains(resend));

    QVERIFY(!actions.resend()); // nothing selected
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Select a request first"));

    selected.emplace();
    selected->summary.id = 3;
    selected->summary.endpointId = m_endpoint.id;
    selected->raw = captured();
    QPointer<ResendDialog> sent = actions.resend(); // at once, once the keychain answered
    QVERIFY(sent);
    const QByteArray expected = expectedHead("Content-Type: application/json\r\n"
                                             "X-Repeated: one\r\n"
                                             "X-Repeated: two\r\n"
                                             "Stripe-Signature: t=1,v1=00\r\n",
                                             Body.size()) +
                                Body;
    QTRY_COMPARE(m_app->received(), expected);
    sent->close(); // deletes it, canceling the send

    QPointer<ResendDialog> edited = actions.editAndResend(); // waits for Send
    QVERIFY(edited);
    QVERIFY(edited->isVisible());
    QVERIFY(!edited->isSending());
    QTRY_VERIFY(sent.isNull());
    edited->close();
}

QTEST_MAIN(TestResendDialog)
#include "tst_resenddialog.moc"
