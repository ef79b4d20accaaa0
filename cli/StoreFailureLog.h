#pragma once

#include <QString>
#include <QStringList>

// Store failures, said once and then counted. A full disk fails every request, and a line per
// request would bury the first (and most useful) one under thousands. The first failure is said
// in full; the ones after it within WindowMs are counted, and when the window ends (the next
// failure or tick() after it) they are summed up in one line:
//   "57 more store failures in the last 10 s (the latest: ...)".
// Times are passed in (monotonic milliseconds), so the behaviour can be tested without waiting.
class StoreFailureLog
{
public:
    static constexpr qint64 WindowMs = 10000;

    // What to print now for a failure at nowMs.
    QStringList failed(const QString &why, qint64 nowMs);
    // What to print at nowMs when nothing failed (call it at least every WindowMs).
    QStringList tick(qint64 nowMs);

private:
    QStringList closeWindow();

    qint64 m_windowStart = -1; // -1: no failure is being counted
    int m_suppressed = 0;
    QString m_latest;
};
