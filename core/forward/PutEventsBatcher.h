#pragma once

#include "core/forward/EventBridgeEntry.h"

#include <QList>

// Splits entries, in order, into PutEvents calls: at most 10 entries each, and the entries'
// sizes (as AWS counts them) summed within the request limit, which AWS sets to the same
// figure as the entry limit ("the total entry size must be less than 256KB").
class PutEventsBatcher
{
public:
    static constexpr int maxEntriesPerRequest = 10;

    explicit PutEventsBatcher(qint64 maxRequestBytes = 262144) : m_maxBytes(maxRequestBytes) {}

    // Index lists into `entries`. An entry over the limit on its own gets a batch of its own
    // (the mapper dead-letters those before they get here).
    QList<QList<qsizetype>> split(const QList<EventBridgeEntry> &entries) const;

private:
    qint64 m_maxBytes;
};
