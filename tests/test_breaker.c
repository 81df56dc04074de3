/* test_breaker.c — circuit breakers per API family and authority: they open
 * after consecutive transient failures; while open, calls wait (within their
 * deadline) for one probe at a time, sent at a growing, jittered interval and
 * holding a lease; a successful probe releases the waiting calls spread over
 * a window; with breaker.wait off, calls fail fast instead. Open breakers
 * are never evicted by closed ones, and release calls never see a breaker.
 * Everything runs in virtual time (vtime.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "engine_internal.h"
#include "suites.h"
#include "vtime.h"

#define NO_LOGON_SERVERS 1311u
#define RPC_SERVER_UNAVAILABLE 1722u

static int setup(void)
{
    vt_setup(0, 1);
    return 0;
}

/* One attempt per call, so that calls and attempts are the same thing;
 * calls fail fast while the breaker is open (the tests of waiting turn it
 * back on). */
static void one_attempt_setup(uint64_t seed)
{
    vt_setup(100000, seed);
    vt_set("retry.transient.attempts", "1");
    vt_set("breaker.wait", "off");
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

/* After the interval exactly one probe goes through; a failed probe sets
 * the next one an interval away that doubles from 250 ms up to 600 ms and is
 * jittered within the upper half of it; a successful one closes it. */
static void test_probe_breaks_grow_and_success_closes(void)
{
    one_attempt_setup(4);
    unsigned reached = 0;
    for (int i = 0; i < 5; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", &reached);
    const uint64_t ceilings[] = {250, 500, 600, 600, 600, 600, 600};
    for (int k = 0; k < 7; k++) {
        uint64_t b = time_to_probe(vt_win32(NO_LOGON_SERVERS), &reached);
        CU_ASSERT(b >= ceilings[k] / 2 - 10);
        CU_ASSERT(b <= ceilings[k]);
        CU_ASSERT_EQUAL(reached, 6u + (unsigned)k);
    }
    uint64_t b = time_to_probe(vt_win32(0), &reached);
    CU_ASSERT(b <= 600);
    /* Closed: every call goes through again. */
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "CONTOSO", &reached).decision,
                        LGS_DECISION_OK);
    CU_ASSERT_EQUAL(reached, 5u + 7u + 1u + 4u); /* opening, probes, closing, after */
    /* And after closing, the first interval is back to 250 ms at most. */
    for (int i = 0; i < 5; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", &reached);
    CU_ASSERT(time_to_probe(vt_win32(0), &reached) <= 250);
}

/* While the probe is in flight (it holds the lease), other calls do not
 * reach the authority. The probe's attempt makes a call of its own (to the
 * same breaker) to see that. */
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
    vt_advance(250);
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
    vt_set("breaker.wait", "off");
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

/* Opens the breaker of (LogonUser, authority) with five one-attempt calls. */
static void open_breaker(const char *authority)
{
    for (int i = 0; i < 5; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", authority, NULL);
}

/* Strangers' closed breakers never push out an open one: 200 new authority
 * names with two transient failures each, and the domain controller that is
 * down still has its open breaker. */
static void test_eviction_resistance(void)
{
    one_attempt_setup(8);
    open_breaker("CONTOSO");
    char name[32];
    for (int a = 0; a < 200; a++) {
        snprintf(name, sizeof name, "DOMAIN%d", a);
        for (int i = 0; i < 2; i++)
            call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", name, NULL);
    }
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "CONTOSO", NULL).decision,
                    LGS_DECISION_BREAKER_OPEN);
}

/* When every slot holds an open breaker, a new authority is admitted without
 * one (its calls behave as closed, however often they fail), the stats count
 * it, and no open breaker is lost. */
static void test_table_full_of_open(void)
{
    one_attempt_setup(10);
    open_breaker("CONTOSO");
    char name[32];
    for (int a = 0; a < 63; a++) {
        snprintf(name, sizeof name, "DOMAIN%d", a);
        open_breaker(name);
    }
    unsigned reached = 0;
    for (int i = 0; i < 10; i++)
        call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "STRANGER", &reached);
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "STRANGER", &reached).decision,
                    LGS_DECISION_OK);
    CU_ASSERT_EQUAL(reached, 11);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.breaker_untracked, 10);
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "CONTOSO", NULL).decision,
                    LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "DOMAIN0", NULL).decision,
                    LGS_DECISION_BREAKER_OPEN);
}

