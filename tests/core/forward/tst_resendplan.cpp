#include "core/forward/LocalForwardRequest.h"
#include "core/forward/ResendPlan.h"
#include "core/http/RequestFramer.h"

#include <QMessageAuthenticationCode>
#include <QTest>

// The bytes `resend` and "Edit and Resend" send: edits applied to a stored capture, framed as a
// forward, and re-signed over the edited body.
class TestResendPlan : public QObject
{
    Q_OBJECT

    static constexpr qint64 Now = 1763779200;
    static constexpr char Secret[] = "whsec_resend_plan_test";

    static QByteArray capture(const QByteArray &body = R"({"id":"evt_1","type":"a.b"})")
    {
        return "POST /stripe?x=1 HTTP/1.1\r\n"
               "Host: hookbench.test:8787\r\n"
               "User-Agent: Stripe/1.0\r\n"
               "Content-Type: application/json\r\n"
               "X-Repeated: one\r\n"
               "Stripe-Signature: t=1000,v1=00\r\n"
               "X-Repeated: two\r\n"
               "Connection: keep-alive, X-Hop\r\n"
               "X-Hop: gone\r\n"
               "Content-Length: " +
               QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    static HttpForwardTarget target(bool keepHost = false)
    {
        HttpForwardTarget t;
        t.url = QUrl(QStringLiteral("http://127.0.0.1:3000/hooks?src=hb"));
        t.keepHost = keepHost;
        return t;
    }
    static EndpointConfig endpoint(const QString &provider = QStringLiteral("stripe"))
    {
        EndpointConfig e;
        e.id = QStringLiteral("stripe-dev");
        e.path = QStringLiteral("/stripe");
        e.provider = provider;
        return e;
    }
    static ResendPlan::Result plan(const QByteArray &raw, const ResendPlan::Edits &edits,
                                   const HttpForwardTarget &t = target(),
                                   const EndpointConfig *e = nullptr)
    {
        return ResendPlan::build(raw, RequestFramer::parse(raw), t, edits, e, Secret, Now);
    }
    static QByteArray head(const QByteArray &headers, const QByteArray &body)
    {
        return "POST /hooks?src=hb HTTP/1.1\r\n" + headers +
               "Content-Length: " + QByteArray::number(body.size()) +
               "\r\nConnection: close\r\n\r\n" + body;
    }

private Q_SLOTS:
    void withoutEditsItIsTheForwardedRequest()
    {
        const QByteArray raw = capture();
        const ResendPlan::Result r = plan(raw, {});
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.request, LocalForwardRequest::build(raw, RequestFramer::parse(raw), target()));
        QCOMPARE(r.request, head("Host: 127.0.0.1:3000\r\n"
                                 "User-Agent: Stripe/1.0\r\n"
                                 "Content-Type: application/json\r\n"
                                 "X-Repeated: one\r\n"
                                 "Stripe-Signature: t=1000,v1=00\r\n"
                                 "X-Repeated: two\r\n",
                                 R"({"id":"evt_1","type":"a.b"})"));
        QVERIFY(r.note.isEmpty());
    }

    void setReplacesEveryHeaderOfItsNameInTheFirstOnesPlaceOrAdds()
    {
        ResendPlan::Edits edits;
        edits.set = {{"x-repeated", "new"}, {"X-Added", "1"}, {"X-Added", "2"}};
        const ResendPlan::Result r = plan(capture(), edits);
        QCOMPARE(r.request, head("Host: 127.0.0.1:3000\r\n"
                                 "User-Agent: Stripe/1.0\r\n"
                                 "Content-Type: application/json\r\n"
                                 "x-repeated: new\r\n"
                                 "Stripe-Signature: t=1000,v1=00\r\n"
                                 "X-Added: 1\r\n"
                                 "X-Added: 2\r\n",
                                 R"({"id":"evt_1","type":"a.b"})"));
    }

    void removeGoesFirstThenSet()
    {
        ResendPlan::Edits edits;
        edits.remove = {"USER-AGENT", "x-repeated", "X-Not-There"};
        edits.set = {{"X-Repeated", "back"}};
        const ResendPlan::Result r = plan(capture(), edits);
        QCOMPARE(r.request, head("Host: 127.0.0.1:3000\r\n"
                                 "Content-Type: application/json\r\n"
                                 "Stripe-Signature: t=1000,v1=00\r\n"
                                 "X-Repeated: back\r\n",
                                 R"({"id":"evt_1","type":"a.b"})"));
    }

