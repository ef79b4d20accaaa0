#include "core/secrets/SecretStore.h"
#include "ui/endpoints/EndpointEditor.h"
#include "ui/endpoints/EndpointListModel.h"
#include "ui/endpoints/SecretGenerator.h"
#include "ui/endpoints/SecretListModel.h"
#include "ui/endpoints/SecretPasteDialog.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTextEdit>
#include <QtTest>

namespace {

// In memory, answering on the next event-loop turn like the real keychain does. The real
// keychain (Secret Service) is tested in tests/core/secrets.
class FakeSecretStore : public SecretStore
{
public:
    QHash<QString, QList<SigningSecret>> data;
    QStringList reads, writes, removes;
    bool failWrites = false;

    void checkAvailability(QObject *context, Callback done) override { later(context, done, {}); }
    void read(const QString &id, QObject *context, Callback done) override
    {
        reads.append(id);
        Result r;
        r.secrets = data.value(id);
        later(context, done, r);
    }
    void write(const QString &id, const QList<SigningSecret> &secrets, QObject *context,
               Callback done) override
    {
        writes.append(id);
        Result r;
        if (failWrites) {
            r.status = Status::Failed;
            r.error = QStringLiteral("access denied");
        } else if (secrets.isEmpty()) {
            data.remove(id);
        } else {
            data.insert(id, secrets);
        }
        later(context, done, r);
    }
    void remove(const QString &id, QObject *context, Callback done) override
    {
        removes.append(id);
        data.remove(id);
        later(context, done, {});
    }

private:
    static void later(QObject *context, Callback done, const Result &r)
    {
        QMetaObject::invokeMethod(
            context, [done, r] { done(r); }, Qt::QueuedConnection);
    }
};

EndpointConfig endpoint(const QString &id, const QString &path, const QString &provider = {})
{
    EndpointConfig e;
    e.id = id;
    e.path = path;
    e.provider = provider;
    return e;
}

AppConfig config(const QList<EndpointConfig> &endpoints)
{
    AppConfig c;
    c.port = 9999;
    c.endpoints = endpoints;
    return c;
}

SigningSecret secret(const QByteArray &value, const QString &label)
{
    return {value, label, QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC)};
}

template <typename T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

QPushButton *okButton(EndpointEditor &editor)
{
    return editor.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

// Every string a person, a screenshot, an accessibility tool or a crash reporter could read
// from the widgets that exist right now.
QStringList everyVisibleText()
{
    QStringList out;
    for (QWidget *w : QApplication::allWidgets()) {
        out << w->windowTitle() << w->toolTip() << w->statusTip() << w->whatsThis()
            << w->accessibleName() << w->accessibleDescription();
        // A password field's text() is what the user typed; what it shows is displayText().
        if (auto *e = qobject_cast<QLineEdit *>(w)) {
            out << e->displayText() << e->placeholderText();
            if (e->echoMode() == QLineEdit::Normal)
                out << e->text();
        }
        if (auto *l = qobject_cast<QLabel *>(w))
            out << l->text();
        if (auto *b = qobject_cast<QAbstractButton *>(w))
            out << b->text();
        if (auto *t = qobject_cast<QPlainTextEdit *>(w))
            out << t->toPlainText();
        if (auto *t = qobject_cast<QTextEdit *>(w))
            out << t->toPlainText();
        if (auto *c = qobject_cast<QComboBox *>(w)) {
            for (int i = 0; i < c->count(); ++i)
                out << c->itemText(i);
        }
        if (auto *v = qobject_cast<QAbstractItemView *>(w); v && v->model()) {
            const QAbstractItemModel *m = v->model();
            for (int r = 0; r < m->rowCount(); ++r) {
                for (int c = 0; c < m->columnCount(); ++c) {
                    for (int role : {int(Qt::DisplayRole), int(Qt::EditRole), int(Qt::ToolTipRole),
                                     int(Qt::StatusTipRole), int(Qt::WhatsThisRole),
                                     int(Qt::AccessibleTextRole)})
                        out << m->index(r, c).data(role).toString();
                }
            }
        }
    }
    return out;
}

bool anyTextContains(const QByteArray &needle)
{
    const QString n = QString::fromUtf8(needle);
    const QStringList texts = everyVisibleText();
    return std::any_of(texts.cbegin(), texts.cend(),
                       [&](const QString &t) { return t.contains(n); });
}

QMessageBox *openMessageBox(const char *name)
{
    for (QWidget *w : QApplication::allWidgets()) {
        if (auto *box = qobject_cast<QMessageBox *>(w);
            box && box->objectName() == QLatin1String(name) && box->isVisible())
            return box;
    }
    return nullptr;
}

QAbstractButton *buttonWithText(QMessageBox *box, const QString &text)
{
    for (QAbstractButton *b : box->buttons()) {
        if (b->text() == text)
            return b;
    }
    return nullptr;
}

} // namespace

class TestEndpointEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addDuplicateDelete();
    void validationDisablesOk_data();
    void validationDisablesOk();
    void genericHmacFieldsRoundTrip();
    void choosingGenericHmacShowsItsFields();
    void responseAndToleranceAreStored();
    void addDraftSelectsIt();
    void showRequestsSignal();
    void pasteMakesNewSecretCurrentAndKeepsPrevious();
    void pasteWarnsAboutWhitespaceButKeepsIt();
    void generateUsesTheProvidersFormat();
    void acceptWritesExactlyTheChangedEndpoints();
    void renameMovesTheSecrets();
    void writeErrorIsReportedAndConfigKept();
    void noKeychainDisablesSecrets();
};

void TestEndpointEditor::addDuplicateDelete()
{
    FakeSecretStore store;
    store.data.insert(QStringLiteral("stripe-dev"), {secret("whsec_first_secret_value", "a")});
    EndpointEditor editor(config({endpoint("stripe-dev", "/stripe", "stripe")}), &store);
    QAbstractItemModelTester tester(editor.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    editor.show();
    EndpointListModel *model = editor.model();
    auto *id = child<QLineEdit>(&editor, "id");
    auto *path = child<QLineEdit>(&editor, "path");

    child<QPushButton>(&editor, "addEndpoint")->click();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(editor.currentRow(), 1);
    QCOMPARE(id->text(), QStringLiteral("endpoint"));
    QCOMPARE(path->text(), QStringLiteral("/hook"));
    child<QPushButton>(&editor, "addEndpoint")->click();
    QCOMPARE(id->text(), QStringLiteral("endpoint-2"));
    QCOMPARE(path->text(), QStringLiteral("/hook-2"));
    QVERIFY(okButton(editor)->isEnabled());

    editor.selectEndpoint(QStringLiteral("stripe-dev"));
    child<QPushButton>(&editor, "duplicateEndpoint")->click();
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(editor.currentRow(), 1); // right after the original
    QCOMPARE(model->endpoint(1).id, QStringLiteral("stripe-dev-copy"));
    QCOMPARE(model->endpoint(1).path, QStringLiteral("/stripe-copy"));
    QCOMPARE(model->endpoint(1).provider, QStringLiteral("stripe"));
    QCOMPARE(child<QTableView>(&editor, "secretList")->model()->rowCount(), 0);

    // Delete asks first, and says the keychain entry goes too.
    editor.selectEndpoint(QStringLiteral("stripe-dev"));
    child<QPushButton>(&editor, "deleteEndpoint")->click();
    QMessageBox *box = openMessageBox("confirmDelete");
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QStringLiteral("keychain")));
    QVERIFY(box->text().contains(QStringLiteral("stripe-dev")));
    box->button(QMessageBox::Cancel)->click();
    QCOMPARE(model->rowCount(), 4);

    child<QPushButton>(&editor, "deleteEndpoint")->click();
    box = openMessageBox("confirmDelete");
    QVERIFY(box);
    buttonWithText(box, QStringLiteral("Delete"))->click();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->rowOfId(QStringLiteral("stripe-dev")), -1);
    QVERIFY(editor.currentRow() >= 0);

    const QList<SecretChange> changes = editor.secretChanges();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().kind, SecretChange::Kind::Remove);
    QCOMPARE(changes.first().endpointId, QStringLiteral("stripe-dev"));

    const AppConfig result = editor.result();
    QCOMPARE(result.port, quint16(9999)); // listen settings untouched
    QCOMPARE(result.endpoints.size(), 3);
}

