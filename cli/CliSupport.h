#pragma once

#include "core/config/ConfigLoader.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVector>

// What every hookbench-cli command shares: the exit codes of CONTRACT.md and option parsing.
namespace CliSupport {

enum Exit
{
    Success = 0,
    Negative = 1,
    Usage = 2,
    Environment = 3
};

// Prints "hookbench-cli: message" on stderr and returns `code`.
int fail(int code, const QString &message);

// Adds --help, parses `args` ("hookbench-cli <command> [options...]"); returns -1 to go on, or
// the exit code to return (help printed, or a usage error).
int parse(QCommandLineParser &parser, const QStringList &args, const char *synopsis);

// The config of --config FILE (which must exist) or the user's (which may not), with every
// loaded provider's name known.
ConfigLoader::Result loadConfig(const QCommandLineParser &parser,
                                const QString &option = QStringLiteral("config"));

// Sends the exact bytes (no client library re-framing them) over a connection of its own and
// prints the whole answer on stdout;
// Success for a 2xx answer, Negative for another, Environment when nothing answered.
int send(const QUrl &to, const QByteArray &request);

// Capture ids given as --id values; false with `bad` set to the first that is not a number.
bool parseIds(const QStringList &values, QVector<qint64> *ids, QString *bad);

// Writes bytes to stdout unbuffered by Qt (binary-safe).
void writeStdout(const QByteArray &bytes);

// Prints, on stderr, each provider file that was refused (path, key, problem); the other
// providers loaded. For the commands that use providers.
void warnProviderProblems();

} // namespace CliSupport
