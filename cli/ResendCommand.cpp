#include "cli/ResendCommand.h"

#include "cli/CliSupport.h"
#include "core/config/ConfigLoader.h"
#include "core/forward/LocalForwardRequest.h"
#include "core/forward/ResignHeaders.h"
#include "core/http/RequestFramer.h"
#include "core/secrets/BlockingSecretStore.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/CaptureStore.h"
#include "core/verify/ProviderRegistry.h"

#include <QDateTime>
#include <QFile>
#include <cstdio>

int ResendCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption store("store", "Capture store to read.", "FILE");
    const QCommandLineOption id("id", "The capture to send.", "ID");
    const QCommandLineOption to("to", "Send here (default: the endpoint's forward.http target).",
                                "URL");
    const QCommandLineOption resign("resign", "Sign again with the endpoint's secret and a fresh "
                                              "timestamp.");
    const QCommandLineOption config("config", "Config file (default: the user's).", "FILE");
    p.addOptions({store, id, to, resign, config});
    if (int code = CliSupport::parse(p, args,
                                     "hookbench-cli resend --store FILE --id ID [--to URL] "
                                     "[--resign] [--config FILE]");
        code >= 0)
        return code;
    if (!p.isSet(store) || !p.isSet(id))
        return CliSupport::fail(CliSupport::Usage, "resend needs --store FILE and --id ID");
    bool ok = false;
    const qint64 captureId = p.value(id).toLongLong(&ok);
    if (!ok)
        return CliSupport::fail(CliSupport::Usage, "--id expects a number, found " + p.value(id));
    const ConfigLoader::Result loaded =
        p.isSet(config)
            ? ConfigLoader::load(p.value(config), true, ProviderRegistry::names())
            : ConfigLoader::load(ConfigLoader::defaultPath(), false, ProviderRegistry::names());
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

    HttpForwardTarget target;
    if (p.isSet(to)) {
        target.url = QUrl(p.value(to), QUrl::StrictMode);
        if (!target.url.isValid() || target.url.host().isEmpty() ||
            (target.url.scheme() != "http" && target.url.scheme() != "https"))
            return CliSupport::fail(
                CliSupport::Usage, "--to expects an http:// or https:// URL, found " + p.value(to));
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

    const ParsedRequest parsed = RequestFramer::parse(capture->raw);
    LocalForwardRequest::Headers replace;
    if (p.isSet(resign)) {
        if (!endpoint)
            return CliSupport::fail(CliSupport::Usage,
                                    QStringLiteral("--resign: capture %1's endpoint \"%2\" is not "
                                                   "in the config, so its provider is unknown")
                                        .arg(captureId)
                                        .arg(capture->summary.endpointId));
        KeychainSecretStore keychain;
        BlockingSecretStore blocking(keychain);
        const SecretStore::Result read = blocking.read(endpoint->id);
        if (read.status != SecretStore::Status::Ok || read.secrets.isEmpty())
            return CliSupport::fail(CliSupport::Environment,
                                    QStringLiteral("--resign: no secret for endpoint \"%1\" in "
                                                   "the keychain (hookbench-cli secrets set %1)")
                                        .arg(endpoint->id));
        const ResignHeaders::Result signed_ =
            ResignHeaders::forCapture(*endpoint, read.secrets.first().value, capture->raw, parsed,
                                      target.url, QDateTime::currentSecsSinceEpoch());
        if (!signed_.error.isEmpty())
            return CliSupport::fail(CliSupport::Usage, "--resign: " + signed_.error);
        replace = signed_.headers;
        std::fprintf(stderr, "hookbench-cli: %s\n", qPrintable(ResignHeaders::note(signed_)));
    }
    return CliSupport::send(target.url,
                            LocalForwardRequest::build(capture->raw, parsed, target, replace));
}
