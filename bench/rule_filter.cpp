// The list's rule filter over a large store: how long until every capture an endpoint's rule
// matches is listed (RuleMatchScan reads and judges each capture on its worker thread), and how
// soon the first rows show. Usage: bench_rule_filter [captures, default 1000000] [store path].
#include "core/store/CaptureStore.h"
#include "ui/list/RequestListModel.h"
#include "ui/list/RuleMatchScan.h"

#include <QElapsedTimer>
#include <QEventLoop>
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

NewCapture stripeCapture(int i)
{
    static const char *types[] = {"customer.created", "invoice.paid", "charge.refunded"};
    const QByteArray body =
        QByteArray(R"({"id":"evt_)") + QByteArray::number(i) + R"(","object":"event","type":")" +
        types[i % 3] + R"(","data":{"object":{"id":"cus_1","currency":")" +
        (i % 5 ? "usd" : "eur") + R"(","amount":)" + QByteArray::number(i % 10000) + "}}}";
    NewCapture c;
    c.summary.receivedAtUs = 1763779200000000 + i;
    c.summary.method = "POST";
    c.summary.target = "/stripe";
    c.summary.endpointId = "stripe";
    c.summary.status = 200;
    c.summary.verdictReason = "ok";
    c.raw = "POST /stripe HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return c;
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
    {
        CaptureStore store;
        if (!store.open(path))
            return std::fprintf(stderr, "%s\n", qPrintable(store.errorString())), 3;
        for (qint64 have = store.count(); have < count;) {
            QList<NewCapture> batch;
            for (int i = int(have); i < count && batch.size() < 10000; ++i)
                batch.append(stripeCapture(i));
            have += batch.size();
            if (!store.append(batch))
                return std::fprintf(stderr, "%s\n", qPrintable(store.errorString())), 3;
        }
    }
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
        std::printf("%s over %d captures: %lld ms, CPU %.0f ms (first rows after %lld ms), %d "
                    "rows\n",
                    label, count, timer.elapsed(), cpuMs() - cpuBefore, firstRows,
                    model.rowCount());
        QObject::disconnect(first);
        QObject::disconnect(model.ruleScan(), nullptr, &loop, nullptr);
    }
    return 0;
}
