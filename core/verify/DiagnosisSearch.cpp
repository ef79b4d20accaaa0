#include "core/verify/DiagnosisSearch.h"

QJsonObject DiagnosisSearch::Remaining::toJson() const
{
    return {{QStringLiteral("code"), code}, {QStringLiteral("detail"), detail}};
}

QJsonValue DiagnosisSearch::triedJson() const
{
    if (!ran)
        return QJsonValue();
    return QJsonObject{
        {QStringLiteral("secrets"), secrets},
        {QStringLiteral("secret_forms"), QJsonArray::fromStringList(secretForms)},
        {QStringLiteral("secret_repairs"), secretRepairs},
        {QStringLiteral("other_endpoint_secrets"), otherEndpointSecrets},
        {QStringLiteral("body_transforms"), QJsonArray::fromStringList(bodyTransforms)},
        {QStringLiteral("url_variants"), QJsonArray::fromStringList(urlVariants)},
        {QStringLiteral("combinations"), combinations}};
}

QJsonArray DiagnosisSearch::remainingJson() const
{
    QJsonArray out;
    for (const Remaining &r : remaining)
        out.append(r.toJson());
    return out;
}

QString DiagnosisSearch::summary() const
{
    if (!ran)
        return {};
    QStringList forms{QStringLiteral("as given")};
    forms += secretForms;
    QStringList parts{QStringLiteral("%1 secret%2 (%3)")
                          .arg(secrets)
                          .arg(secrets == 1 ? "" : "s")
                          .arg(forms.join(QLatin1String(", ")))};
    if (otherEndpointSecrets > 0)
        parts.append(QStringLiteral("%1 other endpoints' secrets").arg(otherEndpointSecrets));
    parts.append(QStringLiteral("%1 body transformations").arg(bodyTransforms.size()));
    if (!urlVariants.isEmpty())
        parts.append(QStringLiteral("%1 URL forms").arg(urlVariants.size()));
    parts.append(
        QStringLiteral("%1 combinations of a secret repair with one of them").arg(combinations));
    return parts.join(QLatin1String(", "));
}
