/* test_stress.c — 32 threads for a bounded time drive everything shared at
 * once: the engine (budget, breakers, lockout guard, nesting guard, stats),
 * the log dispatcher with the callback and JSON lines sinks, and storm
 * control, while one thread keeps changing the configuration, swapping the
 * callback and flushing. Run under ThreadSanitizer in CI.
 *
 * Afterwards everything must add up exactly, because each thing the library
 * counts is also counted here, on the caller's side: calls, attempts per
 * class, retries, final decisions; and every record a call produced is
 * either delivered or counted in a "suppressed" summary, with the JSON lines
 * file holding one line per delivered record.
 *
 * The clock is the real monotonic clock plus a shared offset that every
 * "sleep" advances instead of sleeping, so waits cost nothing, deadlines,
 * breaker breaks and windows still pass, and time never goes backwards.
 * LGS_STRESS_MS sets the duration (default 1500 ms).
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "engine_internal.h"
#include "log_internal.h"
#include "suites.h"
#include "threads.h"
#include "vtime.h"

#define THREADS 32
#define SCRIPT_MAX 6
#define JSONL_PATH "lgs_stress.jsonl"

static atomic_uint_fast64_t clock_offset;
static uint64_t stop_at;

static uint64_t stress_clock(void *user)
{
    (void)user;
    return lgs__default_clock_ms(NULL) + (uint64_t)atomic_load(&clock_offset);
}

static void stress_sleep(void *user, uint64_t ms)
{
    (void)user;
    atomic_fetch_add(&clock_offset, ms);
}

/* What the test counts on the caller's side. */
static atomic_uint_fast64_t n_calls, n_nested, n_attempts, n_retries, n_waits, n_observed;
static atomic_uint_fast64_t n_by_class[LGS_CLASS_COUNT_];
static atomic_uint_fast64_t n_by_decision[LGS_DECISION_COUNT_];
static atomic_uint_fast64_t n_records_made;      /* records the calls asked the log for */
static atomic_uint_fast64_t n_delivered;         /* records the callback received */
static atomic_uint_fast64_t n_delivered_plain;   /* ... that were not summaries */
static atomic_uint_fast64_t n_suppressed;        /* the sum of the summaries' counts */
static atomic_uint_fast64_t n_bad_records;       /* records missing what every record has */
static atomic_uint_fast64_t n_errors;            /* refused calls, impossible outcomes */

static void count_record(const lgs_record *r)
{
    atomic_fetch_add(&n_delivered, 1u);
    if (r->kind == LGS_RECORD_SUPPRESSED)
        atomic_fetch_add(&n_suppressed, r->suppressed);
    else
        atomic_fetch_add(&n_delivered_plain, 1u);
    if (r->guidance == NULL || r->api[0] == '\0' || r->kind >= LGS_RECORD_KIND_COUNT_ ||
        memchr(r->detail, '\0', sizeof r->detail) == NULL)
        atomic_fetch_add(&n_bad_records, 1u);
}

/* Two callbacks, so that the mutator thread can swap one for the other
 * while records flow; both count into the same place. */
static void callback_a(void *ctx, const lgs_record *r)
{
    (void)ctx;
    count_record(r);
}

static void callback_b(void *ctx, const lgs_record *r)
{
    (void)ctx;
    count_record(r);
}

static void hook_observer(void *user, const lgs_attempt *a)
{
    (void)user;
    (void)a;
    atomic_fetch_add(&n_observed, 1u);
}

typedef struct script {
    lgs_status_code codes[SCRIPT_MAX];
    unsigned count, next;
    int nest;               /* the first attempt makes a nested call */
    lgs__call_log log;
} script;

static uint32_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s >> 32);
}

static void run_call(script *sc, const char *api, const char *authority, const char *user,
                     const char *domain);

static lgs_status_code nested_attempt(void *ctx)
{
    (void)ctx;
    atomic_fetch_add(&n_by_class[LGS_CLASS_OK], 1u);
    lgs_status_code c = {LGS_SPACE_WIN32, 0};
    return c;
}

static lgs_status_code attempt(void *ctx)
{
    script *sc = ctx;
    if (sc->nest && sc->next == 0) {
        lgs_call inner;
        memset(&inner, 0, sizeof inner);
        inner.api = "Nested";
        inner.attempt = nested_attempt;
        lgs_outcome o;
        atomic_fetch_add(&n_calls, 1u);
        atomic_fetch_add(&n_nested, 1u);
        if (lgs_engine_run(&inner, &o) != LGS_OK || o.attempts != 1)
            atomic_fetch_add(&n_errors, 1u);
        atomic_fetch_add(&n_attempts, o.attempts);
        atomic_fetch_add(&n_by_decision[o.decision < LGS_DECISION_COUNT_ ? o.decision : 0], 1u);
    }
    lgs_status_code c = sc->codes[sc->next < sc->count ? sc->next : sc->count - 1];
    sc->next++;
    lgs_class cls = lgs_classify(c.space, c.value);
    atomic_fetch_add(&n_by_class[cls], 1u);
    return c;
}

