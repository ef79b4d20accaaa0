#include "core/config/ConfigLoader.h"
#include "core/http/RequestFramer.h"
#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"
#include "core/verify/ProviderRegistry.h"
#include "tests/support/HttpTestClient.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Response = HttpTestClient::Response;
using Client = HttpTestClient;

// A client on a plain socket, for what QTcpSocket cannot do: it sends `request`, shuts down its
// sending side (the server reads end of input, with the connection still open for the answer),
// then reads until the server closes. The receive timeout only bounds a failure.
QByteArray halfCloseExchange(quint16 port, const QByteArray &request)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return "socket() failed";
    const timeval guard{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof guard);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QByteArray received;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0 &&
        ::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) ==
            ssize_t(request.size()) &&
        ::shutdown(fd, SHUT_WR) == 0) {
        char buffer[4096];
        ssize_t n;
        while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
            received.append(buffer, qsizetype(n));
        if (n < 0)
            received += "\n[recv failed: " + QByteArray(strerror(errno)) + ']';
    }
    ::close(fd);
    return received;
}

} // namespace

class TestHttpListener : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void answersOnlyAfterCommit();
    void keepAliveAndPipelining();
    void largeBodiesArriveWholeBesidePipelinedRequests();
    void expectContinue();
    void endpointResponseAndDefault();
    void pipelinedAnswersKeepOrderDespiteDelay();
    void malformedIsCapturedAndOthersServed();
    void headerLimit431();
    void bodyLimit413();
    void headerTimeout408();
    void stalledBodyWaitsForTheIdleTimeout();
    void connectionCap503();
    void ipv6Loopback();
    void portInUseIsReported();
    void halfClosedClientGetsItsAnswer_data();
    void halfClosedClientGetsItsAnswer();
    void notAProxy_data();
    void notAProxy();
    void bytesAfterChunkData400();

private:
    bool start(const QByteArray &configJson, const QString &bind = "127.0.0.1");
    std::optional<Capture> stored(qint64 id);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaptureSession> m_server;
};

void TestHttpListener::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<CaptureSession>();
}

void TestHttpListener::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

bool TestHttpListener::start(const QByteArray &configJson, const QString &bind)
{
    const ConfigLoader::Result loaded =
        ConfigLoader::parse(configJson, "test.json", ProviderRegistry::names());
    if (!loaded.ok()) {
        qWarning() << loaded.error;
        return false;
    }
    CaptureSession::Options settings;
    settings.bind = bind;
    settings.port = 0;
    settings.config = loaded.config;
    settings.storePath = m_dir->filePath("store.sqlite");
    QString error;
    const bool ok = m_server->start(settings, &error);
    if (!ok)
        qWarning() << error;
    return ok;
}

std::optional<Capture> TestHttpListener::stored(qint64 id)
{
    // A second connection sees only what was committed.
    CaptureStore store;
    if (!store.openReadOnly(m_dir->filePath("store.sqlite")))
        return std::nullopt;
    std::optional<Capture> capture = store.capture(id);
    if (capture)
        capture->parsed = RequestFramer::parse(capture->raw);
    return capture;
}

void TestHttpListener::answersOnlyAfterCommit()
{
    QVERIFY(start("{}"));
    Client c(m_server->port());
    QVERIFY(c.connected());
    const QByteArray request =
        "POST /any HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{\"a\":1}";
    c.send(request);
    Response r;
    QVERIFY(c.read(&r));
    QCOMPARE(r.status, 200);
    const std::optional<Capture> capture = stored(1);
    QVERIFY(capture.has_value());
    QCOMPARE(capture->raw, request);
    QCOMPARE(capture->summary.method, QByteArray("POST"));
    QCOMPARE(capture->summary.target, QByteArray("/any"));
    QCOMPARE(capture->summary.bodySize, 7);
    QCOMPARE(capture->summary.status, 200);
    QVERIFY(capture->summary.peer.startsWith("127.0.0.1:"));
}

