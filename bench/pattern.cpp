// Rule tester benchmark: one EventBridge pattern, compiled once, over a million synthetic
// Stripe-like events (full envelopes as EventBridge delivers them, built in memory before the
// clock starts: no store, no parsing in the first figure). Prints "name value unit" lines:
//   pattern_compile_us     compiling the pattern once
//   pattern_match_s        PatternMatcher::matches over all events (target: < 2 s)
//   pattern_explain_s      PatternMatcher::match (with a reason for every miss) over all events
//   pattern_parse_match_ns_per_event  QJsonDocument::fromJson + matches from the compact JSON
//                          text of one event in ten (what parsing stored JSON adds per event)
//   pattern_fast_parse_match_ns_per_event  the same text's Detail through FastEvent (simdjson)
//                          and FastMatcher, the fast path of RuleScanner
// With STORE (a store path; filled with 1-3 KB Stripe-like captures when it has fewer):
//   pattern_store_scan_s   RuleScanner over every stored capture, 2 threads, wall (target < 2 s),
//                          with a rule on one event type (a third of the captures): the others
//                          are ruled out before their bodies are parsed (`_prefiltered`)
//   pattern_store_scan_cpu_s  the same in process CPU time (the machine is shared)
//   pattern_store_any_type_scan_s  the same with a rule on every event type: each body parsed
// Usage: bench_pattern [EVENTS] [STORE [--store-only]]   (default 1000000, no store;
// --store-only skips the in-memory figures; BENCH_ANY_TYPE_ONLY=1 runs only the second scan,
// for a profiler)
#include "bench/StripeStore.h"
#include "core/pipeline/RuleScanner.h"
#include "core/rules/FastMatcher.h"
#include "core/rules/PatternMatcher.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

const char Pattern[] = R"({
  "source": ["stripe.com"],
  "detail-type": [{"prefix": "customer."}, "invoice.paid"],
  "detail": {
    "livemode": [false],
    "data": {"object": {"amount": [{"numeric": [">=", 1000, "<", 100000]}],
                        "currency": [{"equals-ignore-case": "usd"}]}}
  }
})";

const char *const Types[] = {
    "customer.created",         "customer.updated",          "invoice.paid",
    "invoice.payment_failed",   "charge.succeeded",          "charge.refunded",
    "payment_intent.succeeded", "checkout.session.completed"};
const char *const Currencies[] = {"usd", "USD", "eur", "gbp"};

// The event EventBridge delivers for a Stripe webhook forwarded with the stripe preset.
QJsonObject envelope(int i)
{
    const QString type = QLatin1String(Types[i % 8]);
    const QJsonObject object{
        {"id", QStringLiteral("obj_%1").arg(i)},
        {"object", type.section(QLatin1Char('.'), 0, 0)},
        {"amount", (i * 37) % 200000},
        {"currency", QLatin1String(Currencies[(i / 8) % 4])},
        {"customer", QStringLiteral("cus_%1").arg(i % 5000)},
        {"status", i % 3 ? "succeeded" : "pending"},
        {"metadata", QJsonObject{{"order", QString::number(i)}}},
    };
    const QJsonObject detail{
        {"id", QStringLiteral("evt_%1").arg(i)},
        {"object", "event"},
        {"api_version", "2024-06-20"},
        {"created", 1700000000 + i},
        {"livemode", i % 5 == 0},
        {"pending_webhooks", 1},
        {"type", type},
        {"data", QJsonObject{{"object", object}}},
    };
    return {{"version", "0"},
            {"id", QStringLiteral("6a7e8feb-b491-4cf7-a9f1-%1").arg(i, 12, 10, QLatin1Char('0'))},
            {"detail-type", type},
            {"source", "stripe.com"},
            {"account", "123456789012"},
            {"time", "2026-12-01T12:00:00Z"},
            {"region", "eu-west-1"},
            {"resources", QJsonArray()},
            {"detail", detail}};
}

void print(const QByteArray &name, double value, const char *unit)
{
    std::printf("%s %.3f %s\n", name.constData(), value, unit);
    std::fflush(stdout);
}

double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// RuleScanner over every capture of the store: one pattern on the stripe preset's events,
// its figures printed with `prefix` ("pattern_store" ...). False when the store cannot be read.
bool scanOnce(const QString &path, int count, const char *patternJson, const char *prefix)
{
    PatternError patternError;
    const EventPattern pattern = EventPattern::compile(QByteArray(patternJson), &patternError);
    EndpointConfig stripe;
    stripe.id = QStringLiteral("stripe");
    EventBridgeForwardTarget bus;
    bus.preset = QStringLiteral("stripe");
    stripe.forward.eventBridge = bus;
    RuleScanner scanner({{stripe, {pattern}}});
    if (!scanner.open(path, 2)) {
        std::fprintf(stderr, "%s\n", qPrintable(scanner.errorString()));
        return false;
    }
    QElapsedTimer clock;
    const double cpu = cpuSeconds();
    clock.start();
    qint64 matched = 0, judged = 0, prefiltered = 0;
    QVector<RuleScanner::Verdict> verdicts;
    constexpr qint64 Page = 65536;
    for (qint64 from = 1; from <= count; from += Page) {
        if (!scanner.judgeRange(from, from + Page - 1, &verdicts)) {
            std::fprintf(stderr, "%s\n", qPrintable(scanner.errorString()));
            return false;
        }
        judged += verdicts.size();
        for (const RuleScanner::Verdict &v : std::as_const(verdicts)) {
            matched += v.matching.isEmpty() ? 0 : 1;
            prefiltered += v.onBusKnown ? 0 : 1;
        }
    }
    const QByteArray p(prefix);
    print(p + "_scan_s", clock.nsecsElapsed() / 1e9, "s");
    print(p + "_scan_cpu_s", cpuSeconds() - cpu, "s");
    print(p + "_captures", double(judged), "captures");
    print(p + "_matched", double(matched), "captures");
    print(p + "_prefiltered", double(prefiltered), "captures");
    print(p + "_full_path", double(scanner.fullCount()), "captures");
    return true;
}

