#pragma once

#include <QtGlobal>

#include <functional>
#include <optional>

// When to try again, as the AWS SDKs' standard retry mode does: exponential backoff with full
// jitter, delay = min(random[0,1) * base * 2^(attempt-1), 20 s) (botocore
// retries/standard.py ExponentialBackoff). A server's x-amz-retry-after is used as given, up to
// maxRetryAfterMs. Unlike the SDKs there is no attempt limit here: the outbox keeps retrying
// (at-least-once), and the caller decides when an entry is dead.
class RetryPolicy
{
public:
    using RandomSource = std::function<double()>; // uniform in [0, 1)

    explicit RetryPolicy(RandomSource random = {});

    void setBaseMs(qint64 ms) { m_baseMs = ms; }
    void setMaxBackoffMs(qint64 ms) { m_maxBackoffMs = ms; }
    void setMaxRetryAfterMs(qint64 ms) { m_maxRetryAfterMs = ms; }

    // `attempt` is the number of attempts made so far (1 after the first failure).
    qint64 delayMs(int attempt, std::optional<qint64> serverRetryAfterMs = std::nullopt) const;

    static constexpr qint64 defaultBaseMs = 1000;
    static constexpr qint64 defaultMaxBackoffMs = 20000;

private:
    RandomSource m_random;
    qint64 m_baseMs = defaultBaseMs;
    qint64 m_maxBackoffMs = defaultMaxBackoffMs;
    qint64 m_maxRetryAfterMs = 5 * 60 * 1000;
};
