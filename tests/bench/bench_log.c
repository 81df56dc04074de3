/* bench_log.c — what a failure record costs: per record for each sink, for
 * a storm of identical records (most of them suppressed), and with several
 * threads appending to one JSON lines file: the mean, the 99th percentile
 * and the worst time one record took the calling thread.
 * Prints one line per case; `--smoke` runs few records, for CTest. Exits
 * non-zero, without its "done" line, when a case could not run as written
 * (a sink spec refused, no memory for the samples): its figures would then
 * describe some other configuration, or nothing.
 *
 *   lgs_bench_log [--smoke] [DIR]    DIR: where the JSON lines file goes
 */
#ifdef _WIN32
#include <windows.h>
#else
#define _POSIX_C_SOURCE 200809L
#include <time.h>
#include <unistd.h>
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log_internal.h"
#include "logonshim/logonshim.h"
#include "threads.h"

static uint64_t now_ns(void)
{
#ifdef _WIN32
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (uint64_t)((double)c.QuadPart * 1e9 / (double)f.QuadPart);
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Prints one line: mean from the total, p99 and worst from the samples. */
static void report(const char *name, unsigned n, uint64_t total, uint64_t *samples)
{
    qsort(samples, n, sizeof *samples, by_value);
    printf("bench_log case=%s records=%u ns_per_record=%.0f p99_us=%.1f worst_us=%.1f\n", name, n,
           (double)total / n, (double)samples[(size_t)n * 99u / 100u] / 1000.0,
           (double)samples[n - 1] / 1000.0);
}

static void one_record(uint32_t code)
{
    static const lgs__call_log cl = {.api = "LogonUserW", .user = "alice", .domain = "CONTOSO"};
    lgs_attempt a = {"LogonUser", 1, 2, LGS_SPACE_WIN32, code, lgs_classify(LGS_SPACE_WIN32, code),
                     LGS_DECISION_GIVE_UP, 1, 0, 10, 19990, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
}

static void noop(void *ctx, const lgs_record *r)
{
    (void)ctx;
    (void)r;
}

/* Set when a case did not run as written. */
static int failed;

static void configure(const char *spec)
{
    lgs_log_reset();
    lgs_log_config_set("log.sinks", "none", NULL, 0);
    if (lgs_log_configure(spec) != 0) {
        fprintf(stderr, "bench_log: bad spec %s\n", spec);
        failed = 1;
    }
}

/* n records with distinct codes (storm control never bites) or one code. */
static void run_case(const char *name, const char *spec, int callback, unsigned n, int same)
{
    configure(spec);
    if (callback)
        lgs_log_set_callback(noop, NULL);
    uint64_t *samples = malloc(n * sizeof *samples);
    if (samples == NULL) {
        failed = 1;
        return;
    }
    uint64_t start = now_ns();
    for (unsigned i = 0; i < n; i++) {
        uint64_t t = now_ns();
        one_record(same ? 1311u : 20000u + i % 40000u);
        samples[i] = now_ns() - t;
    }
    uint64_t total = now_ns() - start;
    lgs_log_flush();
    report(name, n, total, samples);
    free(samples);
}

typedef struct threaded {
    unsigned n;
    uint64_t *samples; /* n per thread */
} threaded;

static void thread_body(void *arg, unsigned index)
{
    threaded *t = arg;
    for (unsigned i = 0; i < t->n; i++) {
        uint64_t s = now_ns();
        one_record(20000u + index * 1000u + i % 1000u);
        t->samples[(size_t)index * t->n + i] = now_ns() - s;
    }
}

int main(int argc, char **argv)
{
    int smoke = argc > 1 && strcmp(argv[1], "--smoke") == 0;
    const char *dir = argc > (smoke ? 2 : 1) ? argv[smoke ? 2 : 1] : ".";
    unsigned n = smoke ? 2000 : 100000;
    char path[1024], spec[1100];
    snprintf(path, sizeof path, "%s/bench_log.jsonl", dir);
    snprintf(spec, sizeof spec, "jsonl:%s,storm=off", path);

    run_case("record_only", "none,storm=off", 0, n, 0);
    run_case("callback", "none,storm=off", 1, n, 0);
    run_case("jsonl", spec, 0, n, 0);
    run_case("stderr", "stderr,storm=off", 0, n / 10, 0);
#ifdef _WIN32
    run_case("debugger", "debugger,storm=off", 0, n / 10, 0);
    run_case("eventlog", "eventlog:logonshim-bench,storm=off", 0, n / 10, 0);
#endif
    /* A storm: one code, storm control on, everything but 10 suppressed. */
    char storm[1100];
    snprintf(storm, sizeof storm, "jsonl:%s,stderr,storm=10/1min", path);
    run_case("storm_jsonl_stderr", storm, 1, n * 10, 1);

    /* Four threads on one file. */
    configure(spec);
    threaded t = {n / 4, malloc(n * sizeof(uint64_t))};
    if (t.samples != NULL) {
        uint64_t start = now_ns();
        lgs_test_run_threads(4, thread_body, &t);
        report("jsonl_4_threads", t.n * 4, now_ns() - start, t.samples);
        free(t.samples);
    } else {
        failed = 1;
    }
    lgs_log_reset();
    remove(path);
    if (failed) {
        printf("bench_log FAILED: a case did not run as written (see above)\n");
        return 1;
    }
    printf("bench_log done\n");
    return 0;
}