void TestHttpListener::keepAliveAndPipelining()
{
    QVERIFY(start("{}"));
    Client c(m_server->port());
    QByteArray all;
    for (int i = 0; i < 5; ++i)
        all += "POST /p" + QByteArray::number(i) +
               " HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n" + QByteArray::number(i);
    c.send(all); // five pipelined requests in one write
    for (int i = 0; i < 5; ++i) {
        Response r;
        QVERIFY(c.read(&r));
        QCOMPARE(r.status, 200);
    }
    c.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n"); // the connection is still open
    Response r;
    QVERIFY(c.read(&r));
    CaptureStore store;
    QVERIFY(store.open(m_dir->filePath("store.sqlite")));
    QCOMPARE(store.count(), 6);
    QByteArray joined;
    for (qint64 id = 1; id <= 5; ++id)
        joined += store.capture(id)->raw;
    QCOMPARE(joined, all);
}

void TestHttpListener::largeBodiesArriveWholeBesidePipelinedRequests()
{
    // A body of declared length is read into room reserved for it; what arrives in the same
    // reads after it (a pipelined request, another large one) must be neither lost nor moved.
    QVERIFY(start("{}"));
    Client c(m_server->port());
    const auto request = [](const QByteArray &path, qsizetype size) -> QByteArray {
        QByteArray body(size, '\0');
        for (qsizetype i = 0; i < size; ++i)
            body[i] = char(i * 13 % 251);
        return "POST " + path +
               " HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(size) + "\r\n\r\n" +
               body;
    };
    const QByteArray big = request("/big", 3 * 1024 * 1024 + 1);
    const QByteArray small = request("/small", 5);
    const QByteArray other = request("/other", 2 * 1024 * 1024 + 7);
    const qsizetype head = big.indexOf("\r\n\r\n") + 4;
    c.send(big.left(head)); // the headers alone: the room is reserved before the body comes
    qsizetype at = head;
    for (; at + 100000 < big.size(); at += 100000)
        c.send(big.mid(at, 100000));
    c.send(big.mid(at) + small + other); // the body's end and two more requests in one write
    QSet<QByteArray> stored;
    for (int i = 0; i < 3; ++i) {
        Response r;
        QVERIFY(c.read(&r));
        QCOMPARE(r.status, 200);
    }
    CaptureStore store;
    QVERIFY(store.open(m_dir->filePath("store.sqlite")));
    QCOMPARE(store.count(), 3);
    for (qint64 id = 1; id <= 3; ++id) { // large captures get later ids: compare by content
        const std::optional<Capture> capture = store.capture(id);
        QVERIFY2(capture, qPrintable(store.errorString()));
        stored.insert(capture->raw);
    }
    QCOMPARE(stored, QSet<QByteArray>({big, small, other}));
}

void TestHttpListener::expectContinue()
{
    QVERIFY(start("{}"));
    Client c(m_server->port());
    c.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    QByteArray interim;
    while (!interim.contains("\r\n\r\n") && c.socket().waitForReadyRead(5000))
        interim += c.socket().readAll();
    QCOMPARE(interim, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
    c.send("body");
    Response r;
    QVERIFY(c.read(&r));
    QCOMPARE(r.status, 200);
    QCOMPARE(stored(1)->parsed.body(stored(1)->raw), QByteArray("body"));
}

void TestHttpListener::endpointResponseAndDefault()
{
    QVERIFY(start(R"({"endpoints":[{"id":"gh","path":"/github","provider":"github",
        "response":{"status":202,"headers":{"X-Reply":"yes"},"body":"accepted"}}]})"));
    Client c(m_server->port());
    c.send("POST /github?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    Response r;
    QVERIFY(c.read(&r));
    QCOMPARE(r.status, 202);
    QVERIFY(r.head.contains("X-Reply: yes"));
    QCOMPARE(r.body, QByteArray("accepted"));
    c.send("POST /other HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    QVERIFY(c.read(&r));
    QCOMPARE(r.status, 200);
    QCOMPARE(stored(1)->summary.endpointId, QString("gh"));
    QCOMPARE(stored(2)->summary.endpointId, QString());
}

void TestHttpListener::pipelinedAnswersKeepOrderDespiteDelay()
{
    QVERIFY(start(
        R"({"endpoints":[{"id":"slow","path":"/slow","response":{"status":201,"delay_ms":200}}]})"));
    Client c(m_server->port());
    c.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
           "POST /fast HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    Response first, second;
    QVERIFY(c.read(&first));
    QVERIFY(c.read(&second));
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 200);
}

