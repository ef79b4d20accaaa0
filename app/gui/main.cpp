// hookbench: the desktop app. Argument parsing and wiring only.
#include "core/Version.h"
#include "core/config/ConfigLoader.h"
#include "core/pipeline/CaptureSession.h"
#include "core/platform/SingleInstance.h"
#include "core/secrets/AwsKeychain.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/CaptureStore.h"
#include "core/verify/ProviderRegistry.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("hookbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Hookbench, the webhook inspector"));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption bind("bind", "Address to listen on (default 127.0.0.1).", "ADDR");
    const QCommandLineOption port("port", "Port to listen on (default 8787).", "N");
    const QCommandLineOption config("config", "Config file (default: the user's).", "FILE");
    const QCommandLineOption store("store", "Capture store (default: the user's).", "FILE");
    const QCommandLineOption noListen("no-listen", "Open without starting the listener.");
    parser.addOptions({bind, port, config, store, noListen});
    parser.addPositionalArgument("files", "Capture stores to open.", "[FILE...]");
    // --help and --version need no display: answered (and exited) before QApplication, which
    // aborts without one. Other mistakes are reported by process() below.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (parser.parse(arguments) && (parser.isSet(help) || parser.isSet(version))) {
        QCoreApplication core(argc, argv);
        parser.process(core);
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Hookbench"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.hookbench.Hookbench"));
    parser.process(app);

    // Files for a window that is already open go to it (the file manager's "Open with").
    QStringList files;
    for (const QString &file : parser.positionalArguments())
        files.append(QFileInfo(file).absoluteFilePath());
    SingleInstance instance(QStringLiteral("io.github.hookbench.Hookbench"));
    if (!files.isEmpty() && instance.handOver(files))
        return 0;
    instance.listen();

    const ConfigLoader::Result loaded =
        parser.isSet(config)
            ? ConfigLoader::load(parser.value(config), true, ProviderRegistry::names())
            : ConfigLoader::load(ConfigLoader::defaultPath(), false, ProviderRegistry::names());
    CaptureSession::Options settings;
    settings.config = loaded.config;
    settings.bind = parser.isSet(bind) ? parser.value(bind) : loaded.config.bind;
    settings.port = parser.isSet(port) ? quint16(parser.value(port).toUInt()) : loaded.config.port;
    settings.storePath = parser.isSet(store) ? parser.value(store) : CaptureStore::defaultPath();

    CaptureSession session;
    KeychainSecretStore keychain;
    AwsKeychain awsKeys;
    MainWindow window(&session, &keychain, settings);
    window.setAwsKeychain(&awsKeys);
    window.loadAwsKeys();
    window.setConfigPath(parser.isSet(config) ? parser.value(config) : ConfigLoader::defaultPath());
    window.show();
    window.setConfigProblem(loaded.error);
    QObject::connect(&instance, &SingleInstance::filesReceived, &window, &MainWindow::openFiles);
    const bool opened =
        files.isEmpty() ? window.openStore(settings.storePath) : window.openFiles(files);
    const bool listen = opened && !parser.isSet(noListen);
    window.loadSecrets([&window, listen] {
        if (listen)
            window.startListener();
    });
    return QApplication::exec();
}
