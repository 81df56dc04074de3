/* wrap_overhead.c — what the shim costs a call that succeeds.
 *
 * Natively (and under Wine too): lgs_engine_run() around a no-op attempt
 * against calling the no-op directly: ns added per call.
 * Under Wine: a real, cheap call, QuerySecurityPackageInfoW + FreeContextBuffer,
 * direct against through lgs_QuerySecurityPackageInfoW + lgs_FreeContextBuffer:
 * ns per call and the ratio.
 *
 * Both are measured side by side in many short rounds; each round times the
 * direct and the wrapped loop back to back (in alternating order, so that
 * neither always goes first), and the figures are the medians over rounds of
 * each time, of the difference and of the ratio. Pairing cancels what drifts
 * between rounds (frequency, a neighbour's load); the median drops the
 * rounds a preemption spoiled.
 * Heap allocations made by logonshim's code on the success path are counted
 * by wrapping malloc/calloc/realloc at link time (-Wl,--wrap).
 *
 * Usage: lgs_bench_wrap [--smoke]     prints the figures; exits 1 when a
 * success-path allocation was seen. */
#define _GNU_SOURCE /* CLOCK_MONOTONIC_COARSE */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "logonshim/logonshim.h"
#include "paired.h"

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

/* One read of the clock the engine reads once per call for the call's
 * deadline (port/<platform>/clock.c), in a loop like run_direct's: paired against
 * run_direct, its cost is the part of the engine's added time that the
 * clock accounts for, printed beside it. */
static volatile uint64_t clock_sink;
static double run_clock(unsigned n)
{
    double t0 = now_ns();
    for (unsigned i = 0; i < n; i++) {
#ifdef _WIN32
        clock_sink += GetTickCount64();
#else
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
        clock_sink += (uint64_t)ts.tv_nsec;
#endif
    }
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

#define MAX_ROUNDS 201

/* Per-round figures of one side-by-side measurement. */
typedef struct paired {
    double a[MAX_ROUNDS], b[MAX_ROUNDS], diff[MAX_ROUNDS], ratio[MAX_ROUNDS];
    unsigned n;
} paired;

static void pair_add(paired *p, double a, double b)
{
    p->a[p->n] = a;
    p->b[p->n] = b;
    p->diff[p->n] = b - a;
    p->ratio[p->n] = b / a;
    p->n++;
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
    const unsigned rounds = smoke ? 21 : MAX_ROUNDS, n = smoke ? 20000 : 100000;
    static paired eng, clk;
    (void)run_engine(1000); /* warm up: first-use initialisation is not the steady state */
    unsigned long before = allocations;
    for (unsigned r = 0; r < rounds; r++) {
        double d, e;
        if (r % 2) {
            e = run_engine(n);
            d = run_direct(n);
        } else {
            d = run_direct(n);
            e = run_engine(n);
        }
        pair_add(&eng, d, e);
        pair_add(&clk, d, run_clock(n));
    }
    unsigned long engine_allocs = allocations - before;
    /* The clock's share is paired like the engine's: a round's loop of reads
     * minus the same round's loop of direct no-op calls. The loop and the
     * call are in both, so what is left is the read itself, the part of the
     * engine's added time that the clock accounts for. (The loop of reads
     * alone, clk.b, also carries the loop and a call: it is printed, but it
     * is not the clock's share.) */
    double added = median(eng.diff, eng.n), clock_ns = median(clk.diff, clk.n);
    printf("engine, no-op attempt: direct %.1f ns/call, through lgs_engine_run %.1f ns/call, "
           "added %.1f ns (medians of %u paired rounds); heap allocations %lu in %u calls\n",
           median(eng.a, eng.n), median(eng.b, eng.n), added, eng.n, engine_allocs, rounds * n);
    printf("one read of the clock the engine reads once per call: %.1f ns beyond a direct call "
           "(median of %u paired rounds; the loop of reads alone %.1f ns/iteration); "
           "the engine's own work %.1f ns\n",
           clock_ns, clk.n, median(clk.b, clk.n), added - clock_ns);
    unsigned long sspi_allocs = 0;
#ifdef _WIN32
    const unsigned m = smoke ? 500 : 2000;
    static paired ss;
    (void)run_sspi(1000, 1);
    (void)run_sspi(1000, 0);
    before = allocations;
    for (unsigned r = 0; r < rounds; r++) {
        double raw, wrapped;
        if (r % 2) {
            wrapped = run_sspi(m, 1);
            raw = run_sspi(m, 0);
        } else {
            raw = run_sspi(m, 0);
            wrapped = run_sspi(m, 1);
        }
        pair_add(&ss, raw, wrapped);
    }
    sspi_allocs = allocations - before;
    double ratio = median(ss.ratio, ss.n);
    printf("QuerySecurityPackageInfoW + FreeContextBuffer: direct %.1f ns, wrapped %.1f ns, "
           "added %.1f ns, ratio %.4f (medians of %u paired rounds); heap allocations by logonshim %lu\n",
           median(ss.a, ss.n), median(ss.b, ss.n), median(ss.diff, ss.n), ratio, ss.n, sspi_allocs);
    printf("bench_wrap added_ns=%.1f clock_ns=%.1f ratio=%.4f allocations=%lu\n", added, clock_ns, ratio,
           engine_allocs + sspi_allocs);
#else
    printf("bench_wrap added_ns=%.1f clock_ns=%.1f allocations=%lu\n", added, clock_ns, engine_allocs);
#endif
    return engine_allocs + sspi_allocs == 0 ? 0 : 1;
}