void TestHttpListener::malformedIsCapturedAndOthersServed()
{
    QVERIFY(start("{}"));
    Client good(m_server->port());
    Client bad(m_server->port());
    const QByteArray garbage = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nnothex\r\n";
    bad.send(garbage);
    Response r;
    QVERIFY(bad.read(&r));
    QCOMPARE(r.status, 400);
    QVERIFY(!r.body.isEmpty());
    QVERIFY(bad.waitClosed());
    good.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(good.read(&r));
    QCOMPARE(r.status, 200);
    const std::optional<Capture> capture = stored(1);
    QVERIFY(capture);
    QCOMPARE(capture->raw, garbage);
    QCOMPARE(capture->summary.status, 400);
    QVERIFY(!capture->summary.parseError.isEmpty());
}

void TestHttpListener::headerLimit431()
{
    QVERIFY(start(R"({"listen":{"limits":{"max_header_bytes":2048}}})"));
    Client c(m_server->port());
    c.send("GET / HTTP/1.1\r\nX-Big: " + QByteArray(5000, 'a') + "\r\n\r\n");
    Response r;
    QVERIFY(c.read(&r));
    QCOMPARE(r.status, 431);
    QVERIFY(r.body.contains("2048"));
    QCOMPARE(stored(1)->summary.status, 431);
    QVERIFY(stored(1)->raw.size() <= 5100);
}

void TestHttpListener::bodyLimit413()
{
    QVERIFY(start(R"({"listen":{"limits":{"max_body_bytes":100}}})"));
    Client c(m_server->port());
    c.send("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 101\r\n\r\n");
    Response r;
    QVERIFY(c.read(&r)); // answered at once, without waiting for the body
    QCOMPARE(r.status, 413);
    QCOMPARE(stored(1)->summary.status, 413);
}

void TestHttpListener::headerTimeout408()
{
    QVERIFY(start(R"({"listen":{"limits":{"header_timeout_ms":150}}})"));
    Client c(m_server->port());
    c.send("POST / HTTP/1.1\r\nHost: x\r\n"); // and never the end of the headers
    Response r;
    QVERIFY(c.read(&r));
    QCOMPARE(r.status, 408);
    QCOMPARE(stored(1)->raw, QByteArray("POST / HTTP/1.1\r\nHost: x\r\n"));
}

// The connection's timer runs from the first bytes with the header timeout; the complete headers
// move the deadline later, to the idle timeout, and the timer that fires first starts again for
// the rest.
void TestHttpListener::stalledBodyWaitsForTheIdleTimeout()
{
    QVERIFY(start(R"({"listen":{"limits":{"header_timeout_ms":100,"idle_timeout_ms":700}}})"));
    Client c(m_server->port());
    QElapsedTimer sent;
    sent.start();
    const QByteArray request = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n01234";
    c.send(request);
    Response r;
    QVERIFY(c.read(&r));
    const qint64 elapsed = sent.elapsed();
    QCOMPARE(r.status, 408);
    QVERIFY2(elapsed >= 600, qPrintable(QStringLiteral("408 after %1 ms").arg(elapsed)));
    QCOMPARE(stored(1)->raw, request);
}

void TestHttpListener::connectionCap503()
{
    QVERIFY(start(R"({"listen":{"limits":{"max_connections":2}}})"));
    Client a(m_server->port()), b(m_server->port());
    Response r;
    a.send("GET / HTTP/1.1\r\n\r\n");
    QVERIFY(a.read(&r));
    b.send("GET / HTTP/1.1\r\n\r\n");
    QVERIFY(b.read(&r));
    Client third(m_server->port());
    QVERIFY(third.read(&r));
    QCOMPARE(r.status, 503);
    a.send("GET / HTTP/1.1\r\n\r\n"); // the open ones are still served
    QVERIFY(a.read(&r));
    QCOMPARE(r.status, 200);
}

