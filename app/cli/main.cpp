// hookbench-cli: argument parsing and wiring only; the work is done by hookbench_core.
#include "Version.h"
#include "config/ConfigLoader.h"
#include "http/CaptureServer.h"
#include "io/CaptureExporter.h"
#include "io/CaptureJson.h"
#include "platform/TerminationSignals.h"
#include "store/CaptureStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <cstdio>

namespace {

enum Exit
{
    Success = 0,
    Negative = 1,
    Usage = 2,
    Environment = 3
};

const char *const Usage_ = "Usage: hookbench-cli <command> [options]\n"
                           "\n"
                           "Commands:\n"
                           "  listen   capture webhook requests on a local HTTP listener\n"
                           "  export   write stored captures as raw requests or JSON lines\n"
                           "\n"
                           "Run 'hookbench-cli <command> --help' for a command's options.\n";

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "hookbench-cli: %s\n", qPrintable(message));
    return code;
}

// Parses a command's arguments; returns -1 to go on, or the exit code (help, usage error).
int parseCommand(QCommandLineParser &parser, const QStringList &args, const char *synopsis)
{
    parser.setApplicationDescription(QString::fromLatin1(synopsis));
    const QCommandLineOption help({"h", "help"}, "Show this help.");
    parser.addOption(help);
    if (!parser.parse(args))
        return fail(Usage, parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Success;
    }
    return -1;
}

int listen(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption bind("bind", "Address to listen on (default 127.0.0.1).", "ADDR");
    const QCommandLineOption port("port", "Port to listen on (default 8787).", "N");
    const QCommandLineOption config("config", "Config file (default: the user's).", "FILE");
    const QCommandLineOption store("store", "Capture store (default: the user's).", "FILE");
    const QCommandLineOption jsonl("jsonl", "Print one JSON object per stored capture.");
    p.addOptions({bind, port, config, store, jsonl});
    if (int code = parseCommand(p, args,
                                "hookbench-cli listen [--bind ADDR] [--port N] "
                                "[--config FILE] [--store FILE] [--jsonl]");
        code >= 0)
        return code;
    if (!p.positionalArguments().isEmpty())
        return fail(Usage, "listen takes no positional arguments");

    const ConfigLoader::Result loaded =
        p.isSet(config) ? ConfigLoader::load(p.value(config), true)
                        : ConfigLoader::load(ConfigLoader::defaultPath(), false);
    if (!loaded.ok())
        return fail(Usage, loaded.error);

    CaptureServer::Settings settings;
    settings.config = loaded.config;
    settings.bind = p.isSet(bind) ? p.value(bind) : loaded.config.bind;
    settings.port = loaded.config.port;
    if (p.isSet(port)) {
        bool ok = false;
        const uint n = p.value(port).toUInt(&ok);
        if (!ok || n > 65535)
            return fail(Usage, "--port expects a number from 0 to 65535");
        settings.port = quint16(n);
    }
    settings.storePath = p.isSet(store) ? p.value(store) : CaptureStore::defaultPath();
    QHostAddress address;
    if (!CaptureServer::parseBindAddress(settings.bind, &address))
        return fail(Usage, "--bind expects an IP address, found " + settings.bind);
    if (!address.isLoopback())
        std::fprintf(stderr,
                     "hookbench-cli: warning: listening on %s, which is not a loopback address: "
                     "other machines can send requests and read the responses\n",
                     qPrintable(settings.bind));

    // Before anything can tell a script we are up, so a prompt SIGTERM still stops us cleanly.
    TerminationSignals signals_;
    QObject::connect(&signals_, &TerminationSignals::received, qApp, &QCoreApplication::quit);
    CaptureServer server;
    QString error;
    if (!server.start(settings, &error))
        return fail(Environment, error);
    std::fprintf(stderr, "hookbench-cli: listening on %s, storing in %s\n",
                 qPrintable(server.url()), qPrintable(settings.storePath));
    if (p.isSet(jsonl)) {
        const AppConfig cfg = settings.config;
        QObject::connect(&server, &CaptureServer::captured,
                         [cfg](const QVector<CaptureSummary> &batch) {
                             for (const CaptureSummary &s : batch) {
                                 const EndpointConfig *e = cfg.endpointForPath(s.target);
                                 const QByteArray line = CaptureJson::compact(
                                     CaptureJson::listenLine(s, e ? e->provider : QString()));
                                 std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
                             }
                             std::fflush(stdout);
                         });
    }
    QObject::connect(&server, &CaptureServer::storeFailed, [](const QString &why) {
        std::fprintf(stderr, "hookbench-cli: %s\n", qPrintable(why));
    });
    const int code = QCoreApplication::exec();
    server.stop();
    return code == 0 ? Success : Environment;
}

int exportCaptures(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption store("store", "Capture store to read.", "FILE");
    const QCommandLineOption format("format", "raw or jsonl.", "FORMAT");
    const QCommandLineOption id("id", "A capture id; repeat for several (default: all).", "ID");
    const QCommandLineOption output({"o", "output"}, "Write to FILE instead of stdout.", "FILE");
    p.addOptions({store, format, id, output});
    if (int code = parseCommand(
            p, args, "hookbench-cli export --store FILE --format raw|jsonl [--id ID]... [-o FILE]");
        code >= 0)
        return code;
    if (!p.isSet(store) || !p.isSet(format))
        return fail(Usage, "export needs --store FILE and --format raw|jsonl");
    CaptureExporter::Format fmt;
    if (!CaptureExporter::parseFormat(p.value(format), &fmt))
        return fail(Usage, "--format expects raw or jsonl (har and curl come later), found " +
                               p.value(format));
    QVector<qint64> ids;
    for (const QString &text : p.values(id)) {
        bool ok = false;
        ids.append(text.toLongLong(&ok));
        if (!ok)
            return fail(Usage, "--id expects a number, found " + text);
    }
    if (!QFile::exists(p.value(store)))
        return fail(Environment, "no store at " + p.value(store));
    CaptureStore captures;
    if (!captures.open(p.value(store)))
        return fail(Environment, captures.errorString());
    for (qint64 one : ids) {
        if (!captures.capture(one))
            return fail(Usage,
                        QStringLiteral("no capture with id %1 in %2").arg(one).arg(p.value(store)));
    }

    QFile out;
    if (p.isSet(output)) {
        out.setFileName(p.value(output));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(Environment, "cannot write " + p.value(output) + ": " + out.errorString());
    } else if (!out.open(stdout, QIODevice::WriteOnly)) {
        return fail(Environment, "cannot write to standard output");
    }
    QString error;
    if (!CaptureExporter::write(captures, fmt, ids, &out, &error))
        return fail(Environment, error);
    return Success;
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
        return Success;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        std::fputs(Usage_, stdout);
        return Success;
    }
    if (command.isEmpty()) {
        std::fputs(Usage_, stderr);
        return Usage;
    }
    args.removeAt(1); // the parser sees "hookbench-cli <command> [options]"
    args[0] = QStringLiteral("hookbench-cli ") + command;
    if (command == QLatin1String("listen"))
        return listen(args);
    if (command == QLatin1String("export"))
        return exportCaptures(args);
    return fail(Usage, "unknown command '" + command + "' (see hookbench-cli --help)");
}
