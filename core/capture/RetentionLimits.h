#pragma once

#include <QtGlobal>

// How many captures a store keeps (config key "retention"): beyond either limit the oldest are
// deleted, bookmarked ones and the capture just stored excepted. 0: no limit of that kind.
struct RetentionLimits
{
    qint64 maxCaptures = 0;
    qint64 maxMegabytes = 0; // of the captures' bytes (raw_size), in MiB
    bool isSet() const { return maxCaptures > 0 || maxMegabytes > 0; }
    qint64 maxBytes() const { return maxMegabytes * 1024 * 1024; }
    bool operator==(const RetentionLimits &o) const
    {
        return maxCaptures == o.maxCaptures && maxMegabytes == o.maxMegabytes;
    }
};
