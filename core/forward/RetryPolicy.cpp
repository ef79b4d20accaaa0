#include "core/forward/RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

RetryPolicy::RetryPolicy(RandomSource random) : m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

qint64 RetryPolicy::delayMs(int attempt, std::optional<qint64> serverRetryAfterMs) const
{
    if (serverRetryAfterMs && *serverRetryAfterMs >= 0)
        return std::min(*serverRetryAfterMs, m_maxRetryAfterMs);
    const int exponent = std::clamp(attempt - 1, 0, 62);
    // As the SDKs write it: t = min(b * r^i, MAX_BACKOFF), b the random part, so once the
    // exponential passes the cap most delays are the cap itself.
    const double r = std::clamp(m_random(), 0.0, 1.0);
    return qint64(
        std::min(r * double(m_baseMs) * std::ldexp(1.0, exponent), double(m_maxBackoffMs)));
}