void TestHttpListener::ipv6Loopback()
{
    QVERIFY2(start("{}", "::1"),
             "could not listen on the IPv6 loopback ::1 (see the warning above)");
    QVERIFY(m_server->url().startsWith("http://[::1]:"));
    Client c(m_server->port(), QHostAddress::LocalHostIPv6);
    QVERIFY(c.connected());
    c.send("GET /v6 HTTP/1.1\r\nHost: [::1]\r\n\r\n");
    Response r;
    QVERIFY(c.read(&r));
    QCOMPARE(r.status, 200);
    QVERIFY(stored(1)->summary.peer.startsWith("[::1]:"));
}

void TestHttpListener::portInUseIsReported()
{
    QVERIFY(start("{}"));
    CaptureSession second;
    CaptureSession::Options settings;
    settings.port = m_server->port();
    settings.storePath = m_dir->filePath("other.sqlite");
    QString error;
    QVERIFY(!second.start(settings, &error));
    QVERIFY2(error.contains(QString::number(m_server->port())), qPrintable(error));
}

void TestHttpListener::halfClosedClientGetsItsAnswer_data()
{
    QTest::addColumn<QByteArray>("requests");
    QTest::addColumn<QList<int>>("statuses");
    const QByteArray post = "POST /any HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok";
    // /slow answers 200 ms after its capture is stored: the end of input is surely read first.
    const QByteArray slow = "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok";
    QTest::newRow("one request") << post << QList<int>{200};
    QTest::newRow("answer delayed") << slow << QList<int>{201};
    QTest::newRow("pipelined, first delayed") << slow + post << QList<int>{201, 200};
    QTest::newRow("incomplete request") << post.left(post.size() - 1) << QList<int>{400};
}

void TestHttpListener::halfClosedClientGetsItsAnswer()
{
    QFETCH(QByteArray, requests);
    QFETCH(QList<int>, statuses);
    QVERIFY(start(
        R"({"endpoints":[{"id":"slow","path":"/slow","response":{"status":201,"delay_ms":200}}]})"));
    const QByteArray received = halfCloseExchange(m_server->port(), requests);
    QList<int> got;
    for (qsizetype at = received.indexOf("HTTP/1.1 "); at >= 0;
         at = received.indexOf("HTTP/1.1 ", at + 1))
        got.append(received.mid(at + 9, 3).toInt());
    QVERIFY2(got == statuses, received.constData());
    CaptureStore store;
    QVERIFY(store.open(m_dir->filePath("store.sqlite")));
    QCOMPARE(store.count(), statuses.size());
}

void TestHttpListener::notAProxy_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("CONNECT") << QByteArray("CONNECT example.com:443 HTTP/1.1\r\n"
                                           "Host: example.com:443\r\n\r\n");
    QTest::newRow("absolute form, another host")
        << QByteArray("GET http://other.example/ HTTP/1.1\r\nHost: other.example\r\n\r\n");
}

void TestHttpListener::notAProxy()
{
    QFETCH(QByteArray, request);
    QVERIFY(start("{}"));
    Client c(m_server->port());
    c.send(request);
    Response r;
    QVERIFY(c.read(&r));
    QCOMPARE(r.status, 405);
    QVERIFY(r.head.contains("\r\nAllow: "));
    QVERIFY(r.body.contains("not a proxy"));
    QVERIFY(c.waitClosed()); // no tunnel: the connection ends with the answer
    const std::optional<Capture> capture = stored(1);
    QVERIFY(capture);
    QCOMPARE(capture->raw, request);
    QCOMPARE(capture->summary.status, 405);
    QCOMPARE(capture->summary.method, request.left(request.indexOf(' ')));
    QVERIFY(capture->summary.parseError.contains("not a proxy"));
}

void TestHttpListener::bytesAfterChunkData400()
{
    QVERIFY(start("{}"));
    Client c(m_server->port());
    const QByteArray request = "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "5\r\nhelloXX0\r\n\r\n";
    c.send(request);
    Response r;
    QVERIFY(c.read(&r));
    QCOMPARE(r.status, 400);
    const std::optional<Capture> capture = stored(1);
    QVERIFY(capture);
    QCOMPARE(capture->raw, request);
    QCOMPARE(capture->summary.status, 400);
    QVERIFY(!capture->summary.parseError.isEmpty());
    QCOMPARE(capture->parsed.errorOffset, request.indexOf("XX"));
}

QTEST_GUILESS_MAIN(TestHttpListener)
#include "tst_httplistener.moc"