    void aNewBodyIsSentExactlyWithItsLength()
    {
        ResendPlan::Edits edits;
        edits.body = QByteArray("\xff\x00\r\n\r\nnot utf-8", 15);
        const ResendPlan::Result r = plan(capture(), edits);
        const QByteArray tail = "Content-Length: 15\r\nConnection: close\r\n\r\n" + *edits.body;
        QVERIFY(r.request.endsWith(tail));
        QCOMPARE(r.request.count("Content-Length"), 1);
        edits.body = QByteArray();
        QVERIFY(plan(capture(), edits)
                    .request.endsWith("Content-Length: 0\r\nConnection: "
                                      "close\r\n\r\n"));
    }

    void aChunkedCaptureIsSentWithContentLength()
    {
        const QByteArray raw = "POST /in HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                               "X-A: 1\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        const ResendPlan::Result r = plan(raw, {});
        QCOMPARE(r.request, head("Host: 127.0.0.1:3000\r\nX-A: 1\r\n", "abcde"));
    }

    void hostIsTheTargetsUnlessKeptOrSetByHand()
    {
        const QByteArray kept = plan(capture(), {}, target(true)).request;
        QVERIFY(kept.contains("\r\nHost: hookbench.test:8787\r\n"));
        ResendPlan::Edits edits;
        edits.set = {{"Host", "example.com"}};
        const QByteArray typed = plan(capture(), edits).request;
        QVERIFY(typed.contains("\r\nHost: example.com\r\n"));
        QCOMPARE(typed.count("Host:"), 1);
        // A whole list with the capture's Host unchanged: the target's.
        ResendPlan::Edits table;
        table.headers = ResendPlan::editableHeaders(RequestFramer::parse(capture()));
        QVERIFY(plan(capture(), table).request.contains("\r\nHost: 127.0.0.1:3000\r\n"));
        (*table.headers)[0].second = "typed.example";
        QVERIFY(plan(capture(), table).request.contains("\r\nHost: typed.example\r\n"));
    }

    void theEditableHeadersLeaveOutTheFraming()
    {
        const ResendPlan::Headers headers =
            ResendPlan::editableHeaders(RequestFramer::parse(capture()));
        const ResendPlan::Headers expected = {
            {"Host", "hookbench.test:8787"},      {"User-Agent", "Stripe/1.0"},
            {"Content-Type", "application/json"}, {"X-Repeated", "one"},
            {"Stripe-Signature", "t=1000,v1=00"}, {"X-Repeated", "two"}};
        QCOMPARE(headers, expected);
    }

    void aWholeListReplacesTheCapturesHeaders()
    {
        ResendPlan::Edits edits;
        edits.headers = ResendPlan::Headers{{"X-Only", "this"}};
        const ResendPlan::Result r = plan(capture(), edits);
        QCOMPARE(r.request, head("X-Only: this\r\nHost: 127.0.0.1:3000\r\n",
                                 R"({"id":"evt_1","type":"a.b"})"));
    }

    void typedHeadersThatCannotBeSentAreRefused()
    {
        for (const QByteArray &name :
             {QByteArray("Content-Length"), QByteArray("transfer-encoding"),
              QByteArray("Connection"), QByteArray("Bad Name"), QByteArray("")}) {
            ResendPlan::Edits edits;
            edits.set = {{name, "1"}};
            const ResendPlan::Result r = plan(capture(), edits);
            QVERIFY2(!r.error.isEmpty(), name.constData());
            QVERIFY(r.request.isEmpty());
        }
        ResendPlan::Edits injected;
        injected.set = {{"X-A", "1\r\nX-Injected: 2"}};
        QVERIFY(!plan(capture(), injected).error.isEmpty());
        ResendPlan::Edits table;
        table.headers = ResendPlan::Headers{{"Transfer-Encoding", "chunked"}};
        QVERIFY(plan(capture(), table).error.contains("Transfer-Encoding"));
        ResendPlan::Edits removal;
        removal.remove = {"Content-Length"};
        QVERIFY(!plan(capture(), removal).error.isEmpty());
    }

