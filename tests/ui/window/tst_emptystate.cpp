#include "core/pipeline/CaptureSession.h"
#include "core/secrets/KeychainSecretStore.h"
#include "ui/endpoints/EndpointEditor.h"
#include "ui/list/RequestListModel.h"
#include "ui/window/EmptyState.h"
#include "ui/window/MainWindow.h"

#include <QClipboard>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

// The empty state as a new user meets it, against the real thing: the window's listener on a
// real socket, a real store, the secrets in a real GNOME Keyring (run inside with-keyring.sh),
// and the commands it shows run as shown, by a shell, with the built hookbench-cli and curl.
class TestEmptyState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void shownCommandsProduceVerifiedCaptures();
    void listenerStoppedOffersStartAndPortChangesFollow();
    void noEndpointOffersTheEditor();
    void returnsWhenTheStoreIsEmptyAgain();

private:
    void openWindow(const AppConfig &config);
    int runShown(const QString &commandLine, QByteArray *output);
    EmptyState *emptyState() const { return m_window->findChild<EmptyState *>("emptyState"); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::unique_ptr<CaptureSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    AppConfig m_config; // stripe-dev on /stripe, gh on /hooks/gh
};

void TestEmptyState::initTestCase()
{
    QCoreApplication::setOrganizationName("hookbench-tests");
    QVERIFY2(QFileInfo(QStringLiteral(HB_CLI_PATH)).isExecutable(), HB_CLI_PATH);
    QVERIFY2(!QStandardPaths::findExecutable("curl").isEmpty(),
             "curl is not installed (scripts/setup.sh --test installs it)");
    EndpointConfig stripe;
    stripe.id = "stripe-dev";
    stripe.path = "/stripe";
    stripe.provider = "stripe";
    EndpointConfig github;
    github.id = "gh";
    github.path = "/hooks/gh";
    github.provider = "github";
    m_config.endpoints = {stripe, github};

    // The secrets where the endpoint editor and `secrets set` put them: the default service.
    KeychainSecretStore keychain;
    int written = 0;
    for (const auto &[id, value] :
         {std::pair<QString, QByteArray>{"stripe-dev", "whsec_firstminute"},
          {"gh", "gh-secret with spaces"}}) {
        keychain.write(id, {SigningSecret{value, "test", QDateTime::currentDateTimeUtc()}}, this,
                       [&written](const SecretStore::Result &r) {
                           QVERIFY2(r.ok(), qPrintable(r.error));
                           ++written;
                       });
    }
    QTRY_COMPARE_WITH_TIMEOUT(written, 2, 30000);
}

void TestEmptyState::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_keychain = std::make_unique<KeychainSecretStore>();
    m_session = std::make_unique<CaptureSession>();
}

void TestEmptyState::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_keychain.reset();
    m_dir.reset();
}

void TestEmptyState::openWindow(const AppConfig &config)
{
    CaptureSession::Options settings;
    settings.bind = "127.0.0.1";
    settings.port = 0;
    settings.storePath = m_dir->filePath("empty.sqlite");
    settings.config = config;
    m_window = std::make_unique<MainWindow>(m_session.get(), m_keychain.get(), settings);
    m_window->resize(1100, 800);
    m_window->show();
    QVERIFY(m_window->openStore(settings.storePath));
    bool loaded = false;
    m_window->loadSecrets([&loaded] { loaded = true; });
    QTRY_VERIFY_WITH_TIMEOUT(loaded, 30000);
}

int TestEmptyState::runShown(const QString &commandLine, QByteArray *output)
{
    // As a user pastes it into a shell, with the built hookbench-cli first on PATH.
    QProcess shell;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("PATH",
               QFileInfo(QStringLiteral(HB_CLI_PATH)).absolutePath() + ':' + env.value("PATH"));
    shell.setProcessEnvironment(env);
    shell.setProcessChannelMode(QProcess::MergedChannels);
    QSignalSpy finished(&shell, &QProcess::finished);
    shell.start("/bin/sh", {"-c", commandLine});
    if (!shell.waitForStarted(10000))
        return -1;
    // The event loop runs meanwhile: the window stores and lists what arrives.
    if (!finished.wait(60000))
        return -2;
    *output = shell.readAll();
    return shell.exitCode();
}

