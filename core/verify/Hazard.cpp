#include "core/verify/Hazard.h"

QJsonObject Hazard::toJson() const
{
    QJsonObject o{{QStringLiteral("code"), code}};
    if (code == QLatin1String("secret_whitespace")) {
        o.insert(QStringLiteral("secret_index"), secretIndex);
    } else if (code == QLatin1String("secret_format") || code == QLatin1String("body_modified")) {
        o.insert(QStringLiteral("secret_index"), secretIndex);
        o.insert(QStringLiteral("transform"), transform);
    } else if (code == QLatin1String("secret_of_other_endpoint")) {
        o.insert(QStringLiteral("endpoint"), endpoint);
    } else if (code == QLatin1String("url_mismatch")) {
        o.insert(QStringLiteral("url"), url);
    } else if (code == QLatin1String("timestamp_in_future")) {
        o.insert(QStringLiteral("skew_s"), skewS);
    } else if (code == QLatin1String("wrong_provider")) {
        o.insert(QStringLiteral("detected"), detected);
    } else if (code == QLatin1String("duplicate_delivery")) {
        o.insert(QStringLiteral("first_seen_id"), firstSeenId);
    } else if (code == QLatin1String("body_not_utf8")) {
        o.insert(QStringLiteral("offset"), offset);
    }
    if (!combinedWith.isEmpty())
        o.insert(QStringLiteral("combined_with"), combinedWith);
    o.insert(QStringLiteral("detail"), detail);
    return o;
}

Hazard Hazard::duplicateDelivery(const QByteArray &id, qint64 firstSeenId)
{
    Hazard h;
    h.code = QStringLiteral("duplicate_delivery");
    h.firstSeenId = firstSeenId;
    h.detail = QStringLiteral("Delivery %1 was already captured (capture #%2): a retry or a replay")
                   .arg(QString::fromUtf8(id))
                   .arg(firstSeenId);
    h.advice = QStringLiteral("Make the handler idempotent: record processed delivery/event ids "
                              "and skip repeats; answer 2xx fast so the provider stops retrying");
    return h;
}
