#include "cli/VerifyCommand.h"

#include "cli/CliSupport.h"
#include "core/http/RequestFramer.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/Verifier.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <limits>

namespace {

const char Synopsis[] =
    "hookbench-cli verify --provider NAME [--secret-env VAR | --secret-file FILE]... "
    "[--tolerance SECONDS] [--at UNIX_SECONDS] [--url URL] [--json] REQUEST_FILE";

bool parseSeconds(const QString &text, qint64 *out)
{
    bool ok = false;
    *out = text.toLongLong(&ok);
    return ok && *out >= 0;
}

// Frames a raw request file, which holds exactly one request (CONTRACT.md, "Raw request files").
// Not RequestFramer::parse, which is for stored captures and bounds the body by the bytes at hand:
// here a body shorter than Content-Length must say so, and bytes after the request's end are
// refused rather than silently left out of what is verified.
bool frameRequestFile(const QByteArray &raw, const QString &name, ParsedRequest *parsed,
                      QString *error)
{
    FramingLimits limits;
    limits.maxHeaderBytes = qMax<qint64>(raw.size(), 1);
    limits.maxBodyBytes = std::numeric_limits<qint64>::max() / 4; // whatever the file declares
    RequestFramer framer(limits);
    RequestFramer::State state;
    do {
        state = framer.advance(raw);
    } while (state == RequestFramer::State::HeadersComplete);
    *parsed = framer.request();
    error->clear();
    const QByteArray contentLength = parsed->header("Content-Length");
    if (state == RequestFramer::State::Failed) {
        *error = QStringLiteral("%1 is not a raw HTTP request: %2 (at byte %3)")
                     .arg(name, parsed->error)
                     .arg(parsed->errorOffset);
    } else if (state == RequestFramer::State::NeedMore && parsed->headerSectionEnd < 0) {
        *error = QStringLiteral("%1 is not a raw HTTP request: it ends before its header section "
                                "does (no empty line after the headers)")
                     .arg(name);
    } else if (state == RequestFramer::State::NeedMore && parsed->chunked) {
        *error = QStringLiteral("%1: the chunked body ends before its last (zero-size) chunk, "
                                "after %2 bytes")
                     .arg(name)
                     .arg(raw.size() - parsed->headerSectionEnd);
    } else if (state == RequestFramer::State::NeedMore) {
        *error = QStringLiteral("%1: the body is shorter than Content-Length (%2 of %3 bytes): "
                                "the file was cut short, or Content-Length is wrong")
                     .arg(name)
                     .arg(raw.size() - parsed->headerSectionEnd)
                     .arg(QString::fromLatin1(contentLength));
    } else if (framer.messageEnd() < raw.size()) {
        QString where = QStringLiteral("after the last chunk");
        if (!parsed->chunked && contentLength.isEmpty())
            where = QStringLiteral("no Content-Length: the request has no body");
        else if (!parsed->chunked)
            where = QStringLiteral("after the %1 bytes of Content-Length")
                        .arg(QString::fromLatin1(contentLength));
        *error = QStringLiteral("%1: %2 bytes follow the end of the request (from byte %3, %4), "
                                "and they would not be verified: a raw request file holds one "
                                "request; remove them or correct Content-Length")
                     .arg(name)
                     .arg(raw.size() - framer.messageEnd())
                     .arg(framer.messageEnd())
                     .arg(where);
    }
    return error->isEmpty();
}

} // namespace

QList<QCommandLineOption> VerifyCommand::schemeOptions()
{
    return {
        {"header", "generic-hmac: the signature header.", "NAME"},
        {"algorithm", "generic-hmac: sha1, sha256 or sha512.", "ALG"},
        {"encoding", "generic-hmac: hex or base64.", "ENC"},
        {"prefix", "generic-hmac: text before the signature (e.g. sha256=).", "STRING"},
        {"template",
         "generic-hmac: the signed content, from {body} {timestamp} {id} {url} {method}.",
         "TEMPLATE"},
        {"timestamp-header", "generic-hmac: the header carrying {timestamp}.", "NAME"},
        {"id-header", "generic-hmac: the header carrying {id}.", "NAME"},
    };
}

QJsonObject VerifyCommand::schemeDescription(const QCommandLineParser &p)
{
    QJsonObject d;
    const QPair<const char *, const char *> keys[] = {
        {"header", "header"},      {"algorithm", "algorithm"},
        {"encoding", "encoding"},  {"prefix", "prefix"},
        {"template", "template"},  {"timestamp-header", "timestamp_header"},
        {"id-header", "id_header"}};
    for (const auto &k : keys) {
        if (p.isSet(QLatin1String(k.first)))
            d.insert(QLatin1String(k.second), p.value(QLatin1String(k.first)));
    }
    return d;
}

bool VerifyCommand::readInput(const QString &path, QByteArray *bytes, QString *error)
{
    QFile f;
    const bool ok = path == QLatin1String("-") ? f.open(stdin, QIODevice::ReadOnly)
                                               : (f.setFileName(path), f.open(QIODevice::ReadOnly));
    if (!ok) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    *bytes = f.readAll();
    return true;
}

