/* test_deadline.c — the per-call deadline in virtual time: a wait that
 * would end past it is not started, and a property test over thousands of
 * random policies, failure sequences and attempt durations finds a maximum
 * overrun of 0 — also while calls wait for an open breaker's probe.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "suites.h"
#include "vtime.h"

#define NO_LOGON_SERVERS 1311u /* transient */

static int setup(void)
{
    vt_setup(0, 1);
    return 0;
}

static uint64_t fixed_random(void *user)
{
    return *(const uint64_t *)user;
}

/* A wait that would end past the deadline is not started: the call returns
 * at once with decision `deadline` and the code of its last attempt. */
static void test_deadline_wait_not_started(void)
{
    vt_setup(500, 1);
    vt_set("deadline_ms", "1000");
    vt_set("retry.transient.base_ms", "2000");
    vt_set("retry.transient.cap_ms", "2000");
    static uint64_t r = 1999; /* every wait is 1999 ms */
    lgs_hooks h;
    vt_fill_hooks(&h);
    h.random = fixed_random;
    h.user = &r;
    lgs_engine_set_hooks(&h);
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
    lgs_call c = vt_call(&s, "LogonUser", NULL);
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_DEADLINE);
    CU_ASSERT_EQUAL(o.attempts, 1);
    CU_ASSERT_EQUAL(o.value, NO_LOGON_SERVERS);
    CU_ASSERT_EQUAL(vt_now(), 500);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.deadline_stops, 1);
    vt_setup(0, 1);
}

/* Property: whatever the policy and the failures, no wait ends and no
 * attempt starts after the deadline (maximum overrun 0), and no class gets
 * more attempts than its policy allows. */
static uint64_t prop_rng = 0x1234567;
static uint64_t next_rand(void)
{
    prop_rng ^= prop_rng << 13;
    prop_rng ^= prop_rng >> 7;
    prop_rng ^= prop_rng << 17;
    return prop_rng;
}

static void test_deadline_property(void)
{
    static const lgs_class classes[] = {LGS_CLASS_TRANSIENT, LGS_CLASS_RESOURCE,
                                        LGS_CLASS_SESSION_COLLISION, LGS_CLASS_OK};
    uint64_t max_overrun = 0;
    unsigned deadline_stops = 0;
    unsigned per_class_errors = 0; /* attempts past their class's limit, or stops short of it */
    for (int run = 0; run < 5000; run++) {
        vt_setup(next_rand() % 100000u, (uint64_t)run);
        char v[32];
        uint64_t deadline = 1 + next_rand() % 8000u;
        snprintf(v, sizeof v, "%lu", (unsigned long)deadline);
        vt_set("deadline_ms", v);
        vt_set("breaker.threshold", "0");
        vt_set("budget.floor", "1000000");
        unsigned max_att[3];
        for (int k = 0; k < 3; k++) {
            char key[64];
            max_att[k] = 1 + (unsigned)(next_rand() % 12u);
            snprintf(key, sizeof key, "retry.%s.attempts", lgs_class_name(classes[k]));
            snprintf(v, sizeof v, "%u", max_att[k]);
            vt_set(key, v);
            snprintf(key, sizeof key, "retry.%s.base_ms", lgs_class_name(classes[k]));
            snprintf(v, sizeof v, "%lu", (unsigned long)(next_rand() % 3000u));
            vt_set(key, v);
            snprintf(key, sizeof key, "retry.%s.cap_ms", lgs_class_name(classes[k]));
            snprintf(v, sizeof v, "%lu", (unsigned long)(next_rand() % 6000u));
            vt_set(key, v);
        }
        vt_script s;
        memset(&s, 0, sizeof s);
        unsigned len = 1 + (unsigned)(next_rand() % 20u);
        unsigned picked[20]; /* index into classes[] of each scripted code */
        for (unsigned i = 0; i < len; i++) {
            picked[i] = (unsigned)(next_rand() % 4u);
            vt_script_push(&s, vt_code_of(classes[picked[i]]));
        }
        s.cost_ms = next_rand() % 4u == 0 ? next_rand() % 300u : 0;
        uint64_t start = vt_now();
        lgs_call c = vt_call(&s, "LogonUser", NULL);
        lgs_outcome o = vt_run(&c);
        uint64_t end_limit = start + deadline;
        for (unsigned i = 0; i < s.calls && i < VT_MAX; i++) {
            /* An attempt started after the deadline would be an overrun;
             * the first one always starts at the start. */
            if (s.call_at[i] > end_limit && s.call_at[i] - end_limit > max_overrun)
                max_overrun = s.call_at[i] - end_limit;
        }
        /* Attempts that take no time: the call itself ends by the deadline. */
        if (s.cost_ms == 0 && vt_now() > end_limit && vt_now() - end_limit > max_overrun)
            max_overrun = vt_now() - end_limit;
        CU_ASSERT(o.decision != LGS_DECISION_RETRY);
        if (o.decision == LGS_DECISION_DEADLINE)
            deadline_stops++;
        /* Per class: attempt n (the script repeats its last code) is
         * retried only while n is below the limit of its own class, and the
         * last attempt stops for the reason its own class's limit gives. */
        CU_ASSERT_EQUAL(s.calls, o.attempts);
        for (unsigned n = 1; n <= o.attempts; n++) {
            unsigned k = picked[n - 1 < len ? n - 1 : len - 1];
            if (n < o.attempts) {
                if (!(k < 3 && n < max_att[k]))
                    per_class_errors++;
            } else if (k == 3) {
                if (o.decision != LGS_DECISION_OK && o.decision != LGS_DECISION_RECOVERED)
                    per_class_errors++;
            } else if (max_att[k] <= 1) {
                if (o.decision != LGS_DECISION_NEVER_RETRY)
                    per_class_errors++;
            } else if (n >= max_att[k]) {
                if (o.decision != LGS_DECISION_GIVE_UP)
                    per_class_errors++;
            } else if (o.decision != LGS_DECISION_DEADLINE) {
                per_class_errors++; /* breaker off, budget unbounded */
            }
        }
    }
    if (max_overrun != 0)
        fprintf(stderr, "max deadline overrun %lu ms\n", (unsigned long)max_overrun);
    CU_ASSERT_EQUAL(max_overrun, 0);
    if (per_class_errors != 0)
        fprintf(stderr, "%u attempts not as their class's limit says\n", per_class_errors);
    CU_ASSERT_EQUAL(per_class_errors, 0);
    /* The property was exercised: many calls were stopped by the deadline. */
    CU_ASSERT(deadline_stops > 500);
}