void TestEndpointEditor::validationDisablesOk_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("errorLabel");
    QTest::newRow("duplicate id") << "id"
                                  << "a"
                                  << "idError";
    QTest::newRow("empty id") << "id"
                              << ""
                              << "idError";
    QTest::newRow("duplicate path") << "path"
                                    << "/a"
                                    << "pathError";
    QTest::newRow("path without slash") << "path"
                                        << "b"
                                        << "pathError";
    QTest::newRow("path with query") << "path"
                                     << "/b?x=1"
                                     << "pathError";
}

void TestEndpointEditor::validationDisablesOk()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, errorLabel);
    EndpointEditor editor(config({endpoint("a", "/a"), endpoint("b", "/b")}), nullptr);
    editor.show();
    editor.selectEndpoint(QStringLiteral("b"));
    auto *edit = child<QLineEdit>(&editor, field.toLatin1().constData());
    auto *error = child<QLabel>(&editor, errorLabel.toLatin1().constData());
    QVERIFY(okButton(editor)->isEnabled());
    QVERIFY(!error->isVisible());

    const QString good = edit->text();
    edit->setText(value);
    QVERIFY(!okButton(editor)->isEnabled());
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    // Pressing OK anyway (Enter) must not accept.
    QSignalSpy accepted(&editor, &QDialog::accepted);
    editor.accept();
    QCOMPARE(accepted.count(), 0);

    edit->setText(good);
    QVERIFY(okButton(editor)->isEnabled());
    QVERIFY(!error->isVisible());
}

void TestEndpointEditor::genericHmacFieldsRoundTrip()
{
    EndpointConfig e = endpoint("custom", "/custom", "generic-hmac");
    e.scheme = QJsonDocument::fromJson(R"({"header": "x-hmac", "algorithm": "sha512",
        "encoding": "base64", "prefix": "v1=", "template": "{timestamp}.{body}",
        "timestamp_header": "x-ts", "tolerance_s": 60})")
                   .object();
    EndpointEditor editor(config({e}), nullptr);
    editor.show();
    QVERIFY(child<QWidget>(&editor, "genericHmac")->isVisible());
    QCOMPARE(child<QLineEdit>(&editor, "genericHeader")->text(), QStringLiteral("x-hmac"));
    QCOMPARE(child<QComboBox>(&editor, "genericAlgorithm")->currentText(),
             QStringLiteral("sha512"));
    QCOMPARE(child<QComboBox>(&editor, "genericEncoding")->currentText(), QStringLiteral("base64"));
    QCOMPARE(child<QLineEdit>(&editor, "genericPrefix")->text(), QStringLiteral("v1="));
    QCOMPARE(child<QLineEdit>(&editor, "genericTimestampHeader")->text(), QStringLiteral("x-ts"));
    QVERIFY(okButton(editor)->isEnabled());

    child<QLineEdit>(&editor, "genericTemplate")
        ->setText(QStringLiteral("{id}.{timestamp}.{body}"));
    QVERIFY(!okButton(editor)->isEnabled()); // {id} needs its header
    QVERIFY(child<QLabel>(&editor, "schemeError")->isVisible());
    child<QLineEdit>(&editor, "genericIdHeader")->setText(QStringLiteral("x-id"));
    child<QComboBox>(&editor, "genericAlgorithm")->setCurrentText(QStringLiteral("sha1"));
    child<QComboBox>(&editor, "genericEncoding")->setCurrentText(QStringLiteral("hex"));
    child<QLineEdit>(&editor, "genericTimestampHeader")->clear();
    child<QLineEdit>(&editor, "genericTemplate")->setText(QStringLiteral("{id}.{body}"));
    QVERIFY(okButton(editor)->isEnabled());

    const QJsonObject expected = QJsonDocument::fromJson(R"({"header": "x-hmac",
        "algorithm": "sha1", "encoding": "hex", "prefix": "v1=", "template": "{id}.{body}",
        "id_header": "x-id", "tolerance_s": 60})")
                                     .object();
    QCOMPARE(editor.result().endpoints.first().scheme, expected);
}

