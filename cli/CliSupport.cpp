#include "cli/CliSupport.h"

#include "core/verify/ProviderRegistry.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <cstdio>
#include <memory>

namespace CliSupport {

void warnProviderProblems()
{
    for (const ProviderFile::Problem &p : ProviderRegistry::problems())
        std::fprintf(stderr, "hookbench-cli: provider file refused: %s\n", qPrintable(p.text()));
}

bool parseIds(const QStringList &values, QVector<qint64> *ids, QString *bad)
{
    for (const QString &text : values) {
        bool ok = false;
        ids->append(text.toLongLong(&ok));
        if (!ok) {
            *bad = text;
            return false;
        }
    }
    return true;
}

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

int send(const QUrl &to, const QByteArray &request)
{
    const bool tls = to.scheme() == QLatin1String("https");
    if (!tls && to.scheme() != QLatin1String("http"))
        return fail(Usage, "expected an http:// or https:// URL, found " + to.toString());
    std::unique_ptr<QTcpSocket> socket;
    if (tls) {
        auto *ssl = new QSslSocket;
        socket.reset(ssl);
        ssl->connectToHostEncrypted(to.host(), quint16(to.port(443)));
        if (!ssl->waitForEncrypted(10000))
            return fail(Environment,
                        "cannot connect to " + to.toString() + ": " + ssl->errorString());
    } else {
        socket.reset(new QTcpSocket);
        socket->connectToHost(to.host(), quint16(to.port(80)));
        if (!socket->waitForConnected(10000))
            return fail(Environment,
                        "cannot connect to " + to.toString() + ": " + socket->errorString());
    }
    socket->write(request);
    QByteArray answer;
    while (socket->state() == QAbstractSocket::ConnectedState || socket->bytesAvailable() > 0) {
        if (!socket->waitForReadyRead(30000) && socket->bytesAvailable() == 0)
            break;
        answer += socket->readAll();
    }
    answer += socket->readAll();
    if (answer.isEmpty())
        return fail(Environment, "no answer from " + to.toString());
    writeStdout(answer);
    const QList<QByteArray> status = answer.left(answer.indexOf('\n')).split(' ');
    const int code = status.size() > 1 ? status.at(1).toInt() : 0;
    return code >= 200 && code < 300 ? Success : Negative;
}

ConfigLoader::Result loadConfig(const QCommandLineParser &parser, const QString &option)
{
    return parser.isSet(option)
               ? ConfigLoader::load(parser.value(option), true, ProviderRegistry::names())
               : ConfigLoader::load(ConfigLoader::defaultPath(), false, ProviderRegistry::names());
}

} // namespace CliSupport
