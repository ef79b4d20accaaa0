// How long the Rules tab takes to judge an endpoint's rules on one capture (RuleVerdicts:
// frame the request, map it to the PutEvents entry, build the envelope, explain every rule), by
// body size: the figure behind RulesPanel::InlineBytes (judged on the GUI thread below it, on a
// worker above). Usage: bench_rule_verdicts.
#include "ui/forward/CompiledRules.h"
#include "ui/forward/RuleVerdicts.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <cstdio>

namespace {

Capture stripeCapture(qint64 bodyBytes)
{
    QByteArray body = R"({"id":"evt_1","object":"event","type":"customer.created",)"
                      R"("data":{"object":{"id":"cus_1","currency":"usd","items":[)";
    for (int i = 0; body.size() < bodyBytes - 40; ++i)
        body += (i ? "," : "") + QByteArray(R"({"n":)") + QByteArray::number(i) + R"(,"s":"x"})";
    body += "]}}}";
    Capture c;
    c.summary.id = 1;
    c.summary.endpointId = "stripe";
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
    QCoreApplication app(argc, argv);
    EndpointConfig stripe;
    stripe.id = "stripe";
    stripe.path = "/stripe";
    EventBridgeForwardTarget bus;
    bus.preset = "stripe";
    stripe.forward.eventBridge = bus;
    stripe.rules = {{"created", pattern(R"({"detail-type":["customer.created"]})")},
                    {"usd", pattern(R"({"detail":{"data":{"object":{"currency":["usd"]}}}})")},
                    {"eur", pattern(R"({"detail":{"data":{"object":{"currency":["EUR"]}}}})")}};
    AppConfig config;
    config.endpoints = {stripe};
    const auto rules = CompiledRules::compile(config);
    for (const qint64 size : {1024LL, 16384LL, 65536LL, 262144LL, 1048576LL}) {
        const Capture c = stripeCapture(size);
        const int runs = size > 100000 ? 20 : 200;
        QElapsedTimer timer;
        timer.start();
        int matched = 0;
        for (int i = 0; i < runs; ++i)
            matched += int(
                RuleVerdicts::explain(c, {}, *rules->endpoint("stripe"), *rules->rulesOf("stripe"))
                    .matching.size());
        std::printf("body %7lld bytes: %.3f ms per capture (3 rules, %d matched)\n", size,
                    double(timer.nsecsElapsed()) / 1e6 / runs, matched / runs);
    }
    return 0;
}
