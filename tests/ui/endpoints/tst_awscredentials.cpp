// The EventBridge credentials on the endpoint editor's Forward page, offscreen and without a
// keychain: the source choice goes to the config (only "keychain", never a key), the key's fields
// and what they make of a half-typed key, and the keychain changes OK makes (AwsKeyEdits): a
// typed key, a removed one, one moved to a renamed endpoint, a deleted endpoint's.
#include "core/config/ConfigLoader.h"
#include "core/config/ConfigWriter.h"
#include "ui/endpoints/AwsCredentialsBox.h"
#include "ui/endpoints/AwsKeyEdits.h"
#include "ui/endpoints/EndpointEditor.h"
#include "ui/endpoints/EndpointListModel.h"
#include "ui/endpoints/ForwardPage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QByteArray KeyId = "AKIAHOOKBENCHPAGE01";
const QByteArray Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYpagetestKEY";
const QByteArray Token = "FwoGZXIvYXdzEPAGE-session-token-value";

template <typename T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

EndpointConfig stripeEndpoint(const QString &id = QStringLiteral("stripe-dev"))
{
    EndpointConfig e;
    e.id = id;
    e.path = QLatin1Char('/') + id;
    e.provider = QStringLiteral("stripe");
    EventBridgeForwardTarget t;
    t.preset = QStringLiteral("stripe");
    e.forward.eventBridge = t;
    return e;
}

StoredAwsKey key(const QByteArray &id, const QByteArray &secret, const QByteArray &token = {})
{
    StoredAwsKey k;
    k.accessKeyId = id;
    k.secretAccessKey = secret;
    k.sessionToken = token;
    return k;
}

QStringList describe(const QList<AwsKeyEdits::Change> &changes)
{
    QStringList out;
    for (const AwsKeyEdits::Change &c : changes)
        out << (c.kind == AwsKeyEdits::Change::Kind::Write
                    ? QStringLiteral("write %1 %2")
                          .arg(c.endpointId, QString::fromUtf8(c.key.accessKeyId))
                    : QStringLiteral("remove %1").arg(c.endpointId));
    out.sort();
    return out;
}

} // namespace