/* While open, a call does not fail: it waits (telling the wait hook, as
 * attempt 0) until the next probe is due, makes the probe itself, and
 * succeeds with it. The next call is not held. */
static void test_call_waits_for_probe(void)
{
    one_attempt_setup(11);
    vt_set("breaker.wait", "on");
    open_breaker("CONTOSO");
    uint64_t start = vt_now();
    vt_script s;
    vt_script_repeat(&s, vt_win32(0), 1);
    lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(o.attempts, 1);
    CU_ASSERT_EQUAL_FATAL(s.calls, 1);
    CU_ASSERT(s.call_at[0] - start >= 125 && s.call_at[0] - start <= 250);
    CU_ASSERT_EQUAL_FATAL(vt_wait_count, 1);
    CU_ASSERT_EQUAL(vt_wait_attempt[0], 0);
    CU_ASSERT_EQUAL(vt_wait_delay[0], s.call_at[0] - start);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.breaker_waits, 1);
    CU_ASSERT_EQUAL(st.breaker_wait_ms, s.call_at[0] - start);
    CU_ASSERT_EQUAL(st.breaker_wait_max_ms, s.call_at[0] - start);
    CU_ASSERT_EQUAL(st.breaker_probes, 1);
    CU_ASSERT_EQUAL(st.breaker_probes_failed, 0);
    CU_ASSERT_EQUAL(st.breaker_refusals, 0);
    uint64_t before = vt_now();
    CU_ASSERT_EQUAL(call_with(vt_win32(0), "LogonUser", "CONTOSO", NULL).decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(vt_now(), before);
    CU_ASSERT_EQUAL(vt_wait_count, 1);
}

/* The authority stays down: a call that keeps waiting, probing and retrying
 * ends by its deadline, never after it, whatever the seed; every wait it
 * announces fits in the time it has left. */
static void test_deadline_while_waiting(void)
{
    for (uint64_t seed = 1; seed <= 50; seed++) {
        vt_setup(100000, seed);
        vt_set("retry.transient.attempts", "20");
        vt_set("budget.floor", "1000000");
        vt_set("deadline_ms", "2000");
        for (int i = 0; i < 2; i++)
            call_with(vt_win32(NO_LOGON_SERVERS), "LogonUser", "CONTOSO", NULL);
        uint64_t start = vt_now();
        unsigned waits_before = vt_wait_count;
        vt_script s;
        vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
        lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
        lgs_outcome o = vt_run(&c);
        CU_ASSERT(o.decision == LGS_DECISION_BREAKER_OPEN || o.decision == LGS_DECISION_DEADLINE);
        CU_ASSERT(vt_now() - start <= 2000);
        CU_ASSERT(o.elapsed_ms <= 2000);
        CU_ASSERT(s.calls >= 1); /* it probed */
        for (unsigned i = 0; i < s.calls && i < VT_MAX; i++)
            CU_ASSERT(s.call_at[i] - start <= 2000);
        for (unsigned i = waits_before; i < vt_wait_count && i < VT_MAX; i++)
            CU_ASSERT(vt_wait_delay[i] <= vt_wait_remaining[i]);
    }
}

/* A call whose deadline comes while another call's probe is in flight
 * waits for it, looking again every so often, and fails with breaker_open
 * exactly at its deadline. The probe's attempt makes that call itself. */
static lgs_outcome inner;
static uint64_t inner_start, inner_end;
static lgs_status_code probe_with_waiting_call(void *ctx)
{
    (void)ctx;
    inner_start = vt_now();
    vt_script s;
    vt_script_repeat(&s, vt_win32(0), 1);
    lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
    inner = vt_run(&c);
    inner_end = vt_now();
    return vt_win32(NO_LOGON_SERVERS);
}

