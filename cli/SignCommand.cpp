#include "cli/SignCommand.h"

#include "cli/CliSupport.h"
#include "cli/VerifyCommand.h"
#include "core/capture/HeaderSyntax.h"
#include "core/secrets/BlockingSecretStore.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/Signer.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrl>
#include <cstdio>

namespace {

const char Synopsis[] =
    "hookbench-cli sign --provider NAME (--secret-env VAR | --secret-file FILE | "
    "--secret-keychain ENDPOINT_ID) [--at "
    "UNIX_SECONDS] "
    "[--id ID] [--url URL] [--header \"Name: value\"]... [--send URL] "
    "[--break stale-timestamp|tampered-body|missing-header|wrong-secret] BODY_FILE";

} // namespace

int SignCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption provider("provider", "Provider name (see providers).", "NAME");
    const QCommandLineOption secretEnv("secret-env", "Secret from an environment variable.", "VAR");
    const QCommandLineOption secretFile(
        "secret-file", "Secret from a file, one trailing newline removed.", "FILE");
    const QCommandLineOption secretKeychain(
        "secret-keychain", "The endpoint's current secret in the keychain (secrets set).",
        "ENDPOINT_ID");
    const QCommandLineOption at("at", "Sign at this time (default: now).", "UNIX_SECONDS");
    const QCommandLineOption id("id", "Delivery id (default: generated).", "ID");
    const QCommandLineOption url(
        "url",
        "The URL to sign and address (default: --send URL or http://localhost:8787/webhook).",
        "URL");
    const QCommandLineOption header("header", "An extra header \"Name: value\" (repeatable).",
                                    "HEADER");
    const QCommandLineOption sendTo("send", "Send the request to URL and print the answer.", "URL");
    const QCommandLineOption breakIt(
        "break", "stale-timestamp, tampered-body, missing-header or wrong-secret.", "WAY");
    const QCommandLineOption tolerance(
        "tolerance", "For --break stale-timestamp: the tolerance to exceed.", "SECONDS");
    p.addOptions({provider, secretEnv, secretFile, secretKeychain, at, id, url, header, sendTo,
                  breakIt, tolerance});
    // --header is both generic-hmac's signature header (NAME) and an extra header
    // ("Name: value"): the colon tells them apart.
    for (const QCommandLineOption &o : VerifyCommand::schemeOptions()) {
        if (o.names().first() != QLatin1String("header"))
            p.addOption(o);
    }
    p.addPositionalArgument("BODY_FILE", "The body to sign, - for stdin.");
    if (int code = CliSupport::parse(p, args, Synopsis); code >= 0)
        return code;

    if (!p.isSet(provider))
        return CliSupport::fail(CliSupport::Usage, QStringLiteral("sign needs --provider NAME"));
    QString error;
    const ParsedRequest none;
    QJsonObject description = VerifyCommand::schemeDescription(p);
    for (const QString &h : p.values(header)) {
        if (h.contains(QLatin1Char(':')))
            continue;
        if (const QString problem = HeaderSyntax::nameProblem(h.toUtf8()); !problem.isEmpty())
            return CliSupport::fail(CliSupport::Usage, "--header: " + problem);
        description.insert(QStringLiteral("header"), h);
    }
    const auto scheme =
        p.value(provider) == QLatin1String("auto")
            ? std::nullopt
            : ProviderRegistry::resolve(p.value(provider), description, none, &error);
    if (!scheme)
        return CliSupport::fail(CliSupport::Usage,
                                error.isEmpty() ? QStringLiteral("sign needs a named provider")
                                                : error);
    if (p.positionalArguments().size() != 1)
        return CliSupport::fail(CliSupport::Usage, QStringLiteral("sign takes one BODY_FILE"));
    QList<QByteArray> secrets;
    if (!VerifyCommand::readSecrets(args, &secrets, &error))
        return CliSupport::fail(CliSupport::Usage, error);
    if (secrets.size() + p.values(secretKeychain).size() != 1)
        return CliSupport::fail(
            CliSupport::Usage,
            QStringLiteral(
                "sign needs exactly one --secret-env, --secret-file or --secret-keychain"));
    if (p.isSet(secretKeychain)) { // the secret the app and listen verify with, never printed
        KeychainSecretStore store;
        SecretStore::Result r = BlockingSecretStore(store).read(p.value(secretKeychain));
        if (!r.ok())
            return CliSupport::fail(CliSupport::Environment, r.error);
        if (r.secrets.isEmpty())
            return CliSupport::fail(
                CliSupport::Usage,
                QStringLiteral("no secret stored for endpoint \"%1\" (hookbench-cli secrets set)")
                    .arg(p.value(secretKeychain)));
        secrets.append(r.secrets.first().value);
        SigningSecret::wipe(r.secrets);
    }

    Signer::Options o;
    o.secret = secrets.first();
    o.atS = QDateTime::currentSecsSinceEpoch();
    bool ok = true;
    if (p.isSet(at)) {
        o.atS = p.value(at).toLongLong(&ok);
        if (!ok || o.atS < 0)
            return CliSupport::fail(CliSupport::Usage,
                                    "--at expects unix seconds, found " + p.value(at));
    }
    if (p.isSet(tolerance)) {
        o.toleranceS = p.value(tolerance).toInt(&ok);
        if (!ok || o.toleranceS < 0)
            return CliSupport::fail(CliSupport::Usage,
                                    "--tolerance expects seconds, found " + p.value(tolerance));
    }
    o.id = p.value(id).toUtf8();
    if (const QString problem = HeaderSyntax::valueProblem(o.id); !problem.isEmpty())
        return CliSupport::fail(CliSupport::Usage,
                                "--id is sent as a header value, and " + problem);
    o.url = p.isSet(url) ? p.value(url) : p.value(sendTo);
    for (const QString &h : p.values(header)) {
        const qsizetype colon = h.indexOf(QLatin1Char(':'));
        if (colon < 0 && p.value(provider) == QLatin1String("generic-hmac"))
            continue; // the generic-hmac signature header, above
        if (colon <= 0)
            return CliSupport::fail(CliSupport::Usage,
                                    "--header expects \"Name: value\", found " + h);
        const QByteArray name = h.left(colon).trimmed().toUtf8();
        const QByteArray value = h.mid(colon + 1).trimmed().toUtf8();
        // CR LF in either would end the header line and add fields (or a body) of its own.
        QString problem = HeaderSyntax::nameProblem(name);
        if (problem.isEmpty())
            problem = HeaderSyntax::valueProblem(value);
        if (!problem.isEmpty())
            return CliSupport::fail(CliSupport::Usage, "--header: " + problem);
        o.headers.append({name, value});
    }
    if (p.isSet(breakIt) && !Signer::parseBreak(p.value(breakIt), &o.breakMode))
        return CliSupport::fail(CliSupport::Usage,
                                "--break expects stale-timestamp, tampered-body, missing-header or "
                                "wrong-secret, found " +
                                    p.value(breakIt));
    QByteArray body;
    if (!VerifyCommand::readInput(p.positionalArguments().first(), &body, &error))
        return CliSupport::fail(CliSupport::Usage, error);

    const Signer::Result r = Signer::sign(*scheme, body, o);
    if (r.request.isEmpty())
        return CliSupport::fail(CliSupport::Usage, r.error);
    if (!r.publicKey.isEmpty())
        std::fprintf(stderr, "hookbench-cli: public key: %s\n", r.publicKey.constData());
    if (!p.isSet(sendTo)) {
        CliSupport::writeStdout(r.request);
        return CliSupport::Success;
    }
    const QUrl to(p.value(sendTo));
    if (!to.isValid() || to.host().isEmpty())
        return CliSupport::fail(CliSupport::Usage,
                                "--send expects a URL, found " + p.value(sendTo));
    // One request per connection: the answer ends when the server closes.
    QByteArray request = r.request;
    request.insert(request.indexOf("\r\n") + 2, "Connection: close\r\n");
    return CliSupport::send(to, request);
}
