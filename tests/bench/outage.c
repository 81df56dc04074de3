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
 * Each client has two random streams: one for its think times (and its
 * start offset), one for a baseline's backoff jitter (bench_jitter), so a
 * strategy that draws jitter does not shift its own workload; logonshim's
 * engine draws from its own generator (lgs_engine_seed). The program checks
 * that every strategy drew the same think times: it keeps each client's
 * first THINK_KEPT draws, compares them over the prefix every strategy
 * reached, prints a hash of that prefix per strategy (think_hash), and
 * fails (exit 1, no machine-readable line) when they differ.
 *
 * Figures: retry amplification during the outage (requests reaching the
 * authority while it is down / logical calls started while it is down);
 * beside it the requests reaching the authority while it is down in total
 * and per second, since a strategy that refuses calls at once lets its
 * clients start more logical calls, which lowers the ratio without sparing
 * the authority anything; all requests in the run; time to recovery per
 * client (from the authority's return to the end of the client's first
 * successful logical call; p50 and p99 over clients); and logical calls
 * failed. Beside them: the load on the authority while it is down as a
 * fraction of its load before (requests per second during the outage ÷
 * per second in the steady part of the warm-up, from 2 s on, once every
 * client has started); the logical calls that failed although they started
 * after the authority was back (a good strategy has none); and the herd: the
 * most requests reaching the authority in any 100 ms within 10 s of its
 * return ÷ its mean per 100 ms before the outage. The last line is
 * machine-readable.
 *
 * Three scenarios, each run for every strategy with the same random
 * streams (--scenario outage|overload|flapping|all, default outage):
 * outage, the authority down for T; overload, the authority serves at most
 * 1.5 x its normal load per second (more fails with the transient code,
 * after a latency that grows with the excess), and for 10 s the clients
 * think a quarter as long (a spike of demand); flapping, the authority down
 * 3 s of every 10 s for a minute. In the overload scenario the figures are
 * taken over the spike, recovery counts from its end, and
 * back_under_capacity_s is the time from the end of the spike until the
 * authority's last second over capacity (a strategy whose retries keep it
 * over capacity after the spike shows the rest of the run); in the flapping
 * scenario over the minute, and recovery from the end of the last down
 * phase. With all, outage runs last, so its machine-readable line is the
 * last line; each other scenario prints one of its own.
 *
 * --csv FILE writes, for the first seed, the requests reaching the authority
 * in each second of the run, per scenario and strategy (scenario, strategy,
 * second, requests), for a chart.
 *
 *   lgs_bench_outage [--clients N] [--outage-s T] [--think-ms M] [--seed S]
 *                    [--seeds N] [--set key=value]... [--scenario NAME]
 *                    [--csv FILE] [--smoke] [--check]
 *
 * --seeds N runs seeds S..S+N-1 (S from --seed, default 1), prints each
 * seed's figures, then per strategy the median and the worst (largest) of
 * each figure over the seeds; the median of an even count is the mean of
 * the middle two. The machine-readable line then carries medians, plus
 * logonshim's worst recovery p99.
 *
 * --set changes logonshim's configuration for the run (lgs_config_set keys,
 * see docs/configuration.md); without it the engine runs on its defaults.
 *
 * --smoke runs a small scenario (16 clients, 20 s outage) for CI; --check
 * exits 1 when logonshim misses a target (with --seeds, on the medians):
 * amplification <= 1.10, load during the outage <= 5 % of before, herd
 * ratio <= 4, no failed call that started after the return, logical calls
 * failed <= 0.25 x the best baseline's, and recovery p99 <= 0.5 x the best
 * baseline's; in the overload scenario, back under capacity within 5 s;
 * in the flapping one, no more logical calls failed than the best
 * baseline's.
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
#define THINK_KEPT 64 /* think-stream draws kept per client for the identity check */
#define MAX_SEEDS 64
#define BUCKET_MS 100                /* the herd's window, and the chart's unit */
#define MAX_BUCKETS 20000            /* 2000 s of run at 100 ms */
#define STEADY_FROM_MS 2000          /* every client has started by then */
#define HERD_AFTER_MS 10000          /* the herd is looked for this long after the return */
#define SPIKE_MS 10000               /* overload: the spike of demand */
#define SPIKE_THINK_DIVISOR 4        /* overload: think times during it */
#define OVERLOAD_LATENCY_PER_REQ 10  /* overload: ms of latency per request over capacity */
#define OVERLOAD_LATENCY_MAX 2000
#define FLAP_PERIOD_MS 10000         /* flapping: down FLAP_DOWN_MS of every period */
#define FLAP_DOWN_MS 3000
#define FLAP_TOTAL_MS 60000

