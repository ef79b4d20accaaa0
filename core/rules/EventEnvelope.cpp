#include "core/rules/EventEnvelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUuid>

bool EventEnvelope::fromEntry(const QString &source, const QString &detailType,
                              const QByteArray &detailJson, const QStringList &resources,
                              const QString &account, const QString &region, const QDateTime &time,
                              const QString &id, EventEnvelope *out, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument detail = QJsonDocument::fromJson(detailJson, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("Detail is not valid JSON: %1 at byte %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    if (!detail.isObject()) {
        *error = QStringLiteral("Detail is not a JSON object (EventBridge refuses such entries)");
        return false;
    }
    *out = fromParts(source, detailType, detail.object(), resources, account, region, time, id);
    return true;
}

EventEnvelope EventEnvelope::fromParts(const QString &source, const QString &detailType,
                                       const QJsonObject &detail, const QStringList &resources,
                                       const QString &account, const QString &region,
                                       const QDateTime &time, const QString &id)
{
    EventEnvelope out;
    out.id = id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : id;
    out.source = source;
    out.detailType = detailType;
    out.account = account;
    out.region = region;
    out.time = time.isValid() ? time.toUTC() : QDateTime::currentDateTimeUtc();
    out.resources = resources;
    out.detail = detail;
    return out;
}

bool EventEnvelope::looksLikeEntry(const QJsonObject &json)
{
    return !json.contains(QLatin1String("source")) &&
           (json.contains(QLatin1String("Source")) || json.contains(QLatin1String("DetailType")));
}

bool EventEnvelope::fromEntryJson(const QJsonObject &entry, const QString &account,
                                  const QString &region, EventEnvelope *out, QString *error)
{
    const QJsonValue detail = entry.value(QLatin1String("Detail"));
    QByteArray detailJson;
    if (detail.isString())
        detailJson = detail.toString().toUtf8();
    else if (detail.isObject())
        detailJson = QJsonDocument(detail.toObject()).toJson(QJsonDocument::Compact);
    else
        detailJson = "{}";
    QStringList resources;
    for (const QJsonValue &r : entry.value(QLatin1String("Resources")).toArray())
        resources.append(r.toString());
    const QDateTime time =
        QDateTime::fromString(entry.value(QLatin1String("Time")).toString(), Qt::ISODate);
    return fromEntry(entry.value(QLatin1String("Source")).toString(),
                     entry.value(QLatin1String("DetailType")).toString(), detailJson, resources,
                     account, region, time, QString(), out, error);
}

QJsonObject EventEnvelope::toJson() const
{
    return {{QStringLiteral("version"), QStringLiteral("0")},
            {QStringLiteral("id"), id},
            {QStringLiteral("detail-type"), detailType},
            {QStringLiteral("source"), source},
            {QStringLiteral("account"), account},
            {QStringLiteral("time"), time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"))},
            {QStringLiteral("region"), region},
            {QStringLiteral("resources"), QJsonArray::fromStringList(resources)},
            {QStringLiteral("detail"), detail}};
}

QByteArray EventEnvelope::toJsonText(bool indented) const
{
    const QJsonObject json = toJson();
    static const char *const Order[] = {"version", "id",     "detail-type", "source", "account",
                                        "time",    "region", "resources",   "detail"};
    // Each value through Qt's writer (a one-element array, brackets stripped), the members in
    // EventBridge's order around them.
    QByteArray out = "{";
    bool first = true;
    for (const char *key : Order) {
        const QJsonValue value = json.value(QLatin1String(key));
        QByteArray text = QJsonDocument(QJsonArray{value})
                              .toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact);
        if (indented) {
            // Qt indents by four spaces: the lines between "[" and "]", re-indented by half.
            QList<QByteArray> lines = text.split('\n');
            lines = lines.mid(1, lines.size() - 3);
            for (QByteArray &line : lines) {
                qsizetype spaces = 0;
                while (spaces < line.size() && line.at(spaces) == ' ')
                    ++spaces;
                line = QByteArray(spaces / 2, ' ') + line.mid(spaces);
            }
            out += (first ? "\n  \"" : ",\n  \"") + QByteArray(key) +
                   "\": " + lines.join('\n').trimmed();
        } else {
            text = text.mid(1, text.size() - 2);
            out += (first ? "\"" : ",\"") + QByteArray(key) + "\":" + text;
        }
        first = false;
    }
    return out + (indented ? "\n}\n" : "}");
}