void TestEndpointEditor::choosingGenericHmacShowsItsFields()
{
    EndpointEditor editor(config({endpoint("s", "/s", "stripe")}), nullptr);
    editor.show();
    auto *generic = child<QWidget>(&editor, "genericHmac");
    QVERIFY(!generic->isVisible());
    auto *provider = child<QComboBox>(&editor, "provider");
    QCOMPARE(provider->currentData().toString(), QStringLiteral("stripe"));
    provider->setCurrentIndex(provider->findData(QStringLiteral("generic-hmac")));
    QVERIFY(generic->isVisible());
    QVERIFY(!okButton(editor)->isEnabled()); // no header yet
    child<QLineEdit>(&editor, "genericHeader")->setText(QStringLiteral("X-Signature"));
    QVERIFY(okButton(editor)->isEnabled());
    const EndpointConfig e = editor.result().endpoints.first();
    QCOMPARE(e.provider, QStringLiteral("generic-hmac"));
    const QJsonObject expected{{"header", "X-Signature"},
                               {"algorithm", "sha256"},
                               {"encoding", "hex"},
                               {"prefix", ""},
                               {"template", "{body}"}};
    QCOMPARE(e.scheme, expected);

    provider->setCurrentIndex(provider->findData(QStringLiteral("github")));
    QVERIFY(!generic->isVisible());
    QCOMPARE(editor.result().endpoints.first().provider, QStringLiteral("github"));
}

void TestEndpointEditor::responseAndToleranceAreStored()
{
    EndpointEditor editor(config({endpoint("s", "/s", "stripe")}), nullptr);
    editor.show();
    auto *tolerance = child<QSpinBox>(&editor, "tolerance");
    QCOMPARE(tolerance->value(), -1);
    QVERIFY(tolerance->text().startsWith(QStringLiteral("provider default")));
    tolerance->setValue(30);
    child<QSpinBox>(&editor, "status")->setValue(503);
    child<QSpinBox>(&editor, "delay")->setValue(1500);
    child<QPlainTextEdit>(&editor, "responseBody")->setPlainText(QStringLiteral("{\"ok\":1}"));
    child<QPushButton>(&editor, "addHeader")->click();
    auto *headers = child<QTableView>(&editor, "responseHeaders")->model();
    QVERIFY(headers->setData(headers->index(0, 0), QStringLiteral("Retry-After")));
    QVERIFY(headers->setData(headers->index(0, 1), QStringLiteral("5")));

    const EndpointConfig e = editor.result().endpoints.first();
    QCOMPARE(e.toleranceS, 30);
    QCOMPARE(e.response.status, 503);
    QCOMPARE(e.response.delayMs, 1500);
    QCOMPARE(e.response.body, QByteArray("{\"ok\":1}"));
    const QList<QPair<QByteArray, QByteArray>> expected{{"Retry-After", "5"}};
    QCOMPARE(e.response.headers, expected);
    QCOMPARE(child<QSpinBox>(&editor, "status")->minimum(), 100);
    QCOMPARE(child<QSpinBox>(&editor, "status")->maximum(), 599);
}

void TestEndpointEditor::addDraftSelectsIt()
{
    EndpointEditor editor(config({endpoint("stripe", "/stripe", "stripe")}), nullptr);
    editor.show();
    editor.addDraft(endpoint("github", "/gh", "github"));
    QCOMPARE(editor.model()->rowCount(), 2);
    QCOMPARE(editor.currentRow(), 1);
    QCOMPARE(child<QLineEdit>(&editor, "id")->text(), QStringLiteral("github"));
    QCOMPARE(child<QComboBox>(&editor, "provider")->currentData().toString(),
             QStringLiteral("github"));
    // A draft made before the user added an endpoint with the same id still fits.
    editor.addDraft(endpoint("github", "/gh", "github"));
    QCOMPARE(child<QLineEdit>(&editor, "id")->text(), QStringLiteral("github-2"));
    QVERIFY(okButton(editor)->isEnabled());
}

void TestEndpointEditor::showRequestsSignal()
{
    EndpointEditor editor(config({endpoint("a", "/a"), endpoint("b", "/b")}), nullptr);
    editor.show();
    QSignalSpy spy(&editor, &EndpointEditor::showRequestsOf);
    editor.selectEndpoint(QStringLiteral("b"));
    child<QLineEdit>(&editor, "id")->setText(QStringLiteral("b-renamed"));
    child<QPushButton>(&editor, "showRequests")->click();
    QCOMPARE(spy.count(), 1);
    // The captures were recorded under the id the endpoint had.
    QCOMPARE(spy.first().first().toString(), QStringLiteral("b"));
}

