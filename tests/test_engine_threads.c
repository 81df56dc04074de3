/* test_engine_threads.c — the engine from many threads at once: the retry
 * budget holds exactly, a breaker opens once and stops the traffic, and the
 * stats add up, however the threads interleave. The virtual clock stands
 * still (waits are 0 ms), so the outcome does not depend on scheduling.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "engine_internal.h"
#include "suites.h"
#include "threads.h"
#include "vtime.h"

#define THREADS 8
#define CALLS_PER_THREAD 250
#define NO_LOGON_SERVERS 1311u

static int setup(void)
{
    vt_setup(0, 1);
    return 0;
}

static atomic_uint reached;
static atomic_uint worker_errors;

static lgs_status_code failing_attempt(void *ctx)
{
    (void)ctx;
    atomic_fetch_add(&reached, 1u);
    lgs_status_code c = {LGS_SPACE_WIN32, NO_LOGON_SERVERS};
    return c;
}

static void worker(void *arg, unsigned index)
{
    const char *authority = arg;
    (void)index;
    lgs_call c;
    memset(&c, 0, sizeof c);
    c.api = "LogonUser";
    c.authority = authority;
    c.attempt = failing_attempt;
    for (int i = 0; i < CALLS_PER_THREAD; i++) {
        lgs_outcome o;
        if (lgs_engine_run(&c, &o) != LGS_OK || o.decision == LGS_DECISION_RETRY)
            atomic_fetch_add(&worker_errors, 1u);
    }
}

static void check_stats_add_up(const lgs_stats *st)
{
    uint64_t decisions = 0, classes = 0;
    for (int i = 0; i < LGS_DECISION_COUNT_; i++)
        decisions += st->by_decision[i];
    for (int i = 0; i < LGS_CLASS_COUNT_; i++)
        classes += st->by_class[i];
    CU_ASSERT_EQUAL(decisions, st->calls);
    CU_ASSERT_EQUAL(classes, st->attempts);
    CU_ASSERT_EQUAL(st->attempts, (uint64_t)atomic_load(&reached));
    CU_ASSERT_EQUAL(st->by_decision[LGS_DECISION_RETRY], 0);
}

/* Runs the workers against `authority` (waits of 0 ms) and returns the
 * stats afterwards. */
static lgs_stats storm(const char *authority)
{
    vt_set("retry.transient.base_ms", "0");
    atomic_store(&reached, 0u);
    atomic_store(&worker_errors, 0u);
    CU_ASSERT_EQUAL(lgs_test_run_threads(THREADS, worker, (void *)authority), 0);
    CU_ASSERT_EQUAL(atomic_load(&worker_errors), 0);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    return st;
}

/* 2000 failing calls from 8 threads: retries are exactly the floor plus
 * 10 % of the calls, not one more. */
static void test_budget_across_threads(void)
{
    vt_setup(0, 2);
    vt_set("breaker.threshold", "0");
    lgs_stats st = storm("CONTOSO");
    const uint64_t calls = THREADS * CALLS_PER_THREAD;
    CU_ASSERT_EQUAL(st.calls, calls);
    CU_ASSERT_EQUAL(st.retries, 10u + calls / 10u);
    CU_ASSERT_EQUAL(st.attempts, calls + st.retries);
    CU_ASSERT_EQUAL(st.failed, calls);
    check_stats_add_up(&st);
}

/* With the breaker on, the authority sees the few attempts that were
 * already admitted when it opened, and nothing more while it is open. */
static void test_breaker_across_threads(void)
{
    vt_setup(0, 3);
    vt_set("breaker.wait", "off"); /* refused at once, not held for the probe */
    lgs_stats st = storm("FABRIKAM");
    unsigned r = atomic_load(&reached);
    CU_ASSERT(r >= 5);
    CU_ASSERT(r < 5 + THREADS);
    CU_ASSERT_EQUAL(st.breaker_opens, 1);
    CU_ASSERT_EQUAL(st.calls, THREADS * CALLS_PER_THREAD);
    CU_ASSERT(st.breaker_refusals >= st.calls - r);
    check_stats_add_up(&st);
}