void TestEmptyState::shownCommandsProduceVerifiedCaptures()
{
    openWindow(m_config);
    EmptyState *empty = emptyState();
    QVERIFY(empty);
    QVERIFY(empty->isVisible());
    QVERIFY(m_window->startListener());
    const QString url = m_session->url();
    QCOMPARE(empty->listenerUrl(), url);
    QCOMPARE(empty->findChild<QLineEdit *>("listenerUrl")->text(), url);
    const QStringList endpointUrls = [empty] {
        QStringList out;
        for (QLineEdit *e : empty->findChildren<QLineEdit *>("endpointUrl"))
            out.append(e->text());
        return out;
    }();
    QCOMPARE(endpointUrls, QStringList({url + "/stripe", url + "/hooks/gh"}));

    // stripe-dev: sign, stripe listen, curl; gh: sign, curl.
    const QStringList commands = empty->commandLines();
    QCOMPARE(commands.size(), 5);
    QVERIFY(commands.at(1).startsWith("stripe listen --forward-to " + url + "/stripe"));
    for (const QString &c : commands) // the secret stays in the keychain
        QVERIFY2(!c.contains("whsec_firstminute") && !c.contains("gh-secret"), qPrintable(c));
    const QList<QToolButton *> copies = empty->findChildren<QToolButton *>();
    QCOMPARE(copies.size(), 1 + 2 + 5); // the listener, two endpoint URLs, five commands
    for (QToolButton *b : copies) {
        QVERIFY2(b->accessibleName().startsWith("Copy "), qPrintable(b->accessibleName()));
        QCOMPARE(b->focusPolicy(), Qt::StrongFocus);
    }
    copies.last()->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), commands.last());

    QSignalSpy completed(m_session.get(), &CaptureSession::completed);
    const auto reasonOf = [&completed](int i) -> QString {
        const CaptureSummary s = completed.at(i).at(0).value<CaptureSummary>();
        return s.endpointId + ' ' + s.verdictReason;
    };
    QByteArray output;
    int code = runShown(commands.at(0), &output);
    QVERIFY2(code == 0, output.constData());
    QVERIFY2(output.startsWith("HTTP/1.1 200"), output.constData());
    QTRY_COMPARE(completed.size(), 1);
    QCOMPARE(reasonOf(0), QString("stripe-dev ok"));
    QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
    QTRY_VERIFY(!empty->isVisible()); // gone with the first capture

    code = runShown(commands.at(3), &output); // gh's sign command
    QVERIFY2(code == 0, output.constData());
    QTRY_COMPARE(completed.size(), 2);
    QCOMPARE(reasonOf(1), QString("gh ok"));

    code = runShown(commands.at(2), &output); // stripe-dev's plain curl: captured, unsigned
    QVERIFY2(code == 0, output.constData());
    QTRY_COMPARE(completed.size(), 3);
    QCOMPARE(reasonOf(2), QString("stripe-dev missing_signature_header"));
    QTRY_COMPARE(m_window->requestModel()->rowCount(), 3);
    QCOMPARE(m_window->requestModel()->index(2, RequestListModel::PathColumn).data().toString(),
             QString("/stripe"));
}

void TestEmptyState::listenerStoppedOffersStartAndPortChangesFollow()
{
    openWindow(m_config);
    EmptyState *empty = emptyState();
    QVERIFY(empty->listenerUrl().isEmpty());
    QVERIFY(empty->commandLines().isEmpty()); // no URL to send to yet
    auto *start = empty->findChild<QPushButton *>("startListener");
    QVERIFY(start);
    start->click();
    QVERIFY(m_session->isListening());
    const QString first = m_session->url();
    QCOMPARE(empty->listenerUrl(), first);
    QVERIFY(empty->commandLines().first().contains("--send " + first + "/stripe "));

    // Another port: every command follows.
    m_window->stopListener();
    QVERIFY(empty->findChild<QPushButton *>("startListener"));
    QVERIFY(empty->commandLines().isEmpty());
    QTcpServer holder; // takes the first port, so the next start gets another one
    QVERIFY(holder.listen(QHostAddress::LocalHost, QUrl(first).port()));
    QVERIFY(m_window->startListener());
    QVERIFY(m_session->url() != first);
    QCOMPARE(empty->listenerUrl(), m_session->url());
    for (const QString &c : empty->commandLines())
        QVERIFY2(c.contains(m_session->url() + '/'), qPrintable(c));
}

void TestEmptyState::noEndpointOffersTheEditor()
{
    openWindow(AppConfig());
    EmptyState *empty = emptyState();
    auto *create = empty->findChild<QPushButton *>("createEndpoint");
    QVERIFY(create);
    QCOMPARE(create->text(), QString("&Create First Endpoint…"));
    QVERIFY(!m_window->findChild<EndpointEditor *>());
    create->click();
    QTRY_VERIFY(m_window->findChild<EndpointEditor *>());
    m_window->findChild<EndpointEditor *>()->reject();
    QVERIFY(m_window->startListener());
    // Without endpoints there is nothing to sign for; the listener's URL is still offered.
    QVERIFY(empty->commandLines().isEmpty());
    QCOMPARE(empty->findChild<QLineEdit *>("listenerUrl")->text(), m_session->url());
}

void TestEmptyState::returnsWhenTheStoreIsEmptyAgain()
{
    openWindow(m_config);
    EmptyState *empty = emptyState();
    QVERIFY(m_window->startListener());
    QByteArray output;
    QCOMPARE(runShown(empty->commandLines().at(2), &output), 0); // curl
    QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
    QTRY_VERIFY(!empty->isVisible());
    QVERIFY(m_window->openStore(m_dir->filePath("fresh.sqlite"))); // a store with nothing in it
    QTRY_VERIFY(empty->isVisible());
    QCOMPARE(empty->listenerUrl(), m_session->url()); // still listening, into the new store
}

QTEST_MAIN(TestEmptyState)
#include "tst_emptystate.moc"
