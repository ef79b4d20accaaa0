#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// The event EventBridge delivers to a rule for one PutEvents entry: the entry's Source,
// DetailType, Detail and Resources, with the bus's account and region, the time and an id.
// Kept apart from core/forward (which builds the entry) so that rules depend on no sibling.
struct EventEnvelope
{
    QString id; // a UUID, as EventBridge assigns
    QString source;
    QString detailType;
    QString account;
    QString region;
    QDateTime time; // UTC, whole seconds in the JSON
    QStringList resources;
    QJsonObject detail;

    // From a PutEvents entry's fields. `detailJson` is the entry's Detail, which EventBridge
    // requires to be a JSON object; false with `error` when it is not. An empty `id` gets a
    // fresh UUID, an invalid `time` the current time.
    static bool fromEntry(const QString &source, const QString &detailType,
                          const QByteArray &detailJson, const QStringList &resources,
                          const QString &account, const QString &region, const QDateTime &time,
                          const QString &id, EventEnvelope *out, QString *error);
    // The same with Detail already parsed (it is an object, so nothing can fail).
    static EventEnvelope fromParts(const QString &source, const QString &detailType,
                                   const QJsonObject &detail, const QStringList &resources,
                                   const QString &account, const QString &region,
                                   const QDateTime &time, const QString &id);
    // The same from an entry as JSON ({"Source", "DetailType", "Detail" (a string or an object),
    // "Resources", "Time"}), as `aws events put-events --entries` takes it.
    static bool fromEntryJson(const QJsonObject &entry, const QString &account,
                              const QString &region, EventEnvelope *out, QString *error);
    static bool looksLikeEntry(const QJsonObject &json); // has Source or DetailType, no source

    // {"version": "0", "id", "detail-type", "source", "account", "time", "region", "resources",
    //  "detail"} in EventBridge's order.
    QJsonObject toJson() const;
    // The same as text with the keys in EventBridge's order (QJsonObject sorts them), compact or
    // indented by two spaces: for showing the event, or writing an --event file.
    QByteArray toJsonText(bool indented = false) const;
};
