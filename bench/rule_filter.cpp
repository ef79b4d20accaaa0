// One pattern over a million stored captures (1-3 KB Stripe-like invoices): RuleScanner, the
// scan behind `hookbench-cli pattern test --store` and the list's Rules filter, wall and CPU
// (2 threads); the full path (BusEventBuilder + PatternMatcher per capture, the reference) on a
// sample for comparison; then the list's rule filter (RuleMatchScan): how long until every
// capture a rule matches is listed, and how soon the first rows show. CPU time is the process's
// (CLOCK_PROCESS_CPUTIME_ID): the scan's cost apart from the machine's load, printed first.
// Usage: bench_rule_filter [captures, default 1000000] [store path (reused when it has them)].
#include "bench/StripeStore.h"
#include "core/pipeline/BusEventBuilder.h"
#include "core/pipeline/RuleScanner.h"
#include "core/rules/PatternMatcher.h"
#include "core/store/CaptureStore.h"
#include "ui/list/RequestListModel.h"
#include "ui/list/RuleMatchScan.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>

namespace {

double cpuMs() // the process's CPU time: the scan's cost apart from the machine's load
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double wallMs(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

QJsonValue pattern(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // the model reads the palette for its colours
    QGuiApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000;
    QTemporaryDir dir;
    const QString path = argc > 2 ? QString::fromLocal8Bit(argv[2]) : dir.filePath("s.sqlite");
    QString error;
    if (!StripeStore::fill(path, count, &error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 3;
    EndpointConfig stripe;
    stripe.id = "stripe";
    stripe.path = "/stripe";
    EventBridgeForwardTarget bus;
    bus.preset = "stripe";
    stripe.forward.eventBridge = bus;
    stripe.rules = {
        {"paid-usd", pattern(R"({"detail-type":["invoice.paid"],)"
                             R"("detail":{"data":{"object":{"currency":["usd"]}}}})")},
        {"big", pattern(R"({"detail":{"data":{"object":{"amount":[{"numeric":[">",9000]}]}}}})")}};
    AppConfig config;
    config.endpoints = {stripe};
    QFile load(QStringLiteral("/proc/loadavg"));
    if (load.open(QIODevice::ReadOnly))
        std::printf("load average: %s", load.readAll().constData());

    PatternError patternError;
    const EventPattern paidUsd = EventPattern::compile(stripe.rules.first().pattern, &patternError);
    {
        RuleScanner scanner({{stripe, {paidUsd}}});
        if (!scanner.open(path, 2))
            return std::fprintf(stderr, "%s\n", qPrintable(scanner.errorString())), 3;
        QVector<RuleScanner::Verdict> verdicts;
        const double cpuBefore = cpuMs();
        QElapsedTimer timer;
        timer.start();
        qint64 matched = 0, judged = 0;
        constexpr qint64 Page = 65536;
        for (qint64 from = 1; from <= count; from += Page) {
            scanner.judgeRange(from, from + Page - 1, &verdicts);
            judged += verdicts.size();
            for (const RuleScanner::Verdict &v : std::as_const(verdicts))
                matched += !v.matching.isEmpty();
        }
        std::printf(
            "RuleScanner, one pattern over %lld captures (2 threads): %.0f ms, CPU %.0f ms, "
            "%lld match (%lld fast, %lld full path)\n",
            judged, wallMs(timer), cpuMs() - cpuBefore, matched, scanner.fastCount(),
            scanner.fullCount());
    }
    {
        // The full path, as every capture took before RuleScanner: a sample.
        CaptureStore store;
        store.openReadOnly(path);
        const PatternMatcher matcher(paidUsd);
        const qint64 sample = qMin<qint64>(count, 20000);
        const double cpuBefore = cpuMs();
        QElapsedTimer timer;
        timer.start();
        store.beginRead();
        for (qint64 id = 1; id <= sample; ++id) {
            const std::optional<Capture> c = store.capture(id);
            const BusEventBuilder::Result e =
                BusEventBuilder::build(*c, store.verdictJson(id), stripe);
            matcher.matches(e.envelope.toJson());
        }
        store.endRead();
        std::printf("full path (BusEventBuilder + PatternMatcher), one thread: %.1f us a capture "
                    "(CPU %.1f us), %.1f s a million\n",
                    wallMs(timer) * 1000 / double(sample), (cpuMs() - cpuBefore) * 1000 / sample,
                    wallMs(timer) / double(sample) * 1000);
    }

    RequestListModel model;
    model.open(path, nullptr);
    model.setRules(CompiledRules::compile(config));
    for (const auto &[label, filter] :
         {std::pair{"one rule (paid-usd)",
                    RuleFilter{RuleFilter::Mode::MatchesRule, "stripe", "paid-usd"}},
          std::pair{"some rule matches", RuleFilter{RuleFilter::Mode::MatchesAny, {}, {}}}}) {
        QEventLoop loop;
        qint64 firstRows = -1;
        QElapsedTimer timer;
        const auto first = QObject::connect(&model, &QAbstractItemModel::rowsInserted, [&] {
            if (firstRows < 0)
                firstRows = timer.elapsed();
        });
        QObject::connect(model.ruleScan(), &RuleMatchScan::finished, &loop, &QEventLoop::quit);
        const double cpuBefore = cpuMs();
        timer.start();
        model.setRuleFilter(filter);
        loop.exec();
        std::printf("list Rules filter, %s over %d captures: %lld ms, CPU %.0f ms (first rows "
                    "after %lld ms), %d rows\n",
                    label, count, timer.elapsed(), cpuMs() - cpuBefore, firstRows,
                    model.rowCount());
        QObject::disconnect(first);
        QObject::disconnect(model.ruleScan(), nullptr, &loop, nullptr);
    }
    return 0;
}
