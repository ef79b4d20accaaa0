#include "ui/window/RateMeter.h"

void RateMeter::add(qint64 nowMs, qint64 count)
{
    if (count <= 0)
        return;
    if (!m_counts.empty() && m_counts.back().first == nowMs)
        m_counts.back().second += count;
    else
        m_counts.emplace_back(nowMs, count);
    m_sum += count;
    expire(nowMs);
}

double RateMeter::perSecond(qint64 nowMs)
{
    expire(nowMs);
    return m_windowMs > 0 ? double(m_sum) * 1000.0 / double(m_windowMs) : 0.0;
}

bool RateMeter::isIdle(qint64 nowMs)
{
    expire(nowMs);
    return m_counts.empty();
}

void RateMeter::expire(qint64 nowMs)
{
    while (!m_counts.empty() && m_counts.front().first <= nowMs - m_windowMs) {
        m_sum -= m_counts.front().second;
        m_counts.pop_front();
    }
}
