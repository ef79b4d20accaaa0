#pragma once

#include "core/pipeline/CaptureVerifier.h"

#include <memory>
#include <mutex>

// The endpoints and secrets captures are routed and verified with, swapped whole. A request
// takes the context current when it arrives and keeps it to its end (answer, verdict,
// diagnosis), so a change never half-applies and never touches the listener.
class CaptureContext
{
public:
    using Snapshot = std::shared_ptr<const CaptureVerifier>;

    CaptureContext() : m_current(std::make_shared<CaptureVerifier>()) {}

    Snapshot current() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_current;
    }
    void replace(Snapshot next)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_current.swap(next);
        // `next` (the old context, and the secrets it holds) is released outside the lock.
    }

private:
    mutable std::mutex m_mutex;
    Snapshot m_current;
};