static void test_probe_past_deadline(void)
{
    /* The next probe is due after the deadline: fail at once. */
    one_attempt_setup(12);
    vt_set("breaker.wait", "on");
    vt_set("breaker.break_min_ms", "5000");
    vt_set("deadline_ms", "1000");
    open_breaker("CONTOSO");
    uint64_t start = vt_now();
    unsigned reached = 0;
    lgs_outcome o = call_with(vt_win32(0), "LogonUser", "CONTOSO", &reached);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(o.attempts, 0);
    CU_ASSERT_EQUAL(o.value, NO_LOGON_SERVERS);
    CU_ASSERT_EQUAL(vt_now(), start);
    CU_ASSERT_EQUAL(reached, 0);
    CU_ASSERT_EQUAL(vt_wait_count, 0);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.breaker_wait_deadline, 1);

    /* A probe is in flight past the deadline: wait for it until then. */
    vt_set("breaker.break_min_ms", "250");
    vt_set("deadline_ms", "700");
    vt_advance(5000); /* the probe is due */
    lgs_call c;
    memset(&c, 0, sizeof c);
    c.api = "LogonUser";
    c.authority = "CONTOSO";
    c.attempt = probe_with_waiting_call;
    vt_run(&c);
    CU_ASSERT_EQUAL(inner.decision, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(inner.attempts, 0);
    CU_ASSERT_EQUAL(inner_end - inner_start, 700);
    CU_ASSERT(vt_wait_count >= 700 / 50);
}

/* The breaker's own view of the release: 64 calls waited; after the probe
 * succeeds each goes at its own offset into the 400 ms window, so no 100 ms
 * of it gets more than half of them (a quarter on average); a call that did
 * not wait goes at once. */
static void test_release_after_probe(void)
{
    vt_setup(100000, 13);
    lgs__config cfg;
    lgs_hooks h;
    lgs__config_snapshot(&cfg);
    lgs__hooks_snapshot(&h);
    uint64_t key = lgs__breaker_key("LogonUser", "CONTOSO");
    lgs_status_code fail = vt_win32(NO_LOGON_SERVERS), last;
    uint64_t t = 1000;
    for (int i = 0; i < 5; i++)
        lgs__breaker_report(&cfg, &h, key, t, 0, LGS_CLASS_TRANSIENT, fail);
    enum { WAITERS = 64 };
    uint64_t spread[WAITERS], go[WAITERS];
    lgs__breaker_wait w;
    for (int i = 0; i < WAITERS; i++) {
        spread[i] = lgs__random_upto(&h, cfg.breaker_release_ms);
        CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, t, spread[i], UINT64_MAX, &last, &w), LGS__ADMIT_WAIT);
        CU_ASSERT(w.until_probe);
        CU_ASSERT_EQUAL(last.value, NO_LOGON_SERVERS);
    }
    uint64_t due = t + w.ms;
    CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, due, 0, UINT64_MAX, &last, &w), LGS__ADMIT_PROBE);
    CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, due, spread[0], UINT64_MAX, &last, &w), LGS__ADMIT_WAIT);
    CU_ASSERT(!w.until_probe && w.ms <= 50);
    uint64_t success = due + 20;
    lgs__breaker_report(&cfg, &h, key, success, 1, LGS_CLASS_OK, vt_win32(0));
    CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, success + 1, 0, UINT64_MAX, &last, &w), LGS__ADMIT_CLOSED);
    unsigned per_100ms[5] = {0, 0, 0, 0, 0};
    for (int i = 0; i < WAITERS; i++) {
        uint64_t now = due + 50; /* when the waiting calls look again */
        lgs__admit a;
        while ((a = lgs__breaker_admit(&cfg, key, now, spread[i], UINT64_MAX, &last, &w)) == LGS__ADMIT_WAIT)
            now += w.ms;
        CU_ASSERT_EQUAL(a, LGS__ADMIT_CLOSED);
        go[i] = now;
        CU_ASSERT(go[i] <= success + cfg.breaker_release_ms);
        per_100ms[(go[i] - success) / 100 < 5 ? (go[i] - success) / 100 : 4]++;
    }
    for (int k = 0; k < 5; k++)
        CU_ASSERT(per_100ms[k] <= WAITERS / 2);
}

/* A call whose deadline comes before the next probe does not fail without
 * a try: it brings the probe forward to just before its deadline and sends
 * it itself, so the authority that is back by then answers it. Probes stay
 * break_min_ms (250) apart: a call with less time left fails at once. */
