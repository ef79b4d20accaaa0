#include "core/pipeline/SearchIndexer.h"
#include "core/store/CaptureQuery.h"
#include "core/store/CaptureSearch.h"
#include "core/store/CaptureStore.h"
#include "core/store/SearchIndex.h"

#include <QTemporaryDir>
#include <QTest>
#include <zlib.h>

namespace {

const QDateTime Now(QDate(2024, 5, 10), QTime(12, 0));
qint64 ago(qint64 seconds)
{
    return (Now.toMSecsSinceEpoch() - seconds * 1000) * 1000;
}

QByteArray gzip(const QByteArray &data)
{
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(data.size()))) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(int(z.total_out));
    deflateEnd(&z);
    return out;
}

NewCapture make(const QByteArray &method, const QByteArray &target, const QString &endpoint,
                int status, qint64 receivedUs, const QList<QByteArray> &headers,
                const QByteArray &body)
{
    NewCapture c;
    c.raw = method + ' ' + target + " HTTP/1.1\r\nHost: localhost\r\n";
    for (const QByteArray &h : headers)
        c.raw += h + "\r\n";
    c.raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    c.summary.receivedAtUs = receivedUs;
    c.summary.peer = QStringLiteral("127.0.0.1:5000");
    c.summary.method = method;
    c.summary.target = target;
    c.summary.endpointId = endpoint;
    c.summary.bodySize = body.size();
    c.summary.status = status;
    return c;
}

} // namespace

