#include "cli/PatternCommand.h"

#include "cli/CliSupport.h"
#include "cli/VerifyCommand.h"
#include "core/config/ConfigLoader.h"
#include "core/pipeline/BusEventBuilder.h"
#include "core/pipeline/RuleScanner.h"
#include "core/rules/EventEnvelope.h"
#include "core/rules/PatternMatcher.h"
#include "core/rules/PatternSource.h"
#include "core/store/CaptureStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>

namespace {

const char Synopsis[] =
    "hookbench-cli pattern test --pattern FILE [--rule NAME] (--event FILE | --store FILE "
    "[--endpoint ID] [--config FILE] [--matches-only]) [--account ID] [--region REGION] [--json]";

void printErr(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
}

QString reasonsText(const MatchResult &r, const QString &indent)
{
    QString text;
    for (const MissReason &reason : r.reasons) {
        QString line = reason.toText();
        line.replace(QLatin1String("\n"), QLatin1String("\n") + indent);
        text += indent + line + QLatin1Char('\n');
    }
    return text;
}

QByteArray jsonLine(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

// The capture as the forward stage hands it to the EventBridge mapper: framed from its exact
// bytes, body with Content-Encoding undone, the stored verdict.
struct StoreRun
{
    explicit StoreRun(const PatternMatcher &m) : matcher(m) {}
    const PatternMatcher &matcher;
    bool json = false;
    bool matchesOnly = false; // misses counted, not explained
    QString account; // from the command line; empty: the forward config's, then the default
    QString region;
    int matched = 0;
    int tested = 0;
};

// One capture: mapped, enveloped and matched; the verdict printed. False when it is not on the
// bus at all (then `why` says so).
void testCapture(StoreRun &run, const CaptureStore &store, const EndpointConfig &endpoint,
                 qint64 id)
{
    const std::optional<Capture> capture = store.capture(id);
    QJsonObject out{{QStringLiteral("id"), id}};
    QString notOnBus;
    EventEnvelope envelope;
    if (!capture) {
        notOnBus = QStringLiteral("cannot be read: %1").arg(store.errorString());
    } else {
        const BusEventBuilder::Result event = BusEventBuilder::build(
            *capture, store.verdictJson(id), endpoint, run.account, run.region);
        notOnBus = event.notOnBus;
        envelope = event.envelope;
    }
    if (!notOnBus.isEmpty()) {
        out.insert(QStringLiteral("matches"), false);
        out.insert(QStringLiteral("reasons"), QJsonArray());
        out.insert(QStringLiteral("error"), notOnBus);
        CliSupport::writeStdout(
            run.json ? jsonLine(out)
                     : QStringLiteral("capture %1: no match: %2\n").arg(id).arg(notOnBus).toUtf8());
        return;
    }
    const MatchResult result = run.matcher.match(envelope.toJson());
    if (run.json) {
        QJsonObject o = result.toJson();
        o.insert(QStringLiteral("id"), id);
        CliSupport::writeStdout(jsonLine(o));
        return;
    }
    QString text = QStringLiteral("capture %1 (%2, %3): %4\n")
                       .arg(id)
                       .arg(envelope.source, envelope.detailType,
                            result.matches ? QStringLiteral("match") : QStringLiteral("no match"));
    text += reasonsText(result, QStringLiteral("  "));
    CliSupport::writeStdout(text.toUtf8());
}

int testStore(const QCommandLineParser &p, const PatternMatcher &matcher)
{
    const QString configOption = QStringLiteral("config");
    const ConfigLoader::Result loaded = CliSupport::loadConfig(p, configOption);
    if (!loaded.ok())
        return CliSupport::fail(CliSupport::Usage, loaded.error);
    const QString endpointId = p.value(QStringLiteral("endpoint"));
    QHash<QString, const EndpointConfig *> endpoints;
    for (const EndpointConfig &e : loaded.config.endpoints) {
        if (endpointId.isEmpty() || e.id == endpointId)
            endpoints.insert(e.id, &e);
    }
    if (!endpointId.isEmpty() && endpoints.isEmpty())
        return CliSupport::fail(
            CliSupport::Usage,
            QStringLiteral("--endpoint %1: no such endpoint in the config").arg(endpointId));
    if (!endpointId.isEmpty() && !endpoints.value(endpointId)->forward.eventBridge)
        return CliSupport::fail(CliSupport::Usage,
                                QStringLiteral("--endpoint %1 has no forward.eventbridge in the "
                                               "config, so none of its captures go on a bus")
                                    .arg(endpointId));

    CaptureStore store;
    if (!store.openReadOnly(p.value(QStringLiteral("store"))))
        return CliSupport::fail(CliSupport::Environment, store.errorString());

    StoreRun run(matcher);
    run.json = p.isSet(QStringLiteral("json"));
    run.matchesOnly = p.isSet(QStringLiteral("matches-only"));
    run.account = p.value(QStringLiteral("account"));
    run.region = p.value(QStringLiteral("region"));
    // The verdicts from RuleScanner (the fast path, the pattern compiled once); a miss is
    // explained by building its event and matching it again the full way.
    QList<RuleScanner::Endpoint> targets;
    for (const EndpointConfig *e : std::as_const(endpoints)) {
        if (e->forward.eventBridge)
            targets.append({*e, {matcher.pattern()}});
    }
    RuleScanner scanner(targets, run.account, run.region);
    if (!scanner.open(p.value(QStringLiteral("store"))))
        return CliSupport::fail(CliSupport::Environment, scanner.errorString());
    qint64 skipped = 0;
    const QVector<qint64> ids = store.ids();
    constexpr int Page = 65536; // a page of verdicts in memory at a time
    QVector<RuleScanner::Verdict> verdicts;
    for (qsizetype i = 0; i < ids.size(); i += Page) {
        if (!scanner.judge(ids.mid(i, Page), &verdicts))
            return CliSupport::fail(CliSupport::Environment, scanner.errorString());
        skipped += qMin<qsizetype>(Page, ids.size() - i) - verdicts.size();
        QByteArray out;
        for (const RuleScanner::Verdict &v : std::as_const(verdicts)) {
            ++run.tested;
            if (v.matching.isEmpty()) {
                if (!run.matchesOnly)
                    testCapture(run, store, *endpoints.value(v.endpointId), v.id);
                continue;
            }
            ++run.matched;
            if (run.json) {
                QJsonObject o = MatchResult{true, {}}.toJson();
                o.insert(QStringLiteral("id"), v.id);
                out += jsonLine(o);
            } else {
                out += QStringLiteral("capture %1 (%2, %3): match\n")
                           .arg(v.id)
                           .arg(v.source, v.detailType)
                           .toUtf8();
            }
            if (out.size() > 65536 || !run.matchesOnly) {
                CliSupport::writeStdout(out);
                out.clear();
            }
        }
        CliSupport::writeStdout(out);
    }
    if (run.tested == 0)
        printErr(QStringLiteral("hookbench-cli: no capture to test: the store has %1 captures, "
                                "none of an endpoint %2 with forward.eventbridge in the config")
                     .arg(ids.size())
                     .arg(endpointId.isEmpty() ? QStringLiteral("(any)") : endpointId));
    else if (!run.json)
        printErr(QStringLiteral("%1 of %2 captures match%3")
                     .arg(run.matched)
                     .arg(run.tested)
                     .arg(skipped ? QStringLiteral(" (%1 of other endpoints, or of endpoints not "
                                                   "forwarding to EventBridge, left out)")
                                        .arg(skipped)
                                  : QString()));
    return run.matched > 0 ? CliSupport::Success : CliSupport::Negative;
}

int testEvent(const QCommandLineParser &p, const PatternMatcher &matcher)
{
    const QString file = p.value(QStringLiteral("event"));
    QByteArray bytes;
    QString error;
    if (!VerifyCommand::readInput(file, &bytes, &error))
        return CliSupport::fail(CliSupport::Usage, error);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (!doc.isObject())
        return CliSupport::fail(CliSupport::Usage,
                                parseError.error != QJsonParseError::NoError
                                    ? QStringLiteral("%1: not JSON: %2 at byte %3")
                                          .arg(file, parseError.errorString())
                                          .arg(parseError.offset)
                                    : QStringLiteral("%1: an event is a JSON object").arg(file));
    QJsonObject event = doc.object();
    const QString account = p.value(QStringLiteral("account"));
    const QString region = p.value(QStringLiteral("region"));
    if (EventEnvelope::looksLikeEntry(event)) {
        // A PutEvents entry: the event EventBridge would make of it.
        EventEnvelope envelope;
        if (!EventEnvelope::fromEntryJson(
                event,
                account.isEmpty() ? QString::fromLatin1(BusEventBuilder::DefaultAccount) : account,
                region.isEmpty() ? QString::fromLatin1(BusEventBuilder::DefaultRegion) : region,
                &envelope, &error))
            return CliSupport::fail(CliSupport::Usage, file + QStringLiteral(": ") + error);
        event = envelope.toJson();
        printErr(QStringLiteral("hookbench-cli: %1 is a PutEvents entry; testing the event "
                                "EventBridge makes of it")
                     .arg(file));
    } else {
        if (!account.isEmpty())
            event.insert(QStringLiteral("account"), account);
        if (!region.isEmpty())
            event.insert(QStringLiteral("region"), region);
    }
    const MatchResult result = matcher.match(event);
    if (p.isSet(QStringLiteral("json")))
        CliSupport::writeStdout(jsonLine(result.toJson()));
    else
        CliSupport::writeStdout(
            ((result.matches ? QStringLiteral("match\n") : QStringLiteral("no match\n")) +
             reasonsText(result, QStringLiteral("  ")))
                .toUtf8());
    return result.matches ? CliSupport::Success : CliSupport::Negative;
}

} // namespace

int PatternCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument("test", "Test a pattern against an event or a store's captures.");
    p.addOptions({
        {"pattern",
         "An event pattern (JSON), a CloudFormation/SAM template (JSON) or the output of `aws "
         "events describe-rule`.",
         "FILE"},
        {"rule", "The rule to take from a template or AWS CLI output holding several.", "NAME"},
        {"event", "A full EventBridge event (or a PutEvents entry); - for stdin.", "FILE"},
        {"store",
         "Every capture of the store, as its endpoint's forward config puts it on the bus.",
         "FILE"},
        {"endpoint", "With --store: only this endpoint's captures.", "ID"},
        {"matches-only",
         "With --store: list the captures that match; the others are counted, not explained "
         "(fast over a large store)."},
        {"config", "With --store: the config file (default: the user's).", "FILE"},
        {"account", "The event's account (default: the forward config's, then 123456789012).",
         "ID"},
        {"region", "The event's region (default: the forward config's, then us-east-1).", "REGION"},
        {"json",
         "One JSON object per event: {\"matches\", \"reasons\"} (and \"id\" with --store)."},
    });
    const int parsed = CliSupport::parse(p, args, Synopsis);
    if (parsed >= 0)
        return parsed;
    const QStringList positional = p.positionalArguments();
    if (positional != QStringList{QStringLiteral("test")})
        return CliSupport::fail(
            CliSupport::Usage, QStringLiteral("expected `pattern test` (usage: %1)").arg(Synopsis));
    if (!p.isSet(QStringLiteral("pattern")))
        return CliSupport::fail(CliSupport::Usage, QStringLiteral("--pattern FILE is required"));
    const bool event = p.isSet(QStringLiteral("event"));
    const bool store = p.isSet(QStringLiteral("store"));
    if (event == store)
        return CliSupport::fail(CliSupport::Usage,
                                QStringLiteral("give one of --event FILE and --store FILE"));
    if (!store && (p.isSet(QStringLiteral("endpoint")) || p.isSet(QStringLiteral("config")) ||
                   p.isSet(QStringLiteral("matches-only"))))
        return CliSupport::fail(CliSupport::Usage,
                                QStringLiteral("--endpoint, --config and --matches-only go with "
                                               "--store"));

    const QString patternFile = p.value(QStringLiteral("pattern"));
    QByteArray text;
    QString error;
    if (!VerifyCommand::readInput(patternFile, &text, &error))
        return CliSupport::fail(CliSupport::Usage, error);
    const PatternSource::Result source =
        PatternSource::load(text, patternFile, p.value(QStringLiteral("rule")));
    if (!source.ok())
        return CliSupport::fail(CliSupport::Usage, source.error);
    PatternError patternError;
    const EventPattern pattern = EventPattern::compile(source.pattern, &patternError);
    if (!pattern.isValid()) {
        // AWS's own words first, as the contract promises; where it is and where it came from
        // after.
        printErr(patternError.message());
        if (!patternError.path.isEmpty())
            printErr(QStringLiteral(" at pattern path: %1").arg(patternError.path));
        printErr(
            QStringLiteral(" in %1%2")
                .arg(patternFile, source.origin.isEmpty()
                                      ? QString()
                                      : QStringLiteral(" (") + source.origin + QLatin1Char(')')));
        return CliSupport::Usage;
    }
    const PatternMatcher matcher(pattern);
    return store ? testStore(p, matcher) : testEvent(p, matcher);
}