bool VerifyCommand::readSecrets(const QStringList &args, QList<QByteArray> *secrets, QString *error)
{
    // QCommandLineParser keeps each option's values apart; the order across the two options
    // matters (secrets are tried in order), so read them from the arguments directly.
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--"))
            break;
        QString kind, value;
        for (const char *name : {"--secret-env", "--secret-file"}) {
            const QString n = QLatin1String(name);
            if (a == n && i + 1 < args.size()) {
                kind = n;
                value = args.at(++i);
            } else if (a.startsWith(n + QLatin1Char('='))) {
                kind = n;
                value = a.mid(n.size() + 1);
            }
        }
        if (kind == QLatin1String("--secret-env")) {
            if (!env.contains(value)) {
                *error = QStringLiteral("--secret-env: the variable %1 is not set").arg(value);
                return false;
            }
            // The value exactly: whitespace in it is something the diagnosis should see.
            secrets->append(qgetenv(value.toLocal8Bit().constData()));
        } else if (kind == QLatin1String("--secret-file")) {
            QByteArray bytes;
            if (!readInput(value, &bytes, error))
                return false;
            // As $(cat FILE): one trailing line break removed, nothing else.
            if (bytes.endsWith("\r\n"))
                bytes.chop(2);
            else if (bytes.endsWith('\n'))
                bytes.chop(1);
            secrets->append(bytes);
        }
    }
    return true;
}

int VerifyCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption provider("provider", "Provider name (see providers) or auto.", "NAME");
    const QCommandLineOption secretEnv("secret-env",
                                       "Secret from an environment variable (repeatable).", "VAR");
    const QCommandLineOption secretFile(
        "secret-file", "Secret from a file, one trailing newline removed (repeatable).", "FILE");
    const QCommandLineOption tolerance(
        "tolerance", "Timestamp tolerance in seconds (0: not checked).", "SECONDS");
    const QCommandLineOption at("at", "Judge timestamps against this time (default: now).",
                                "UNIX_SECONDS");
    const QCommandLineOption url("url", "The URL the provider signed (Twilio, Square, HubSpot).",
                                 "URL");
    const QCommandLineOption json("json", "Print the verdict as one line of JSON.");
    p.addOptions({provider, secretEnv, secretFile, tolerance, at, url, json});
    p.addOptions(schemeOptions());
    p.addPositionalArgument("REQUEST_FILE", "Raw HTTP request file, - for stdin.");
    if (int code = CliSupport::parse(p, args, Synopsis); code >= 0)
        return code;

    if (!p.isSet(provider))
        return CliSupport::fail(CliSupport::Usage, QStringLiteral("verify needs --provider NAME"));
    const QString name = p.value(provider);
    if (name != QLatin1String("auto") && !ProviderRegistry::names().contains(name))
        return CliSupport::fail(
            CliSupport::Usage,
            QStringLiteral("unknown provider '%1' (see hookbench-cli providers)").arg(name));
    if (p.positionalArguments().size() != 1)
        return CliSupport::fail(CliSupport::Usage, QStringLiteral("verify takes one REQUEST_FILE"));

    VerifyOptions options;
    options.provider = name;
    if (name == QLatin1String("generic-hmac")) {
        options.scheme = schemeDescription(p);
        QString error;
        if (!ProviderRegistry::genericScheme(options.scheme, &error))
            return CliSupport::fail(CliSupport::Usage, error);
    }
    qint64 n = 0;
    if (p.isSet(tolerance)) {
        if (!parseSeconds(p.value(tolerance), &n) || n > INT_MAX)
            return CliSupport::fail(CliSupport::Usage,
                                    "--tolerance expects seconds, found " + p.value(tolerance));
        options.toleranceS = int(n);
    }
    options.atS = QDateTime::currentSecsSinceEpoch();
    if (p.isSet(at)) {
        if (!parseSeconds(p.value(at), &n))
            return CliSupport::fail(CliSupport::Usage,
                                    "--at expects unix seconds, found " + p.value(at));
        options.atS = n;
    }
    options.url = p.value(url);
    QString error;
    if (!readSecrets(args, &options.secrets, &error))
        return CliSupport::fail(CliSupport::Usage, error);
    QByteArray raw;
    if (!readInput(p.positionalArguments().first(), &raw, &error))
        return CliSupport::fail(CliSupport::Usage, error);
    ParsedRequest parsed;
    if (!frameRequestFile(raw, p.positionalArguments().first(), &parsed, &error))
        return CliSupport::fail(CliSupport::Usage, error);

    const Verdict verdict = Verifier::verify(raw, parsed, options);
    if (p.isSet(json))
        CliSupport::writeStdout(QJsonDocument(verdict.toJson()).toJson(QJsonDocument::Compact) +
                                '\n');
    else
        CliSupport::writeStdout(verdict.humanReport().toUtf8());
    return verdict.valid ? CliSupport::Success : CliSupport::Negative;
}
