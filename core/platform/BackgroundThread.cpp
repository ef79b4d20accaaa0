#include "core/platform/BackgroundThread.h"

#if defined(Q_OS_LINUX) || defined(__linux__)
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

void BackgroundThread::lowerPriority()
{
#if defined(__linux__)
    // SCHED_BATCH: no wake-up preemption of interactive threads; nice 10: a smaller share.
    // On Linux both apply to the calling thread alone.
    sched_param param{};
    pthread_setschedparam(pthread_self(), SCHED_BATCH, &param);
    setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 10);
#endif
}
