// EventBridge patterns and events on arbitrary bytes: the pattern is the input up to the first
// NUL byte, the event (JSON) what follows; without a NUL a fixed Stripe-like event is used.
// Whatever the pattern, compiling never crashes or runs long (nesting, match arrays and $or
// combinations are bounded); a refusal is in AWS's words, the reason on one line; an accepted
// pattern gives the same verdict through the fast path and the explaining one, with a reason for
// every miss and none for a match.
#include "core/rules/PatternMatcher.h"

#include <QJsonDocument>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

const char DefaultEvent[] = R"({"version": "0", "id": "1", "detail-type": "customer.created",
  "source": "stripe.com", "account": "123456789012", "time": "2026-01-01T00:00:00Z",
  "region": "eu-west-1", "resources": ["arn:aws:x"], "detail": {"id": "evt_1",
  "type": "customer.created", "livemode": false, "amount": 250, "ip": "10.0.0.1",
  "tags": ["a", "b"], "items": [{"name": "x", "qty": 1}, {"name": "y", "qty": 2}],
  "nested": {"deeper": {"value": null}}}})";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QJsonObject defaultEvent = QJsonDocument::fromJson(DefaultEvent).object();
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nul = input.indexOf('\0');
    const QByteArray patternText = nul < 0 ? input : input.left(nul);
    QJsonObject event = defaultEvent;
    if (nul >= 0) {
        const QJsonDocument doc = QJsonDocument::fromJson(input.mid(nul + 1));
        if (doc.isObject())
            event = doc.object();
    }

    PatternError error;
    const EventPattern pattern = EventPattern::compile(patternText, &error);
    if (!pattern.isValid()) {
        check(!error.isEmpty());
        const QString message = error.message();
        check(message.startsWith(QLatin1String("Event pattern is not valid. Reason: ")));
        // The reason on the first line, the location (if any) on the second, nothing more.
        check(message.count(QLatin1Char('\n')) == (error.line > 0 ? 1 : 0));
        check(!message.contains(QLatin1Char('\r')));
        const QString summary = error.summary();
        check(!summary.contains(QLatin1Char('\n')) && !summary.contains(QLatin1Char('\r')));
        return 0;
    }
    check(error.isEmpty());
    check(pattern.combinations() >= 1 && pattern.combinations() <= EventPattern::MaxCombinations);
    for (const PatternNode &node : pattern.nodes()) {
        for (const PatternField &f : node.fields) {
            check(f.child >= 0 || !f.anyOf.isEmpty());
            check(f.anyOf.size() <= EventPattern::MaxMatchValues);
            check(f.span.offset >= 0 && f.span.end() <= patternText.size());
        }
        for (const QVector<int> &group : node.orGroups)
            check(group.size() >= 2);
    }
    const PatternMatcher matcher(pattern);
    const bool fast = matcher.matches(event);
    const MatchResult explained = matcher.match(event);
    check(fast == explained.matches);
    check(explained.matches == explained.reasons.isEmpty());
    for (const MissReason &r : explained.reasons) {
        check(!r.expected.isUndefined());
        check(r.absent == r.found.isUndefined());
        check(r.eventPointer.isEmpty() || r.eventPointer.startsWith(QLatin1Char('/')));
    }
    return 0;
}