class TestAwsCredentials : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The chain by default with no key fields; the keychain source shows them, the secrets
    // masked; the config file gets "credentials": "keychain" and none of the typed values.
    void sourceGoesToTheConfigAndTheKeyDoesNot()
    {
        ForwardPage page;
        AwsKeyEdits edits;
        auto *box = page.credentialsBox();
        box->setEdits(&edits);
        edits.setEmpty(7);
        page.load(stripeEndpoint());
        box->setEndpoint(7);
        page.show();
        auto *source = child<QComboBox>(&page, "credentialsSource");
        QCOMPARE(source->currentData().toString(), QStringLiteral("chain"));
        QVERIFY(!child<QWidget>(&page, "storedKeyFields")->isVisible());

        QSignalSpy changed(&page, &ForwardPage::changed);
        source->setCurrentIndex(source->findData(QStringLiteral("keychain")));
        QCOMPARE(changed.count(), 1);
        QVERIFY(child<QWidget>(&page, "storedKeyFields")->isVisible());
        QCOMPARE(child<QLineEdit>(&page, "secretAccessKey")->echoMode(), QLineEdit::Password);
        QCOMPARE(child<QLineEdit>(&page, "sessionToken")->echoMode(), QLineEdit::Password);
        QVERIFY(child<QLabel>(&page, "storedKeyState")->text().contains("No key stored"));

        QTest::keyClicks(child<QLineEdit>(&page, "accessKeyId"), QString::fromUtf8(KeyId));
        QTest::keyClicks(child<QLineEdit>(&page, "secretAccessKey"), QString::fromUtf8(Secret));
        QTest::keyClicks(child<QLineEdit>(&page, "sessionToken"), QString::fromUtf8(Token));
        QCOMPARE(edits.entry(7)->typed.secretAccessKey, Secret);
        QCOMPARE(edits.entry(7)->typed.sessionToken, Token);
        QVERIFY(child<QLabel>(&page, "storedKeyState")->text().contains("when you press OK"));
        QCOMPARE(changed.count(), 1); // typing a key changes no config setting

        EndpointConfig e = stripeEndpoint();
        page.store(&e);
        QCOMPARE(e.forward.eventBridge->credentials,
                 EventBridgeForwardTarget::Credentials::Keychain);
        AppConfig config;
        config.endpoints = {e};
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QString error;
        QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(written.contains("\"credentials\": \"keychain\""));
        for (const QByteArray &value : {KeyId, Secret, Token})
            QVERIFY2(!written.contains(value), value.constData());
        const ConfigLoader::Result loaded = ConfigLoader::load(path, true, {"stripe"});
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        QCOMPARE(loaded.config.endpoints.first().forward.eventBridge->credentials,
                 EventBridgeForwardTarget::Credentials::Keychain);
    }

    // Half a key is refused with what is missing, and never in words that hold the typed value.
    void aHalfTypedKeyIsAProblem()
    {
        ForwardPage page;
        AwsKeyEdits edits;
        page.credentialsBox()->setEdits(&edits);
        edits.setEmpty(1);
        page.load(stripeEndpoint());
        page.credentialsBox()->setEndpoint(1);
        auto *source = child<QComboBox>(&page, "credentialsSource");
        source->setCurrentIndex(source->findData(QStringLiteral("keychain")));
        page.show();
        auto *error = child<QLabel>(&page, "storedKeyError");

        QTest::keyClicks(child<QLineEdit>(&page, "secretAccessKey"), QString::fromUtf8(Secret));
        QCOMPARE(edits.problem(1), QStringLiteral("the access key ID is missing"));
        QVERIFY(error->isVisible());
        QVERIFY(!error->text().contains(QString::fromUtf8(Secret)));

        child<QLineEdit>(&page, "accessKeyId")->setText(QStringLiteral("AKIA HOOK"));
        QVERIFY(edits.problem(1).contains(QStringLiteral("only letters and digits")));
        child<QLineEdit>(&page, "accessKeyId")->setText(QString::fromUtf8(KeyId));
        QVERIFY(edits.problem(1).isEmpty());
        QVERIFY(!error->isVisible());
        child<QLineEdit>(&page, "secretAccessKey")->clear();
        QCOMPARE(edits.problem(1), QStringLiteral("the secret access key is missing"));
    }

    // What is stored is shown masked, with "Remove stored key"; removing clears the fields.
    void aStoredKeyIsShownMaskedAndCanBeRemoved()
    {
        ForwardPage page;
        AwsKeyEdits edits;
        page.credentialsBox()->setEdits(&edits);
        edits.startLoading(3);
        page.load(stripeEndpoint());
        page.credentialsBox()->setEndpoint(3);
        auto *source = child<QComboBox>(&page, "credentialsSource");
        source->setCurrentIndex(source->findData(QStringLiteral("keychain")));
        page.show();
        auto *state = child<QLabel>(&page, "storedKeyState");
        auto *remove = child<QPushButton>(&page, "removeStoredKey");
        QVERIFY(state->text().contains("Reading the keychain"));
        QVERIFY(!child<QLineEdit>(&page, "accessKeyId")->isEnabled());

        AwsKeychain::Result read;
        read.key = key(KeyId, Secret);
        edits.setLoaded(3, read);
        page.credentialsBox()->refresh();
        QVERIFY2(state->text().contains(QStringLiteral("AKIA…GE01")), qPrintable(state->text()));
        QVERIFY(!state->text().contains(QString::fromUtf8(Secret)));
        QVERIFY(remove->isEnabled());

        remove->click();
        QVERIFY(edits.entry(3)->removeStored);
        QVERIFY(state->text().contains("removed from the keychain when you press OK"));
        QVERIFY(!remove->isEnabled());
    }

    void changesOnOk()
    {
        EndpointListModel model;
        EndpointConfig keychain = stripeEndpoint(QStringLiteral("a"));
        keychain.forward.eventBridge->credentials = EventBridgeForwardTarget::Credentials::Keychain;
        EndpointConfig d = keychain;
        d.id = QStringLiteral("d");
        model.setEndpoints({keychain, stripeEndpoint(QStringLiteral("chain")),
                            stripeEndpoint(QStringLiteral("old")), d});
        AwsKeyEdits edits;
        for (int row = 0; row < model.rowCount(); ++row)
            edits.startLoading(model.key(row));
        AwsKeychain::Result stored;
        stored.key = key("AKIASTORED", "stored-secret");
        for (int row = 0; row < model.rowCount(); ++row)
            edits.setLoaded(model.key(row), stored);
        QVERIFY(describe(edits.changes(model, {})).isEmpty()); // nothing edited

        edits.setTyped(model.key(0), key("AKIATYPEDA", "typed-secret"));
        edits.setTyped(model.key(1), key("AKIATYPEDCHAIN", "typed-secret")); // source: chain
        EndpointConfig renamed = model.endpoint(2);
        renamed.id = QStringLiteral("new");
        model.setEndpoint(2, renamed);
        edits.removeStored(model.key(3));
        // The typed key of an endpoint on the chain is not stored; a renamed endpoint's key
        // moves; the deleted endpoint's goes.
        QCOMPARE(describe(edits.changes(model, {QStringLiteral("gone")})),
                 (QStringList{"remove d", "remove gone", "remove old", "write a AKIATYPEDA",
                              "write new AKIASTORED"}));
    }

    // Without a keychain the keychain source says so and takes no key.
    void withoutAKeychainTheSourceSaysWhy()
    {
        EndpointConfig e = stripeEndpoint();
        e.forward.eventBridge->credentials = EventBridgeForwardTarget::Credentials::Keychain;
        AppConfig config;
        config.endpoints = {e};
        EndpointEditor editor(config, nullptr);
        editor.setAwsKeychain(nullptr);
        QCOMPARE(child<QLabel>(&editor, "storedKeyState")->text(),
                 AwsCredentialsBox::noKeychainText());
        QVERIFY(!child<QLineEdit>(&editor, "secretAccessKey")->isEnabled());
        QVERIFY(editor.awsKeyChanges().isEmpty());
    }
};

QTEST_MAIN(TestAwsCredentials)
#include "tst_awscredentials.moc"
