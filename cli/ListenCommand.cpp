#include "ListenCommand.h"

#include "CliSupport.h"
#include "config/ConfigLoader.h"
#include "http/CaptureServer.h"
#include "io/CaptureJson.h"
#include "platform/TerminationSignals.h"
#include "store/CaptureStore.h"

#include <QCoreApplication>
#include <cstdio>

int ListenCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption bind("bind", "Address to listen on (default 127.0.0.1).", "ADDR");
    const QCommandLineOption port("port", "Port to listen on (default 8787).", "N");
    const QCommandLineOption config("config", "Config file (default: the user's).", "FILE");
    const QCommandLineOption store("store", "Capture store (default: the user's).", "FILE");
    const QCommandLineOption jsonl("jsonl", "Print one JSON object per stored capture.");
    p.addOptions({bind, port, config, store, jsonl});
    if (int code = CliSupport::parse(p, args,
                                     "hookbench-cli listen [--bind ADDR] [--port N] "
                                     "[--config FILE] [--store FILE] [--jsonl]");
        code >= 0)
        return code;
    if (!p.positionalArguments().isEmpty())
        return CliSupport::fail(CliSupport::Usage, "listen takes no positional arguments");

    const ConfigLoader::Result loaded =
        p.isSet(config) ? ConfigLoader::load(p.value(config), true)
                        : ConfigLoader::load(ConfigLoader::defaultPath(), false);
    if (!loaded.ok())
        return CliSupport::fail(CliSupport::Usage, loaded.error);

    CaptureServer::Settings settings;
    settings.config = loaded.config;
    settings.bind = p.isSet(bind) ? p.value(bind) : loaded.config.bind;
    settings.port = loaded.config.port;
    if (p.isSet(port)) {
        bool ok = false;
        const uint n = p.value(port).toUInt(&ok);
        if (!ok || n > 65535)
            return CliSupport::fail(CliSupport::Usage, "--port expects a number from 0 to 65535");
        settings.port = quint16(n);
    }
    settings.storePath = p.isSet(store) ? p.value(store) : CaptureStore::defaultPath();
    QHostAddress address;
    if (!CaptureServer::parseBindAddress(settings.bind, &address))
        return CliSupport::fail(CliSupport::Usage,
                                "--bind expects an IP address, found " + settings.bind);
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
        return CliSupport::fail(CliSupport::Environment, error);
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
    return code == 0 ? CliSupport::Success : CliSupport::Environment;
}
