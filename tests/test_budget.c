/* test_budget.c — the process-wide retry budget: retries stay under the
 * floor plus the configured share of calls in the window, a quiet service
 * still gets its retries, and the window slides.
 */
#include <stdint.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "suites.h"
#include "vtime.h"

#define NO_LOGON_SERVERS 1311u

static int setup(void)
{
    vt_setup(0, 1);
    return 0;
}

/* Runs n calls that always fail transiently, without the clock moving
 * between calls (waits are 0 ms); returns the retries made. */
static unsigned storm(unsigned n, unsigned *refused)
{
    unsigned retries = 0;
    *refused = 0;
    for (unsigned i = 0; i < n; i++) {
        vt_script s;
        vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
        lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
        lgs_outcome o = vt_run(&c);
        retries += o.attempts - 1;
        if (o.decision == LGS_DECISION_BUDGET_EXHAUSTED)
            (*refused)++;
    }
    return retries;
}

static void storm_setup(void)
{
    vt_setup(0, 2);
    vt_set("breaker.threshold", "0");
    vt_set("retry.transient.base_ms", "0");
}

/* 200 failing calls with 3 retries each would make 600 retries; the budget
 * allows the floor (10) plus 10 % of the calls (20): 30. */
static void test_budget_caps_retries(void)
{
    storm_setup();
    unsigned refused;
    unsigned retries = storm(200, &refused);
    CU_ASSERT_EQUAL(retries, 30);
    CU_ASSERT(refused >= 180);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.retries, 30);
    CU_ASSERT_EQUAL(st.budget_refusals, refused);
    CU_ASSERT_EQUAL(st.by_decision[LGS_DECISION_BUDGET_EXHAUSTED], refused);
}

static void test_budget_settings(void)
{
    storm_setup();
    vt_set("budget.percent", "50%");
    vt_set("budget.floor", "0");
    unsigned refused;
    CU_ASSERT_EQUAL(storm(100, &refused), 50);
    storm_setup();
    vt_set("budget.percent", "0");
    vt_set("budget.floor", "0");
    CU_ASSERT_EQUAL(storm(10, &refused), 0);
    CU_ASSERT_EQUAL(refused, 10);
}

/* Once the window has passed, the old retries no longer count. */
static void test_window_slides(void)
{
    storm_setup();
    unsigned refused;
    CU_ASSERT_EQUAL(storm(100, &refused), 20);
    CU_ASSERT_EQUAL(storm(1, &refused), 0);
    vt_advance(5000); /* half a window: still spent */
    CU_ASSERT_EQUAL(storm(1, &refused), 0);
    vt_advance(5001); /* past the window of the first storm */
    CU_ASSERT_EQUAL(storm(1, &refused), 3);
    CU_ASSERT_EQUAL(refused, 0);
}

/* A retry the deadline forbids does not spend budget: twenty calls stopped
 * by their deadline leave the one retry the budget allows to a later call. */
static uint64_t always_max(void *user)
{
    (void)user;
    return 5000; /* 5000 % (5000 + 1): every wait is the whole cap */
}

static void test_deadline_spends_no_budget(void)
{
    storm_setup();
    vt_set("budget.floor", "1");
    vt_set("budget.percent", "0");
    vt_set("deadline_ms", "100");
    vt_set("retry.transient.base_ms", "5000");
    vt_set("retry.transient.cap_ms", "5000");
    lgs_hooks h;
    vt_fill_hooks(&h);
    h.random = always_max;
    lgs_engine_set_hooks(&h);
    for (int i = 0; i < 20; i++) {
        vt_script s;
        vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
        lgs_call c = vt_call(&s, "LogonUser", NULL);
        lgs_outcome o = vt_run(&c);
        CU_ASSERT_EQUAL(o.decision, LGS_DECISION_DEADLINE);
    }
    vt_set("deadline_ms", "10s");
    vt_set("retry.transient.attempts", "2");
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
    vt_script_push(&s, vt_win32(0));
    lgs_call c = vt_call(&s, "LogonUser", NULL);
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_RECOVERED);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.budget_refusals, 0);
    CU_ASSERT_EQUAL(st.deadline_stops, 20);
}

static CU_TestInfo tests[] = {
    {"budget caps retries in a storm", test_budget_caps_retries},
    {"budget percent and floor settings", test_budget_settings},
    {"the window slides", test_window_slides},
    {"a deadline stop spends no budget", test_deadline_spends_no_budget},
    CU_TEST_INFO_NULL,
};

int lgs_suite_budget(void)
{
    LGS_REGISTER("budget", tests, setup, vt_teardown);
}