    void headerLinesAreParsedAsTyped()
    {
        QString error;
        const auto h = ResendPlan::parseHeader(QStringLiteral("X-Name:  a: b  "), &error);
        QVERIFY(h);
        QCOMPARE(h->first, QByteArray("X-Name"));
        QCOMPARE(h->second, QByteArray("a: b"));
        QVERIFY(!ResendPlan::parseHeader(QStringLiteral("no colon"), &error));
        QVERIFY(error.contains("no colon"));
        QVERIFY(!ResendPlan::parseHeader(QStringLiteral("X-A : 1"), &error)); // space in name
        QVERIFY(ResendPlan::parseHeader(QStringLiteral("X-Empty:"), &error));
    }

    void resigningSignsTheEditedBodyWithAFreshTimestamp()
    {
        const EndpointConfig e = endpoint();
        ResendPlan::Edits edits;
        edits.body = QByteArray(R"({"id":"evt_1","type":"edited"})");
        edits.resign = true;
        const ResendPlan::Result r = plan(capture(), edits, target(), &e);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.note, QStringLiteral("re-signed with a fresh timestamp"));
        const QByteArray mac =
            QMessageAuthenticationCode::hash(QByteArray::number(Now) + "." + *edits.body, Secret,
                                             QCryptographicHash::Sha256)
                .toHex();
        const ParsedRequest sent = RequestFramer::parse(r.request);
        QVERIFY(sent.complete);
        QCOMPARE(sent.header("stripe-signature"), "t=" + QByteArray::number(Now) + ",v1=" + mac);
        QCOMPARE(sent.body(r.request), *edits.body);
        QCOMPARE(r.request.count("Stripe-Signature"), 1);
        // In the captured header's place, the other headers untouched.
        QVERIFY(r.request.contains("X-Repeated: one\r\nStripe-Signature: t="));

        // Not re-signed: the captured signature goes with the edited body.
        edits.resign = false;
        QVERIFY(plan(capture(), edits, target(), &e).request.contains("t=1000,v1=00"));
    }

    void resigningNeedsATimestampedSchemeAnEndpointAndASecret()
    {
        const ParsedRequest parsed = RequestFramer::parse(capture());
        const EndpointConfig stripe = endpoint();
        const EndpointConfig github = endpoint(QStringLiteral("github"));
        QVERIFY(ResendPlan::resignProblem(&stripe, parsed).isEmpty());
        QVERIFY(ResendPlan::resignProblem(&github, parsed).contains("timestamp"));
        QVERIFY(!ResendPlan::resignProblem(nullptr, parsed).isEmpty());
        ResendPlan::Edits edits;
        edits.resign = true;
        QVERIFY(!plan(capture(), edits, target(), &github).error.isEmpty());
        QVERIFY(!plan(capture(), edits, target(), nullptr).error.isEmpty());
        const QByteArray raw = capture();
        const ResendPlan::Result noSecret =
            ResendPlan::build(raw, RequestFramer::parse(raw), target(), edits, &stripe, {}, Now);
        QVERIFY(noSecret.error.contains("secret"));
        QVERIFY(noSecret.request.isEmpty());
    }

    void targetsAndUrls()
    {
        EndpointConfig e = endpoint();
        HttpForwardTarget configured = target(true);
        configured.timeoutMs = 1234;
        e.forward.http = {configured};
        QCOMPARE(ResendPlan::targetFor(&e, configured.url).timeoutMs, 1234);
        QVERIFY(ResendPlan::targetFor(&e, configured.url).keepHost);
        const HttpForwardTarget other =
            ResendPlan::targetFor(&e, QUrl(QStringLiteral("http://localhost:9/x")));
        QVERIFY(!other.keepHost);
        QCOMPARE(other.timeoutMs, 10000);
        QVERIFY(ResendPlan::urlProblem(QStringLiteral("http://localhost:3000/x")).isEmpty());
        QVERIFY(!ResendPlan::urlProblem(QStringLiteral("ftp://localhost/x")).isEmpty());
        QVERIFY(!ResendPlan::urlProblem(QStringLiteral("localhost:3000")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestResendPlan)
#include "tst_resendplan.moc"
