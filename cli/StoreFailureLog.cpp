#include "cli/StoreFailureLog.h"

QStringList StoreFailureLog::failed(const QString &why, qint64 nowMs)
{
    QStringList out = tick(nowMs);
    if (m_windowStart >= 0) {
        ++m_suppressed;
        m_latest = why;
        return out;
    }
    m_windowStart = nowMs;
    out.append(why);
    return out;
}

QStringList StoreFailureLog::tick(qint64 nowMs)
{
    if (m_windowStart < 0 || nowMs - m_windowStart < WindowMs)
        return {};
    return closeWindow();
}

QStringList StoreFailureLog::closeWindow()
{
    QStringList out;
    if (m_suppressed > 0)
        out.append(QStringLiteral("%1 more store failure%2 in the last %3 s (the latest: %4)")
                       .arg(m_suppressed)
                       .arg(m_suppressed == 1 ? "" : "s")
                       .arg(WindowMs / 1000)
                       .arg(m_latest));
    m_windowStart = -1;
    m_suppressed = 0;
    m_latest.clear();
    return out;
}
