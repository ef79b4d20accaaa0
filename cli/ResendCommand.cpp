#include "cli/ResendCommand.h"

#include "cli/CliSupport.h"
#include "cli/VerifyCommand.h"
#include "core/config/ConfigLoader.h"
#include "core/forward/ResendPlan.h"
#include "core/http/RequestFramer.h"
#include "core/secrets/BlockingSecretStore.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/CaptureStore.h"

#include <QDateTime>
#include <QFile>
#include <cstdio>

namespace {

const char Synopsis[] =
    "hookbench-cli resend --store FILE --id ID [--to URL] [--header 'Name: value']... "
    "[--remove-header NAME]... [--body FILE] [--resign] [--config FILE]\n\n"
    "Sends a stored capture again (hop-by-hop headers dropped, Host the target's, Content-Length\n"
    "from the body), with the edits given, and prints the answer's status line, headers and body.\n"
    "--remove-header goes first, then each --header replaces every header of its name (where the\n"
    "first one was) or is added; --resign then signs the edited body with the endpoint's keychain\n"
    "secret and a fresh timestamp, replacing the signature headers.\n"
    "Exit: 0 answered 2xx, 1 answered otherwise, 2 usage or input error, 3 keychain, store or\n"
    "target unreachable.";

// The endpoint's current secret from the keychain; exit code (or -1) and the secret.
int readSecret(const QString &endpointId, QByteArray *secret)
{
    KeychainSecretStore keychain;
    BlockingSecretStore blocking(keychain);
    SecretStore::Result read = blocking.read(endpointId);
    if (!read.ok())
        return CliSupport::fail(CliSupport::Environment, "--resign: " + read.error);
    if (read.secrets.isEmpty())
        return CliSupport::fail(CliSupport::Environment,
                                QStringLiteral("--resign: no secret for endpoint \"%1\" in the "
                                               "keychain (hookbench-cli secrets set %1)")
                                    .arg(endpointId));
    *secret = read.secrets.first().value;
    SigningSecret::wipe(read.secrets);
    return -1;
}

} // namespace

int ResendCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption store("store", "Capture store to read.", "FILE");
    const QCommandLineOption id("id", "The capture to send.", "ID");
    const QCommandLineOption to("to", "Send here (default: the endpoint's forward.http target).",
                                "URL");
    const QCommandLineOption header(
        "header", "Replace every header of this name, or add it (repeatable).", "Name: value");
    const QCommandLineOption remove("remove-header",
                                    "Remove every header of this name "
                                    "(repeatable).",
                                    "NAME");
    const QCommandLineOption body("body", "Send these exact bytes as the body; - for stdin.",
                                  "FILE");
    const QCommandLineOption resign("resign", "Sign again with the endpoint's secret and a fresh "
                                              "timestamp, over the body sent.");
    const QCommandLineOption config("config", "Config file (default: the user's).", "FILE");
    p.addOptions({store, id, to, header, remove, body, resign, config});
    if (int code = CliSupport::parse(p, args, Synopsis); code >= 0)
        return code;
    if (!p.positionalArguments().isEmpty())
        return CliSupport::fail(CliSupport::Usage,
                                "resend takes no arguments, found " + p.positionalArguments()[0]);
    if (!p.isSet(store) || !p.isSet(id))
        return CliSupport::fail(CliSupport::Usage, "resend needs --store FILE and --id ID");
    bool ok = false;
    const qint64 captureId = p.value(id).toLongLong(&ok);
    if (!ok)
        return CliSupport::fail(CliSupport::Usage, "--id expects a number, found " + p.value(id));

    ResendPlan::Edits edits;
    edits.resign = p.isSet(resign);
    for (const QString &line : p.values(header)) {
        QString error;
        const auto field = ResendPlan::parseHeader(line, &error);
        if (!field)
            return CliSupport::fail(CliSupport::Usage, "--header: " + error);
        edits.set.append(*field);
    }
    for (const QString &name : p.values(remove)) {
        if (const QString problem = ResendPlan::headerProblem(name.toUtf8()); !problem.isEmpty())
            return CliSupport::fail(CliSupport::Usage, "--remove-header: " + problem);
        edits.remove.append(name.toUtf8());
    }
    if (p.isSet(to)) {
        if (const QString problem = ResendPlan::urlProblem(p.value(to)); !problem.isEmpty())
            return CliSupport::fail(CliSupport::Usage, "--to " + problem);
    }
    if (p.isSet(body)) {
        QByteArray bytes;
        QString error;
        if (!VerifyCommand::readInput(p.value(body), &bytes, &error))
            return CliSupport::fail(CliSupport::Usage, "--body: " + error);
        edits.body = bytes;
    }

    const ConfigLoader::Result loaded = CliSupport::loadConfig(p);
    if (!loaded.ok())
        return CliSupport::fail(CliSupport::Usage, loaded.error);
    if (!QFile::exists(p.value(store)))
        return CliSupport::fail(CliSupport::Environment, "no store at " + p.value(store));
    CaptureStore captures;
    if (!captures.openReadOnly(p.value(store)))
        return CliSupport::fail(CliSupport::Environment, captures.errorString());
    const std::optional<Capture> capture = captures.capture(captureId);
    if (!capture)
        return CliSupport::fail(
            CliSupport::Usage,
            QStringLiteral("no capture with id %1 in %2").arg(captureId).arg(p.value(store)));
    const EndpointConfig *endpoint = loaded.config.endpointById(capture->summary.endpointId);
    const ParsedRequest parsed = RequestFramer::parse(capture->raw);

    HttpForwardTarget target;
    if (p.isSet(to)) {
        target = ResendPlan::targetFor(endpoint, QUrl(p.value(to), QUrl::StrictMode));
    } else if (endpoint && !endpoint->forward.http.isEmpty()) {
        target = endpoint->forward.http.first();
    } else {
        return CliSupport::fail(
            CliSupport::Usage,
            QStringLiteral("capture %1 has no forward target (its endpoint \"%2\" has no "
                           "forward.http in the config); give one with --to URL")
                .arg(captureId)
                .arg(capture->summary.endpointId));
    }

    QByteArray secret;
    if (edits.resign) {
        // Whether it can be re-signed at all is known before the keychain is asked.
        if (const QString problem = ResendPlan::resignProblem(endpoint, parsed); !problem.isEmpty())
            return CliSupport::fail(
                CliSupport::Usage,
                QStringLiteral("--resign: capture %1: %2").arg(captureId).arg(problem));
        if (int code = readSecret(endpoint->id, &secret); code >= 0)
            return code;
    }
    const ResendPlan::Result plan = ResendPlan::build(capture->raw, parsed, target, edits, endpoint,
                                                      secret, QDateTime::currentSecsSinceEpoch());
    SigningSecret::wipe(secret);
    if (!plan.error.isEmpty())
        return CliSupport::fail(CliSupport::Usage, plan.error);
    if (!plan.note.isEmpty())
        std::fprintf(stderr, "hookbench-cli: %s\n", qPrintable(plan.note));
    return CliSupport::send(target.url, plan.request);
}