void TestEndpointEditor::pasteMakesNewSecretCurrentAndKeepsPrevious()
{
    const QByteArray oldValue = "whsec_OLDold0123456789abcdefWXYZ";
    const QByteArray newValue = "whsec_NEWnew9876543210fedcbaQRST";
    FakeSecretStore store;
    store.data.insert(QStringLiteral("stripe-dev"), {secret(oldValue, "from the CLI")});
    EndpointEditor editor(config({endpoint("stripe-dev", "/stripe", "stripe")}), &store);
    editor.show();
    auto *view = child<QTableView>(&editor, "secretList");
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, SecretListModel::ValueColumn).data().toString(),
             QStringLiteral("••••••••WXYZ"));

    child<QPushButton>(&editor, "pasteSecret")->click();
    auto *dialog = editor.findChild<SecretPasteDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->lineEdit()->echoMode(), QLineEdit::Password);
    QGuiApplication::clipboard()->setText(QString::fromUtf8(newValue));
    dialog->lineEdit()->paste();
    QGuiApplication::clipboard()->clear();
    QVERIFY(!child<QLabel>(dialog, "whitespaceWarning")->isVisible());
    QCOMPARE(dialog->lineEdit()->text(), QString::fromUtf8(newValue));
    QVERIFY(!anyTextContains(newValue.left(12))); // masked while typed
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();

    QCOMPARE(view->model()->rowCount(), 2);
    QCOMPARE(view->model()->index(0, SecretListModel::ValueColumn).data().toString(),
             QStringLiteral("••••••••QRST"));
    QCOMPARE(view->model()->index(1, SecretListModel::ValueColumn).data().toString(),
             QStringLiteral("••••••••WXYZ"));
    QCOMPARE(view->model()->index(1, SecretListModel::LabelColumn).data().toString(),
             QStringLiteral("previous"));
    QVERIFY(view->model()->index(0, SecretListModel::CreatedColumn).data().toString().size() > 0);

    // Masked everywhere until the user asks.
    for (const QByteArray &value : {oldValue, newValue}) {
        QVERIFY(!anyTextContains(value));
        QVERIFY(!anyTextContains(value.left(12)));
    }
    auto *revealed = child<QLineEdit>(&editor, "revealedSecret");
    QCOMPARE(editor.currentRow(), 0);
    QCOMPARE(view->currentIndex().row(), 0);
    child<QPushButton>(&editor, "revealSecret")->click();
    QVERIFY(revealed->isVisible());
    QCOMPARE(revealed->text(), QString::fromUtf8(newValue));
    QVERIFY(revealed->isReadOnly());
    QVERIFY(anyTextContains(newValue));
    // Another selection hides it again.
    view->setCurrentIndex(view->model()->index(1, 0));
    QVERIFY(!revealed->isVisible());
    QVERIFY(!anyTextContains(newValue.left(12)));

    child<QPushButton>(&editor, "copySecret")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromUtf8(oldValue));
    QGuiApplication::clipboard()->clear();
    QVERIFY(!anyTextContains(oldValue.left(12)));

    QSignalSpy written(&editor, &EndpointEditor::secretsWritten);
    QSignalSpy accepted(&editor, &QDialog::accepted);
    okButton(editor)->click();
    QTRY_COMPARE(accepted.count(), 1);
    QCOMPARE(written.count(), 1);
    QVERIFY(written.first().first().toStringList().isEmpty());
    QCOMPARE(store.writes, QStringList{QStringLiteral("stripe-dev")});
    const QList<SigningSecret> stored = store.data.value(QStringLiteral("stripe-dev"));
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(0).value, newValue);
    QCOMPARE(stored.at(1).value, oldValue);
    QCOMPARE(stored.at(1).label, QStringLiteral("previous"));
    QVERIFY(stored.at(0).created.isValid());
}

