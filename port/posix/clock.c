/* clock.c — the platform defaults behind the engine's clock and sleep hooks,
 * and the yield its spinlock uses: CLOCK_MONOTONIC_COARSE, nanosleep and sched_yield
 * on POSIX; GetTickCount64, Sleep and SwitchToThread on Windows, and the
 * call of a clock hook with the thread's last error kept. The kernel32
 * functions are declared here by hand because shim/ never includes
 * <windows.h>. With tstate.c (which also knows pthreads) and the Windows
 * TLS read in engine_internal.h, this is where shim/ knows the platform.
 */
#ifndef _WIN32
#define _GNU_SOURCE /* CLOCK_MONOTONIC_COARSE */
#include <errno.h>
#include <sched.h>
#include <time.h>
#endif

#include <stdint.h>

#include "engine_internal.h"

#ifdef _WIN32
__declspec(dllimport) unsigned long long __stdcall GetTickCount64(void);
__declspec(dllimport) void __stdcall Sleep(unsigned long ms);
__declspec(dllimport) int __stdcall SwitchToThread(void);
__declspec(dllimport) unsigned long __stdcall GetLastError(void);
__declspec(dllimport) void __stdcall SetLastError(unsigned long code);

uint64_t lgs__clock_hook_call(uint64_t (*clock_ms)(void *user), void *user)
{
    unsigned long saved = GetLastError();
    uint64_t now = clock_ms(user);
    SetLastError(saved);
    return now;
}

uint64_t lgs__default_clock_ms(void *user)
{
    (void)user;
    return (uint64_t)GetTickCount64();
}

void lgs__default_sleep_ms(void *user, uint64_t ms)
{
    (void)user;
    /* Sleep takes a DWORD; the deadline bounds every wait far below this. */
    while (ms > 0) {
        unsigned long chunk = ms > 0x7FFFFFFFu ? 0x7FFFFFFFul : (unsigned long)ms;
        Sleep(chunk);
        ms -= chunk;
    }
}

void lgs__yield(void)
{
    (void)SwitchToThread();
}
#else
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
#endif