static void set_number(const char *key, uint64_t value)
{
    char v[32];
    snprintf(v, sizeof v, "%lu", (unsigned long)value);
    vt_set(key, v);
}

/* Property: with the breaker on and open, calls that wait for its probes
 * (and make them, and retry after them) still start no attempt and end no
 * wait after their deadline. */
static void test_deadline_property_breaker(void)
{
    uint64_t max_overrun = 0;
    unsigned waited = 0, forward = 0;
    for (int run = 0; run < 2000; run++) {
        vt_setup(next_rand() % 100000u, (uint64_t)run + 7u);
        uint64_t deadline = 1 + next_rand() % 4000u;
        set_number("deadline_ms", deadline);
        vt_set("budget.floor", "1000000");
        vt_set("breaker.threshold", "1");
        set_number("breaker.break_min_ms", 1 + next_rand() % 2000u);
        set_number("breaker.break_max_ms", 1 + next_rand() % 3000u);
        set_number("breaker.probe_lease_ms", 1 + next_rand() % 1000u);
        set_number("breaker.release_ms", next_rand() % 1000u);
        set_number("retry.transient.attempts", 1 + next_rand() % 12u);
        vt_script open;
        vt_script_repeat(&open, vt_code_of(LGS_CLASS_TRANSIENT), 1);
        lgs_call oc = vt_call(&open, "LogonUser", "CONTOSO");
        vt_run(&oc); /* threshold 1: the breaker is open */
        lgs_stats before;
        lgs_stats_snapshot(&before);
        vt_script s;
        memset(&s, 0, sizeof s);
        unsigned len = 1 + (unsigned)(next_rand() % 10u);
        for (unsigned i = 0; i < len; i++)
            vt_script_push(&s, vt_code_of(next_rand() % 3u ? LGS_CLASS_TRANSIENT : LGS_CLASS_OK));
        s.cost_ms = next_rand() % 4u == 0 ? next_rand() % 300u : 0;
        uint64_t start = vt_now();
        lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
        vt_run(&c);
        uint64_t end_limit = start + deadline;
        for (unsigned i = 0; i < s.calls && i < VT_MAX; i++)
            if (s.call_at[i] > end_limit && s.call_at[i] - end_limit > max_overrun)
                max_overrun = s.call_at[i] - end_limit;
        if (s.cost_ms == 0 && vt_now() > end_limit && vt_now() - end_limit > max_overrun)
            max_overrun = vt_now() - end_limit;
        lgs_stats after;
        lgs_stats_snapshot(&after);
        waited += after.breaker_waits != before.breaker_waits;
        /* A probe brought forward to just before the deadline. */
        forward += s.calls > 0 && s.calls <= VT_MAX && s.call_at[s.calls - 1] == end_limit - 1;
    }
    if (max_overrun != 0)
        fprintf(stderr, "max deadline overrun while waiting %lu ms\n", (unsigned long)max_overrun);
    CU_ASSERT_EQUAL(max_overrun, 0);
    CU_ASSERT(waited > 500); /* the property was exercised: many calls waited */
    CU_ASSERT(forward > 50);  /* and many brought the probe forward to their deadline */
    printf("(%u of 2000 calls waited, %u brought a probe forward) ", waited, forward);
}

static CU_TestInfo tests[] = {
    {"a wait past the deadline is not started", test_deadline_wait_not_started},
    {"property: deadline never overrun", test_deadline_property},
    {"property: deadline never overrun while waiting for a probe", test_deadline_property_breaker},
    CU_TEST_INFO_NULL,
};

int lgs_suite_deadline(void)
{
    LGS_REGISTER("deadline", tests, setup, vt_teardown);
}
