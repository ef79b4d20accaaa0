#pragma once

#include <QDateTime>
#include <QString>

// The instants `before:` and `after:` take: an ISO 8601 date (local midnight) or date and time
// (local time unless it names a zone, `2024-05-01T10:00`, `2024-05-01T10:00:00Z`), a span back
// from now (`15m`, `2h`, `3d`, `1w`, `30s`), `today` or `yesterday` (local midnight).
class QueryTime
{
public:
    // Microseconds since the epoch; false when `value` is none of the forms above.
    static bool resolve(const QString &value, const QDateTime &now, qint64 *us);
};
