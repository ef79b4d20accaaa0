// hookbench-cli: dispatches to the commands of hookbench_cli; the work is done by hookbench_core.
#include "cli/CliSupport.h"
#include "cli/ExportCommand.h"
#include "cli/ForwardCommand.h"
#include "cli/ImportCommand.h"
#include "cli/ListenCommand.h"
#include "cli/PatternCommand.h"
#include "cli/ProvidersCommand.h"
#include "cli/ResendCommand.h"
#include "cli/SecretsCommand.h"
#include "cli/SignCommand.h"
#include "cli/VerifyCommand.h"
#include "core/Version.h"

#include <QCoreApplication>
#include <cstdio>

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &args);
};

const Command Commands[] = {
    {"listen", "capture webhook requests on a local HTTP listener", &ListenCommand::run},
    {"export", "write stored captures as HAR, JSON lines, raw requests or curl commands",
     &ExportCommand::run},
    {"import", "read HAR, raw request or JSONL files into a store, verified as captures",
     &ImportCommand::run},
    {"secrets", "set, list or delete signing secrets in the OS keychain", &SecretsCommand::run},
    {"verify", "verify a request's webhook signature and explain a failure", &VerifyCommand::run},
    {"sign", "sign a body as a provider would and print or send the request", &SignCommand::run},
    {"providers", "list the providers verify and sign know, with their headers",
     &ProvidersCommand::run},
    {"pattern", "test an EventBridge rule's pattern against an event or stored captures",
     &PatternCommand::run},
    {"resend", "send a stored capture again to a local app, optionally re-signed",
     &ResendCommand::run},
    {"forward", "list the forwards of a store, or queue dead ones again", &ForwardCommand::run},
};

QByteArray usage()
{
    QByteArray text = "Usage: hookbench-cli <command> [options]\n\nCommands:\n";
    for (const Command &c : Commands)
        text += "  " + QByteArray(c.name).leftJustified(10) + c.summary + '\n';
    return text + "\nRun 'hookbench-cli <command> --help' for a command's options.\n";
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hookbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));

    QStringList args = QCoreApplication::arguments();
    const QString command = args.size() > 1 ? args.at(1) : QString();
    if (command == QLatin1String("--version") || command == QLatin1String("-V")) {
        std::printf("hookbench-cli %s\n", HOOKBENCH_VERSION);
        return CliSupport::Success;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        std::fputs(usage().constData(), stdout);
        return CliSupport::Success;
    }
    if (command.isEmpty()) {
        std::fputs(usage().constData(), stderr);
        return CliSupport::Usage;
    }
    // The commands that read provider files say which were refused (the rest still load).
    if (QStringList{"verify", "sign", "listen", "providers"}.contains(command) &&
        !args.contains(QLatin1String("--help")) && !args.contains(QLatin1String("-h")))
        CliSupport::warnProviderProblems();
    args.removeAt(1); // the command's parser sees "hookbench-cli <command> [options]"
    args[0] = QStringLiteral("hookbench-cli ") + command;
    for (const Command &c : Commands) {
        if (command == QLatin1String(c.name))
            return c.run(args);
    }
    return CliSupport::fail(CliSupport::Usage,
                            "unknown command '" + command + "' (see hookbench-cli --help)");
}
