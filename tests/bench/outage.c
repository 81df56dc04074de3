/* outage.c — the domain-controller outage benchmark.
 *
 * C clients (default 64) in one process each make logical calls (a logon),
 * then think for a while (uniform in [0, 2 x think], default think 1 s), in
 * a loop. The simulated authority answers in 20 ms; it is up for 10 s, down
 * for T (default 60 s: every request fails with ERROR_NO_LOGON_SERVERS),
 * then up again for 120 s. The same workload, with the same random streams,
 * is run once per strategy: logonshim's engine with its default
 * configuration, and the four baselines of baselines.c. Everything runs in
 * virtual time (sim.h), so the result is deterministic.
 *
 * Figures: retry amplification during the outage (requests reaching the
 * authority while it is down / logical calls started while it is down), all
 * requests in the run, time to recovery per client (from the authority's
 * return to the end of the client's first successful logical call; p50 and
 * p99 over clients), and logical calls failed. The last line is
 * machine-readable.
 *
 *   lgs_bench_outage [--clients N] [--outage-s T] [--think-ms M] [--seed S]
 *                    [--set key=value]... [--smoke] [--check]
 *
 * --set changes logonshim's configuration for the run (lgs_config_set keys,
 * see docs/configuration.md); without it the engine runs on its defaults.
 *
 * --smoke runs a small scenario (16 clients, 20 s outage) for CI; --check
 * exits 1 when logonshim misses a target (amplification <= 1.10, recovery
 * p99 no worse than the best baseline's).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "logonshim/logonshim.h"
#include "sim.h"

#define LATENCY_MS 20
#define WARM_MS 10000
#define AFTER_MS 120000
#define NO_LOGON_SERVERS 1311u

typedef struct scenario {
    unsigned clients;
    uint64_t outage_ms;
    uint64_t think_ms;
    uint64_t seed;
    uint64_t down_start, down_end, end;
} scenario;

typedef struct result {
    uint64_t authority_calls;  /* whole run */
    uint64_t outage_requests;  /* reaching the authority while down */
    uint64_t outage_logical;   /* logical calls started while down */
    uint64_t logical_calls;
    uint64_t logical_failed;
    uint64_t recovery[SIM_MAX_CLIENTS];
} result;

#define MAX_SETTINGS 16

static scenario sc;
static const char *settings[MAX_SETTINGS];
static unsigned setting_count;
static result *cur;
static strategy_fn current_strategy;
static uint64_t rng[SIM_MAX_CLIENTS];

