#pragma once

#include <QtGlobal>
#include <deque>
#include <utility>

// Requests per second over a sliding window, from counts stamped with a monotonic time in
// milliseconds. Counts older than the window are dropped as time moves on, so the memory held is
// one entry per distinct stamp within the window.
class RateMeter
{
public:
    explicit RateMeter(qint64 windowMs = 5000) : m_windowMs(windowMs) {}

    void add(qint64 nowMs, qint64 count);
    // Counts within (nowMs - window, nowMs], per second of the window; 0 when idle.
    double perSecond(qint64 nowMs);
    // Nothing counted within the window: no rate to show, no timer to run.
    bool isIdle(qint64 nowMs);
    qint64 windowMs() const { return m_windowMs; }

private:
    void expire(qint64 nowMs);

    qint64 m_windowMs;
    std::deque<std::pair<qint64, qint64>> m_counts; // (stamp, count), oldest first
    qint64 m_sum = 0;
};
