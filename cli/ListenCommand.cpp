#include "cli/ListenCommand.h"

#include "cli/CliSupport.h"
#include "cli/EndpointSecrets.h"
#include "cli/StoreFailureLog.h"
#include "core/config/BindAddress.h"
#include "core/config/ConfigLoader.h"
#include "core/io/CaptureJson.h"
#include "core/pipeline/CaptureSession.h"
#include "core/platform/TerminationSignals.h"
#include "core/store/CaptureStore.h"

#include "core/secrets/AwsKeychain.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <cstdio>

namespace {

// The access keys of the endpoints whose EventBridge credentials are "keychain". False with
// *error (one line, exit 3) when the keychain cannot be used; an endpoint without a stored key
// only gets a warning, and its events go to the dead-letter list saying so.
bool loadAwsKeys(const AppConfig &config, StoredAwsKeys *keys, QString *error)
{
    AwsKeychain keychain;
    keys->setService(keychain.service());
    for (const EndpointConfig &e : config.endpoints) {
        if (!e.forward.eventBridge ||
            e.forward.eventBridge->credentials != EventBridgeForwardTarget::Credentials::Keychain)
            continue;
        const AwsKeychain::Result read = keychain.readNow(e.id);
        if (read.status == SecretStore::Status::Unavailable) {
            *error = QStringLiteral("endpoint \"%1\" forwards to EventBridge with an access key "
                                    "stored in the keychain: %2")
                         .arg(e.id, read.error);
            return false;
        }
        if (read.key) {
            keys->insert(e.id, *read.key);
            continue;
        }
        if (!read.ok())
            keys->setError(e.id, read.error);
        const AwsCredentialResolver::Result why = keys->lookup(e.id);
        std::fprintf(stderr, "hookbench-cli: warning: %s\n", qPrintable(why.error));
    }
    return true;
}

} // namespace

int ListenCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption bind("bind", "Address to listen on (default 127.0.0.1).", "ADDR");
    const QCommandLineOption port("port", "Port to listen on (default 8787).", "N");
    const QCommandLineOption config("config", "Config file (default: the user's).", "FILE");
    const QCommandLineOption store("store", "Capture store (default: the user's).", "FILE");
    const QCommandLineOption jsonl("jsonl", "Print one JSON object per stored capture.");
    const QCommandLineOption secretEnv(
        "secret-env",
        "Use the variable VAR's value as ENDPOINT_ID's secret (instead of the keychain).",
        "ENDPOINT_ID=VAR");
    p.addOptions({bind, port, config, store, jsonl, secretEnv});
    if (int code = CliSupport::parse(
            p, args,
            "hookbench-cli listen [--bind ADDR] [--port N] "
            "[--config FILE] [--store FILE] [--secret-env ENDPOINT_ID=VAR]... [--jsonl]");
        code >= 0)
        return code;
    if (!p.positionalArguments().isEmpty())
        return CliSupport::fail(CliSupport::Usage, "listen takes no positional arguments");

    const ConfigLoader::Result loaded = CliSupport::loadConfig(p);
    if (!loaded.ok())
        return CliSupport::fail(CliSupport::Usage, loaded.error);

    CaptureSession::Options settings;
    settings.config = loaded.config;
    QString secretsError;
    if (!EndpointSecrets::load(loaded.config, p.values(secretEnv), &settings.secrets,
                               &secretsError))
        return CliSupport::fail(CliSupport::Usage, secretsError);
    if (!loadAwsKeys(loaded.config, &settings.awsKeys, &secretsError))
        return CliSupport::fail(CliSupport::Environment, secretsError);
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
    if (!BindAddress::parse(settings.bind, &address))
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
    CaptureSession server;
    // Connected before the listener starts, so the very first capture is printed too; each
    // capture once, when its verdict is complete (hazards included).
    if (p.isSet(jsonl)) {
        QObject::connect(&server, &CaptureSession::completed, [&server](const CaptureSummary &s) {
            const EndpointConfig *e = server.context()->config().endpointForPath(s.target);
            const QByteArray line =
                CaptureJson::compact(CaptureJson::listenLine(s, e ? e->provider : QString()));
            std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
            std::fflush(stdout);
        });
    }
    // A full disk fails every request: the first failure in full, then a count every 10 s.
    StoreFailureLog failureLog;
    QElapsedTimer clock;
    clock.start();
    const auto print = [](const QStringList &lines) {
        for (const QString &line : lines)
            std::fprintf(stderr, "hookbench-cli: %s\n", qPrintable(line));
    };
    QTimer failureTicks; // also the context of the connection: it goes before failureLog does
    QObject::connect(&server, &CaptureSession::storeFailed, &failureTicks,
                     [&](const QString &why) { print(failureLog.failed(why, clock.elapsed())); });
    QObject::connect(&failureTicks, &QTimer::timeout,
                     [&] { print(failureLog.tick(clock.elapsed())); });
    failureTicks.start(1000);
    QString error;
    if (!server.start(settings, &error))
        return CliSupport::fail(CliSupport::Environment, error);
    std::fprintf(stderr, "hookbench-cli: listening on %s, storing in %s\n",
                 qPrintable(server.url()), qPrintable(settings.storePath));
    const int code = QCoreApplication::exec();
    server.close();
    return code == 0 ? CliSupport::Success : CliSupport::Environment;
}
