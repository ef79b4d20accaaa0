#include "cli/SecretsCommand.h"

#include "cli/CliSupport.h"
#include "core/config/ConfigLoader.h"
#include "core/secrets/BlockingSecretStore.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/SecretRotation.h"
#include "core/verify/ProviderRegistry.h"

#include <QFile>
#include <cstdio>
#include <cstring>

namespace {

const char Synopsis[] =
    "hookbench-cli secrets set ENDPOINT_ID (--from-env VAR | --from-stdin) [--config FILE]\n"
    "hookbench-cli secrets list [--config FILE]\n"
    "hookbench-cli secrets delete ENDPOINT_ID\n"
    "\n"
    "Signing secrets live in the OS keychain (Secret Service, macOS Keychain, Windows Credential\n"
    "Manager) under the service \"hookbench\", keyed by endpoint id; never in the config file,\n"
    "the store, logs or exports. Without a keychain these commands fail (exit 3) rather than\n"
    "store a secret anywhere else.\n"
    "\n"
    "set     adds the secret as the endpoint's current one, labelled with its creation date, and\n"
    "        keeps the former current secret as the previous one, so that requests signed before\n"
    "        a rotation still verify; older secrets are dropped. --from-env uses the variable's\n"
    "        value exactly; --from-stdin reads all of stdin and removes one trailing \\n or "
    "\\r\\n.\n"
    "list    prints, for each endpoint of the config file, its id, how many secrets it has and\n"
    "        their labels (never the values). The keychain cannot be enumerated, so secrets of\n"
    "        endpoints no longer in the config are not listed: delete them by id.\n"
    "delete  removes all secrets of the endpoint (exit 1 if it had none).";

int keychainFailure(const SecretStore::Result &r)
{
    return CliSupport::fail(CliSupport::Environment, r.error);
}

// Reads stdin into buffers that are wiped before they are released (a growing QByteArray would
// free copies of the secret unwiped).
QByteArray readStdin()
{
    QByteArray all;
    char chunk[4096];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        if (all.size() + qsizetype(n) > all.capacity()) {
            QByteArray bigger;
            bigger.reserve(2 * (all.size() + qsizetype(n)));
            bigger.append(all);
            SigningSecret::wipe(all);
            all = std::move(bigger);
        }
        all.append(chunk, qsizetype(n));
    }
    std::memset(chunk, 0, sizeof chunk);
    // One trailing line break, as shell $(cat FILE) and verify --secret-file do.
    if (all.endsWith("\r\n"))
        all.chop(2);
    else if (all.endsWith('\n'))
        all.chop(1);
    return all;
}

// A typo in the id would store a secret no endpoint uses; say so, but a secret may well be set
// before its endpoint is added.
void warnIfUnknown(const QString &endpointId, const QString &configPath)
{
    const ConfigLoader::Result loaded =
        ConfigLoader::load(configPath, false, ProviderRegistry::names());
    if (!loaded.ok() || !QFile::exists(configPath))
        return;
    for (const EndpointConfig &e : loaded.config.endpoints) {
        if (e.id == endpointId)
            return;
    }
    std::fprintf(stderr,
                 "hookbench-cli: warning: no endpoint \"%s\" in %s; the secret is stored anyway\n",
                 qPrintable(endpointId), qPrintable(configPath));
}

int set(const QString &endpointId, QByteArray &value)
{
    KeychainSecretStore store;
    BlockingSecretStore keychain(store);
    SecretStore::Result existing = keychain.read(endpointId);
    if (!existing.ok())
        return keychainFailure(existing);
    QList<SigningSecret> list =
        SecretRotation::add(existing.secrets, value, QDateTime::currentDateTimeUtc());
    SigningSecret::wipe(existing.secrets);
    SigningSecret::wipe(value);
    const SecretStore::Result written = keychain.write(endpointId, list);
    const QString label = list.first().label;
    const qsizetype previous = list.size() - 1;
    SigningSecret::wipe(list);
    if (!written.ok())
        return keychainFailure(written);
    CliSupport::writeStdout(
        QStringLiteral("%1: stored the new secret as current (%2)%3\n")
            .arg(endpointId, label,
                 previous > 0 ? QStringLiteral("; the previous one is kept") : QString())
            .toUtf8());
    return CliSupport::Success;
}

