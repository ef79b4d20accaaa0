// The filter bar's query language over a large store: fills STORE with COUNT realistic captures
// (four providers, varied events and statuses, ~600-byte JSON bodies, a unique customer id each,
// spread over the last 10 days), builds the search index (time and size), then times a
// free-text search, a rare phrase, a header test and the combined filter
// `provider:stripe status:>=400 after:2d` (each run 5 times; the median wall and CPU time are
// printed).
// Usage: bench_search STORE COUNT
#include "core/pipeline/SearchIndexer.h"
#include "core/store/CaptureQuery.h"
#include "core/store/CaptureSearch.h"
#include "core/store/CaptureStore.h"
#include "core/store/SearchIndex.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

const char *const Endpoints[] = {"stripe-prod", "github-ci", "shopify-store", "slack-bot"};
const char *const Types[] = {"customer.created", "invoice.paid", "payment_intent.succeeded",
                             "charge.refunded",  "push",         "pull_request",
                             "orders/create"};

bool fill(const QString &path, qint64 wanted)
{
    CaptureStore store;
    if (!store.open(path))
        return false;
    const qint64 nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    const qint64 spanUs = 10ll * 86400 * 1000000;
    for (qint64 have = store.count(); have < wanted;) {
        QList<NewCapture> batch;
        for (int i = 0; i < 10000 && have < wanted; ++i, ++have) {
            const int e = int(have % 4);
            const char *type = Types[(have / 4) % 7];
            const QByteArray body =
                QByteArray(R"({"id":"evt_)") + QByteArray::number(have * 7919, 36) +
                R"(","object":"event","type":")" + type +
                R"(","created":1714000000,"livemode":false,"data":{"object":{"id":"cus_)" +
                QByteArray::number(have, 36) + R"(","object":"customer","email":"user)" +
                QByteArray::number(have % 5000) +
                R"(@example.com","name":"Jenny Rosen","description":"A customer of the shop",)"
                R"("address":{"city":"Berlin","country":"DE","line1":"Unter den Linden 1"},)"
                R"("metadata":{"order":")" +
                QByteArray::number(have * 31) + R"(","plan":"pro"}}},"request":{"id":"req_)" +
                QByteArray::number(have * 13, 36) + R"(","idempotency_key":null}})";
            NewCapture c;
            c.summary.receivedAtUs = nowUs - spanUs + have * (spanUs / wanted);
            c.summary.method = "POST";
            c.summary.target = QByteArray("/hooks/") + Endpoints[e];
            c.summary.endpointId = QString::fromLatin1(Endpoints[e]);
            c.summary.status = have % 10 == 0 ? 500 : have % 7 == 0 ? 401 : 200;
            c.summary.bodySize = body.size();
            c.raw = "POST " + c.summary.target +
                    " HTTP/1.1\r\nHost: hooks.example.com\r\nUser-Agent: Stripe/1.0 "
                    "(+https://stripe.com/docs/webhooks)\r\nContent-Type: application/json; "
                    "charset=utf-8\r\n" +
                    (e == 0 ? QByteArray("Stripe-Signature: t=1714000000,v1=") +
                                  QByteArray::number(have * 104729, 16) + "\r\n"
                            : QByteArray("X-Hub-Signature-256: sha256=") +
                                  QByteArray::number(have * 104729, 16) + "\r\n") +
                    "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
            batch.append(c);
        }
        if (!store.append(batch))
            return false;
    }
    return true;
}

// The median wall time, and the median CPU time of the process (the machine may be loaded).
double medianMs(const std::function<qint64()> &run, qint64 *rows, double *cpuMs)
{
    QVector<double> times, cpu;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer t;
        const std::clock_t c = std::clock();
        t.start();
        *rows = run();
        times.append(t.nsecsElapsed() / 1e6);
        cpu.append(double(std::clock() - c) * 1000 / CLOCKS_PER_SEC);
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    *cpuMs = cpu.at(2);
    return times.at(2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_search STORE COUNT\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const qint64 count = QByteArray(argv[2]).toLongLong();
    QElapsedTimer t;
    t.start();
    if (!fill(path, count)) {
        std::fprintf(stderr, "cannot fill %s\n", argv[1]);
        return 1;
    }
    std::printf("store: %lld captures, %.1f MB (filled in %.1f s)\n", static_cast<long long>(count),
                QFileInfo(path).size() / 1e6, t.elapsed() / 1e3);

    t.restart();
    QString error;
    if (!SearchIndexer::catchUp(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("index: built/caught up in %.1f s, %.1f MB (%s)\n", t.elapsed() / 1e3,
                QFileInfo(SearchIndex::pathFor(path)).size() / 1e6,
                qPrintable(QFileInfo(SearchIndex::pathFor(path)).fileName()));

    CaptureSearch search;
    if (!search.open(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    CaptureQuery::Context context;
    context.endpointProviders = {{QStringLiteral("stripe-prod"), QStringLiteral("stripe")},
                                 {QStringLiteral("github-ci"), QStringLiteral("github")},
                                 {QStringLiteral("shopify-store"), QStringLiteral("shopify")},
                                 {QStringLiteral("slack-bot"), QStringLiteral("slack")}};
    const QStringList queries = {
        QStringLiteral("cus_") + QString::number(count / 2, 36), // one capture
        QStringLiteral("\"Jenny Rosen\" invoice"),               // a quarter of them
        QStringLiteral("user4242"),                              // a few hundred
        QStringLiteral("header:stripe-signature"),               // a quarter
        QStringLiteral("provider:stripe status:>=400 after:2d"), // the combined filter
        QStringLiteral("provider:stripe status:>=400 after:2d charge"),
        QStringLiteral("verdict:fail or status:5xx"),
        QStringLiteral("path:/hooks/*-ci -status:200"),
    };
    for (const QString &q : queries) {
        const CaptureQuery query = CaptureQuery::parse(q);
        qint64 rows = 0;
        double cpuMs = 0;
        const double ms = medianMs(
            [&] {
                const CaptureSearch::Result r = search.ids(query, {}, context);
                if (!r.ok)
                    std::fprintf(stderr, "%s\n", qPrintable(r.error));
                return qint64(r.ids.size());
            },
            &rows, &cpuMs);
        std::printf("%-55s %9lld rows %8.1f ms (CPU %.1f ms)\n", qPrintable(q),
                    static_cast<long long>(rows), ms, cpuMs);
    }
    return 0;
}