enum { SC_OUTAGE, SC_OVERLOAD, SC_FLAPPING, SC_COUNT };
static const char *const scenario_name[SC_COUNT] = {"outage", "overload", "flapping"};

typedef struct scenario {
    int kind;                /* SC_* */
    unsigned clients;
    uint64_t outage_ms;
    uint64_t think_ms;
    uint64_t seed;
    uint64_t down_start, down_end, end;
    uint64_t trouble_end;    /* the figures "while down" are over [down_start, trouble_end) */
    double capacity;         /* overload: requests per second it serves */
} scenario;

typedef struct result {
    uint64_t authority_calls;  /* whole run */
    uint64_t outage_requests;  /* reaching the authority while down */
    uint64_t outage_logical;   /* logical calls started while down */
    uint64_t logical_calls;
    uint64_t logical_failed;
    uint64_t failed_after;     /* logical calls started once the authority was back, failed */
    uint32_t buckets[MAX_BUCKETS]; /* requests reaching the authority per 100 ms */
    uint64_t recovery[SIM_MAX_CLIENTS];
    uint64_t think[SIM_MAX_CLIENTS][THINK_KEPT]; /* the first think-stream draws, in ms */
    unsigned thinks[SIM_MAX_CLIENTS];            /* think-stream draws made */
} result;

#define MAX_SETTINGS 16

static scenario sc;
static const char *settings[MAX_SETTINGS];
static unsigned setting_count;
static result *cur;
static strategy_fn current_strategy;
static uint64_t think_rng[SIM_MAX_CLIENTS], jitter_rng[SIM_MAX_CLIENTS];

static double xorshift_uniform(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (double)(*s >> 11) / 9007199254740992.0;
}

double bench_jitter(unsigned client)
{
    return xorshift_uniform(&jitter_rng[client]);
}

/* A think time (or start offset) for the client, uniform in [0, 2 x think],
 * from its think stream; the first THINK_KEPT are kept for the check. */
static uint64_t think_draw(unsigned client)
{
    uint64_t ms = (uint64_t)(xorshift_uniform(&think_rng[client]) * 2.0 * (double)sc.think_ms);
    if (cur->thinks[client] < THINK_KEPT)
        cur->think[client][cur->thinks[client]] = ms;
    cur->thinks[client]++;
    return ms;
}

/* splitmix64's finaliser: seeds the jitter streams apart from the think
 * streams. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int in_trouble(uint64_t t)
{
    return t >= sc.down_start && t < sc.trouble_end;
}

static int authority_up(uint64_t t)
{
    if (!in_trouble(t) || sc.kind == SC_OVERLOAD)
        return 1;
    if (sc.kind == SC_FLAPPING)
        return (t - sc.down_start) % FLAP_PERIOD_MS >= FLAP_DOWN_MS;
    return 0;
}

/* Requests that reached the authority in the second ending with bucket b. */
static uint32_t last_second(const result *r, uint64_t b)
{
    uint32_t n = 0;
    for (uint64_t i = b >= 9 ? b - 9 : 0; i <= b && i < MAX_BUCKETS; i++)
        n += r->buckets[i];
    return n;
}