// Each field of the query language against a real store and its real search index.
class CaptureQueryTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    CaptureSearch m_search;
    CaptureQuery::Context m_context;

    QVector<qint64> run(const QString &text, const CaptureFilter &filter = {})
    {
        const CaptureQuery q = CaptureQuery::parse(text);
        if (!q.isValid())
            qWarning() << q.errorString();
        const CaptureSearch::Result r = m_search.ids(q, filter, m_context);
        if (!r.ok)
            qWarning() << r.error;
        return r.ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("captures.sqlite"));
        CaptureStore store;
        QVERIFY2(store.open(m_path), qPrintable(store.errorString()));
        QList<NewCapture> cs;
        // 1: a Stripe event, passed, an hour ago
        cs << make(
            "POST", "/hooks/stripe", QStringLiteral("stripe-prod"), 200, ago(3600),
            {"Stripe-Signature: t=1,v1=abc", "Content-Type: application/json"},
            R"({"id":"evt_1","type":"customer.created","data":{"object":{"id":"cus_123"}}})");
        cs.last().summary.verdictReason = QStringLiteral("ok");
        cs.last().summary.verdictJson = R"({"reason":"ok","hazards":[]})";
        // 2: GitHub push, signature mismatch with a hazard, three days ago
        cs << make("POST", "/hooks/github", QStringLiteral("gh"), 401, ago(3 * 86400),
                   {"X-GitHub-Event: push", "X-Hub-Signature-256: sha256=00",
                    "Content-Type: application/json"},
                   R"({"ref":"refs/heads/main","pusher":{"name":"octocat"}})");
        cs.last().summary.verdictReason = QStringLiteral("signature_mismatch");
        cs.last().summary.verdictJson =
            R"({"reason":"signature_mismatch","hazards":[{"code":"secret_whitespace","detail":"x"}]})";
        // 3: a GET that matched no endpoint, ten days ago
        cs << make("GET", "/health", QString(), 404, ago(10 * 86400), {"Accept: */*"}, "");
        // 4: Stripe again, stale, forwarded and dead, thirty minutes ago
        cs << make("POST", "/hooks/stripe?retry=1", QStringLiteral("stripe-prod"), 500, ago(1800),
                   {"Stripe-Signature: t=2,v1=def", "Content-Type: application/json"},
                   R"({"type":"invoice.paid","note":"Grüße aus dem Café"})");
        cs.last().summary.verdictReason = QStringLiteral("timestamp_outside_tolerance");
        cs.last().summary.verdictJson = R"({"reason":"timestamp_outside_tolerance","hazards":[]})";
        OutboxEntry dead;
        dead.kind = QStringLiteral("http");
        dead.target = QStringLiteral("http://127.0.0.1:3000/");
        dead.state = OutboxEntry::State::Dead;
        cs.last().outbox = {dead};
        // 5: a gzipped form body, no secret, a mention of secret_whitespace in the body only
        cs << make("PUT", "/other/path", QStringLiteral("shop"), 204, ago(60),
                   {"Content-Encoding: gzip", "X-Shopify-Topic: orders/create"},
                   gzip("note=gzipped_secret_word&hazard=secret_whitespace"));
        cs.last().summary.verdictReason = QStringLiteral("no_secret");
        cs.last().summary.verdictJson = R"({"reason":"no_secret","hazards":[]})";
        QVERIFY2(store.append(cs), qPrintable(store.errorString()));
        store.close();

        QString error;
        QVERIFY2(SearchIndexer::catchUp(m_path, &error), qPrintable(error));
        QVERIFY2(m_search.open(m_path, &error), qPrintable(error));
        m_context.now = Now;
        m_context.endpointProviders = {{QStringLiteral("stripe-prod"), QStringLiteral("stripe")},
                                       {QStringLiteral("gh"), QStringLiteral("github")},
                                       {QStringLiteral("shop"), QStringLiteral("shopify")}};
    }

    void fields_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QVector<qint64>>("ids");
        using V = QVector<qint64>;
        QTest::newRow("everything") << "" << V{1, 2, 3, 4, 5};
        QTest::newRow("free text in a body") << "cus_123" << V{1};
        QTest::newRow("free text prefix") << "octo" << V{2};
        QTest::newRow("free text in a header") << "octocat or push" << V{2};
        QTest::newRow("free text, accents") << "dem cafe" << V{4};
        QTest::newRow("free text, gzip body") << "gzipped_secret_word" << V{5};
        QTest::newRow("free text, phrase") << "\"heads main\"" << V{2};
        QTest::newRow("phrase out of order") << "\"main heads\"" << V{};
        QTest::newRow("method") << "method:post" << V{1, 2, 4};
        QTest::newRow("method GET") << "method:GET" << V{3};
        QTest::newRow("path substring") << "path:stripe" << V{1, 4};
        QTest::newRow("path wildcard") << "path:/hooks/*retry" << V{4};
        QTest::newRow("path query chars") << "path:\"?retry=1\"" << V{4};
        QTest::newRow("endpoint") << "endpoint:gh" << V{2};
        QTest::newRow("no endpoint") << "endpoint:\"\"" << V{3};
        QTest::newRow("provider") << "provider:stripe" << V{1, 4};
        QTest::newRow("unknown provider") << "provider:slack" << V{};
        QTest::newRow("verdict pass") << "verdict:pass" << V{1};
        QTest::newRow("verdict fail") << "verdict:fail" << V{2};
        QTest::newRow("verdict stale") << "verdict:stale" << V{4};
        QTest::newRow("verdict no-secret") << "verdict:no-secret" << V{5};
        QTest::newRow("verdict unverified") << "verdict:unverified" << V{3};
        QTest::newRow("verdict reason") << "verdict:signature_mismatch" << V{2};
        QTest::newRow("hazard") << "hazard:secret_whitespace" << V{2};
        QTest::newRow("hazard absent") << "hazard:body_modified" << V{};
        QTest::newRow("status exact") << "status:404" << V{3};
        QTest::newRow("status >=") << "status:>=400" << V{2, 3, 4};
        QTest::newRow("status <") << "status:<400" << V{1, 5};
        QTest::newRow("status range") << "status:400..499" << V{2, 3};
        QTest::newRow("status class") << "status:5xx" << V{4};
        QTest::newRow("header") << "header:stripe-signature" << V{1, 4};
        QTest::newRow("header case") << "header:STRIPE-SIGNATURE" << V{1, 4};
        QTest::newRow("header exact name") << "header:signature" << V{};
        QTest::newRow("header value") << "header:x-github-event=push" << V{2};
        QTest::newRow("header value prefix") << "header:content-type=application" << V{1, 2, 4};
        QTest::newRow("header value other") << "header:x-github-event=pull" << V{};
        QTest::newRow("body") << "body:\"invoice.paid\"" << V{4};
        QTest::newRow("body not head") << "body:stripe" << V{};
        QTest::newRow("type exact") << "type:customer.created" << V{1};
        QTest::newRow("type glob") << "type:*.paid" << V{4};
        QTest::newRow("type header") << "type:push" << V{2};
        QTest::newRow("type shopify") << "type:orders/create" << V{5};
        QTest::newRow("after relative") << "after:2h" << V{1, 4, 5};
        QTest::newRow("after days") << "after:4d" << V{1, 2, 4, 5};
        QTest::newRow("before") << "before:1d" << V{2, 3};
        QTest::newRow("before date") << "before:2024-05-05" << V{3};
        QTest::newRow("after today") << "after:today" << V{1, 4, 5};
        QTest::newRow("forward dead") << "forward:dead" << V{4};
        QTest::newRow("forward none") << "forward:none" << V{1, 2, 3, 5};
        QTest::newRow("and") << "provider:stripe status:>=400" << V{4};
        QTest::newRow("or") << "endpoint:gh or status:404" << V{2, 3};
        QTest::newRow("not") << "not method:post" << V{3, 5};
        QTest::newRow("minus") << "-provider:stripe" << V{2, 3, 5};
        QTest::newRow("not over a NULL verdict") << "not verdict:pass" << V{2, 3, 4, 5};
        QTest::newRow("not hazard") << "-hazard:secret_whitespace" << V{1, 3, 4, 5};
        QTest::newRow("precedence") << "method:get or provider:stripe status:500" << V{3, 4};
        QTest::newRow("parentheses") << "(method:get or provider:stripe) status:>=400" << V{3, 4};
        QTest::newRow("combined") << "provider:stripe status:>=400 after:2d" << V{4};
        QTest::newRow("injection is a value") << "endpoint:\"gh' OR '1'='1\"" << V{};
    }
    void fields()
    {
        QFETCH(QString, query);
        QFETCH(QVector<qint64>, ids);
        QCOMPARE(run(query), ids);
    }

    void withTheListFilter()
    {
        CaptureFilter filter;
        filter.verdict = CaptureFilter::Verdict::Stale;
        QCOMPARE(run(QStringLiteral("provider:stripe"), filter), QVector<qint64>({4}));
        filter.verdict = CaptureFilter::Verdict::Any;
        filter.forward = CaptureFilter::Forward::Dead;
        QCOMPARE(run(QStringLiteral("method:post"), filter), QVector<qint64>({4}));
        // the endpoint's parameter comes before the forward states'
        filter.endpointId = QStringLiteral("stripe-prod");
        QCOMPARE(run(QStringLiteral("method:post"), filter), QVector<qint64>({4}));
        filter.endpointId = QStringLiteral("gh");
        QCOMPARE(run(QStringLiteral("method:post"), filter), QVector<qint64>());
        filter.forward = CaptureFilter::Forward::Any;
        QCOMPARE(run(QString(), filter), QVector<qint64>({2}));
        filter.withUnmatched = true;
        QCOMPARE(run(QString(), filter), QVector<qint64>({2, 3}));
        filter.endpointId = QStringLiteral("gh' OR '1'='1"); // a value, not SQL
        QCOMPARE(run(QString(), filter), QVector<qint64>({3}));
    }

    void reportsTheIndexState()
    {
        const CaptureSearch::Result r =
            m_search.ids(CaptureQuery::parse(QStringLiteral("a")), {}, m_context);
        QVERIFY(r.ok);
        QCOMPARE(r.indexedUpTo, 5);
        QCOMPARE(r.latestId, 5);
    }

    void fromIdAsksTheIndexForLaterCaptures()
    {
        CaptureQuery::Context c = m_context;
        c.fromId = 3;
        const CaptureSearch::Result r =
            m_search.ids(CaptureQuery::parse(QStringLiteral("header:stripe-signature")), {}, c);
        QCOMPARE(r.ids, QVector<qint64>({4}));
    }

    void invalidQueryIsAnError()
    {
        const CaptureSearch::Result r =
            m_search.ids(CaptureQuery::parse(QStringLiteral("status:x")), {}, m_context);
        QVERIFY(!r.ok);
        QVERIFY(r.error.startsWith(QLatin1String("column 8:")));
    }
};

QTEST_GUILESS_MAIN(CaptureQueryTest)
#include "tst_capturequery.moc"
