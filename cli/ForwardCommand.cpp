#include "cli/ForwardCommand.h"

#include "cli/CliSupport.h"
#include "core/store/CaptureStore.h"
#include "core/store/ForwardOutbox.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <limits>

namespace {

QJsonObject toJson(const OutboxEntry &e)
{
    QJsonObject o;
    o["id"] = double(e.captureId);
    o["endpoint"] = e.endpointId;
    o["kind"] = e.kind;
    o["target"] = e.target;
    o["state"] = OutboxEntry::stateName(e.state);
    o["attempts"] = e.attempts;
    o["error_code"] = e.errorCode.isEmpty() ? QJsonValue() : QJsonValue(e.errorCode);
    o["error_message"] = e.errorMessage.isEmpty() ? QJsonValue() : QJsonValue(e.errorMessage);
    o["event_id"] = e.eventId.isEmpty() ? QJsonValue() : QJsonValue(e.eventId);
    o["http_status"] = e.httpStatus == 0 ? QJsonValue() : QJsonValue(e.httpStatus);
    if (e.state == OutboxEntry::State::Retrying)
        o["next_attempt_at"] =
            QDateTime::fromMSecsSinceEpoch(e.nextAttemptMs, Qt::UTC).toString(Qt::ISODateWithMs);
    if (!e.note.isEmpty())
        o["note"] = e.note;
    return o;
}

QString line(const OutboxEntry &e)
{
    QString text =
        QStringLiteral("%1\t%2\t%3 %4\t%5")
            .arg(e.captureId)
            .arg(OutboxEntry::stateName(e.state), e.kind, e.target, QString::number(e.attempts));
    if (!e.eventId.isEmpty())
        text += QStringLiteral("\tEventId %1").arg(e.eventId);
    else if (e.httpStatus != 0)
        text += QStringLiteral("\tHTTP %1").arg(e.httpStatus);
    if (!e.errorCode.isEmpty())
        text += QStringLiteral("\t%1: %2").arg(e.errorCode, e.errorMessage);
    return text;
}

int list(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption store("store", "Capture store to read.", "FILE");
    const QCommandLineOption state("state",
                                   "Only this state: queued, retrying, dead, delivered "
                                   "or skipped.",
                                   "STATE");
    const QCommandLineOption json("json", "One JSON object per forward.");
    p.addOptions({store, state, json});
    if (int code = CliSupport::parse(p, args,
                                     "hookbench-cli forward list --store FILE "
                                     "[--state queued|retrying|dead|delivered] [--json]");
        code >= 0)
        return code;
    if (!p.isSet(store))
        return CliSupport::fail(CliSupport::Usage, "forward list needs --store FILE");
    OutboxEntry::State wanted;
    if (p.isSet(state) && !OutboxEntry::stateFromName(p.value(state), &wanted))
        return CliSupport::fail(CliSupport::Usage,
                                "--state expects queued, retrying, dead, delivered or skipped, "
                                "found " +
                                    p.value(state));
    if (!QFile::exists(p.value(store)))
        return CliSupport::fail(CliSupport::Environment, "no store at " + p.value(store));
    CaptureStore captures;
    if (!captures.openReadOnly(p.value(store)))
        return CliSupport::fail(CliSupport::Environment, captures.errorString());
    const QVector<OutboxEntry> rows = ForwardOutbox(captures).list(
        0, p.isSet(state) ? &wanted : nullptr, std::numeric_limits<int>::max());
    QByteArray out;
    if (!p.isSet(json))
        out += "capture\tstate\ttarget\tattempts\tresult\n";
    for (const OutboxEntry &e : rows)
        out += (p.isSet(json) ? QJsonDocument(toJson(e)).toJson(QJsonDocument::Compact)
                              : line(e).toUtf8()) +
               '\n';
    CliSupport::writeStdout(out);
    return CliSupport::Success;
}

int retry(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption store("store", "Capture store.", "FILE");
    const QCommandLineOption id("id", "A capture id; repeat for several.", "ID");
    const QCommandLineOption allDead("all-dead", "Every dead forward.");
    const QCommandLineOption config("config",
                                    "Accepted for the contract; targets are read from "
                                    "the config of the process that sends.",
                                    "FILE");
    p.addOptions({store, id, allDead, config});
    if (int code = CliSupport::parse(p, args,
                                     "hookbench-cli forward retry --store FILE (--id ID... | "
                                     "--all-dead) [--config FILE]");
        code >= 0)
        return code;
    if (!p.isSet(store) || p.isSet(id) == p.isSet(allDead))
        return CliSupport::fail(CliSupport::Usage,
                                "forward retry needs --store FILE and either --id ID... or "
                                "--all-dead");
    QVector<qint64> ids;
    if (QString bad; !CliSupport::parseIds(p.values(id), &ids, &bad))
        return CliSupport::fail(CliSupport::Usage, "--id expects a number, found " + bad);
    if (!QFile::exists(p.value(store)))
        return CliSupport::fail(CliSupport::Environment, "no store at " + p.value(store));
    CaptureStore captures;
    if (!captures.open(p.value(store)))
        return CliSupport::fail(CliSupport::Environment, captures.errorString());
    const int queued = ForwardOutbox(captures).retryDead(ids, p.isSet(allDead));
    if (queued < 0)
        return CliSupport::fail(CliSupport::Environment, captures.errorString());
    std::fprintf(stderr,
                 "hookbench-cli: %d dead forward(s) queued again; the listener or the app that "
                 "has this store open sends them within a few seconds\n",
                 queued);
    return queued > 0 ? CliSupport::Success : CliSupport::Negative;
}

} // namespace

int ForwardCommand::run(const QStringList &args)
{
    // args: "hookbench-cli list|retry [options]"; the subcommand's parser sees the options.
    const QString sub = args.value(1);
    QStringList rest = args;
    if (args.size() > 1)
        rest.removeAt(1);
    if (sub == QLatin1String("list"))
        return list(rest);
    if (sub == QLatin1String("retry"))
        return retry(rest);
    return CliSupport::fail(CliSupport::Usage,
                            "forward expects list or retry (hookbench-cli forward list --store "
                            "FILE, hookbench-cli forward retry --store FILE --all-dead)");
}