uint32_t authority_call(unsigned client)
{
    (void)client;
    uint64_t t = sim_now();
    cur->authority_calls++;
    if (in_trouble(t))
        cur->outage_requests++;
    if (t / BUCKET_MS < MAX_BUCKETS)
        cur->buckets[t / BUCKET_MS]++;
    if (sc.kind == SC_OVERLOAD) {
        /* Over capacity, the queue grows: the request waits longer the
         * further over it is, and fails. */
        double excess = (double)last_second(cur, t / BUCKET_MS) - sc.capacity;
        if (excess > 0) {
            double late = excess * OVERLOAD_LATENCY_PER_REQ;
            sim_sleep(LATENCY_MS + (uint64_t)(late < OVERLOAD_LATENCY_MAX ? late : OVERLOAD_LATENCY_MAX));
            return NO_LOGON_SERVERS;
        }
    }
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
        if (in_trouble(started))
            cur->outage_logical++;
        if (!ok) {
            cur->logical_failed++;
            if (started >= sc.down_end)
                cur->failed_after++;
        }
        else if (!recovered && sim_now() >= sc.down_end) {
            cur->recovery[client] = sim_now() - sc.down_end;
            recovered = 1;
        }
        uint64_t think = think_draw(client);
        if (sc.kind == SC_OVERLOAD && in_trouble(sim_now()))
            think /= SPIKE_THINK_DIVISOR; /* the spike: the same draws, shorter */
        sim_sleep(think);
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
        think_rng[i] = (sc.seed + 1u) * 0x9E3779B97F4A7C15ull + i * 0xD1B54A32D192ED03ull;
        if (think_rng[i] == 0)
            think_rng[i] = 1;
        jitter_rng[i] = mix64(think_rng[i] ^ 0x6A09E667F3BCC909ull);
        if (jitter_rng[i] == 0)
            jitter_rng[i] = 1;
        start[i] = think_draw(i);
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

/* The figures of one strategy on one seed, as numbers, so that the same
 * code prints, sorts and summarises all of them. */
enum {
    F_AMPLIFICATION,
    F_OUTAGE_REQUESTS,
    F_OUTAGE_PER_S,
    F_TOTAL_CALLS,
    F_LOGICAL_CALLS,
    F_P50,
    F_P99,
    F_FAILED,
    F_LOAD,
    F_FAILED_AFTER,
    F_HERD,
    F_UNDER_CAP,
    F_COUNT
};
static const char *const figure_name[F_COUNT] = {
    "amplification", "outage_requests", "outage_req_per_s", "total_calls",
    "logical_calls", "recovery_p50_ms", "recovery_p99_ms",  "logical_failed",
    "load_ratio",    "failed_after",    "herd_ratio",       "back_under_capacity_s",
};

/* Requests per 100 ms in the steady part of the warm-up. */
static double mean_before(const result *r)
{
    uint64_t n = 0, from = STEADY_FROM_MS / BUCKET_MS, to = sc.down_start / BUCKET_MS;
    for (uint64_t b = from; b < to; b++)
        n += r->buckets[b];
    return to > from ? (double)n / (double)(to - from) : 0.0;
}

/* The most requests in one 100 ms within HERD_AFTER_MS of the return. */
static double herd_peak(const result *r)
{
    uint32_t peak = 0;
    for (uint64_t b = sc.down_end / BUCKET_MS;
         b < (sc.down_end + HERD_AFTER_MS) / BUCKET_MS && b < MAX_BUCKETS; b++)
        if (r->buckets[b] > peak)
            peak = r->buckets[b];
    return (double)peak;
}

/* Overload: seconds from the end of the spike to the end of the last second
 * over capacity after it (0 when none). */
static double back_under_capacity(const result *r)
{
    if (sc.kind != SC_OVERLOAD)
        return 0.0;
    uint64_t last_over = 0;
    for (uint64_t b = sc.trouble_end / BUCKET_MS; b < sc.end / BUCKET_MS && b < MAX_BUCKETS; b++)
        if ((double)last_second(r, b) > sc.capacity)
            last_over = (b + 1) * BUCKET_MS;
    return last_over > sc.trouble_end ? (double)(last_over - sc.trouble_end) / 1000.0 : 0.0;
}

static void figures_of(const result *r, double f[F_COUNT])
{
    f[F_AMPLIFICATION] = r->outage_logical == 0
                             ? 0.0
                             : (double)r->outage_requests / (double)r->outage_logical;
    f[F_OUTAGE_REQUESTS] = (double)r->outage_requests;
    f[F_OUTAGE_PER_S] = (double)r->outage_requests * 1000.0 / (double)(sc.trouble_end - sc.down_start);
    f[F_TOTAL_CALLS] = (double)r->authority_calls;
    f[F_LOGICAL_CALLS] = (double)r->logical_calls;
    f[F_P50] = (double)percentile(r, 50);
    f[F_P99] = (double)percentile(r, 99);
    f[F_FAILED] = (double)r->logical_failed;
    double before = mean_before(r); /* per 100 ms */
    f[F_LOAD] = before == 0.0 ? 0.0 : f[F_OUTAGE_PER_S] / (before * (1000.0 / BUCKET_MS));
    f[F_FAILED_AFTER] = (double)r->failed_after;
    f[F_HERD] = before == 0.0 ? 0.0 : herd_peak(r) / before;
    f[F_UNDER_CAP] = back_under_capacity(r);
}

static void print_figures(const double f[F_COUNT])
{
    for (int i = 0; i < F_COUNT; i++) {
        int width = (int)strlen(figure_name[i]) + 1;
        int decimals = i == F_AMPLIFICATION || i == F_LOAD                     ? 3
                       : i == F_OUTAGE_PER_S || i == F_HERD || i == F_UNDER_CAP ? 1
                                                                                 : 0;
        printf(" %*.*f", width, decimals, f[i]);
    }
}

static void print_header(const char *first, const char *last)
{
    printf("%-30s", first);
    for (int i = 0; i < F_COUNT; i++)
        printf("  %s", figure_name[i]);
    printf("%s\n", last);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

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
static double figures[N][F_COUNT][MAX_SEEDS];

static uint32_t fnv1a(uint32_t h, uint64_t v)
{
    for (int b = 0; b < 8; b++) {
        h ^= (uint32_t)(v >> (8 * b)) & 0xFFu;
        h *= 16777619u;
    }
    return h;
}

/* After every strategy ran one seed: 1 when each client drew the same think
 * times under every strategy, over the prefix all of them reached (at most
 * THINK_KEPT draws). hash[s] is a hash of that prefix as strategy s drew
 * it, so equal streams print equal hashes. */
static int think_times_identical(uint32_t hash[N])
{
    int same = 1;
    for (int s = 0; s < N; s++)
        hash[s] = 2166136261u;
    for (unsigned c = 0; c < sc.clients; c++) {
        unsigned common = THINK_KEPT;
        for (int s = 0; s < N; s++)
            if (results[s].thinks[c] < common)
                common = results[s].thinks[c];
        for (int s = 0; s < N; s++)
            for (unsigned k = 0; k < common; k++) {
                hash[s] = fnv1a(hash[s], results[s].think[c][k]);
                same &= results[s].think[c][k] == results[0].think[c][k];
            }
    }
    return same;
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

/* Sets the scenario's times: the trouble starts after the warm-up. */
static void set_scenario(int kind)
{
    sc.kind = kind;
    sc.down_start = WARM_MS;
    if (kind == SC_OUTAGE)
        sc.trouble_end = sc.down_end = WARM_MS + sc.outage_ms;
    else if (kind == SC_OVERLOAD)
        sc.trouble_end = sc.down_end = WARM_MS + SPIKE_MS;
    else {
        sc.trouble_end = WARM_MS + FLAP_TOTAL_MS;
        sc.down_end = sc.trouble_end - FLAP_PERIOD_MS + FLAP_DOWN_MS; /* the last return */
    }
    sc.end = sc.trouble_end + AFTER_MS;
    /* 1.5 x the load of clients that each call once per think and latency. */
    sc.capacity = 1.5 * (double)sc.clients * 1000.0 / (double)(sc.think_ms + LATENCY_MS);
}

/* Requests per second of the run, per strategy, for the chart. */
static void write_csv(FILE *csv)
{
    for (int s = 0; s < N; s++)
        for (uint64_t b = 9; b < sc.end / BUCKET_MS && b < MAX_BUCKETS; b += 10)
            fprintf(csv, "%s,%s,%llu,%u\n", scenario_name[sc.kind], strategies[s].name,
                    (unsigned long long)(b / 10u), (unsigned)last_second(&results[s], b));
}

static void print_scenario(unsigned seeds, uint64_t first_seed)
{
    if (sc.kind == SC_OUTAGE)
        printf("domain-controller outage: %u clients, think %llu ms (mean), outage %llu s, ",
               sc.clients, (unsigned long long)sc.think_ms, (unsigned long long)(sc.outage_ms / 1000u));
    else if (sc.kind == SC_OVERLOAD)
        printf("overload: %u clients, think %llu ms (mean), capacity %.0f requests/s, a %d s spike "
               "of think / %d, ",
               sc.clients, (unsigned long long)sc.think_ms, sc.capacity, SPIKE_MS / 1000,
               SPIKE_THINK_DIVISOR);
    else
        printf("flapping: %u clients, think %llu ms (mean), down %d s of every %d s for %d s, ",
               sc.clients, (unsigned long long)sc.think_ms, FLAP_DOWN_MS / 1000,
               FLAP_PERIOD_MS / 1000, FLAP_TOTAL_MS / 1000);
    printf("authority latency %d ms, seed%s %llu", LATENCY_MS, seeds > 1 ? "s" : "",
           (unsigned long long)first_seed);
    if (seeds > 1)
        printf("..%llu", (unsigned long long)(first_seed + seeds - 1u));
    printf("\nlogonshim configuration: %s", setting_count == 0 ? "defaults" : "defaults plus");
    for (unsigned i = 0; i < setting_count; i++)
        printf(" %s", settings[i]);
    printf("\n\n");
}

typedef struct target {
    const char *what;
    int missed;
} target;

/* Runs the current scenario over the seeds and prints its tables and its
 * machine-readable line. Returns 1 when check is set and logonshim misses a
 * target, 2 when the workloads differed, else 0. */
static int run_scenario(unsigned seeds, uint64_t first_seed, int check, FILE *csv)
{
    print_scenario(seeds, first_seed);
    print_header("strategy                  seed", "  think_hash");
    for (unsigned k = 0; k < seeds; k++) {
        sc.seed = first_seed + k;
        for (int s = 0; s < N; s++)
            run_strategy(strategies[s].fn, &results[s]);
        uint32_t hash[N];
        int same = think_times_identical(hash);
        for (int s = 0; s < N; s++) {
            double f[F_COUNT];
            figures_of(&results[s], f);
            for (int i = 0; i < F_COUNT; i++)
                figures[s][i][k] = f[i];
            printf("%-25s %4llu", strategies[s].name, (unsigned long long)sc.seed);
            print_figures(f);
            printf("    %08lx\n", (unsigned long)hash[s]);
        }
        if (!same) {
            fprintf(stderr, "lgs_bench_outage: seed %llu: the strategies drew different think "
                            "times (think_hash differs): their workloads are not the same\n",
                    (unsigned long long)sc.seed);
            return 2;
        }
        if (k == 0 && csv != NULL)
            write_csv(csv);
    }

    /* Per strategy and figure: the median and the worst (largest) over the
     * seeds. With one seed both are that seed's figure. */
    static double med[N][F_COUNT], worst[N][F_COUNT];
    for (int s = 0; s < N; s++)
        for (int i = 0; i < F_COUNT; i++) {
            double v[MAX_SEEDS];
            memcpy(v, figures[s][i], seeds * sizeof v[0]);
            qsort(v, seeds, sizeof v[0], cmp_double);
            med[s][i] = seeds % 2 ? v[seeds / 2] : (v[seeds / 2 - 1] + v[seeds / 2]) / 2.0;
            worst[s][i] = v[seeds - 1];
        }
    if (seeds > 1) {
        printf("\nover %u seeds: the median, and the worst (the largest) of each figure "
               "(not one seed's row)\n",
               seeds);
        print_header("strategy", "");
        for (int s = 0; s < N; s++) {
            char label[64];
            snprintf(label, sizeof label, "%s median", strategies[s].name);
            printf("%-30s", label);
            print_figures(med[s]);
            snprintf(label, sizeof label, "%s worst", strategies[s].name);
            printf("\n%-30s", label);
            print_figures(worst[s]);
            printf("\n");
        }
    }
    double best = -1.0, best_failed = -1.0, best_under = -1.0;
    for (int s = 1; s < N; s++) {
        if (best < 0 || med[s][F_P99] < best)
            best = med[s][F_P99];
        if (best_failed < 0 || med[s][F_FAILED] < best_failed)
            best_failed = med[s][F_FAILED];
        if (best_under < 0 || med[s][F_UNDER_CAP] < best_under)
            best_under = med[s][F_UNDER_CAP];
    }
    const double *m = med[0];
    target targets[6];
    size_t count = 0;
    if (sc.kind == SC_OUTAGE) {
        printf("\nlogonshim amplification=%.3f recovery_p99_ms=%.0f best_baseline_recovery_p99_ms=%.0f "
               "outage_requests=%.0f outage_req_per_s=%.1f worst_recovery_p99_ms=%.0f "
               "logical_failed=%.0f best_baseline_logical_failed=%.0f failed_after=%.0f "
               "load_ratio=%.3f herd_ratio=%.1f seeds=%u think_times=identical\n",
               m[F_AMPLIFICATION], m[F_P99], best, m[F_OUTAGE_REQUESTS], m[F_OUTAGE_PER_S],
               worst[0][F_P99], m[F_FAILED], best_failed, m[F_FAILED_AFTER], m[F_LOAD], m[F_HERD],
               seeds);
        targets[count++] = (target){"amplification <= 1.10", m[F_AMPLIFICATION] > 1.10};
        targets[count++] = (target){"load during the outage <= 5 % of before", m[F_LOAD] > 0.05};
        targets[count++] = (target){"herd ratio <= 4", m[F_HERD] > 4.0};
        targets[count++] = (target){"no failed call started after the return", m[F_FAILED_AFTER] > 0.0};
        targets[count++] = (target){"logical calls failed <= 0.25 x the best baseline's",
                                    m[F_FAILED] > 0.25 * best_failed};
        targets[count++] = (target){"recovery p99 <= 0.5 x the best baseline's", m[F_P99] > 0.5 * best};
    } else {
        printf("\nlogonshim scenario=%s amplification=%.3f load_ratio=%.3f recovery_p99_ms=%.0f "
               "best_baseline_recovery_p99_ms=%.0f logical_failed=%.0f best_baseline_logical_failed=%.0f "
               "failed_after=%.0f herd_ratio=%.1f back_under_capacity_s=%.1f "
               "best_baseline_back_under_capacity_s=%.1f seeds=%u think_times=identical\n\n",
               scenario_name[sc.kind], m[F_AMPLIFICATION], m[F_LOAD], m[F_P99], best, m[F_FAILED],
               best_failed, m[F_FAILED_AFTER], m[F_HERD], m[F_UNDER_CAP], best_under, seeds);
        if (sc.kind == SC_OVERLOAD)
            targets[count++] = (target){"overload: back under capacity within 5 s of the spike's end",
                                        m[F_UNDER_CAP] > 5.0};
        else
            targets[count++] = (target){"flapping: no more logical calls failed than the best baseline",
                                        m[F_FAILED] > best_failed};
    }
    int missed = 0;
    for (size_t i = 0; check && i < count; i++)
        if (targets[i].missed) {
            fprintf(stderr, "lgs_bench_outage: logonshim misses a target: %s\n", targets[i].what);
            missed = 1;
        }
    return missed;
}

int main(int argc, char **argv)
{
    int check = 0, chosen = SC_OUTAGE, all = 0;
    unsigned seeds = 1;
    const char *csv_path = NULL;
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
        else if (strcmp(argv[i], "--seeds") == 0)
            seeds = (unsigned)parse_arg(argc, argv, &i);
        else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc && setting_count < MAX_SETTINGS)
            settings[setting_count++] = argv[++i];
        else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
            csv_path = argv[++i];
        else if (strcmp(argv[i], "--scenario") == 0 && i + 1 < argc) {
            const char *name = argv[++i];
            chosen = -1;
            all = strcmp(name, "all") == 0;
            for (int k = 0; k < SC_COUNT; k++)
                if (strcmp(name, scenario_name[k]) == 0)
                    chosen = k;
            if (chosen < 0 && !all) {
                fprintf(stderr, "lgs_bench_outage: --scenario is outage, overload, flapping or all\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--smoke") == 0) {
            sc.clients = 16;
            sc.outage_ms = 20000;
        } else if (strcmp(argv[i], "--check") == 0)
            check = 1;
        else {
            fprintf(stderr, "usage: lgs_bench_outage [--clients N] [--outage-s T] "
                            "[--think-ms M] [--seed S] [--seeds N] [--set key=value]... "
                            "[--scenario outage|overload|flapping|all] [--csv FILE] "
                            "[--smoke] [--check]\n");
            return 2;
        }
    }
    if (sc.clients == 0 || sc.clients > SIM_MAX_CLIENTS || sc.think_ms == 0 || sc.outage_ms == 0 ||
        seeds == 0 || seeds > MAX_SEEDS) {
        fprintf(stderr, "lgs_bench_outage: clients must be 1..%d, seeds 1..%d, think-ms and "
                        "outage-s above 0\n",
                SIM_MAX_CLIENTS, MAX_SEEDS);
        return 2;
    }
    FILE *csv = NULL;
    if (csv_path != NULL) {
        csv = fopen(csv_path, "w");
        if (csv == NULL) {
            fprintf(stderr, "lgs_bench_outage: cannot write %s\n", csv_path);
            return 2;
        }
        fprintf(csv, "scenario,strategy,second,requests\n");
    }

    lgs_hooks hooks;
    memset(&hooks, 0, sizeof hooks);
    hooks.clock_ms = hook_clock;
    hooks.sleep_ms = hook_sleep;
    lgs_engine_set_hooks(&hooks);

    /* Outage last: its machine-readable line is the program's last line. */
    static const int order[] = {SC_OVERLOAD, SC_FLAPPING, SC_OUTAGE};
    const uint64_t first_seed = sc.seed;
    int missed = 0;
    for (int k = 0; k < SC_COUNT; k++) {
        if (!all && order[k] != chosen)
            continue;
        set_scenario(order[k]);
        int rc = run_scenario(seeds, first_seed, check, csv);
        if (rc == 2)
            return 1;
        missed |= rc;
    }
    if (csv != NULL)
        fclose(csv);
    return missed;
}
