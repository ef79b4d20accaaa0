#include "core/forward/EventBridgeEntry.h"

#include <QJsonArray>

qint64 EventBridgeEntry::size() const
{
    qint64 n = time.isValid() ? 14 : 0;
    n += source.toUtf8().size() + detailType.toUtf8().size() + detail.size();
    for (const QString &r : resources)
        n += r.toUtf8().size();
    return n;
}

QJsonObject EventBridgeEntry::toJson() const
{
    QJsonObject o{{QStringLiteral("Source"), source},
                  {QStringLiteral("DetailType"), detailType},
                  {QStringLiteral("Detail"), QString::fromUtf8(detail)}};
    if (!eventBusName.isEmpty())
        o.insert(QStringLiteral("EventBusName"), eventBusName);
    if (!resources.isEmpty())
        o.insert(QStringLiteral("Resources"), QJsonArray::fromStringList(resources));
    if (time.isValid())
        // awsJson1_1 sends timestamps as epoch seconds.
        o.insert(QStringLiteral("Time"), double(time.toMSecsSinceEpoch()) / 1000.0);
    return o;
}
