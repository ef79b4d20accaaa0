#include "cli/ProvidersCommand.h"

#include "cli/CliSupport.h"
#include "core/verify/ProviderFile.h"
#include "core/verify/ProviderRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString sourceOf(const ProviderScheme &s)
{
    switch (s.origin) {
    case ProviderScheme::Origin::Code:
        return QStringLiteral("code");
    case ProviderScheme::Origin::BuiltInFile:
        return QStringLiteral("built-in");
    case ProviderScheme::Origin::UserFile:
        break;
    }
    return QStringLiteral("user");
}

int show(const QString &name)
{
    if (name == QLatin1String("generic-hmac"))
        return CliSupport::fail(CliSupport::Negative,
                                QStringLiteral("generic-hmac is described per use (--header, "
                                               "--algorithm, ... or an endpoint's \"scheme\"), "
                                               "not as a provider file"));
    const auto scheme = ProviderRegistry::find(name);
    if (!scheme)
        return CliSupport::fail(
            CliSupport::Usage,
            QStringLiteral("unknown provider '%1' (see hookbench-cli providers)").arg(name));
    const QByteArray text = ProviderFile::write(*scheme);
    if (text.isEmpty())
        return CliSupport::fail(CliSupport::Negative,
                                QStringLiteral("%1 is defined in code (its signature is not of "
                                               "the data shape: sorted form parameters, a "
                                               "signature in the body, a public key or a JWT), "
                                               "so it has no provider file")
                                    .arg(name));
    CliSupport::writeStdout(text);
    return CliSupport::Success;
}

} // namespace

int ProvidersCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption json("json", "Print a JSON array.");
    const QCommandLineOption showOption(
        "show", "Print provider NAME's definition in the provider-file format.", "NAME");
    p.addOption(json);
    p.addOption(showOption);
    if (int code = CliSupport::parse(p, args, "hookbench-cli providers [--json] | --show NAME");
        code >= 0)
        return code;
    if (p.isSet(showOption))
        return show(p.value(showOption));

    QJsonArray list;
    QByteArray text;
    auto add = [&](const QString &name, const QString &title, const QStringList &headers,
                   const QStringList &timestamp, const QString &source, const QString &path,
                   const QString &docs) {
        QJsonObject o{{QStringLiteral("name"), name},
                      {QStringLiteral("title"), title},
                      {QStringLiteral("signature_headers"), QJsonArray::fromStringList(headers)},
                      {QStringLiteral("timestamp_headers"), QJsonArray::fromStringList(timestamp)},
                      {QStringLiteral("source"), source}};
        if (!path.isEmpty())
            o.insert(QStringLiteral("path"), path);
        if (!docs.isEmpty())
            o.insert(QStringLiteral("docs"), docs);
        list.append(o);
        text += name.leftJustified(19).toUtf8() + headers.join(QLatin1String(", ")).toUtf8();
        if (!timestamp.isEmpty())
            text += "  (timestamp: " + timestamp.join(QLatin1String(", ")).toUtf8() + ')';
        if (source == QLatin1String("user"))
            text += "  [" + path.toUtf8() + ']';
        text += '\n';
    };
    for (const ProviderScheme &s : ProviderRegistry::schemes()) {
        QStringList headers, timestamp;
        for (const auto &h : s.signatureHeaders)
            headers.append(QString::fromLatin1(h.name));
        if (s.content == ProviderScheme::Content::MailgunBody)
            headers.append(QStringLiteral("(signature in the body)"));
        for (const QByteArray &h : s.timestampHeaders)
            timestamp.append(QString::fromLatin1(h));
        add(s.name, s.title, headers, timestamp, sourceOf(s),
            s.origin == ProviderScheme::Origin::UserFile ? s.sourcePath : QString(), s.docs);
    }
    add(QStringLiteral("generic-hmac"), QStringLiteral("Generic HMAC"),
        {QStringLiteral("(--header NAME)")}, {}, QStringLiteral("code"), {}, {});
    if (p.isSet(json))
        CliSupport::writeStdout(QJsonDocument(list).toJson(QJsonDocument::Compact) + '\n');
    else
        CliSupport::writeStdout(text);
    return CliSupport::Success;
}
