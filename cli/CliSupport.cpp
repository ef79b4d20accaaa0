#include "cli/CliSupport.h"

#include <cstdio>

namespace CliSupport {

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "hookbench-cli: %s\n", qPrintable(message));
    return code;
}

int parse(QCommandLineParser &parser, const QStringList &args, const char *synopsis)
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

void writeStdout(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace CliSupport