void TestEndpointEditor::pasteWarnsAboutWhitespaceButKeepsIt()
{
    FakeSecretStore store;
    EndpointEditor editor(config({endpoint("gh", "/gh", "github")}), &store);
    editor.show();
    QTRY_VERIFY(child<QPushButton>(&editor, "pasteSecret")->isEnabled());
    child<QPushButton>(&editor, "pasteSecret")->click();
    auto *dialog = editor.findChild<SecretPasteDialog *>();
    QVERIFY(dialog);
    auto *warning = child<QLabel>(dialog, "whitespaceWarning");
    dialog->lineEdit()->setText(QStringLiteral("s3cret-from-github"));
    QVERIFY(!warning->isVisible());
    dialog->lineEdit()->setText(QStringLiteral("s3cret-from-github "));
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("whitespace")));
    dialog->lineEdit()->setText(QStringLiteral("s3cret-from-github\n"));
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("line break")));
    QVERIFY(!warning->text().contains(QStringLiteral("s3cret")));
    dialog->accept();
    QVERIFY(dialog->lineEdit()->text().isEmpty()); // nothing left behind in the dialog

    QSignalSpy accepted(&editor, &QDialog::accepted);
    okButton(editor)->click();
    QTRY_COMPARE(accepted.count(), 1);
    const QList<SigningSecret> stored = store.data.value(QStringLiteral("gh"));
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().value, QByteArray("s3cret-from-github\n")); // strips nothing
}

void TestEndpointEditor::generateUsesTheProvidersFormat()
{
    const QByteArray svix = SecretGenerator::generate(QStringLiteral("svix"));
    QVERIFY(svix.startsWith("whsec_"));
    QCOMPARE(QByteArray::fromBase64(svix.mid(6)).size(), SecretGenerator::Bytes);
    const QByteArray sw = SecretGenerator::generate(QStringLiteral("standard-webhooks"));
    QVERIFY(sw.startsWith("whsec_"));
    const QByteArray github = SecretGenerator::generate(QStringLiteral("github"));
    QCOMPARE(github.size(), 2 * SecretGenerator::Bytes);
    QCOMPARE(QByteArray::fromHex(github).toHex(), github);
    QVERIFY(github != SecretGenerator::generate(QStringLiteral("github")));
    QVERIFY(!SecretGenerator::canGenerate(QStringLiteral("discord")));

    FakeSecretStore store;
    EndpointEditor editor(
        config({endpoint("sv", "/sv", "svix"), endpoint("discord", "/d", "discord")}), &store);
    editor.show();
    auto *generate = child<QPushButton>(&editor, "generateSecret");
    QTRY_VERIFY(generate->isEnabled());
    generate->click();
    auto *view = child<QTableView>(&editor, "secretList");
    QCOMPARE(view->model()->rowCount(), 1);
    child<QPushButton>(&editor, "revealSecret")->click();
    QVERIFY(
        child<QLineEdit>(&editor, "revealedSecret")->text().startsWith(QStringLiteral("whsec_")));
    editor.selectEndpoint(QStringLiteral("discord"));
    QTRY_VERIFY(child<QPushButton>(&editor, "pasteSecret")->isEnabled());
    QVERIFY(!generate->isEnabled()); // a public key can only be pasted
    QVERIFY(child<QLineEdit>(&editor, "revealedSecret")->text().isEmpty());
}

void TestEndpointEditor::acceptWritesExactlyTheChangedEndpoints()
{
    FakeSecretStore store;
    store.data.insert(QStringLiteral("a"), {secret("aaaaaaaaaaaaaaaa", "a")});
    store.data.insert(QStringLiteral("b"), {secret("bbbbbbbbbbbbbbbb", "b")});
    store.data.insert(QStringLiteral("c"), {secret("cccccccccccccccc", "c")});
    EndpointEditor editor(config({endpoint("a", "/a", "github"), endpoint("b", "/b", "github"),
                                  endpoint("c", "/c", "github")}),
                          &store);
    editor.show();
    QTRY_COMPARE(child<QTableView>(&editor, "secretList")->model()->rowCount(), 1);
    QCOMPARE(store.reads, (QStringList{"a", "b", "c"}));

    // Edit a's response only: no keychain traffic for it.
    child<QSpinBox>(&editor, "status")->setValue(204);
    editor.selectEndpoint(QStringLiteral("b"));
    QTRY_VERIFY(child<QPushButton>(&editor, "generateSecret")->isEnabled());
    child<QPushButton>(&editor, "generateSecret")->click();
    editor.selectEndpoint(QStringLiteral("c"));
    child<QPushButton>(&editor, "deleteEndpoint")->click();
    QMessageBox *box = openMessageBox("confirmDelete");
    QVERIFY(box);
    buttonWithText(box, QStringLiteral("Delete"))->click();
    editor.addDraft(endpoint("new", "/new", "stripe"));

    QSignalSpy accepted(&editor, &QDialog::accepted);
    okButton(editor)->click();
    QTRY_COMPARE(accepted.count(), 1);
    QCOMPARE(store.writes, QStringList{QStringLiteral("b")});
    QCOMPARE(store.removes, QStringList{QStringLiteral("c")});
    QCOMPARE(store.data.value(QStringLiteral("a")).size(), 1);
    QCOMPARE(store.data.value(QStringLiteral("b")).size(), 2);
    QCOMPARE(store.data.value(QStringLiteral("b")).at(1).value, QByteArray("bbbbbbbbbbbbbbbb"));
    QVERIFY(!store.data.contains(QStringLiteral("c")));
    QCOMPARE(editor.result().endpoints.first().response.status, 204);
}