double bench_uniform(unsigned client)
{
    uint64_t *s = &rng[client];
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static int authority_up(uint64_t t)
{
    return t < sc.down_start || t >= sc.down_end;
}

uint32_t authority_call(unsigned client)
{
    (void)client;
    uint64_t t = sim_now();
    cur->authority_calls++;
    if (!authority_up(t))
        cur->outage_requests++;
    sim_sleep(LATENCY_MS);
    return authority_up(t) ? 0u : NO_LOGON_SERVERS;
}

/* ---- logonshim as a strategy ---- */

static lgs_status_code shim_attempt(void *ctx)
{
    lgs_status_code c = {LGS_SPACE_WIN32, authority_call(*(unsigned *)ctx)};
    return c;
}

static int strategy_logonshim(unsigned client)
{
    lgs_call call;
    memset(&call, 0, sizeof call);
    call.api = "LogonUser";
    call.authority = "CONTOSO";
    call.attempt = shim_attempt;
    call.ctx = &client;
    lgs_outcome out;
    if (lgs_engine_run(&call, &out) != LGS_OK)
        return 0;
    return out.decision == LGS_DECISION_OK || out.decision == LGS_DECISION_RECOVERED;
}

static uint64_t hook_clock(void *user)
{
    (void)user;
    return sim_now();
}

static void hook_sleep(void *user, uint64_t ms)
{
    (void)user;
    sim_sleep(ms);
}

/* ---- the workload ---- */

static void client_body(unsigned client, void *arg)
{
    (void)arg;
    int recovered = 0;
    while (sim_now() < sc.end) {
        uint64_t started = sim_now();
        int ok = current_strategy(client);
        cur->logical_calls++;
        if (!authority_up(started))
            cur->outage_logical++;
        if (!ok)
            cur->logical_failed++;
        else if (!recovered && sim_now() >= sc.down_end) {
            cur->recovery[client] = sim_now() - sc.down_end;
            recovered = 1;
        }
        sim_sleep((uint64_t)(bench_uniform(client) * 2.0 * (double)sc.think_ms));
    }
    if (!recovered)
        cur->recovery[client] = sc.end - sc.down_end; /* censored: never recovered */
}

static void run_strategy(strategy_fn fn, result *r)
{
    uint64_t start[SIM_MAX_CLIENTS];
    memset(r, 0, sizeof *r);
    cur = r;
    current_strategy = fn;
    baselines_reset();
    lgs_config_reset();
    for (unsigned i = 0; i < setting_count; i++) {
        char key[64], why[256];
        const char *eq = strchr(settings[i], '=');
        size_t n = eq != NULL ? (size_t)(eq - settings[i]) : 0;
        if (n == 0 || n >= sizeof key) {
            fprintf(stderr, "lgs_bench_outage: --set needs key=value, not '%s'\n", settings[i]);
            exit(2);
        }
        memcpy(key, settings[i], n);
        key[n] = '\0';
        if (lgs_config_set(key, eq + 1, why, sizeof why) != LGS_OK) {
            fprintf(stderr, "lgs_bench_outage: %s\n", why);
            exit(2);
        }
    }
    lgs_engine_reset_state();
    lgs_engine_seed(sc.seed);
    for (unsigned i = 0; i < sc.clients; i++) {
        rng[i] = (sc.seed + 1u) * 0x9E3779B97F4A7C15ull + i * 0xD1B54A32D192ED03ull;
        if (rng[i] == 0)
            rng[i] = 1;
        start[i] = (uint64_t)(bench_uniform(i) * 2.0 * (double)sc.think_ms);
    }
    sim_run(sc.clients, start, client_body, NULL);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Nearest-rank percentile over the clients' recovery times. */
static uint64_t percentile(const result *r, unsigned pct)
{
    uint64_t v[SIM_MAX_CLIENTS];
    memcpy(v, r->recovery, sc.clients * sizeof v[0]);
    qsort(v, sc.clients, sizeof v[0], cmp_u64);
    unsigned rank = (pct * sc.clients + 99u) / 100u;
    return v[rank == 0 ? 0 : rank - 1];
}

static double amplification(const result *r)
{
    return r->outage_logical == 0 ? 0.0 : (double)r->outage_requests / (double)r->outage_logical;
}

static unsigned long parse_arg(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "lgs_bench_outage: %s needs a value\n", argv[*i]);
        exit(2);
    }
    char *end;
    unsigned long v = strtoul(argv[++*i], &end, 10);
    if (*end != '\0') {
        fprintf(stderr, "lgs_bench_outage: bad number '%s'\n", argv[*i]);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    int check = 0;
    sc.clients = 64;
    sc.outage_ms = 60000;
    sc.think_ms = 1000;
    sc.seed = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--clients") == 0)
            sc.clients = (unsigned)parse_arg(argc, argv, &i);
        else if (strcmp(argv[i], "--outage-s") == 0)
            sc.outage_ms = parse_arg(argc, argv, &i) * 1000u;
        else if (strcmp(argv[i], "--think-ms") == 0)
            sc.think_ms = parse_arg(argc, argv, &i);
        else if (strcmp(argv[i], "--seed") == 0)
            sc.seed = parse_arg(argc, argv, &i);
        else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc && setting_count < MAX_SETTINGS)
            settings[setting_count++] = argv[++i];
        else if (strcmp(argv[i], "--smoke") == 0) {
            sc.clients = 16;
            sc.outage_ms = 20000;
        } else if (strcmp(argv[i], "--check") == 0)
            check = 1;
        else {
            fprintf(stderr, "usage: lgs_bench_outage [--clients N] [--outage-s T] "
                            "[--think-ms M] [--seed S] [--set key=value]... [--smoke] "
                            "[--check]\n");
            return 2;
        }
    }
    if (sc.clients == 0 || sc.clients > SIM_MAX_CLIENTS || sc.think_ms == 0) {
        fprintf(stderr, "lgs_bench_outage: clients must be 1..%d, think-ms above 0\n",
                SIM_MAX_CLIENTS);
        return 2;
    }
    sc.down_start = WARM_MS;
    sc.down_end = WARM_MS + sc.outage_ms;
    sc.end = sc.down_end + AFTER_MS;

    lgs_hooks hooks;
    memset(&hooks, 0, sizeof hooks);
    hooks.clock_ms = hook_clock;
    hooks.sleep_ms = hook_sleep;
    lgs_engine_set_hooks(&hooks);

    static const struct {
        const char *name;
        strategy_fn fn;
    } strategies[] = {
        {"logonshim", strategy_logonshim},
        {"fixed_3x1s", baseline_fixed},
        {"exponential_nojitter", baseline_exponential},
        {"aws_standard", baseline_aws_standard},
        {"grpc_throttling", baseline_grpc},
    };
    enum { N = sizeof strategies / sizeof strategies[0] };
    static result results[N];
    printf("domain-controller outage: %u clients, think %llu ms (mean), outage %llu s, "
           "authority latency %d ms, seed %llu\n",
           sc.clients, (unsigned long long)sc.think_ms,
           (unsigned long long)(sc.outage_ms / 1000u), LATENCY_MS, (unsigned long long)sc.seed);
    printf("logonshim configuration: %s", setting_count == 0 ? "defaults" : "defaults plus");
    for (unsigned i = 0; i < setting_count; i++)
        printf(" %s", settings[i]);
    printf("\n\n");
    printf("%-22s %13s %11s %13s %16s %16s %15s\n", "strategy", "amplification", "total_calls",
           "logical_calls", "recovery_p50_ms", "recovery_p99_ms", "logical_failed");
    uint64_t best = UINT64_MAX;
    for (int s = 0; s < N; s++) {
        run_strategy(strategies[s].fn, &results[s]);
        const result *r = &results[s];
        uint64_t p99 = percentile(r, 99);
        printf("%-22s %13.3f %11llu %13llu %16llu %16llu %15llu\n", strategies[s].name,
               amplification(r), (unsigned long long)r->authority_calls,
               (unsigned long long)r->logical_calls, (unsigned long long)percentile(r, 50),
               (unsigned long long)p99, (unsigned long long)r->logical_failed);
        if (s > 0 && p99 < best)
            best = p99;
    }
    double amp = amplification(&results[0]);
    uint64_t p99 = percentile(&results[0], 99);
    printf("\nlogonshim amplification=%.3f recovery_p99_ms=%llu best_baseline_recovery_p99_ms=%llu\n",
           amp, (unsigned long long)p99, (unsigned long long)best);
    if (check && (amp > 1.10 || p99 > best)) {
        fprintf(stderr, "lgs_bench_outage: logonshim misses a target\n");
        return 1;
    }
    return 0;
}
