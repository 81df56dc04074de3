/* test_breaker.c — circuit breakers per API family and authority: they open
 * after consecutive transient failures, fail fast with the last code, let
 * one probe through after a growing, jittered break, and close on success.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "suites.h"
#include "vtime.h"

#define NO_LOGON_SERVERS 1311u
#define RPC_SERVER_UNAVAILABLE 1722u

static int setup(void)
{
    vt_setup(0, 1);
    return 0;
}

/* One attempt per call, so that calls and attempts are the same thing. */
static void one_attempt_setup(uint64_t seed)
{
    vt_setup(100000, seed);
    vt_set("retry.transient.attempts", "1");
}

static lgs_outcome call_with(lgs_status_code code, const char *api, const char *authority,
                             unsigned *reached)
{
    vt_script s;
    vt_script_repeat(&s, code, 1);
    lgs_call c = vt_call(&s, api, authority);
    lgs_outcome o = vt_run(&c);
    if (reached != NULL)
        *reached += s.calls;
    return o;
}

/* Opens after the 5th consecutive transient failure; then fails fast with
 * the last code seen, without reaching the API. */
static void test_opens_and_fails_fast(void)
{
    one_attempt_setup(1);
    unsigned reached = 0;
    for (int i = 0; i < 4; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", &reached);
    lgs_outcome o = call_with(vt_win32(RPC_SERVER_UNAVAILABLE), "LogonUser", "CONTOSO", &reached);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_NEVER_RETRY);
    CU_ASSERT_EQUAL(reached, 5);
    o = call_with(vt_win32(0), "LogonUser", "CONTOSO", &reached);
    CU_ASSERT_EQUAL(reached, 5);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(o.attempts, 0);
    CU_ASSERT_EQUAL(o.value, RPC_SERVER_UNAVAILABLE);
    CU_ASSERT_EQUAL(o.cls, LGS_CLASS_TRANSIENT);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.breaker_opens, 1);
    CU_ASSERT_EQUAL(st.breaker_refusals, 1);
}

/* Any other answer breaks the run of transient failures. */
static void test_other_failure_resets_count(void)
{
    one_attempt_setup(2);
    unsigned reached = 0;
    for (int i = 0; i < 4; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", &reached);
    call_with(vt_code_of(LGS_CLASS_PRIVILEGE), "LogonUser", "CONTOSO", &reached);
    for (int i = 0; i < 4; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", &reached);
    lgs_outcome o = call_with(vt_win32(0), "LogonUser", "CONTOSO", &reached);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(reached, 10);
}

/* Breakers are per API family and authority; the authority's case does
 * not matter. */
static void test_keyed_by_family_and_authority(void)
{
    one_attempt_setup(3);
    for (int i = 0; i < 5; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", NULL);
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "contoso", NULL).decision,
                    LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "FABRIKAM", NULL).decision,
                    LGS_DECISION_OK);
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "SSPI.ACH", "CONTOSO", NULL).decision,
                    LGS_DECISION_OK);
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", NULL, NULL).decision, LGS_DECISION_OK);
}

/* Advances the clock in 10 ms steps until a call gets through (the probe);
 * returns how long that took. The probe fails or succeeds with `code`. */
static uint64_t time_to_probe(lgs_status_code code, unsigned *reached)
{
    uint64_t waited = 0;
    for (;;) {
        unsigned before = *reached;
        call_with(code, "LogonUser", "CONTOSO", reached);
        if (*reached != before)
            return waited;
        vt_advance(10);
        waited += 10;
        if (waited > 200000)
            return waited;
    }
}

/* Half-open: after the break exactly one probe goes through; a failed probe
 * re-opens the breaker for a break that doubles from 5 s up to 60 s and is
 * jittered within the upper half of it; a successful one closes it. */
static void test_probe_breaks_grow_and_success_closes(void)
{
    one_attempt_setup(4);
    unsigned reached = 0;
    for (int i = 0; i < 5; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", &reached);
    const uint64_t ceilings[] = {5000, 10000, 20000, 40000, 60000, 60000, 60000};
    for (int k = 0; k < 7; k++) {
        uint64_t b = time_to_probe(vt_win32(NO_LOGON_SERVERS), &reached);
        CU_ASSERT(b >= ceilings[k] / 2 - 10);
        CU_ASSERT(b <= ceilings[k]);
        CU_ASSERT_EQUAL(reached, 6u + (unsigned)k);
    }
    uint64_t b = time_to_probe(vt_win32(0), &reached);
    CU_ASSERT(b <= 60000);
    /* Closed: every call goes through again. */
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "CONTOSO", &reached).decision,
                        LGS_DECISION_OK);
    CU_ASSERT_EQUAL(reached, 5u + 7u + 1u + 4u); /* opening, probes, closing, after */
    /* And after closing, the first break is back to 5 s at most. */
    for (int i = 0; i < 5; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", &reached);
    CU_ASSERT(time_to_probe(vt_win32(0), &reached) <= 5000);
}

/* While the probe is in flight, other calls still fail fast. The probe's
 * attempt makes a call of its own (to the same breaker) to see that. */