int list(const QString &configPath, bool mustExist)
{
    const ConfigLoader::Result loaded =
        ConfigLoader::load(configPath, mustExist, ProviderRegistry::names());
    if (!loaded.ok())
        return CliSupport::fail(CliSupport::Usage, loaded.error);
    if (loaded.config.endpoints.isEmpty()) {
        std::fprintf(stderr, "hookbench-cli: no endpoints in %s\n", qPrintable(configPath));
        return CliSupport::Success;
    }
    KeychainSecretStore store;
    BlockingSecretStore keychain(store);
    QByteArray out;
    for (const EndpointConfig &e : loaded.config.endpoints) {
        SecretStore::Result r = keychain.read(e.id);
        if (!r.ok())
            return keychainFailure(r);
        QStringList labels;
        for (qsizetype i = 0; i < r.secrets.size(); ++i)
            labels.append(r.secrets.at(i).label +
                          (i == 0 ? QStringLiteral(" (current)") : QStringLiteral(" (previous)")));
        out += QStringLiteral("%1\t%2\t%3\n")
                   .arg(e.id)
                   .arg(r.secrets.size())
                   .arg(labels.join(QStringLiteral("; ")))
                   .toUtf8();
        SigningSecret::wipe(r.secrets);
    }
    CliSupport::writeStdout(out);
    return CliSupport::Success;
}

int remove(const QString &endpointId)
{
    KeychainSecretStore store;
    BlockingSecretStore keychain(store);
    SecretStore::Result existing = keychain.read(endpointId);
    if (existing.status == SecretStore::Status::Unavailable)
        return keychainFailure(existing);
    // An entry that cannot be decoded (Failed) is still deleted: that is how to get rid of it.
    const qsizetype count = existing.secrets.size();
    SigningSecret::wipe(existing.secrets);
    if (existing.ok() && count == 0)
        return CliSupport::fail(
            CliSupport::Negative,
            QStringLiteral("no secrets stored for endpoint \"%1\"").arg(endpointId));
    const SecretStore::Result removed = keychain.remove(endpointId);
    if (!removed.ok())
        return keychainFailure(removed);
    CliSupport::writeStdout(
        QStringLiteral("%1: deleted %2 secret(s)\n").arg(endpointId).arg(count).toUtf8());
    return CliSupport::Success;
}

} // namespace

int SecretsCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption fromEnv("from-env", "set: take the secret from this variable.", "VAR");
    const QCommandLineOption fromStdin("from-stdin", "set: read the secret from stdin.");
    const QCommandLineOption config("config", "list, set: config file (default: the user's).",
                                    "FILE");
    p.addOptions({fromEnv, fromStdin, config});
    p.addPositionalArgument("set|list|delete", "What to do.");
    p.addPositionalArgument("ENDPOINT_ID", "The endpoint (set and delete).", "[ENDPOINT_ID]");
    if (int code = CliSupport::parse(p, args, Synopsis); code >= 0)
        return code;

    const QStringList positional = p.positionalArguments();
    const QString action = positional.value(0);
    if (action == QLatin1String("list")) {
        if (positional.size() > 1 || p.isSet(fromEnv) || p.isSet(fromStdin))
            return CliSupport::fail(CliSupport::Usage,
                                    "secrets list takes no ENDPOINT_ID and no --from-* option");
        return list(p.isSet(config) ? p.value(config) : ConfigLoader::defaultPath(),
                    p.isSet(config));
    }
    if (action != QLatin1String("set") && action != QLatin1String("delete"))
        return CliSupport::fail(
            CliSupport::Usage,
            action.isEmpty()
                ? QStringLiteral("secrets needs set, list or delete (see --help)")
                : "unknown secrets action '" + action + "' (expected set, list or delete)");
    if (positional.size() != 2 || positional.at(1).isEmpty())
        return CliSupport::fail(CliSupport::Usage,
                                "secrets " + action + " needs exactly one ENDPOINT_ID");
    const QString endpointId = positional.at(1);
    if (action == QLatin1String("delete")) {
        if (p.isSet(fromEnv) || p.isSet(fromStdin) || p.isSet(config))
            return CliSupport::fail(CliSupport::Usage, "secrets delete takes no options");
        return remove(endpointId);
    }

    if (p.isSet(fromEnv) == p.isSet(fromStdin))
        return CliSupport::fail(CliSupport::Usage,
                                "secrets set needs exactly one of --from-env VAR and --from-stdin");
    QByteArray value;
    if (p.isSet(fromEnv)) {
        const QByteArray name = p.value(fromEnv).toLocal8Bit();
        if (name.isEmpty() || !qEnvironmentVariableIsSet(name.constData()))
            return CliSupport::fail(CliSupport::Usage,
                                    "the environment variable " + p.value(fromEnv) + " is not set");
        value = qgetenv(name.constData());
    } else {
        value = readStdin();
    }
    if (value.isEmpty())
        return CliSupport::fail(CliSupport::Usage, "the secret is empty; nothing was stored");
    warnIfUnknown(endpointId, p.isSet(config) ? p.value(config) : ConfigLoader::defaultPath());
    return set(endpointId, value);
}
