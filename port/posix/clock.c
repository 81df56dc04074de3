/* clock.c (POSIX) — the platform defaults behind the engine's clock and
 * sleep hooks, and the yield its spinlock uses: CLOCK_MONOTONIC_COARSE,
 * nanosleep and sched_yield. The Windows twin is port/win32/clock.c.
 */
#define _GNU_SOURCE /* CLOCK_MONOTONIC_COARSE */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <time.h>

#include "engine_internal.h"

/* The engine counts in milliseconds, and reads the clock once on every call
 * (for its deadline and the retry budget's window) and again after a failed
 * attempt: the coarse monotonic clock (the kernel's tick, a few ms of
 * resolution, read without a syscall) is precise enough for deadlines of
 * seconds and backoff of tens of ms, at a quarter of the cost of the fine one. */
#ifdef CLOCK_MONOTONIC_COARSE
#define LGS_CLOCK CLOCK_MONOTONIC_COARSE
#else
#define LGS_CLOCK CLOCK_MONOTONIC
#endif

uint64_t lgs__default_clock_ms(void *user)
{
    struct timespec ts;
    (void)user;
    if (clock_gettime(LGS_CLOCK, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void lgs__default_sleep_ms(void *user, uint64_t ms)
{
    struct timespec req;
    struct timespec rem;
    (void)user;
    req.tv_sec = (time_t)(ms / 1000u);
    req.tv_nsec = (long)((ms % 1000u) * 1000000u);
    /* A signal cuts nanosleep short; finish the wait the engine asked for. */
    while (nanosleep(&req, &rem) != 0 && errno == EINTR)
        req = rem;
}

void lgs__yield(void)
{
    (void)sched_yield();
}