static void test_deadline_brings_probe_forward(void)
{
    one_attempt_setup(15);
    unsigned reached = 0;
    open_breaker("CONTOSO");
    /* Two failed probes: the next one is 300-600 ms after the last. */
    for (int k = 0; k < 2; k++)
        time_to_probe(vt_win32(NO_LOGON_SERVERS), &reached);
    CU_ASSERT_EQUAL_FATAL(reached, 2);
    vt_set("breaker.wait", "on");
    vt_set("deadline_ms", "100");
    uint64_t start = vt_now();
    lgs_outcome o = call_with(vt_win32(0), "LogonUser", "CONTOSO", &reached);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_BREAKER_OPEN); /* too close to the last probe */
    CU_ASSERT_EQUAL(vt_now(), start);
    vt_set("deadline_ms", "260");
    vt_script s;
    vt_script_repeat(&s, vt_win32(0), 1);
    lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
    o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(o.attempts, 1);
    CU_ASSERT_EQUAL_FATAL(s.calls, 1);
    CU_ASSERT_EQUAL(s.call_at[0], start + 259);
}

/* The breaker's view: the probe moves to just before the deadline, never
 * closer than break_min_ms to the last probe, and is that call's (no other
 * call takes it before that deadline); a call released after a success is
 * never held past its deadline. */
static void test_probe_forward_spacing(void)
{
    vt_setup(100000, 16);
    lgs__config cfg;
    lgs_hooks h;
    lgs__config_snapshot(&cfg);
    lgs__hooks_snapshot(&h);
    uint64_t key = lgs__breaker_key("LogonUser", "CONTOSO");
    lgs_status_code fail = vt_win32(NO_LOGON_SERVERS), last;
    lgs__breaker_wait w;
    uint64_t t = 1000;
    for (int i = 0; i < 5; i++)
        lgs__breaker_report(&cfg, &h, key, t, 0, LGS_CLASS_TRANSIENT, fail);
    for (int k = 0; k < 2; k++) {
        CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, t, 0, UINT64_MAX, &last, &w), LGS__ADMIT_WAIT);
        t = w.next_probe;
        CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, t, 0, UINT64_MAX, &last, &w), LGS__ADMIT_PROBE);
        t += 20;
        lgs__breaker_report(&cfg, &h, key, t, 1, LGS_CLASS_TRANSIENT, fail);
    }
    CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, t, 0, UINT64_MAX, &last, &w), LGS__ADMIT_WAIT);
    uint64_t scheduled = w.next_probe;
    CU_ASSERT_FATAL(scheduled >= t + 300 && scheduled <= t + 600);
    CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, t, 0, t + 100, &last, &w), LGS__ADMIT_WAIT);
    CU_ASSERT_EQUAL(w.next_probe, scheduled);
    CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, t, 0, t + 280, &last, &w), LGS__ADMIT_WAIT);
    CU_ASSERT(w.until_probe);
    CU_ASSERT_EQUAL(w.next_probe, t + 279);
    CU_ASSERT_EQUAL(w.ms, 279);
    /* The probe it brought forward is its own until its deadline: a call
     * with a later deadline that comes at that moment waits. */
    CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, t + 279, 0, UINT64_MAX, &last, &w), LGS__ADMIT_WAIT);
    CU_ASSERT(!w.until_probe);
    CU_ASSERT_EQUAL(w.ms, 1);
    CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, t + 279, 0, t + 280, &last, &w), LGS__ADMIT_PROBE);
    uint64_t success = t + 299;
    lgs__breaker_report(&cfg, &h, key, success, 1, LGS_CLASS_OK, vt_win32(0));
    /* Its offset is 350 ms, its deadline 100 ms away: it goes before it. */
    CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, success, 350, success + 100, &last, &w), LGS__ADMIT_WAIT);
    CU_ASSERT_EQUAL(w.ms, 99);
    CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, success + 99, 350, success + 100, &last, &w),
                    LGS__ADMIT_CLOSED);
}

/* The breaker gives each call that waits its place in the release: with
 * 64 waiters, every 100 ms of the 400 ms window gets 16 of them, give or
 * take one (independent random places put 20-25 into the busiest 100 ms),
 * and a call keeps the place it was given. */
