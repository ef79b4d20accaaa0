// Rule tester benchmark: one EventBridge pattern, compiled once, over a million synthetic
// Stripe-like events (full envelopes as EventBridge delivers them, built in memory before the
// clock starts: no store, no parsing in the first figure). Prints "name value unit" lines:
//   pattern_compile_us     compiling the pattern once
//   pattern_match_s        PatternMatcher::matches over all events (target: < 2 s)
//   pattern_explain_s      PatternMatcher::match (with a reason for every miss) over all events
//   pattern_parse_match_ns_per_event  QJsonDocument::fromJson + matches from the compact JSON
//                          text of one event in ten (what parsing stored JSON adds per event)
// Usage: bench_pattern [EVENTS]   (default 1000000)
#include "core/rules/PatternMatcher.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>
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

void print(const char *name, double value, const char *unit)
{
    std::printf("%s %.3f %s\n", name, value, unit);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 1000000;
    if (count <= 0) {
        std::fprintf(stderr, "usage: bench_pattern [EVENTS]\n");
        return 2;
    }
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
    qint64 matchNs = 0, explainNs = 0, parseNs = 0;
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
    }
    print("pattern_events", count, "events");
    print("pattern_matched", matched, "events");
    print("pattern_match_s", matchNs / 1e9, "s");
    print("pattern_match_ns_per_event", double(matchNs) / count, "ns");
    print("pattern_explain_s", explainNs / 1e9, "s");
    print("pattern_reasons", double(reasons), "reasons");
    print("pattern_parse_match_ns_per_event", double(parseNs) / parsed, "ns");
    if (explainedMatches != matched || parsedMatches != textsMatched) {
        std::fprintf(stderr, "the paths disagree: %d/%d, %d/%d\n", explainedMatches, matched,
                     parsedMatches, textsMatched);
        return 1;
    }
    return 0;
}