static void call_observer(void *ctx, const lgs_attempt *a)
{
    script *sc = ctx;
    if (a->decision == LGS_DECISION_RETRY)
        atomic_fetch_add(&n_waits, 1u);
    /* lgs__log_attempt makes a record of every failed attempt and fail-fast. */
    if (a->cls != LGS_CLASS_OK && a->cls != LGS_CLASS_CONTINUE &&
        a->decision != LGS_DECISION_OK && a->decision != LGS_DECISION_RECOVERED)
        atomic_fetch_add(&n_records_made, 1u);
    lgs__log_attempt(&sc->log, a);
}

static void run_call(script *sc, const char *api, const char *authority, const char *user,
                     const char *domain)
{
    lgs_call call;
    memset(&call, 0, sizeof call);
    call.api = api;
    call.authority = authority;
    call.user = user;
    call.domain = domain;
    call.attempt = attempt;
    call.observer = call_observer;
    call.ctx = sc;
    sc->log.api = api;
    sc->log.user = user;
    sc->log.domain = domain;
    sc->log.authority = authority;
    lgs_outcome o;
    atomic_fetch_add(&n_calls, 1u);
    if (lgs_engine_run(&call, &o) != LGS_OK || o.decision == LGS_DECISION_RETRY ||
        o.decision >= LGS_DECISION_COUNT_) {
        atomic_fetch_add(&n_errors, 1u);
        return;
    }
    atomic_fetch_add(&n_by_decision[o.decision], 1u);
    atomic_fetch_add(&n_attempts, o.attempts);
    if (o.attempts > 1)
        atomic_fetch_add(&n_retries, o.attempts - 1u);
    if (o.decision != LGS_DECISION_OK)
        atomic_fetch_add(&n_records_made, 1u);
    lgs__log_outcome(&sc->log, &o);
}

/* The classes a script draws its failures from: every class. */
static const lgs_class failure_classes[] = {
    LGS_CLASS_TRANSIENT,   LGS_CLASS_TRANSIENT,     LGS_CLASS_RESOURCE,
    LGS_CLASS_SESSION_COLLISION, LGS_CLASS_SESSION_GONE, LGS_CLASS_SESSION_STATE,
    LGS_CLASS_CONTEXT_EXPIRED, LGS_CLASS_CLOCK,     LGS_CLASS_CREDENTIALS,
    LGS_CLASS_ACCOUNT,     LGS_CLASS_PRIVILEGE,     LGS_CLASS_CONFIG,
    LGS_CLASS_PROGRAMMING, LGS_CLASS_SECURITY,      LGS_CLASS_SHUTDOWN,
    LGS_CLASS_UNKNOWN,     LGS_CLASS_CONTINUE,
};
#define N_FAILURE_CLASSES (sizeof failure_classes / sizeof failure_classes[0])

static lgs_status_code class_codes[LGS_CLASS_COUNT_];

static const char *const apis[] = {"LogonUser", "SSPI.ACH", "SSPI.ISC", "LsaLogonUser"};
static const char *const authorities[] = {"DC1", "DC2", "contoso.example", NULL};
static const char *const users[] = {"alice", "bob", "CORP\\carol", "dave@corp", "erin",
                                    "frank", "grace", "heidi", NULL, NULL, NULL, NULL};

/* Changes settings and swaps callbacks while the others run; every value is
 * valid, so no "setting" record is made. */
static void mutate(unsigned round)
{
    char why[256];
    static const char *const attempts[] = {"3", "6"};
    static const char *const limits[] = {"5", "20"};
    if (lgs_config_set("retry.transient.attempts", attempts[round % 2], why, sizeof why) != LGS_OK ||
        lgs_log_config_set("log.storm.limit", limits[round % 2], why, sizeof why) != LGS_OK ||
        lgs_log_config_set("log.redact", round % 3 == 0 ? "plain" : "hash", why, sizeof why) != LGS_OK)
        atomic_fetch_add(&n_errors, 1u);
    lgs_log_set_callback(round % 2 ? callback_b : callback_a, NULL);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    lgs_record last;
    (void)lgs_last_failure(&last);
    if (round % 8 == 0)
        lgs_log_flush();
    char buf[2048];
    (void)lgs_config_dump(buf, sizeof buf);
}

