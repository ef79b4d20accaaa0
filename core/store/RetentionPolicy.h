#pragma once

#include "core/capture/RetentionLimits.h"

#include <QVector>

class CaptureStore;

// Which captures the retention limits ("retention": max_captures, max_mb) let go: the oldest
// (lowest ids) while the store holds more captures, or more bytes of them (raw_size), than
// allowed. Captures from `keepFrom` on (the batch just stored) and bookmarked ones
// (capture_marks.bookmarked, when the store has that table) are never chosen; they still count
// towards the limits. At most BatchSize a call, so the writer deletes in bounded steps with the
// commits of new captures between them.
class RetentionPolicy
{
public:
    static constexpr int BatchSize = 500;

    explicit RetentionPolicy(const RetentionLimits &limits) : m_limits(limits) {}

    // The bytes of the captures up to an id, kept by the caller between calls so that a size
    // limit sums only the captures stored since (summing a million takes about 50 ms). bytes < 0:
    // not known (at first, and after captures went other than by these victims), summed anew.
    struct ByteTally
    {
        qint64 bytes = -1;
        qint64 upToId = 0;
    };

    // Read on `store`'s connection (the writer's); empty when within the limits. `more` is set
    // when further captures beyond the limits remain after these. The caller takes the victims'
    // bytes off `tally` once they are deleted (or marks it unknown).
    QVector<qint64> victims(const CaptureStore &store, qint64 keepFrom, bool *more,
                            ByteTally *tally) const;

private:
    RetentionLimits m_limits;
};
