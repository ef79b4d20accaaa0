#include "cli/ExportCommand.h"

#include "cli/CliSupport.h"
#include "cli/EndpointSecrets.h"
#include "core/Version.h"
#include "core/config/ConfigLoader.h"
#include "core/io/CaptureExporter.h"
#include "core/io/CaptureRedactor.h"
#include "core/pipeline/SearchIndexer.h"
#include "core/store/CaptureQuery.h"
#include "core/store/CaptureSearch.h"
#include "core/store/CaptureStore.h"

#include <QFile>
#include <QFileInfo>
#include <cstdio>

namespace {

const char *const Synopsis =
    "hookbench-cli export --store FILE --format har|jsonl|raw|curl [--id ID]... [--filter QUERY] "
    "[--redact-secrets [--config FILE] [--secret-env ENDPOINT_ID=VAR]...] [-o FILE]";

} // namespace

int ExportCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption store("store", "Capture store to read.", "FILE");
    const QCommandLineOption format(
        "format",
        "har (HAR 1.2), jsonl (one JSON object per capture), raw (the exact bytes) or curl (a "
        "shell script of curl commands that send the exact bytes again).",
        "FORMAT");
    const QCommandLineOption id("id", "A capture id; repeat for several (default: all).", "ID");
    const QCommandLineOption filter(
        "filter",
        "Only the captures the query selects, in the filter bar's query language (e.g. "
        "'provider:stripe status:>=400 after:2d'); with --id, those of the ids it selects.",
        "QUERY");
    const QCommandLineOption redact(
        "redact-secrets",
        "Replace signature and credential headers and the endpoints' secrets with [redacted].");
    const QCommandLineOption config(
        "config", "Config file whose endpoints' secrets are redacted (default: the user's).",
        "FILE");
    const QCommandLineOption secretEnv(
        "secret-env", "Also redact the value of the variable VAR (ENDPOINT_ID's secret).",
        "ENDPOINT_ID=VAR");
    const QCommandLineOption output({"o", "output"},
                                    "Write to FILE instead of stdout (curl: body files go in "
                                    "FILE.bodies beside it).",
                                    "FILE");
    p.addOptions({store, format, id, filter, redact, config, secretEnv, output});
    if (int code = CliSupport::parse(p, args, Synopsis); code >= 0)
        return code;
    if (!p.positionalArguments().isEmpty())
        return CliSupport::fail(CliSupport::Usage, "export takes no positional arguments");
    if (!p.isSet(store) || !p.isSet(format))
        return CliSupport::fail(CliSupport::Usage,
                                "export needs --store FILE and --format har|jsonl|raw|curl");
    CaptureExporter::Options options;
    if (!CaptureExporter::parseFormat(p.value(format), &options.format))
        return CliSupport::fail(CliSupport::Usage, "--format expects " +
                                                       CaptureExporter::formatNames() + ", found " +
                                                       p.value(format));
    if (QString bad; !CliSupport::parseIds(p.values(id), &options.ids, &bad))
        return CliSupport::fail(CliSupport::Usage, "--id expects a number, found " + bad);
    if (p.isSet(secretEnv) && !p.isSet(redact))
        return CliSupport::fail(CliSupport::Usage, "--secret-env only goes with --redact-secrets");
    if (p.isSet(config) && !p.isSet(redact) && !p.isSet(filter))
        return CliSupport::fail(CliSupport::Usage,
                                "--config only goes with --redact-secrets or --filter");
    const CaptureQuery query = CaptureQuery::parse(p.value(filter));
    if (!query.isValid())
        return CliSupport::fail(CliSupport::Usage, "--filter: " + query.errorString());

    CaptureRedactor redactor;
    if (p.isSet(redact)) {
        const ConfigLoader::Result loaded = CliSupport::loadConfig(p);
        if (!loaded.ok())
            return CliSupport::fail(CliSupport::Usage, loaded.error);
        CaptureVerifier::Secrets secrets;
        QString why;
        if (!EndpointSecrets::load(loaded.config, p.values(secretEnv), &secrets, &why))
            return CliSupport::fail(CliSupport::Usage, why);
        QList<QByteArray> values;
        for (auto it = secrets.begin(); it != secrets.end(); ++it) {
            for (const SigningSecret &s : it.value())
                values.append(s.value);
        }
        redactor = CaptureRedactor(loaded.config, values);
        for (QByteArray &v : values)
            SigningSecret::wipe(v);
        for (auto it = secrets.begin(); it != secrets.end(); ++it)
            SigningSecret::wipe(it.value());
        options.redactor = &redactor;
    }

    if (!QFile::exists(p.value(store)))
        return CliSupport::fail(CliSupport::Environment, "no store at " + p.value(store));
    CaptureStore captures; // read only: export never writes the store it reads
    if (!captures.openReadOnly(p.value(store)))
        return CliSupport::fail(CliSupport::Environment, captures.errorString());
    for (qint64 one : std::as_const(options.ids)) {
        if (!captures.capture(one))
            return CliSupport::fail(
                CliSupport::Usage,
                QStringLiteral("no capture with id %1 in %2").arg(one).arg(p.value(store)));
    }
    if (p.isSet(filter)) {
        CaptureQuery::Context context;
        if (query.usesField(QStringLiteral("provider"))) { // the endpoints' providers
            const ConfigLoader::Result loaded = CliSupport::loadConfig(p);
            if (!loaded.ok())
                return CliSupport::fail(CliSupport::Usage, loaded.error);
            for (const EndpointConfig &e : loaded.config.endpoints)
                context.endpointProviders.insert(e.id, e.provider);
        }
        QString why;
        // text terms: the index beside the store is brought up to date first (a file of its
        // own; the store itself is only read)
        if (query.usesSearchIndex() && !SearchIndexer::catchUp(p.value(store), &why))
            return CliSupport::fail(CliSupport::Environment,
                                    "--filter needs the search index, which is behind: " + why);
        CaptureSearch search;
        if (!search.open(p.value(store), &why))
            return CliSupport::fail(CliSupport::Environment, why);
        const CaptureSearch::Result found = search.ids(query, {}, context);
        if (!found.ok)
            return CliSupport::fail(CliSupport::Environment, found.error);
        if (options.ids.isEmpty()) {
            options.ids = found.ids;
        } else {
            QVector<qint64> both;
            for (qint64 one : std::as_const(options.ids)) {
                if (std::binary_search(found.ids.begin(), found.ids.end(), one))
                    both.append(one);
            }
            options.ids = both;
        }
        options.onlyIds = true;
        std::fprintf(stderr, "hookbench-cli: the filter selects %lld captures\n",
                     static_cast<long long>(options.ids.size()));
    }

    QFile out;
    if (p.isSet(output)) {
        out.setFileName(p.value(output));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return CliSupport::fail(CliSupport::Environment,
                                    "cannot write " + p.value(output) + ": " + out.errorString());
        const QFileInfo info(p.value(output));
        options.bodyDir = info.absoluteFilePath() + QStringLiteral(".bodies");
        options.bodyDirFromScript = info.fileName() + QStringLiteral(".bodies");
    } else if (!out.open(stdout, QIODevice::WriteOnly)) {
        return CliSupport::fail(CliSupport::Environment, "cannot write to standard output");
    }
    options.creatorVersion = QStringLiteral(HOOKBENCH_VERSION);
    QString error;
    qint64 redacted = 0;
    if (!CaptureExporter::write(captures, options, &out, &error, &redacted)) {
        const bool input = error.contains(QLatin1String("give -o FILE"));
        return CliSupport::fail(input ? CliSupport::Usage : CliSupport::Environment, error);
    }
    if (options.redactor)
        std::fprintf(stderr, "hookbench-cli: redacted %lld of the exported captures\n",
                     static_cast<long long>(redacted));
    if (options.format == CaptureExporter::Format::Curl && QFileInfo::exists(options.bodyDir))
        std::fprintf(stderr, "hookbench-cli: bodies written to %s\n", qPrintable(options.bodyDir));
    return CliSupport::Success;
}