static void worker(void *arg, unsigned index)
{
    (void)arg;
    uint64_t rng = 0x9E3779B97F4A7C15ull * (index + 1u);
    for (unsigned round = 0;; round++) {
        if ((round & 15u) == 0 && lgs__default_clock_ms(NULL) >= stop_at)
            break;
        if (index == 0 && (round & 63u) == 0)
            mutate(round / 64u);
        script sc;
        memset(&sc, 0, sizeof sc);
        /* 0..SCRIPT_MAX-1 failures, then usually a success. */
        unsigned fails = rng_next(&rng) % SCRIPT_MAX;
        for (unsigned i = 0; i < fails; i++)
            sc.codes[sc.count++] = class_codes[failure_classes[rng_next(&rng) % N_FAILURE_CLASSES]];
        if (sc.count < SCRIPT_MAX && rng_next(&rng) % 4 != 0)
            sc.codes[sc.count++] = class_codes[LGS_CLASS_OK];
        if (sc.count == 0)
            sc.codes[sc.count++] = class_codes[LGS_CLASS_OK];
        sc.nest = rng_next(&rng) % 16 == 0;
        run_call(&sc, apis[rng_next(&rng) % 4], authorities[rng_next(&rng) % 4],
                 users[rng_next(&rng) % 12], NULL);
    }
}

static unsigned long count_lines(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    unsigned long n = 0;
    int c;
    while ((c = fgetc(f)) != EOF)
        n += c == '\n';
    fclose(f);
    return n;
}

static void reset_counts(void)
{
    atomic_store(&clock_offset, 0u);
    atomic_uint_fast64_t *all[] = {&n_calls, &n_nested, &n_attempts, &n_retries, &n_waits,
                                   &n_observed, &n_records_made, &n_delivered, &n_delivered_plain,
                                   &n_suppressed, &n_bad_records, &n_errors};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        atomic_store(all[i], 0u);
    for (int i = 0; i < LGS_CLASS_COUNT_; i++)
        atomic_store(&n_by_class[i], 0u);
    for (int i = 0; i < LGS_DECISION_COUNT_; i++)
        atomic_store(&n_by_decision[i], 0u);
}

