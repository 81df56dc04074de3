/* log_platform.c — the three facts every record carries that only the
 * platform knows: the UTC time in milliseconds, the process id and the
 * thread id. On Windows the kernel32 functions are declared here by hand,
 * because shim/ never includes <windows.h>.
 */
#ifndef _WIN32
#define _GNU_SOURCE 1 /* gettid() */
#include <time.h>
#include <unistd.h>
#endif

#include <stdint.h>

#include "log_sink.h"

#ifdef _WIN32
typedef struct lgs__filetime {
    unsigned long low, high;
} lgs__filetime;
__declspec(dllimport) void __stdcall GetSystemTimeAsFileTime(lgs__filetime *ft);
__declspec(dllimport) unsigned long __stdcall GetCurrentProcessId(void);
__declspec(dllimport) unsigned long __stdcall GetCurrentThreadId(void);

/* 100 ns intervals between 1601-01-01 and 1970-01-01. */
#define EPOCH_DIFF_100NS 116444736000000000ull

uint64_t lgs__utc_ms(void)
{
    lgs__filetime ft;
    GetSystemTimeAsFileTime(&ft);
    uint64_t t = ((uint64_t)ft.high << 32) | (uint64_t)ft.low;
    return t < EPOCH_DIFF_100NS ? 0 : (t - EPOCH_DIFF_100NS) / 10000u;
}

uint32_t lgs__process_id(void)
{
    return (uint32_t)GetCurrentProcessId();
}

uint32_t lgs__thread_id(void)
{
    return (uint32_t)GetCurrentThreadId();
}
#else
uint64_t lgs__utc_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint32_t lgs__process_id(void)
{
    return (uint32_t)getpid();
}

uint32_t lgs__thread_id(void)
{
    return (uint32_t)gettid();
}
#endif