static void test_release_places_even(void)
{
    vt_setup(100000, 17);
    lgs__config cfg;
    lgs_hooks h;
    lgs__config_snapshot(&cfg);
    lgs__hooks_snapshot(&h);
    uint64_t key = lgs__breaker_key("LogonUser", "CONTOSO");
    lgs_status_code fail = vt_win32(NO_LOGON_SERVERS), last;
    lgs__breaker_wait w;
    uint64_t t = 1000;
    for (int i = 0; i < 5; i++)
        lgs__breaker_report(&cfg, &h, key, t, 0, LGS_CLASS_TRANSIENT, fail);
    unsigned per_100ms[4] = {0, 0, 0, 0};
    for (int i = 0; i < 64; i++) {
        CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, t, LGS__NO_SPREAD, UINT64_MAX, &last, &w),
                        LGS__ADMIT_WAIT);
        CU_ASSERT_FATAL(w.spread < cfg.breaker_release_ms);
        per_100ms[w.spread / 100]++;
        uint64_t mine = w.spread;
        CU_ASSERT_EQUAL(lgs__breaker_admit(&cfg, key, t, mine, UINT64_MAX, &last, &w), LGS__ADMIT_WAIT);
        CU_ASSERT_EQUAL(w.spread, mine);
    }
    for (int k = 0; k < 4; k++)
        CU_ASSERT(per_100ms[k] >= 15 && per_100ms[k] <= 17);
}

/* A probe that never reports holds the breaker for its lease only: other
 * calls wait while it runs, and once the lease is over the next call is
 * the probe. */
static void test_probe_lease_expires(void)
{
    vt_setup(100000, 14);
    vt_set("breaker.probe_lease_ms", "3000");
    lgs__config cfg;
    lgs_hooks h;
    lgs__config_snapshot(&cfg);
    lgs__hooks_snapshot(&h);
    uint64_t key = lgs__breaker_key("LogonUser", "CONTOSO");
    lgs_status_code last;
    lgs__breaker_wait w;
    for (int i = 0; i < 5; i++)
        lgs__breaker_report(&cfg, &h, key, 0, 0, LGS_CLASS_TRANSIENT, vt_win32(NO_LOGON_SERVERS));
    uint64_t now = 0;
    while (lgs__breaker_admit(&cfg, key, now, 0, UINT64_MAX, &last, &w) == LGS__ADMIT_WAIT)
        now += w.ms;
    uint64_t probe_at = now; /* the probe starts, and hangs */
    unsigned looks = 0;
    do {
        now += w.ms;
        looks++;
    } while (lgs__breaker_admit(&cfg, key, now, 0, UINT64_MAX, &last, &w) == LGS__ADMIT_WAIT);
    CU_ASSERT_EQUAL(now - probe_at, 3000);
    CU_ASSERT(looks >= 3000 / 50);
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
    vt_set("breaker.wait", "on"); /* nor are they held for a probe */
    uint64_t before = vt_now();
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
    CU_ASSERT_EQUAL(vt_now(), before);
    CU_ASSERT_EQUAL(vt_wait_count, 0);
    vt_set("breaker.wait", "off");
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
    {"open breakers resist eviction by closed ones", test_eviction_resistance},
    {"a table full of open breakers admits a stranger untracked", test_table_full_of_open},
    {"a call waits for the probe and goes when it succeeds", test_call_waits_for_probe},
    {"a waiting call fails by its deadline, never after", test_deadline_while_waiting},
    {"a call fails at once when the next probe is past its deadline", test_probe_past_deadline},
    {"waiting calls are released after the probe, spread out", test_release_after_probe},
    {"a probe's lease expires", test_probe_lease_expires},
    {"waiting calls get even places in the release", test_release_places_even},
    {"a call's deadline brings the probe forward", test_deadline_brings_probe_forward},
    {"a forward probe keeps its spacing; release before the deadline", test_probe_forward_spacing},
    {"release calls pass the breaker and the lockout guard", test_release_calls_pass_guards},
    CU_TEST_INFO_NULL,
};

int lgs_suite_breaker(void)
{
    LGS_REGISTER("breaker", tests, setup, vt_teardown);
}
