// The endpoint editor and a real GNOME Keyring (with-keyring.sh): an AWS access key typed into
// the Forward page is held in memory until OK, then stored in the keychain under the endpoint
// (never in the config file); the next editor shows it masked; "Remove stored key" and OK delete
// it; a renamed endpoint takes its key along. Half a key keeps OK disabled. The main window
// reads the stored keys into the capture session for the forward stage.
#include "core/config/ConfigWriter.h"
#include "core/secrets/AwsKeychain.h"
#include "ui/endpoints/EndpointEditor.h"
#include "ui/endpoints/EndpointListModel.h"
#include "ui/window/MainWindow.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const char Service[] = "hookbench-test";

template <typename T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

AppConfig stripeConfig(EventBridgeForwardTarget::Credentials credentials)
{
    EndpointConfig e;
    e.id = QStringLiteral("stripe-dev");
    e.path = QStringLiteral("/stripe");
    e.provider = QStringLiteral("stripe");
    EventBridgeForwardTarget t;
    t.preset = QStringLiteral("stripe");
    t.credentials = credentials;
    e.forward.eventBridge = t;
    AppConfig c;
    c.endpoints = {e};
    return c;
}

QPushButton *okButton(EndpointEditor &editor)
{
    return editor.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

} // namespace

class TestAwsKeyEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const AwsKeychain::Result r = m_keychain.readNow(QStringLiteral("stripe-dev"));
        QVERIFY2(r.ok(), qPrintable("run through tests/core/secrets/with-keyring.sh: " + r.error));
    }

    void typedKeyGoesToTheKeychainOnOk()
    {
        const QByteArray secret = "hb-editor-" +
                                  QByteArray::number(QCoreApplication::applicationPid()) +
                                  "-wJalrXUtnFEMI/K7MDENG";
        AppConfig saved;
        {
            EndpointEditor editor(stripeConfig(EventBridgeForwardTarget::Credentials::Chain),
                                  nullptr);
            editor.setAwsKeychain(&m_keychain);
            editor.show();
            auto *state = child<QLabel>(&editor, "storedKeyState");
            auto *source = child<QComboBox>(&editor, "credentialsSource");
            source->setCurrentIndex(source->findData(QStringLiteral("keychain")));
            QTRY_VERIFY2(state->text().contains(QStringLiteral("No key stored")),
                         qPrintable(state->text()));
            QTest::keyClicks(child<QLineEdit>(&editor, "accessKeyId"),
                             QStringLiteral("AKIAEDITOR000001"));
            QVERIFY(!okButton(editor)->isEnabled()); // no secret yet
            QTest::keyClicks(child<QLineEdit>(&editor, "secretAccessKey"),
                             QString::fromUtf8(secret));
            QVERIFY(okButton(editor)->isEnabled());
            // Nothing is written before OK.
            QVERIFY(!m_keychain.readNow(QStringLiteral("stripe-dev")).key);

            QSignalSpy written(&editor, &EndpointEditor::secretsWritten);
            okButton(editor)->click();
            QVERIFY(written.wait(30000));
            QCOMPARE(written.first().first().toStringList(), QStringList());
            saved = editor.result();
        }
        const AwsKeychain::Result r = m_keychain.readNow(QStringLiteral("stripe-dev"));
        QVERIFY2(r.key, qPrintable(r.error));
        QCOMPARE(r.key->accessKeyId, QByteArray("AKIAEDITOR000001"));
        QCOMPARE(r.key->secretAccessKey, secret);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QString error;
        QVERIFY2(ConfigWriter::write(saved, path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray config = file.readAll();
        QVERIFY(config.contains("\"credentials\": \"keychain\""));
        QVERIFY(!config.contains(secret) && !config.contains("AKIAEDITOR000001"));

        // The next editor shows the stored key masked; renaming the endpoint moves it.
        {
            EndpointEditor editor(saved, nullptr);
            editor.setAwsKeychain(&m_keychain);
            editor.show();
            auto *state = child<QLabel>(&editor, "storedKeyState");
            QTRY_VERIFY2(state->text().contains(QStringLiteral("AKIA…0001")),
                         qPrintable(state->text()));
            QVERIFY(!state->text().contains(QString::fromUtf8(secret)));
            QVERIFY(child<QLineEdit>(&editor, "secretAccessKey")->text().isEmpty());
            EndpointConfig renamed = editor.model()->endpoint(0);
            renamed.id = QStringLiteral("stripe-renamed");
            editor.model()->setEndpoint(0, renamed);
            QSignalSpy written(&editor, &EndpointEditor::secretsWritten);
            okButton(editor)->click();
            QVERIFY(written.wait(30000));
            QCOMPARE(written.first().first().toStringList(), QStringList());
            saved = editor.result();
        }
        QVERIFY(!m_keychain.readNow(QStringLiteral("stripe-dev")).key);
        QCOMPARE(m_keychain.readNow(QStringLiteral("stripe-renamed")).key->secretAccessKey, secret);

        // "Remove stored key", then OK: gone.
        {
            EndpointEditor editor(saved, nullptr);
            editor.setAwsKeychain(&m_keychain);
            editor.show();
            auto *remove = child<QPushButton>(&editor, "removeStoredKey");
            QTRY_VERIFY(remove->isEnabled());
            remove->click();
            QSignalSpy written(&editor, &EndpointEditor::secretsWritten);
            okButton(editor)->click();
            QVERIFY(written.wait(30000));
        }
        const AwsKeychain::Result gone = m_keychain.readNow(QStringLiteral("stripe-renamed"));
        QVERIFY(gone.ok());
        QVERIFY(!gone.key);
    }

    // The app reads the stored keys into the session for the forward stage: until the keychain
    // answered a lookup asks to be retried; then it finds the key (or says none is stored).
    void theAppHandsStoredKeysToTheSession()
    {
        StoredAwsKey k;
        k.accessKeyId = "AKIAMAINWINDOW01";
        k.secretAccessKey = "hb-mainwindow-secret-" +
                            QByteArray::number(qint64(QCoreApplication::applicationPid()));
        QEventLoop loop;
        m_keychain.write(QStringLiteral("stripe-dev"), k, &loop,
                         [&loop](const AwsKeychain::Result &) { loop.quit(); });
        loop.exec();
        AppConfig config = stripeConfig(EventBridgeForwardTarget::Credentials::Keychain);
        EndpointConfig other = config.endpoints.first();
        other.id = QStringLiteral("no-key");
        other.path = QStringLiteral("/other");
        config.endpoints.append(other);
        CaptureSession session;
        CaptureSession::Options options;
        options.config = config;
        MainWindow window(&session, nullptr, options);
        window.setAwsKeychain(&m_keychain);
        window.loadAwsKeys();
        const auto lookup = [&session](const char *id) {
            return session.context()->awsKeys().lookup(QString::fromLatin1(id));
        };
        QVERIFY(lookup("no-key").retryable); // the keychain has not answered yet
        QTRY_VERIFY(session.context()->awsKeys().isLoaded());
        const AwsCredentialResolver::Result found = lookup("stripe-dev");
        QVERIFY2(found.credentials, qPrintable(found.error));
        QCOMPARE(found.credentials->secretAccessKey, k.secretAccessKey);
        const AwsCredentialResolver::Result missing = lookup("no-key");
        QVERIFY(!missing.credentials && !missing.retryable);
        QVERIFY2(missing.error.contains(QStringLiteral("key \"aws:no-key\"")),
                 qPrintable(missing.error));
        m_keychain.remove(QStringLiteral("stripe-dev"), &loop,
                          [&loop](const AwsKeychain::Result &) { loop.quit(); });
        loop.exec();
    }

private:
    AwsKeychain m_keychain{QString::fromLatin1(Service)};
};

QTEST_MAIN(TestAwsKeyEditor)
#include "tst_awskeyeditor.moc"
