#include "cli/ExportCommand.h"

#include "cli/CliSupport.h"
#include "core/io/CaptureExporter.h"
#include "core/store/CaptureStore.h"

#include <QFile>

int ExportCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption store("store", "Capture store to read.", "FILE");
    const QCommandLineOption format("format", "raw or jsonl.", "FORMAT");
    const QCommandLineOption id("id", "A capture id; repeat for several (default: all).", "ID");
    const QCommandLineOption output({"o", "output"}, "Write to FILE instead of stdout.", "FILE");
    p.addOptions({store, format, id, output});
    if (int code = CliSupport::parse(
            p, args, "hookbench-cli export --store FILE --format raw|jsonl [--id ID]... [-o FILE]");
        code >= 0)
        return code;
    if (!p.isSet(store) || !p.isSet(format))
        return CliSupport::fail(CliSupport::Usage,
                                "export needs --store FILE and --format raw|jsonl");
    CaptureExporter::Format fmt;
    if (!CaptureExporter::parseFormat(p.value(format), &fmt))
        return CliSupport::fail(CliSupport::Usage,
                                "--format expects raw or jsonl (har and curl come later), found " +
                                    p.value(format));
    QVector<qint64> ids;
    if (QString bad; !CliSupport::parseIds(p.values(id), &ids, &bad))
        return CliSupport::fail(CliSupport::Usage, "--id expects a number, found " + bad);
    if (!QFile::exists(p.value(store)))
        return CliSupport::fail(CliSupport::Environment, "no store at " + p.value(store));
    CaptureStore captures; // read only: export never writes the store it reads
    if (!captures.openReadOnly(p.value(store)))
        return CliSupport::fail(CliSupport::Environment, captures.errorString());
    for (qint64 one : ids) {
        if (!captures.capture(one))
            return CliSupport::fail(
                CliSupport::Usage,
                QStringLiteral("no capture with id %1 in %2").arg(one).arg(p.value(store)));
    }

    QFile out;
    if (p.isSet(output)) {
        out.setFileName(p.value(output));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return CliSupport::fail(CliSupport::Environment,
                                    "cannot write " + p.value(output) + ": " + out.errorString());
    } else if (!out.open(stdout, QIODevice::WriteOnly)) {
        return CliSupport::fail(CliSupport::Environment, "cannot write to standard output");
    }
    QString error;
    if (!CaptureExporter::write(captures, fmt, ids, &out, &error))
        return CliSupport::fail(CliSupport::Environment, error);
    return CliSupport::Success;
}
