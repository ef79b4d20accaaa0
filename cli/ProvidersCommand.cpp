#include "cli/ProvidersCommand.h"

#include "cli/CliSupport.h"
#include "core/verify/ProviderTable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

int ProvidersCommand::run(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption json("json", "Print a JSON array.");
    p.addOption(json);
    if (int code = CliSupport::parse(p, args, "hookbench-cli providers [--json]"); code >= 0)
        return code;

    QJsonArray list;
    QByteArray text;
    auto add = [&](const QString &name, const QString &title, const QStringList &headers,
                   const QStringList &timestamp) {
        list.append(QJsonObject{
            {QStringLiteral("name"), name},
            {QStringLiteral("title"), title},
            {QStringLiteral("signature_headers"), QJsonArray::fromStringList(headers)},
            {QStringLiteral("timestamp_headers"), QJsonArray::fromStringList(timestamp)}});
        text += name.leftJustified(19).toUtf8() + headers.join(QLatin1String(", ")).toUtf8();
        if (!timestamp.isEmpty())
            text += "  (timestamp: " + timestamp.join(QLatin1String(", ")).toUtf8() + ')';
        text += '\n';
    };
    for (const ProviderScheme &s : ProviderTable::schemes()) {
        QStringList headers, timestamp;
        for (const auto &h : s.signatureHeaders)
            headers.append(QString::fromLatin1(h.name));
        if (s.content == ProviderScheme::Content::MailgunBody)
            headers.append(QStringLiteral("(signature in the body)"));
        for (const QByteArray &h : s.timestampHeaders)
            timestamp.append(QString::fromLatin1(h));
        add(s.name, s.title, headers, timestamp);
    }
    add(QStringLiteral("generic-hmac"), QStringLiteral("Generic HMAC"),
        {QStringLiteral("(--header NAME)")}, {});
    if (p.isSet(json))
        CliSupport::writeStdout(QJsonDocument(list).toJson(QJsonDocument::Compact) + '\n');
    else
        CliSupport::writeStdout(text);
    return CliSupport::Success;
}
