#include "core/forward/PutEventsBatcher.h"

QList<QList<qsizetype>> PutEventsBatcher::split(const QList<EventBridgeEntry> &entries) const
{
    QList<QList<qsizetype>> batches;
    QList<qsizetype> current;
    qint64 bytes = 0;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const qint64 size = entries.at(i).size();
        if (!current.isEmpty() &&
            (current.size() >= maxEntriesPerRequest || bytes + size > m_maxBytes)) {
            batches.append(current);
            current.clear();
            bytes = 0;
        }
        current.append(i);
        bytes += size;
    }
    if (!current.isEmpty())
        batches.append(current);
    return batches;
}