static lgs_decision during_probe;
static lgs_status_code probe_attempt(void *ctx)
{
    (void)ctx;
    during_probe = call_with(vt_win32(0), "LogonUser", "CONTOSO", NULL).decision;
    return vt_win32(0);
}

static void test_one_probe_at_a_time(void)
{
    one_attempt_setup(5);
    for (int i = 0; i < 5; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", NULL);
    vt_advance(5000);
    lgs_call c;
    memset(&c, 0, sizeof c);
    c.api = "LogonUser";
    c.authority = "CONTOSO";
    c.attempt = probe_attempt;
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(during_probe, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "CONTOSO", NULL).decision,
                    LGS_DECISION_OK);
}

/* A breaker that opens during a call's retries stops them. */
static void test_open_breaker_stops_retries(void)
{
    vt_setup(0, 6);
    unsigned reached = 0;
    lgs_outcome o = call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", &reached);
    CU_ASSERT_EQUAL(o.attempts, 4);
    o = call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", &reached);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(o.attempts, 1);
    CU_ASSERT_EQUAL(o.value, NO_LOGON_SERVERS);
    CU_ASSERT_EQUAL(reached, 5);
}

static void test_threshold_zero_disables(void)
{
    one_attempt_setup(7);
    vt_set("breaker.threshold", "0");
    unsigned reached = 0;
    for (int i = 0; i < 50; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", &reached);
    CU_ASSERT_EQUAL(reached, 50);
}

/* More open breakers than the table has slots: a new authority still gets
 * a working breaker (the least recently used slot is taken). */
static void test_table_eviction(void)
{
    one_attempt_setup(8);
    char name[32];
    for (int a = 0; a < 200; a++) {
        snprintf(name, sizeof name, "DOMAIN%d", a);
        for (int i = 0; i < 5; i++)
            call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", name, NULL);
    }
    for (int i = 0; i < 5; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", NULL);
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "CONTOSO", NULL).decision,
                    LGS_DECISION_BREAKER_OPEN);
}

/* A release call (max_attempts 1, as the wrappers of Free*, Delete*,
 * Revert* and LsaDeregisterLogonProcess make it) always makes its one
 * attempt: neither an open breaker nor a guarded account refuses it, and
 * its result neither opens, keeps open nor closes the breaker. */
static lgs_outcome release_call(lgs_status_code code, const char *user, unsigned *reached)
{
    vt_script s;
    vt_script_repeat(&s, code, 1);
    lgs_call c = vt_call(&s, "SSPI.QSPI", "CONTOSO");
    c.user = user;
    c.max_attempts = 1;
    lgs_outcome o = vt_run(&c);
    *reached += s.calls;
    return o;
}

static void test_release_calls_pass_guards(void)
{
    one_attempt_setup(9);
    unsigned reached = 0;
    for (int i = 0; i < 5; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "SSPI.QSPI", "CONTOSO", &reached);
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "SSPI.QSPI", "CONTOSO", NULL).decision,
                    LGS_DECISION_BREAKER_OPEN);
    /* Guard the account too: credential failures past lockout.threshold. */
    for (int i = 0; i < 5; i++) {
        vt_script s;
        vt_script_repeat(&s, vt_win32(1326u), 1);
        lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
        c.user = "alice";
        vt_run(&c);
    }
    vt_script g;
    vt_script_repeat(&g, vt_win32(0), 1);
    lgs_call guarded = vt_call(&g, "LogonUser", "CONTOSO");
    guarded.user = "alice";
    CU_ASSERT_EQUAL(vt_run(&guarded).decision, LGS_DECISION_LOCKOUT_GUARD);
    reached = 0;
    for (int i = 0; i < 10; i++) {
        lgs_outcome o = release_call(vt_win32(0), "alice", &reached);
        CU_ASSERT_EQUAL(o.decision, LGS_DECISION_OK);
        CU_ASSERT_EQUAL(o.attempts, 1);
    }
    /* A failed release is reported to its caller and to nobody else. */
    lgs_outcome o = release_call(vt_win32(NO_LOGON_SERVERS), "alice", &reached);
    CU_ASSERT_EQUAL(o.attempts, 1);
    CU_ASSERT_NOT_EQUAL(o.decision, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(reached, 11);
    /* The releases' successes did not close the breaker. */
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "SSPI.QSPI", "CONTOSO", NULL).decision,
                    LGS_DECISION_BREAKER_OPEN);
}

static CU_TestInfo tests[] = {
    {"opens after consecutive transient failures", test_opens_and_fails_fast},
    {"another failure resets the count", test_other_failure_resets_count},
    {"keyed by family and authority", test_keyed_by_family_and_authority},
    {"probe breaks grow; success closes", test_probe_breaks_grow_and_success_closes},
    {"one probe at a time", test_one_probe_at_a_time},
    {"an open breaker stops retries", test_open_breaker_stops_retries},
    {"threshold 0 disables breakers", test_threshold_zero_disables},
    {"table eviction", test_table_eviction},
    {"release calls pass the breaker and the lockout guard", test_release_calls_pass_guards},
    CU_TEST_INFO_NULL,
};

int lgs_suite_breaker(void)
{
    LGS_REGISTER("breaker", tests, setup, vt_teardown);
}