int scanStore(const QString &path, int count)
{
    QString error;
    if (!StripeStore::fill(path, count, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    // a rule on some event types, as most are: most bodies are ruled out unparsed
    const bool ok = (qEnvironmentVariableIsSet("BENCH_ANY_TYPE_ONLY") ||
                     scanOnce(path, count,
                              R"({"source": ["stripe.com"], "detail-type": ["invoice.paid"],
                                 "detail": {"data": {"object": {"currency": ["usd"]}}}})",
                              "pattern_store")) &&
                    // and one on every type: each body is parsed
                    scanOnce(path, count,
                             R"({"source": ["stripe.com"],
                                 "detail": {"data": {"object": {"currency": ["usd"]}}}})",
                             "pattern_store_any_type");
    return ok ? 0 : 3;
}

} // namespace

int main(int argc, char **argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 1000000;
    if (count <= 0) {
        std::fprintf(stderr, "usage: bench_pattern [EVENTS] [STORE [--store-only]]\n");
        return 2;
    }
    if (argc > 3 && qstrcmp(argv[3], "--store-only") == 0)
        return scanStore(QString::fromLocal8Bit(argv[2]), count);
    QElapsedTimer clock;
    clock.start();
    PatternError error;
    const EventPattern pattern = EventPattern::compile(QByteArray(Pattern), &error);
    const qint64 compileNs = clock.nsecsElapsed();
    if (!pattern.isValid()) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return 1;
    }
    print("pattern_compile_us", compileNs / 1000.0, "us");
    const PatternMatcher matcher(pattern);

    // The events are built (outside the clock) and matched in chunks of 100,000 distinct ones,
    // so that the million never sit in memory at once (about 3.5 KB each as QJsonObject).
    constexpr int Chunk = 100000;
    qint64 matchNs = 0, explainNs = 0, parseNs = 0, fastNs = 0;
    int fastMatches = 0;
    const FastMatcher fast(pattern);
    FastEvent fastEvent;
    int matched = 0, explainedMatches = 0, parsedMatches = 0, parsed = 0, textsMatched = 0;
    qint64 reasons = 0;
    std::vector<QJsonObject> events;
    for (int first = 0; first < count; first += Chunk) {
        const int n = qMin(Chunk, count - first);
        events.clear();
        events.reserve(size_t(n));
        for (int i = 0; i < n; ++i)
            events.push_back(envelope(first + i));

        clock.restart();
        for (const QJsonObject &e : events)
            matched += matcher.matches(e) ? 1 : 0;
        matchNs += clock.nsecsElapsed();

        clock.restart();
        for (const QJsonObject &e : events) {
            const MatchResult r = matcher.match(e);
            explainedMatches += r.matches ? 1 : 0;
            reasons += r.reasons.size();
        }
        explainNs += clock.nsecsElapsed();

        // One event in ten also from its JSON text: what parsing adds per event.
        std::vector<QByteArray> texts;
        for (int i = 3; i < n; i += 10) {
            texts.push_back(QJsonDocument(events[size_t(i)]).toJson(QJsonDocument::Compact));
            textsMatched += matcher.matches(events[size_t(i)]) ? 1 : 0;
        }
        clock.restart();
        for (const QByteArray &t : texts)
            parsedMatches += matcher.matches(QJsonDocument::fromJson(t).object()) ? 1 : 0;
        parseNs += clock.nsecsElapsed();
        parsed += int(texts.size());
        // The same events' Detail through simdjson and FastMatcher (the envelope's fields are
        // text already in RuleScanner).
        std::vector<QByteArray> details;
        for (int i = 3; i < n; i += 10)
            details.push_back(QJsonDocument(events[size_t(i)].value("detail").toObject())
                                  .toJson(QJsonDocument::Compact));
        fastEvent.source = QStringLiteral("stripe.com");
        clock.restart();
        for (size_t i = 0; i < details.size(); ++i) {
            fastEvent.detailType = QLatin1String(Types[(3 + 10 * int(i) + first) % 8]);
            fastEvent.parseDetail(details[i]);
            fastMatches += fast.match(fastEvent) == FastMatcher::Verdict::Match ? 1 : 0;
        }
        fastNs += clock.nsecsElapsed();
    }
    print("pattern_events", count, "events");
    print("pattern_matched", matched, "events");
    print("pattern_match_s", matchNs / 1e9, "s");
    print("pattern_match_ns_per_event", double(matchNs) / count, "ns");
    print("pattern_explain_s", explainNs / 1e9, "s");
    print("pattern_reasons", double(reasons), "reasons");
    print("pattern_parse_match_ns_per_event", double(parseNs) / parsed, "ns");
    print("pattern_fast_parse_match_ns_per_event", double(fastNs) / parsed, "ns");
    if (explainedMatches != matched || parsedMatches != textsMatched ||
        fastMatches != textsMatched) {
        std::fprintf(stderr, "the paths disagree: %d/%d, %d/%d, %d/%d\n", explainedMatches, matched,
                     parsedMatches, textsMatched, fastMatches, textsMatched);
        return 1;
    }
    return argc > 2 ? scanStore(QString::fromLocal8Bit(argv[2]), count) : 0;
}
