// The timeline strip's aggregate query (CaptureHistogram, issue 14) over a million captures:
// counts per time bucket and verdict class in one statement, with no filter, with the list's
// verdict and endpoint filters and with a query-language term, for a few bar counts. Each is
// run 5 times after a warm-up; the median and the slowest are printed.
// Usage: bench_timeline STORE COUNT (the store is filled up to COUNT captures first).
#include "core/store/CaptureHistogram.h"
#include "core/store/CaptureSearch.h"
#include "core/store/CaptureStore.h"
#include "core/store/NewCapture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>
#include <cstdio>

namespace {

// A week of traffic, a capture every ~0.6 s, with every 50th a burst of retries one second
// apart: 75 % ok, 15 % failed, 5 % stale, 5 % not verified; two endpoints.
bool fill(const QString &path, qint64 wanted)
{
    CaptureStore store;
    if (!store.open(path))
        return false;
    const qint64 t0 = 1763769600000000;
    for (qint64 have = store.count(); have < wanted;) {
        QList<NewCapture> batch;
        for (int i = 0; i < 10000 && have < wanted; ++i, ++have) {
            NewCapture c;
            const qint64 burst = have % 50 < 5 ? (have % 50) * 1000000 : 0;
            c.summary.receivedAtUs = t0 + (have / 50) * 30000000 + burst + (have % 50) * 600000;
            c.summary.method = "POST";
            c.summary.target = "/hook";
            c.summary.endpointId = have % 3 ? QStringLiteral("stripe") : QStringLiteral("github");
            c.summary.status = have % 20 == 3 ? 500 : 200;
            const int k = int(have % 20);
            c.summary.verdictReason = k < 15   ? QStringLiteral("ok")
                                      : k < 18 ? QStringLiteral("signature_mismatch")
                                      : k < 19 ? QStringLiteral("timestamp_outside_tolerance")
                                               : QString();
            if (!c.summary.verdictReason.isEmpty())
                c.summary.verdictJson = R"({"hazards":[],"timestamp_age_s":3,"diagnosed":true})";
            c.raw = "POST /hook HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
            batch.append(c);
        }
        if (!store.append(batch))
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_timeline STORE COUNT\n");
        return 2;
    }
    const QString path = args.at(1);
    const qint64 count = args.at(2).toLongLong();
    QElapsedTimer t;
    t.start();
    if (!fill(path, count)) {
        std::fprintf(stderr, "cannot fill %s\n", qPrintable(path));
        return 3;
    }
    std::printf("store: %lld captures, %.0f MiB (filled in %.1f s)\n", count,
                QFileInfo(path).size() / 1048576.0, t.nsecsElapsed() / 1e9);

    CaptureSearch search;
    QString error;
    sqlite3 *db = search.open(path, &error) ? search.connection(&error) : nullptr;
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 4;
    }
    CaptureFilter failed;
    failed.verdict = CaptureFilter::Verdict::Fail;
    CaptureFilter github;
    github.endpointId = QStringLiteral("github");
    CaptureQuery::Context context;
    context.indexSchema = search.indexSchema();
    const CaptureQuery::Sql all = CaptureQuery::parse({}).compile(context);
    const CaptureQuery::Sql status =
        CaptureQuery::parse(QStringLiteral("status:>=500")).compile(context);
    struct Case
    {
        const char *name;
        CaptureQuery::Sql query;
        CaptureFilter filter;
        int bars;
    };
    const Case cases[] = {{"no filter, 100 bars", all, {}, 100},
                          {"no filter, 400 bars", all, {}, 400},
                          {"verdict: failed", all, failed, 200},
                          {"endpoint: github", all, github, 200},
                          {"query status:>=500", status, {}, 200}};
    for (const Case &c : cases) {
        CaptureHistogram::compute(db, c.query, c.filter, c.bars); // warm-up
        QVector<double> ms;
        CaptureHistogram::Result r;
        for (int i = 0; i < 5; ++i) {
            t.restart();
            r = CaptureHistogram::compute(db, c.query, c.filter, c.bars);
            ms.append(t.nsecsElapsed() / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        std::printf(
            "%-22s median %7.1f ms, slowest %7.1f ms (%lld buckets of %lld s, %lld counted)%s\n",
            c.name, ms.at(2), ms.last(), qint64(r.buckets.size()), r.widthUs / 1000000, r.total(),
            r.ok ? "" : qPrintable(QStringLiteral(" FAILED: ") + r.error));
    }
    return 0;
}
