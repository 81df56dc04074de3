/* wrap_overhead.c — what the shim costs a call that succeeds.
 *
 * Natively (and under Wine too): lgs_engine_run() around a no-op attempt
 * against calling the no-op directly: ns added per call.
 * Under Wine: a real, cheap call, QuerySecurityPackageInfoW + FreeContextBuffer,
 * direct against through lgs_QuerySecurityPackageInfoW + lgs_FreeContextBuffer,
 * measured side by side in interleaved rounds (the best round of each counts,
 * which filters out scheduling noise): ns per call and the ratio.
 * Heap allocations made by logonshim's code on the success path are counted
 * by wrapping malloc/calloc/realloc at link time (-Wl,--wrap).
 *
 * Usage: lgs_bench_wrap [--smoke]     prints the figures; exits 1 when a
 * success-path allocation was seen. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "logonshim/logonshim.h"

/* ---- allocation counting (see CMakeLists.txt: -Wl,--wrap=malloc,...) ---- */
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
static volatile unsigned long allocations;
void *__wrap_malloc(size_t n)
{
    allocations++;
    return __real_malloc(n);
}
void *__wrap_calloc(size_t n, size_t m)
{
    allocations++;
    return __real_calloc(n, m);
}
void *__wrap_realloc(void *p, size_t n)
{
    allocations++;
    return __real_realloc(p, n);
}

#ifdef _WIN32
static double now_ns(void)
{
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart * 1e9 / (double)f.QuadPart;
}
#else
static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}
#endif

static volatile unsigned sink;
static int token;

static lgs_status_code noop_attempt(void *ctx)
{
    sink += ctx != NULL;
    return (lgs_status_code){LGS_SPACE_WIN32, 0};
}

static lgs_status_code __attribute__((noinline)) direct_noop(void *ctx)
{
    return noop_attempt(ctx);
}

static double run_direct(unsigned n)
{
    double t0 = now_ns();
    for (unsigned i = 0; i < n; i++)
        (void)direct_noop(&token);
    return (now_ns() - t0) / n;
}

static double run_engine(unsigned n)
{
    lgs_call call = {.api = "Bench", .attempt = noop_attempt, .ctx = &token};
    lgs_outcome out;
    double t0 = now_ns();
    for (unsigned i = 0; i < n; i++)
        (void)lgs_engine_run(&call, &out);
    return (now_ns() - t0) / n;
}

static double best(double a, double b)
{
    return a < b ? a : b;
}

#ifdef _WIN32
static wchar_t package[] = L"Kerberos";

static double run_sspi(unsigned n, int wrapped)
{
    double t0 = now_ns();
    for (unsigned i = 0; i < n; i++) {
        PSecPkgInfoW info = NULL;
        if (wrapped) {
            if (lgs_QuerySecurityPackageInfoW(package, &info) == SEC_E_OK)
                lgs_FreeContextBuffer(info);
        } else {
            if (QuerySecurityPackageInfoW(package, &info) == SEC_E_OK)
                FreeContextBuffer(info);
        }
    }
    return (now_ns() - t0) / n;
}
#endif

int main(int argc, char **argv)
{
    int smoke = argc > 1 && strcmp(argv[1], "--smoke") == 0;
    const unsigned rounds = smoke ? 3 : 15, n = smoke ? 20000 : 1000000;
    double d = 1e300, e = 1e300;
    (void)run_engine(1000); /* warm up: first-use initialisation is not the steady state */
    unsigned long before = allocations;
    for (unsigned r = 0; r < rounds; r++) {
        d = best(d, run_direct(n));
        e = best(e, run_engine(n));
    }
    unsigned long engine_allocs = allocations - before;
    printf("engine, no-op attempt: direct %.1f ns/call, through lgs_engine_run %.1f ns/call, "
           "added %.1f ns; heap allocations %lu in %u calls\n",
           d, e, e - d, engine_allocs, rounds * n);
    unsigned long sspi_allocs = 0;
#ifdef _WIN32
    const unsigned m = smoke ? 2000 : 50000;
    double raw = 1e300, wrapped = 1e300;
    (void)run_sspi(100, 1);
    (void)run_sspi(100, 0);
    before = allocations;
    for (unsigned r = 0; r < rounds; r++) {
        raw = best(raw, run_sspi(m, 0));
        wrapped = best(wrapped, run_sspi(m, 1));
    }
    sspi_allocs = allocations - before;
    printf("QuerySecurityPackageInfoW + FreeContextBuffer: direct %.1f ns, wrapped %.1f ns, ratio %.4f; "
           "heap allocations by logonshim %lu\n",
           raw, wrapped, wrapped / raw, sspi_allocs);
    printf("bench_wrap added_ns=%.1f ratio=%.4f allocations=%lu\n", e - d, wrapped / raw,
           engine_allocs + sspi_allocs);
#else
    printf("bench_wrap added_ns=%.1f allocations=%lu\n", e - d, engine_allocs);
#endif
    return engine_allocs + sspi_allocs == 0 ? 0 : 1;
}