/* ---- the per-thread counts (shim/tstate.c) ---- */

#define WAVES 5
#define OK_CALLS 1000

static lgs_status_code ok_attempt(void *ctx)
{
    (void)ctx;
    lgs_status_code c = {LGS_SPACE_SECURITY, 0};
    return c;
}

/* What each ok_worker thread does: `calls` calls with `max_attempts`. */
typedef struct ok_job {
    unsigned max_attempts;
    unsigned calls;
} ok_job;

static void ok_worker(void *arg, unsigned index)
{
    const ok_job *job = arg;
    (void)index;
    lgs_call c;
    memset(&c, 0, sizeof c);
    c.api = "SSPI.QSPI";
    c.attempt = ok_attempt;
    c.max_attempts = job->max_attempts;
    for (unsigned i = 0; i < job->calls; i++) {
        lgs_outcome o;
        if (lgs_engine_run(&c, &o) != LGS_OK || o.decision != LGS_DECISION_OK || o.attempts != 1)
            atomic_fetch_add(&worker_errors, 1u);
    }
}

/* Waves of threads that come and go: every call they made is in the stats
 * after they have exited, and the states they counted in are reused (the
 * registry grows by one wave at most, not by every thread that ever ran). */
static void test_thread_states_reused(void)
{
    vt_setup(0, 4);
    atomic_store(&worker_errors, 0u);
    unsigned before = lgs__tstate_count();
    ok_job any = {0, OK_CALLS};
    for (int w = 0; w < WAVES; w++)
        CU_ASSERT_EQUAL(lgs_test_run_threads(THREADS, ok_worker, &any), 0);
    CU_ASSERT_EQUAL(atomic_load(&worker_errors), 0);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    const uint64_t calls = (uint64_t)WAVES * THREADS * OK_CALLS;
    CU_ASSERT_EQUAL(st.calls, calls);
    CU_ASSERT_EQUAL(st.attempts, calls);
    CU_ASSERT_EQUAL(st.by_decision[LGS_DECISION_OK], calls);
    CU_ASSERT_EQUAL(st.by_class[LGS_CLASS_OK], calls);
    unsigned grown = lgs__tstate_count() - before;
    CU_ASSERT(grown <= THREADS);
    /* A reset forgets the counts of exited threads too. */
    lgs_engine_reset_state();
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.calls, 0);
}

/* A fresh engine at virtual time `start`: no breaker, transient retries
 * without waits, so that only the budget limits retries. */
static void budget_fixture(uint64_t start, uint64_t seed)
{
    vt_setup(start, seed);
    vt_set("breaker.threshold", "0");
    vt_set("retry.transient.base_ms", "0");
}

/* Runs a storm of `n` failing calls on this thread (waits of 0 ms); returns
 * the retries the budget allowed. */
static uint64_t retries_in_storm(unsigned n)
{
    lgs_stats before, after;
    lgs_stats_snapshot(&before);
    lgs_call c;
    memset(&c, 0, sizeof c);
    c.api = "LogonUser";
    c.authority = "CONTOSO";
    c.attempt = failing_attempt;
    for (unsigned i = 0; i < n; i++) {
        lgs_outcome o;
        CU_ASSERT_EQUAL(lgs_engine_run(&c, &o), LGS_OK);
    }
    lgs_stats_snapshot(&after);
    return after.retries - before.retries;
}

/* Calls that succeeded on threads that have since exited, counted in those
 * threads' own states, still earn retries in the window: 10 failing calls
 * after 8000 successes get all 30 retries they ask for (the floor of 10
 * alone would allow about 11). */
static void test_budget_counts_other_threads(void)
{
    budget_fixture(0, 5);
    atomic_store(&worker_errors, 0u);
    uint64_t alone = retries_in_storm(10);
    CU_ASSERT(alone < 30);

    budget_fixture(0, 5);
    ok_job any = {0, OK_CALLS};
    CU_ASSERT_EQUAL(lgs_test_run_threads(THREADS, ok_worker, &any), 0);
    CU_ASSERT_EQUAL(atomic_load(&worker_errors), 0);
    CU_ASSERT_EQUAL(retries_in_storm(10), 30);
}

