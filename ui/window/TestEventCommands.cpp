#include "ui/window/TestEventCommands.h"

#include "core/verify/ProviderRegistry.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TestEventCommands", text);
}

// generic-hmac's description as sign's options (VerifyCommand::schemeOptions).
QStringList schemeArguments(const QJsonObject &scheme)
{
    static const QPair<const char *, const char *> keys[] = {
        {"header", "--header"},      {"algorithm", "--algorithm"},
        {"encoding", "--encoding"},  {"prefix", "--prefix"},
        {"template", "--template"},  {"timestamp_header", "--timestamp-header"},
        {"id_header", "--id-header"}};
    QStringList out;
    for (const auto &k : keys) {
        const QJsonValue v = scheme.value(QLatin1String(k.first));
        if (v.isString())
            out << QLatin1String(k.second) << TestEventCommands::shellQuote(v.toString());
    }
    return out;
}

} // namespace

QByteArray TestEventCommands::testBody()
{
    return R"({"id":"evt_hookbench_test","object":"event","type":"hookbench.test"})";
}

QString TestEventCommands::endpointUrl(const QString &baseUrl, const EndpointConfig &endpoint)
{
    QString path = endpoint.path;
    if (!path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    return baseUrl + path;
}

QString TestEventCommands::shellQuote(const QString &word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QList<TestEventCommands::Command> TestEventCommands::forEndpoint(const QString &baseUrl,
                                                                 const EndpointConfig &endpoint)
{
    const QString url = shellQuote(endpointUrl(baseUrl, endpoint));
    const QString body = shellQuote(QString::fromUtf8(testBody()));
    QList<Command> out;
    const std::optional<ProviderScheme> scheme = ProviderRegistry::find(endpoint.provider);
    const bool generic = endpoint.provider == QLatin1String("generic-hmac");
    if (generic || (scheme && !scheme->isPublicKey())) {
        QStringList sign{QStringLiteral("printf '%s'"), body, QStringLiteral("|"),
                         QStringLiteral("hookbench-cli sign --provider"),
                         shellQuote(endpoint.provider)};
        if (generic)
            sign << schemeArguments(endpoint.scheme);
        sign << QStringLiteral("--secret-keychain") << shellQuote(endpoint.id)
             << QStringLiteral("--send") << url << QStringLiteral("-");
        out.append({Kind::Sign, tr("A signed test event"), sign.join(QLatin1Char(' ')),
                    tr("Signs with the endpoint's current secret in the keychain (Endpoints > "
                       "Edit Endpoints, or hookbench-cli secrets set %1 --from-stdin).")
                        .arg(shellQuote(endpoint.id))});
    } else if (scheme && scheme->isPublicKey()) {
        out.append({Kind::Sign, tr("A signed test event"), QString(),
                    tr("%1 signs with a private key that only %1 holds; the keychain has the "
                       "public key. Send a test event from %1's console.")
                        .arg(scheme->title)});
    }
    if (endpoint.provider == QLatin1String("stripe"))
        out.append({Kind::StripeListen,
                    tr("Events from your Stripe account, through the Stripe CLI"),
                    QStringLiteral("stripe listen --forward-to ") + url,
                    tr("The whsec_… secret it prints is the endpoint's secret.")});
    out.append({Kind::Curl, tr("A plain, unsigned request"),
                QStringLiteral("curl -H 'Content-Type: application/json' --data ") + body +
                    QLatin1Char(' ') + url,
                QString()});
    return out;
}
