/* log_platform.c (Windows) — the three facts every record carries that only
 * the platform knows (the UTC time in milliseconds, the process id and the
 * thread id), the write of a line to stderr, and the system's CSPRNG for the
 * redaction key (BCryptGenRandom). The kernel32 functions are declared here by hand, so that the
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
__declspec(dllimport) void *__stdcall LoadLibraryExW(const wchar_t *name, void *file, unsigned long flags);
__declspec(dllimport) void *__stdcall GetModuleHandleW(const wchar_t *name);
__declspec(dllimport) void *__stdcall GetProcAddress(void *module, const char *name);
__declspec(dllimport) unsigned long __stdcall GetLastError(void);
__declspec(dllimport) void __stdcall SetLastError(unsigned long code);

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

typedef long(__stdcall *gen_random_fn)(void *alg, unsigned char *buf, unsigned long n, unsigned long flags);
typedef unsigned char(__stdcall *rtl_gen_random_fn)(void *buf, unsigned long n);
#define USE_SYSTEM_PREFERRED_RNG 0x2u     /* BCRYPT_USE_SYSTEM_PREFERRED_RNG */
#define LOAD_LIBRARY_SEARCH_SYSTEM32 0x800u /* never a bcrypt.dll beside the program */

/* bcrypt.dll is loaded when first needed, not linked: a program that links
 * the static library needs no new import library for a key drawn once.
 * Where it cannot be loaded, advapi32's RtlGenRandom (SystemFunction036,
 * the same generator, and advapi32 is linked already) is the fallback. */
int lgs__port_random(void *buf, size_t n)
{
    unsigned long saved = GetLastError();
    int rc = -1;
    void *bcrypt = LoadLibraryExW(L"bcrypt.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    gen_random_fn gen = bcrypt != NULL ? (gen_random_fn)GetProcAddress(bcrypt, "BCryptGenRandom") : NULL;
    if (gen != NULL && n <= 0xFFFFFFFFu) {
        rc = gen(NULL, buf, (unsigned long)n, USE_SYSTEM_PREFERRED_RNG) >= 0 ? 0 : -1;
    } else {
        void *advapi = GetModuleHandleW(L"advapi32.dll");
        rtl_gen_random_fn rtl = advapi != NULL ? (rtl_gen_random_fn)GetProcAddress(advapi, "SystemFunction036") : NULL;
        if (rtl != NULL && n <= 0xFFFFFFFFu)
            rc = rtl(buf, (unsigned long)n) ? 0 : -1;
    }
    SetLastError(saved);
    return rc;
}
