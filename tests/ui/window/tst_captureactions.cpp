// CaptureActions: copy as curl (run for real against a local socket: the same bytes arrive),
// copy as raw HTTP and body (exact bytes on the clipboard), save and open the body.
#include "core/http/RequestFramer.h"
#include "ui/window/CaptureActions.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QFile>
#include <QGuiApplication>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

namespace {

Capture capture(const QByteArray &raw, qint64 id = 7)
{
    Capture c;
    c.raw = raw;
    c.parsed = RequestFramer::parse(raw);
    c.summary.id = id;
    c.summary.contentType = "application/json";
    for (const HeaderField &h : c.parsed.headers) {
        if (h.name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            c.summary.contentType = h.value;
    }
    return c;
}

// Runs the command with sh and returns the bytes a local server received.
QByteArray replay(const QString &command, QTcpServer &server)
{
    QByteArray received;
    QTcpSocket *peer = nullptr;
    QObject::connect(&server, &QTcpServer::newConnection, [&] {
        peer = server.nextPendingConnection();
        QObject::connect(peer, &QTcpSocket::readyRead, [&] {
            received += peer->readAll();
            const qsizetype end = received.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const ParsedRequest p = RequestFramer::parse(received);
            if (p.complete)
                peer->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        });
    });
    QProcess sh;
    sh.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
    if (!sh.waitForStarted())
        return "sh did not start";
    QSignalSpy done(&sh, &QProcess::finished);
    if (!done.wait(20000))
        return "curl did not finish";
    return received;
}

} // namespace

class TestCaptureActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void curlSendsTheSameBytes_data();
    void curlSendsTheSameBytes();
    void rawAndBodyGoToTheClipboardExactly();
    void bodySuffixFollowsTheContentType();
    void openBodyWritesACopyAndOpensIt();
    void nothingSelectedIsSaid();

public Q_SLOTS:
    void opened(const QUrl &url) { m_opened = url; }

private:
    QUrl m_opened;
};

void TestCaptureActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the cache folder under ~/.qttest
}

void TestCaptureActions::curlSendsTheSameBytes_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("bodyInFile");
    const QByteArray json = R"({"id":"evt_1","name":"Zo\u00eb","quote":"it's"})";
    QTest::newRow("json inline")
        << QByteArray("POST /stripe?x=1&y=2 HTTP/1.1\r\nHost: example.test\r\n"
                      "Content-Type: application/json\r\nStripe-Signature: t=1,v1=ab\r\n"
                      "X-Dup: one\r\nx-dup: two\r\nContent-Length: " +
                      QByteArray::number(json.size()) + "\r\n\r\n" + json)
        << false;
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary += char(i);
    QTest::newRow("binary through a file")
        << QByteArray("PUT /upload HTTP/1.1\r\nHost: example.test\r\n"
                      "Content-Type: application/octet-stream\r\nContent-Length: 256\r\n\r\n" +
                      binary)
        << true;
}

void TestCaptureActions::curlSendsTheSameBytes()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, bodyInFile);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort());
    QString error;
    const QString command = CaptureActions::curlCommand(capture(raw), base, &error);
    QVERIFY2(!command.isEmpty(), qPrintable(error));
    QVERIFY2(command.contains(base), qPrintable(command));
    QCOMPARE(command.contains(QStringLiteral("--data-binary @'") + CaptureActions::bodyFolder()),
             bodyInFile);
    QCOMPARE(replay(command, server), raw);
}

void TestCaptureActions::rawAndBodyGoToTheClipboardExactly()
{
    const QByteArray body("\xff\xfe not UTF-8", 13);
    const QByteArray raw = "POST /x HTTP/1.1\r\nContent-Type: application/octet-stream\r\n"
                           "Content-Length: 13\r\n\r\n" +
                           body;
    const Capture c = capture(raw);
    QWidget window;
    QMenu menu;
    CaptureActions actions(
        &menu, [&] { return &c; }, [] { return QString(); }, &window);
    QCOMPARE(actions.actions().size(), 5);
    QSignalSpy told(&actions, &CaptureActions::told);
    actions.actions().at(1)->trigger(); // Copy as Raw HTTP
    QCOMPARE(QGuiApplication::clipboard()->mimeData()->data("message/http"), raw);
    QVERIFY(told.last().first().toString().contains("not UTF-8"));
    actions.actions().at(2)->trigger(); // Copy Body
    QCOMPARE(QGuiApplication::clipboard()->mimeData()->data("application/octet-stream"), body);
}

void TestCaptureActions::bodySuffixFollowsTheContentType()
{
    QCOMPARE(CaptureActions::bodyFileSuffix(capture("POST / HTTP/1.1\r\nContent-Type: "
                                                    "application/json; charset=utf-8\r\n"
                                                    "Content-Length: 2\r\n\r\n{}")),
             QStringLiteral("json"));
    QCOMPARE(CaptureActions::bodyFileSuffix(capture(
                 "POST / HTTP/1.1\r\nContent-Type: text/xml\r\nContent-Length: 4\r\n\r\n<a/>")),
             QStringLiteral("xml"));
    QCOMPARE(CaptureActions::bodyFileSuffix(capture(
                 "POST / HTTP/1.1\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                 "2\r\n\r\n\xff\x01")),
             QStringLiteral("bin"));
}

void TestCaptureActions::openBodyWritesACopyAndOpensIt()
{
    QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "opened");
    const Capture c = capture("POST / HTTP/1.1\r\nContent-Type: application/json\r\n"
                              "Content-Length: 8\r\n\r\n{\"a\":1}\n",
                              42);
    QWidget window;
    QMenu menu;
    CaptureActions actions(
        &menu, [&] { return &c; }, [] { return QString(); }, &window);
    actions.actions().at(4)->trigger(); // Open Body in External Editor
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QVERIFY(m_opened.isLocalFile());
    QVERIFY(m_opened.toLocalFile().endsWith("/capture-42.json"));
    QFile file(m_opened.toLocalFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("{\"a\":1}\n"));
}

void TestCaptureActions::nothingSelectedIsSaid()
{
    QWidget window;
    QMenu menu;
    CaptureActions actions(
        &menu, [] { return nullptr; }, [] { return QString(); }, &window);
    QSignalSpy told(&actions, &CaptureActions::told);
    QGuiApplication::clipboard()->setText(QStringLiteral("before"));
    actions.actions().at(0)->trigger();
    QCOMPARE(told.size(), 1);
    QCOMPARE(told.first().first().toString(), QStringLiteral("Select a request first"));
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("before"));
}

QTEST_MAIN(TestCaptureActions)
#include "tst_captureactions.moc"
