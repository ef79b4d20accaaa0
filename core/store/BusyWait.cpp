#include "core/store/BusyWait.h"

#include <chrono>
#include <cstdint>
#include <sqlite3.h>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

// A connection is used by one thread at a time, and waits for one lock at a time.
thread_local Clock::time_point t_waitStarted;

int onBusy(void *timeoutMs, int attempts)
{
    const Clock::time_point now = Clock::now();
    if (attempts == 0)
        t_waitStarted = now;
    const Clock::duration waited = now - t_waitStarted;
    if (waited >= std::chrono::milliseconds(reinterpret_cast<std::intptr_t>(timeoutMs)))
        return 0; // SQLITE_BUSY for the caller
    if (waited < std::chrono::milliseconds(BusyWait::FineForMs))
        std::this_thread::sleep_for(std::chrono::microseconds(BusyWait::FineStepUs));
    else
        std::this_thread::sleep_for(std::chrono::milliseconds(BusyWait::CoarseStepMs));
    return 1;
}

} // namespace

void BusyWait::install(sqlite3 *db, int timeoutMs)
{
    sqlite3_busy_handler(db, onBusy, reinterpret_cast<void *>(std::intptr_t(timeoutMs)));
}
