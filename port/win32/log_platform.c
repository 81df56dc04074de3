/* log_platform.c (Windows) — the three facts every record carries that only
 * the platform knows (the UTC time in milliseconds, the process id and the
 * thread id), and the write of a line to stderr. The kernel32 functions are declared here by hand, so that the
 * core's log_sink.h is all this file needs. The POSIX twin is
 * port/posix/log_platform.c.
 */
#include <io.h>
#include <stdint.h>
#include <stdio.h>

#include "log_sink.h"

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

/* The Windows C runtime writes an unbuffered stream one character at a
 * time, a system call each (4 ms a line under Wine), so the line goes to
 * the descriptor in one _write. */
void lgs__port_stderr_write(const char *text, size_t len)
{
    fflush(stderr);
    (void)_write(_fileno(stderr), text, (unsigned)len);
}
