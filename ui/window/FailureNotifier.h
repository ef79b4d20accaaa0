#pragma once

#include <QString>
#include <QtGlobal>

struct CaptureSummary;

// Decides when a desktop notification says that captures failed verification: only when the
// user asked for it, only while the window is not the active one, only for a verdict that is a
// real failure (not "ok", not "no secret", not an unverified capture), and at most one message
// per quiet period: the failures in between are counted into the next one.
class FailureNotifier
{
public:
    struct Message
    {
        QString title;
        QString body;
        bool isNull() const { return title.isEmpty(); }
    };

    static constexpr qint64 QuietMs = 10000;

    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }

    // A capture's final verdict arrived at `nowMs` (monotonic); a non-null message to show now.
    Message onCompleted(const CaptureSummary &summary, bool windowActive, qint64 nowMs);
    static bool isFailure(const CaptureSummary &summary);

private:
    bool m_enabled = false;
    qint64 m_lastShownMs = -1;
    int m_held = 0; // failures since the last message, not shown yet
};
