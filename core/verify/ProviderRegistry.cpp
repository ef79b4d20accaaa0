#include "core/verify/ProviderRegistry.h"

#include "core/verify/ProviderCatalog.h"

#include <algorithm>

QStringList ProviderRegistry::names()
{
    QStringList out;
    for (const ProviderScheme &s : schemes())
        out.append(s.name);
    out.append(QStringLiteral("generic-hmac"));
    return out;
}

const QList<ProviderScheme> &ProviderRegistry::schemes()
{
    return ProviderCatalog::shared().schemes();
}

std::optional<ProviderScheme> ProviderRegistry::find(const QString &name)
{
    if (const ProviderScheme *s = ProviderCatalog::shared().find(name))
        return *s;
    return std::nullopt;
}

const QList<ProviderFile::Problem> &ProviderRegistry::problems()
{
    return ProviderCatalog::shared().problems();
}

QStringList ProviderRegistry::detect(const ParsedRequest &parsed)
{
    auto has = [&](const QByteArray &name) { return !parsed.header(name).isNull(); };
    // Several providers can share a header (Meta and GitHub both send X-Hub-Signature-256): the
    // one with more of its headers present is the better guess.
    QList<QPair<int, QString>> found;
    for (const ProviderScheme &s : schemes()) {
        int count = 0;
        if (s.detectBySignatureHeader) {
            for (const auto &h : s.signatureHeaders)
                count += has(h.name) ? 1 : 0;
        }
        for (const QByteArray &h : s.detectHeaders)
            count += has(h) ? 1 : 0;
        if (count > 0)
            found.append({count, s.name});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList out;
    for (const auto &f : found)
        out.append(f.second);
    // Svix also reads the webhook-* headers; with its own headers present it is the better guess.
    if (out.contains(QLatin1String("svix")) && out.contains(QLatin1String("standard-webhooks")) &&
        has("svix-signature"))
        out.removeAll(QStringLiteral("standard-webhooks"));
    return out;
}

std::optional<ProviderScheme> ProviderRegistry::genericScheme(const QJsonObject &d, QString *error)
{
    using S = ProviderScheme;
    auto str = [&](const char *key) { return d.value(QLatin1String(key)).toString(); };
    const QString header = str("header");
    if (header.isEmpty()) {
        *error = QStringLiteral("generic-hmac needs a header name (--header / \"header\")");
        return std::nullopt;
    }
    S s;
    s.name = QStringLiteral("generic-hmac");
    s.title = QStringLiteral("Generic HMAC");
    S::Algorithm algorithm;
    const QString alg = str("algorithm").isEmpty() ? QStringLiteral("sha256") : str("algorithm");
    if (alg == QLatin1String("sha1"))
        algorithm = S::Algorithm::HmacSha1;
    else if (alg == QLatin1String("sha256"))
        algorithm = S::Algorithm::HmacSha256;
    else if (alg == QLatin1String("sha512"))
        algorithm = S::Algorithm::HmacSha512;
    else {
        *error = QStringLiteral("algorithm expects sha1, sha256 or sha512, found ") + alg;
        return std::nullopt;
    }
    const QString enc = str("encoding").isEmpty() ? QStringLiteral("hex") : str("encoding");
    if (enc == QLatin1String("hex"))
        s.encoding = S::Encoding::Hex;
    else if (enc == QLatin1String("base64"))
        s.encoding = S::Encoding::Base64;
    else {
        *error = QStringLiteral("encoding expects hex or base64, found ") + enc;
        return std::nullopt;
    }
    const QByteArray prefix = str("prefix").toUtf8();
    s.signatureHeaders = {{header.toLatin1(), prefix, algorithm}};
    s.headerFormat = prefix.isEmpty() ? S::HeaderFormat::Plain : S::HeaderFormat::Prefixed;
    s.contentTemplate = str("template").isEmpty() ? QByteArray("{body}") : str("template").toUtf8();
    if (!str("timestamp_header").isEmpty())
        s.timestampHeaders = {str("timestamp_header").toLatin1()};
    if (!str("id_header").isEmpty())
        s.idHeaders = {str("id_header").toLatin1()};
    s.timestampRequired = s.contentTemplate.contains("{timestamp}");
    if (s.timestampRequired && s.timestampHeaders.isEmpty()) {
        *error =
            QStringLiteral("the template signs {timestamp}: give its header (--timestamp-header)");
        return std::nullopt;
    }
    if (s.contentTemplate.contains("{id}") && s.idHeaders.isEmpty()) {
        *error = QStringLiteral("the template signs {id}: give its header (--id-header)");
        return std::nullopt;
    }
    if (d.contains(QLatin1String("tolerance_s")))
        s.toleranceS = d.value(QLatin1String("tolerance_s")).toInt(-1);
    s.detectBySignatureHeader = false;
    return s;
}

std::optional<ProviderScheme> ProviderRegistry::resolve(const QString &name,
                                                        const QJsonObject &description,
                                                        const ParsedRequest &parsed, QString *error)
{
    if (name == QLatin1String("generic-hmac"))
        return genericScheme(description, error);
    if (name == QLatin1String("auto")) {
        const QStringList found = detect(parsed);
        if (found.isEmpty()) {
            *error = QStringLiteral("no known provider's headers in the request");
            return std::nullopt;
        }
        return find(found.first());
    }
    if (auto s = find(name))
        return s;
    *error = QStringLiteral("unknown provider '%1' (see hookbench-cli providers)").arg(name);
    return std::nullopt;
}