static void test_stress(void)
{
    const char *ms_env = getenv("LGS_STRESS_MS");
    uint64_t duration = ms_env != NULL ? strtoull(ms_env, NULL, 10) : 1500u;
    for (int c = 0; c < LGS_CLASS_COUNT_; c++)
        class_codes[c] = vt_code_of((lgs_class)c);
    reset_counts();
    lgs_config_reset();
    lgs_engine_reset_state();
    lgs_log_reset();
    remove(JSONL_PATH);
    char why[256] = "";
    /* Short waits and deadline, so that deadlines, give-ups and budget
     * refusals all happen; breakers and the lockout guard on. */
    static const char *const settings[][2] = {
        {"deadline_ms", "300"},          {"retry.transient.base_ms", "5"},
        {"retry.transient.cap_ms", "80"}, {"retry.resource.base_ms", "5"},
        {"budget.window_ms", "200"},     {"breaker.threshold", "4"},
        {"breaker.break_min_ms", "20"},  {"breaker.break_max_ms", "200"},
        {"lockout.threshold", "3"},      {"lockout.window_ms", "1000"},
    };
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
        CU_ASSERT_EQUAL_FATAL(lgs_config_set(settings[i][0], settings[i][1], why, sizeof why), LGS_OK);
    CU_ASSERT_EQUAL_FATAL(lgs_log_config_set("log.jsonl.path", JSONL_PATH, why, sizeof why), LGS_OK);
    CU_ASSERT_EQUAL_FATAL(lgs_log_config_set("log.sinks", "jsonl", why, sizeof why), LGS_OK);
    CU_ASSERT_EQUAL_FATAL(lgs_log_config_set("log.level", "warning", why, sizeof why), LGS_OK);
    /* Every attempt record is counted below: all of them are written. */
    CU_ASSERT_EQUAL_FATAL(lgs_log_config_set("log.records", "all", why, sizeof why), LGS_OK);
    lgs_log_set_callback(callback_a, NULL);
    lgs_hooks h;
    memset(&h, 0, sizeof h);
    h.clock_ms = stress_clock;
    h.sleep_ms = stress_sleep;
    h.observer = hook_observer;
    lgs_engine_set_hooks(&h);
    lgs_engine_seed(8);

    stop_at = lgs__default_clock_ms(NULL) + duration;
    CU_ASSERT_EQUAL(lgs_test_run_threads(THREADS, worker, NULL), 0);
    lgs_log_flush();

    lgs_stats st;
    lgs_stats_snapshot(&st);
    printf("\n  stress: %u threads, %llu ms: %llu calls (%llu nested), %llu attempts, %llu retries,"
           " %llu records (%llu delivered, %llu suppressed)\n",
           THREADS, (unsigned long long)duration, (unsigned long long)st.calls,
           (unsigned long long)st.nested_calls, (unsigned long long)st.attempts,
           (unsigned long long)st.retries, (unsigned long long)atomic_load(&n_records_made),
           (unsigned long long)atomic_load(&n_delivered_plain),
           (unsigned long long)atomic_load(&n_suppressed));
    printf("  decisions:");
    for (int d = 0; d < LGS_DECISION_COUNT_; d++)
        printf(" %s=%llu", lgs_decision_name((lgs_decision)d), (unsigned long long)st.by_decision[d]);
    printf("\n");

    CU_ASSERT_EQUAL(atomic_load(&n_errors), 0);
    CU_ASSERT(st.calls > THREADS);
    /* The engine's counters equal the caller's. */
    CU_ASSERT_EQUAL(st.calls, atomic_load(&n_calls));
    CU_ASSERT_EQUAL(st.nested_calls, atomic_load(&n_nested));
    CU_ASSERT_EQUAL(st.attempts, atomic_load(&n_attempts));
    CU_ASSERT_EQUAL(st.retries, atomic_load(&n_retries));
    uint64_t classes = 0, decisions = 0, successes;
    for (int c = 0; c < LGS_CLASS_COUNT_; c++) {
        CU_ASSERT_EQUAL(st.by_class[c], atomic_load(&n_by_class[c]));
        classes += st.by_class[c];
    }
    for (int d = 0; d < LGS_DECISION_COUNT_; d++) {
        CU_ASSERT_EQUAL(st.by_decision[d], atomic_load(&n_by_decision[d]));
        decisions += st.by_decision[d];
    }
    /* attempts = successes + failures; every call has one final decision. */
    successes = st.by_class[LGS_CLASS_OK] + st.by_class[LGS_CLASS_CONTINUE];
    CU_ASSERT_EQUAL(classes, st.attempts);
    CU_ASSERT(successes <= st.attempts);
    CU_ASSERT_EQUAL(decisions, st.calls);
    CU_ASSERT_EQUAL(st.by_decision[LGS_DECISION_RETRY], 0);
    CU_ASSERT_EQUAL(st.by_decision[LGS_DECISION_OK] + st.by_decision[LGS_DECISION_RECOVERED] +
                        st.failed, st.calls);
    CU_ASSERT_EQUAL(st.recovered, st.by_decision[LGS_DECISION_RECOVERED]);
    CU_ASSERT_EQUAL(st.budget_refusals, st.by_decision[LGS_DECISION_BUDGET_EXHAUSTED]);
    CU_ASSERT_EQUAL(st.breaker_refusals, st.by_decision[LGS_DECISION_BREAKER_OPEN]);
    CU_ASSERT_EQUAL(st.lockout_refusals, st.by_decision[LGS_DECISION_LOCKOUT_GUARD]);
    CU_ASSERT_EQUAL(st.deadline_stops, st.by_decision[LGS_DECISION_DEADLINE]);
    /* The process-wide observer sees every attempt and every fail-fast. */
    CU_ASSERT_EQUAL(atomic_load(&n_observed),
                    st.attempts + st.by_decision[LGS_DECISION_BREAKER_OPEN] +
                        st.by_decision[LGS_DECISION_LOCKOUT_GUARD]);
    CU_ASSERT(st.retries <= atomic_load(&n_waits));
    /* Every policy got exercised. */
    CU_ASSERT(st.by_decision[LGS_DECISION_RECOVERED] > 0);
    CU_ASSERT(st.by_decision[LGS_DECISION_NEVER_RETRY] > 0);
    CU_ASSERT(st.by_decision[LGS_DECISION_LOCKOUT_GUARD] > 0);
    CU_ASSERT(st.breaker_opens > 0);
    CU_ASSERT(st.nested_calls > 0);
    /* Storm control loses nothing: each record was delivered or counted in
     * a summary, and the file has a line for every delivered record. */
    CU_ASSERT_EQUAL(atomic_load(&n_bad_records), 0);
    CU_ASSERT(atomic_load(&n_suppressed) > 0);
    CU_ASSERT_EQUAL(atomic_load(&n_delivered_plain) + atomic_load(&n_suppressed),
                    atomic_load(&n_records_made));
    lgs_log_reset(); /* closes the file */
    CU_ASSERT_EQUAL(count_lines(JSONL_PATH), atomic_load(&n_delivered));
    remove(JSONL_PATH);
}

static int teardown(void)
{
    lgs_log_reset();
    (void)lgs_log_config_set("log.sinks", "none", NULL, 0);
    lgs_config_reset();
    lgs_engine_reset_state();
    return vt_teardown();
}

static CU_TestInfo tests[] = {
    {"32 threads: engine, sinks and storm control add up", test_stress},
    CU_TEST_INFO_NULL,
};

int lgs_suite_stress(void)
{
    LGS_REGISTER("stress", tests, NULL, teardown);
}
