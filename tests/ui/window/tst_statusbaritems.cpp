#include "core/pipeline/CaptureSession.h"
#include "core/secrets/SecretStore.h"
#include "tests/support/HttpTestClient.h"
#include "ui/window/StatusBarItems.h"

#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// A keychain that answers checkAvailability with a fixed status, later, as the real one does.
class FixedSecretStore : public SecretStore
{
public:
    explicit FixedSecretStore(Status status, QString error = {}) : m_status(status), m_error(error)
    {}
    void checkAvailability(QObject *context, Callback done) override
    {
        Result r;
        r.status = m_status;
        r.error = m_error;
        QMetaObject::invokeMethod(
            context,
            [this, done, r] {
                done(r);
                ++answered;
            },
            Qt::QueuedConnection);
    }
    int answered = 0;
    void read(const QString &, QObject *, Callback) override {}
    void write(const QString &, const QList<SigningSecret> &, QObject *, Callback) override {}
    void remove(const QString &, QObject *, Callback) override {}

private:
    Status m_status;
    QString m_error;
};

} // namespace

class TestStatusBarItems : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void rateShowsWhileRequestsArriveAndHidesWhenIdle();
    void rateText();
    void keychainUnavailableIsSaidPermanently();
    void availableKeychainSaysNothing();
    void noKeychainAtAll();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaptureSession> m_session;
    std::unique_ptr<QMainWindow> m_window;
};

void TestStatusBarItems::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_session = std::make_unique<CaptureSession>();
    QString error;
    QVERIFY2(m_session->open(m_dir->filePath("s.sqlite"), &error), qPrintable(error));
    m_window = std::make_unique<QMainWindow>();
    m_window->statusBar(); // made before the window is shown, as the app's is
    m_window->show();
}

void TestStatusBarItems::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_dir.reset();
}

void TestStatusBarItems::rateShowsWhileRequestsArriveAndHidesWhenIdle()
{
    FixedSecretStore keychain(SecretStore::Status::Ok);
    auto *items = new StatusBarItems(m_window->statusBar(), m_session.get(), &keychain);
    qint64 now = 100000;
    items->setClock([&now] { return now; });
    QVERIFY(items->rateLabel()->isHidden());
    QVERIFY(!items->isTicking()); // idle: no timer

    QString error;
    QVERIFY2(m_session->startListening("127.0.0.1", 0, &error), qPrintable(error));
    QSignalSpy captured(m_session.get(), &CaptureSession::captured);
    for (int i = 0; i < 10; ++i) { // real requests through the real listener and store
        HttpTestClient client(m_session->port());
        QVERIFY(client.connected());
        client.send("POST /rate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
        HttpTestClient::Response response;
        QVERIFY(client.read(&response));
    }
    const auto stored = [&captured] {
        int n = 0;
        for (const QList<QVariant> &args : captured)
            n += int(args.at(0).value<QVector<CaptureSummary>>().size());
        return n;
    };
    QTRY_COMPARE(stored(), 10);
    // The spy counts on the capture thread; the items hear of it through the event loop.
    // Ten requests within the five-second window: 2 per second.
    QTRY_COMPARE(items->rateLabel()->text(), QString("2.0 req/s"));
    QVERIFY(items->rateLabel()->isVisible());
    QVERIFY(items->isTicking());

    now += 3000; // still inside the window
    items->update();
    QVERIFY(items->rateLabel()->isVisible());
    now += 2000; // the window has passed: idle again, the timer stops
    items->update();
    QVERIFY(items->rateLabel()->isHidden());
    QVERIFY(!items->isTicking());
}

void TestStatusBarItems::rateText()
{
    QCOMPARE(StatusBarItems::rateText(0.2), QString("0.2 req/s"));
    QCOMPARE(StatusBarItems::rateText(9.96), QString("10.0 req/s"));
    QCOMPARE(StatusBarItems::rateText(1234.4), QString("1,234 req/s"));
}

void TestStatusBarItems::keychainUnavailableIsSaidPermanently()
{
    FixedSecretStore keychain(SecretStore::Status::Unavailable,
                              SecretStore::unavailablePrefix() + "\nThe name is not activatable");
    auto *items = new StatusBarItems(m_window->statusBar(), m_session.get(), &keychain);
    QTRY_VERIFY(items->keychainLabel()->isVisible());
    QVERIFY(items->keychainLabel()->text().contains("Keychain unavailable"));
    QCOMPARE(items->keychainLabel()->toolTip(), SecretStore::unavailablePrefix());
    m_window->statusBar()->showMessage("something else", 1); // temporary messages come and go
    QTRY_VERIFY(m_window->statusBar()->currentMessage().isEmpty());
    QVERIFY(items->keychainLabel()->isVisible());
}

void TestStatusBarItems::availableKeychainSaysNothing()
{
    FixedSecretStore keychain(SecretStore::Status::Ok);
    auto *items = new StatusBarItems(m_window->statusBar(), m_session.get(), &keychain);
    QTRY_COMPARE(keychain.answered, 1); // the answer is queued: delivered, then looked at
    QVERIFY(items->keychainLabel()->isHidden());
    // A failed read of one entry is not "unavailable": the check is about the keychain itself.
    FixedSecretStore failing(SecretStore::Status::Failed, "access denied");
    auto *other = new StatusBarItems(m_window->statusBar(), m_session.get(), &failing);
    QTRY_COMPARE(failing.answered, 1);
    QVERIFY(other->keychainLabel()->isHidden());
}

void TestStatusBarItems::noKeychainAtAll()
{
    auto *items = new StatusBarItems(m_window->statusBar(), m_session.get(), nullptr);
    QVERIFY(items->keychainLabel()->isVisible());
    QCOMPARE(items->keychainLabel()->toolTip(), SecretStore::unavailablePrefix());
}

QTEST_MAIN(TestStatusBarItems)
#include "tst_statusbaritems.moc"