/* A thread's calls spread over several buckets of the window all count: the
 * count a thread keeps for its current bucket moves to the shared buckets
 * when time moves on. 200 successes over 9 s of a 10 s window, then 10
 * failing calls: the 30 retries they ask for are 10 + 10 % of 200 (the
 * last bucket's 20 alone would allow 12). */
static void test_budget_counts_earlier_buckets(void)
{
    budget_fixture(0, 8);
    atomic_store(&worker_errors, 0u);
    ok_job twenty = {0, 20};
    for (int b = 0; b < 10; b++) {
        CU_ASSERT_EQUAL(lgs_test_run_threads(1, ok_worker, &twenty), 0);
        if (b < 9)
            vt_advance(1000); /* budget.window_ms / 10 */
    }
    CU_ASSERT_EQUAL(atomic_load(&worker_errors), 0);
    CU_ASSERT_EQUAL(retries_in_storm(10), 30);
}

/* Calls that can make one attempt only (the release calls) earn no retries:
 * after 8000 of them a storm gets what it gets alone. */
static void test_budget_ignores_single_attempt_calls(void)
{
    budget_fixture(0, 6);
    uint64_t alone = retries_in_storm(10);

    budget_fixture(0, 6);
    atomic_store(&worker_errors, 0u);
    ok_job once = {1, OK_CALLS};
    CU_ASSERT_EQUAL(lgs_test_run_threads(THREADS, ok_worker, &once), 0);
    CU_ASSERT_EQUAL(atomic_load(&worker_errors), 0);
    CU_ASSERT_EQUAL(retries_in_storm(10), alone);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.calls, (uint64_t)THREADS * OK_CALLS + 10u); /* still counted as calls */
}

/* The window slides over the threads' own counts as over the shared ones:
 * once the successes are a whole window old, they earn nothing. */
static void test_budget_thread_counts_expire(void)
{
    budget_fixture(0, 7);
    uint64_t alone = retries_in_storm(10);

    budget_fixture(0, 7);
    ok_job any = {0, OK_CALLS};
    CU_ASSERT_EQUAL(lgs_test_run_threads(THREADS, ok_worker, &any), 0);
    vt_advance(10000); /* budget.window_ms */
    CU_ASSERT_EQUAL(retries_in_storm(10), alone);
}

/* A new window width does not bring old calls back into the window: 1000
 * successes, then the window is widened and a long time passes; a storm
 * gets what it gets alone. */
static void test_budget_width_change(void)
{
    budget_fixture(1000000, 9);
    vt_set("budget.window_ms", "20000");
    vt_advance(1000000);
    uint64_t alone = retries_in_storm(10);

    budget_fixture(1000000, 9);
    ok_job any = {0, OK_CALLS};
    CU_ASSERT_EQUAL(lgs_test_run_threads(1, ok_worker, &any), 0);
    vt_set("budget.window_ms", "20000");
    vt_advance(1000000);
    CU_ASSERT_EQUAL(retries_in_storm(10), alone);
    /* And calls made under the new width count as before. */
    CU_ASSERT_EQUAL(lgs_test_run_threads(1, ok_worker, &any), 0);
    CU_ASSERT_EQUAL(retries_in_storm(10), 30);
}

static CU_TestInfo tests[] = {
    {"budget holds across threads", test_budget_across_threads},
    {"breaker opens once across threads", test_breaker_across_threads},
    {"thread states are reused, counts kept", test_thread_states_reused},
    {"budget counts other threads' calls", test_budget_counts_other_threads},
    {"budget counts a thread's earlier buckets", test_budget_counts_earlier_buckets},
    {"single-attempt calls earn no retries", test_budget_ignores_single_attempt_calls},
    {"threads' counts leave the window", test_budget_thread_counts_expire},
    {"a new window width keeps old calls out", test_budget_width_change},
    CU_TEST_INFO_NULL,
};

int lgs_suite_engine_threads(void)
{
    LGS_REGISTER("engine_threads", tests, setup, vt_teardown);
}