void TestEndpointEditor::renameMovesTheSecrets()
{
    FakeSecretStore store;
    store.data.insert(QStringLiteral("a"), {secret("aaaaaaaaaaaaaaaa", "a")});
    EndpointEditor editor(config({endpoint("a", "/a", "github")}), &store);
    editor.show();
    QTRY_COMPARE(child<QTableView>(&editor, "secretList")->model()->rowCount(), 1);
    child<QLineEdit>(&editor, "id")->setText(QStringLiteral("alpha"));
    QSignalSpy accepted(&editor, &QDialog::accepted);
    okButton(editor)->click();
    QTRY_COMPARE(accepted.count(), 1);
    QCOMPARE(store.writes, QStringList{QStringLiteral("alpha")});
    QCOMPARE(store.removes, QStringList{QStringLiteral("a")});
    QCOMPARE(store.data.value(QStringLiteral("alpha")).first().value,
             QByteArray("aaaaaaaaaaaaaaaa"));
    QVERIFY(!store.data.contains(QStringLiteral("a")));
}

void TestEndpointEditor::writeErrorIsReportedAndConfigKept()
{
    FakeSecretStore store;
    store.failWrites = true;
    EndpointEditor editor(config({endpoint("gh", "/gh", "github")}), &store);
    editor.show();
    QTRY_VERIFY(child<QPushButton>(&editor, "generateSecret")->isEnabled());
    child<QPushButton>(&editor, "generateSecret")->click();
    child<QLineEdit>(&editor, "path")->setText(QStringLiteral("/github"));
    QSignalSpy written(&editor, &EndpointEditor::secretsWritten);
    QSignalSpy accepted(&editor, &QDialog::accepted);
    okButton(editor)->click();
    QTRY_COMPARE(accepted.count(), 1);
    QCOMPARE(written.count(), 1);
    const QStringList errors = written.first().first().toStringList();
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().contains(QStringLiteral("access denied")));
    QMessageBox *box = openMessageBox("secretWriteErrors");
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QStringLiteral("gh")));
    box->close();
    QCOMPARE(editor.result().endpoints.first().path, QStringLiteral("/github"));
}

void TestEndpointEditor::noKeychainDisablesSecrets()
{
    EndpointEditor editor(config({endpoint("gh", "/gh", "github")}), nullptr);
    editor.show();
    QVERIFY(!child<QGroupBox>(&editor, "secretsBox")->isEnabled());
    QCOMPARE(child<QLabel>(&editor, "secretsNote")->text(), EndpointEditor::noKeychainText());
    QVERIFY(EndpointEditor::noKeychainText().startsWith(QStringLiteral("No OS keychain")));
    QVERIFY(!child<QPushButton>(&editor, "pasteSecret")->isEnabled());
    child<QLineEdit>(&editor, "path")->setText(QStringLiteral("/github"));
    QSignalSpy accepted(&editor, &QDialog::accepted);
    okButton(editor)->click();
    QCOMPARE(accepted.count(), 1);
    QVERIFY(editor.secretChanges().isEmpty());
    QCOMPARE(editor.result().endpoints.first().path, QStringLiteral("/github"));
}

QTEST_MAIN(TestEndpointEditor)
#include "tst_endpointeditor.moc"
