#include "cli/ImportCommand.h"

#include "cli/CliSupport.h"
#include "cli/EndpointSecrets.h"
#include "core/config/ConfigLoader.h"
#include "core/io/ImportShapes.h"
#include "core/pipeline/CaptureImporter.h"

#include <QFile>
#include <cstdio>

namespace {

const char *const Synopsis =
    "hookbench-cli import --store FILE "
    "[--format har|raw|jsonl|apigw|lambda|sqs|eventbridge|cwlogs] [--config FILE] "
    "[--secret-env ENDPOINT_ID=VAR]... INPUT...";

QString verdictSummary(const QMap<QString, qint64> &verdicts)
{
    QStringList parts;
    for (auto it = verdicts.begin(); it != verdicts.end(); ++it)
        parts.append(QStringLiteral("%1 %2")
                         .arg(it.key().isEmpty() ? QStringLiteral("unverified") : it.key())
                         .arg(it.value()));
    return parts.join(QStringLiteral(", "));
}

} // namespace

int ImportCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption store("store", "Capture store to import into (created if needed).",
                                   "FILE");
    const QCommandLineOption format(
        "format",
        "The inputs' shape: " + ImportShapes::names().join(QStringLiteral(", ")) +
            " (default: detected from each input, and said on stderr). apigw: API Gateway "
            "mapping template output; lambda: Lambda proxy events (v1, v2); sqs: SQS records or "
            "receive-message output; eventbridge: EventBridge events; cwlogs: CloudWatch Logs "
            "(filter-log-events output or log lines) where a function printed such events.",
        "FORMAT");
    const QCommandLineOption config(
        "config", "Config file whose endpoints verify the captures (default: the user's).", "FILE");
    const QCommandLineOption secretEnv(
        "secret-env",
        "Use the variable VAR's value as ENDPOINT_ID's secret (instead of the keychain).",
        "ENDPOINT_ID=VAR");
    p.addOptions({store, format, config, secretEnv});
    p.addPositionalArgument("INPUT", "A file to import; - reads standard input.", "INPUT...");
    if (int code = CliSupport::parse(p, args, Synopsis); code >= 0)
        return code;
    const QStringList inputs = p.positionalArguments();
    if (!p.isSet(store) || inputs.isEmpty())
        return CliSupport::fail(CliSupport::Usage, "import needs --store FILE and an INPUT");
    if (p.isSet(format) && !ImportShapes::create(p.value(format)))
        return CliSupport::fail(CliSupport::Usage,
                                "--format expects " +
                                    ImportShapes::names().join(QStringLiteral(", ")) + ", found " +
                                    p.value(format));

    const ConfigLoader::Result loaded = CliSupport::loadConfig(p);
    if (!loaded.ok())
        return CliSupport::fail(CliSupport::Usage, loaded.error);
    CaptureVerifier::Secrets secrets;
    QString error;
    if (!EndpointSecrets::load(loaded.config, p.values(secretEnv), &secrets, &error))
        return CliSupport::fail(CliSupport::Usage, error);

    // Every input is opened and its shape found before anything is stored.
    struct Input
    {
        QString name;
        std::unique_ptr<QFile> file;
        std::unique_ptr<ImportShape> shape;
    };
    std::vector<Input> opened;
    for (const QString &name : inputs) {
        Input in{name, std::make_unique<QFile>(), nullptr};
        const bool ok = name == QLatin1String("-")
                            ? in.file->open(stdin, QIODevice::ReadOnly)
                            : (in.file->setFileName(name), in.file->open(QIODevice::ReadOnly));
        if (!ok)
            return CliSupport::fail(CliSupport::Usage,
                                    "cannot read " + name + ": " + in.file->errorString());
        if (p.isSet(format)) {
            in.shape = ImportShapes::create(p.value(format));
        } else {
            in.shape = ImportShapes::detect(in.file->peek(ImportShapes::DetectBytes));
            if (!in.shape)
                return CliSupport::fail(CliSupport::Usage,
                                        name + ": not a shape import knows (" +
                                            ImportShapes::names().join(QStringLiteral(", ")) +
                                            "); give --format");
            std::fprintf(stderr, "hookbench-cli: %s: read as %s (detected)\n", qPrintable(name),
                         qPrintable(in.shape->name()));
        }
        opened.push_back(std::move(in));
    }

    CaptureImporter importer(std::make_shared<CaptureVerifier>(loaded.config, secrets));
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        SigningSecret::wipe(it.value());
    if (!importer.open(p.value(store), loaded.config.durability, &error))
        return CliSupport::fail(CliSupport::Environment, error);
    for (Input &in : opened) {
        const qint64 before = importer.stats().imported;
        in.shape->start(in.file.get(), in.name);
        const CaptureImporter::Result result = importer.run(*in.shape, in.name, &error);
        QString stored;
        if (result == CaptureImporter::Result::InputError) {
            if (!importer.finish(&stored))
                return CliSupport::fail(CliSupport::Environment, stored);
            const qint64 kept = importer.stats().imported - before;
            return CliSupport::fail(
                CliSupport::Usage,
                QStringLiteral("%1: %2 (%3 of its requests before this were imported)")
                    .arg(in.name, error)
                    .arg(kept));
        }
        if (result == CaptureImporter::Result::StoreError)
            return CliSupport::fail(CliSupport::Environment, error);
    }
    if (!importer.finish(&error))
        return CliSupport::fail(CliSupport::Environment, error);
    const CaptureImporter::Stats stats = importer.stats();
    QByteArray line = QStringLiteral("imported %1 captures").arg(stats.imported).toUtf8();
    if (stats.imported > 0)
        line += QStringLiteral(" (ids %1-%2); verdicts: %3")
                    .arg(stats.firstId)
                    .arg(stats.lastId)
                    .arg(verdictSummary(stats.verdicts))
                    .toUtf8();
    if (stats.withNotes > 0)
        line += QStringLiteral("; %1 could not be rebuilt exactly (see each capture's origin)")
                    .arg(stats.withNotes)
                    .toUtf8();
    CliSupport::writeStdout(line + '\n');
    return CliSupport::Success;
}
