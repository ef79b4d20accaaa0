#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// One PutEvents request entry. Detail is kept as the exact JSON bytes that go on the bus.
struct EventBridgeEntry
{
    QString source;
    QString detailType;
    QByteArray detail; // a JSON object, UTF-8
    QStringList resources;
    QString eventBusName; // name or ARN
    QDateTime time;       // invalid: not sent (the bus stamps its own)

    // As AWS documents it ("Calculating PutEvents event entry size"): 14 bytes for Time when
    // set, plus the UTF-8 bytes of Source, DetailType, Detail and each Resources item.
    qint64 size() const;
    // The entry in a PutEvents body: Detail as a JSON string, Time as epoch seconds.
    QJsonObject toJson() const;
};
