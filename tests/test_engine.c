/* test_engine.c — the attempt loop in virtual time: what each class gets,
 * the attempts and waits of scripted failure sequences, full jitter, the
 * nesting guard, callbacks and hooks, and bad arguments. The deadline has
 * its own suite (test_deadline.c).
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
    vt_setup(1000, 42);
    return 0;
}

static void test_first_try_success(void)
{
    vt_setup(1000, 1);
    vt_script s;
    vt_script_repeat(&s, vt_win32(0), 1);
    lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(o.attempts, 1);
    CU_ASSERT_EQUAL(o.value, 0);
    CU_ASSERT_EQUAL(s.cleanups, 0);
    CU_ASSERT_EQUAL(vt_sleep_count, 0);
}

/* A first attempt that succeeds is timed only when an observer is there to
 * be told: the call's own observer sees it with its elapsed time; without
 * one the outcome's elapsed_ms is 0 (engine.h). Either way it is counted. */
static unsigned hook_seen;
static lgs_attempt hook_last;
static void hook_observer(void *user, const lgs_attempt *a)
{
    (void)user;
    hook_seen++;
    hook_last = *a;
}

static void test_first_try_success_timing(void)
{
    vt_setup(1000, 1);
    vt_script s;
    vt_script_repeat(&s, vt_win32(0), 1);
    s.cost_ms = 50;
    lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(o.elapsed_ms, 50);
    CU_ASSERT_EQUAL(s.observed, 1);
    CU_ASSERT_EQUAL(s.decisions[0], LGS_DECISION_OK);
    c.observer = NULL;
    o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(o.attempts, 1);
    CU_ASSERT_EQUAL(o.elapsed_ms, 0);
    CU_ASSERT_EQUAL(s.calls, 2);
    /* The hooks' observer turns timing back on, for every call. */
    lgs_hooks h;
    vt_fill_hooks(&h);
    h.observer = hook_observer;
    lgs_engine_set_hooks(&h);
    hook_seen = 0;
    o = vt_run(&c);
    CU_ASSERT_EQUAL(hook_seen, 1);
    CU_ASSERT_EQUAL(hook_last.decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(hook_last.elapsed_ms, 50);
    CU_ASSERT_EQUAL(o.elapsed_ms, 50);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.calls, 3);
    CU_ASSERT_EQUAL(st.by_decision[LGS_DECISION_OK], 3);
    vt_setup(0, 1);
}

/* What takes calls off the fast path takes effect on the next call: a
 * breaker that opened refuses the next call without reaching the API, and
 * a success after its break closes it and puts calls back on the fast path. */
static void test_fast_path_follows_state(void)
{
    vt_setup(0, 3);
    vt_set("retry.transient.attempts", "1");
    vt_set("breaker.wait", "off"); /* refused at once, not held for the probe */
    vt_script ok;
    vt_script_repeat(&ok, vt_win32(0), 1);
    lgs_call good = vt_call(&ok, "LogonUser", "CONTOSO");
    good.observer = NULL;
    CU_ASSERT_EQUAL(vt_run(&good).decision, LGS_DECISION_OK);
    vt_script bad;
    vt_script_repeat(&bad, vt_win32(NO_LOGON_SERVERS), 1);
    lgs_call fail = vt_call(&bad, "LogonUser", "CONTOSO");
    for (int i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(vt_run(&fail).decision, LGS_DECISION_NEVER_RETRY); /* 1 attempt: no retry */
    unsigned before = ok.calls;
    lgs_outcome o = vt_run(&good);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(o.value, NO_LOGON_SERVERS);
    CU_ASSERT_EQUAL(ok.calls, before);
    vt_advance(60001); /* past the longest break: the next call is the probe */
    CU_ASSERT_EQUAL(vt_run(&good).decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(vt_run(&good).decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(ok.calls, before + 2);
}

/* Three transient failures, then success: four attempts, three waits, each
 * within its full-jitter ceiling (200, 400, 800 ms), a cleanup after each
 * failure, and the wait hook told about every wait before it happens. (The
 * budget's floor is what lets this one quiet call retry at all.) */
static void test_scripted_transient_recovers(void)
{
    vt_setup(1000, 7);
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 3);
    vt_script_push(&s, vt_win32(0));
    lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_RECOVERED);
    CU_ASSERT_EQUAL(o.attempts, 4);
    CU_ASSERT_EQUAL(o.value, 0);
    CU_ASSERT_EQUAL(s.cleanups, 3);
    CU_ASSERT_EQUAL_FATAL(vt_sleep_count, 3);
    CU_ASSERT_EQUAL_FATAL(vt_wait_count, 3);
    uint64_t total = 0;
    for (unsigned i = 0; i < 3; i++) {
        CU_ASSERT(vt_sleeps[i] <= (200u << i));
        CU_ASSERT_EQUAL(vt_wait_delay[i], vt_sleeps[i]);
        CU_ASSERT_EQUAL(vt_wait_attempt[i], i + 1);
        CU_ASSERT_EQUAL(vt_wait_remaining[i], 20000u - total);
        total += vt_sleeps[i];
        CU_ASSERT_EQUAL(s.call_at[i + 1], 1000u + total);
    }
    CU_ASSERT_EQUAL(o.elapsed_ms, total);
    CU_ASSERT_EQUAL_FATAL(s.observed, 4);
    CU_ASSERT_EQUAL(s.decisions[0], LGS_DECISION_RETRY);
    CU_ASSERT_EQUAL(s.decisions[2], LGS_DECISION_RETRY);
    CU_ASSERT_EQUAL(s.decisions[3], LGS_DECISION_RECOVERED);
}

static void test_transient_gives_up_with_last_code(void)
{
    vt_setup(1000, 3);
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 3);
    vt_script_push(&s, vt_win32(1722)); /* RPC_S_SERVER_UNAVAILABLE */
    lgs_call c = vt_call(&s, "LogonUser", NULL);
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_GIVE_UP);
    CU_ASSERT_EQUAL(o.attempts, 4);
    CU_ASSERT_EQUAL(s.calls, 4);
    CU_ASSERT_EQUAL(o.value, 1722);
    CU_ASSERT_EQUAL(o.cls, lgs_classify(LGS_SPACE_WIN32, 1722));
}

/* A call's own cap (release calls use 1) bounds the class policy: a transient
 * failure gives up after one attempt, and a cap above the policy changes
 * nothing. */
static void test_call_caps_attempts(void)
{
    vt_setup(1000, 5);
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 8);
    lgs_call c = vt_call(&s, "SSPI", NULL);
    c.max_attempts = 1;
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_GIVE_UP);
    CU_ASSERT_EQUAL(o.attempts, 1);
    CU_ASSERT_EQUAL(s.calls, 1);
    CU_ASSERT_EQUAL(vt_sleep_count, 0);
    vt_setup(1000, 5);
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 8);
    c = vt_call(&s, "SSPI", NULL);
    c.max_attempts = 9;
    o = vt_run(&c);
    CU_ASSERT_EQUAL(o.attempts, 4); /* the transient policy's 4 */
}

/* Every class, failing every time, with the default configuration: the
 * documented number of attempts and the documented final decision. */
static void test_every_class_defaults(void)
{
    for (int k = 0; k < LGS_CLASS_COUNT_; k++) {
        lgs_class cls = (lgs_class)k;
        vt_setup(1000, (uint64_t)k);
        vt_script s;
        vt_script_repeat(&s, vt_code_of(cls), 1);
        CU_ASSERT_EQUAL_FATAL(lgs_classify(s.codes[0].space, s.codes[0].value), cls);
        lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
        lgs_outcome o = vt_run(&c);
        unsigned want = 1;
        lgs_decision d = LGS_DECISION_NEVER_RETRY;
        switch (cls) {
        case LGS_CLASS_OK:
        case LGS_CLASS_CONTINUE:
            d = LGS_DECISION_OK;
            break;
        case LGS_CLASS_TRANSIENT:
            want = 4;
            d = LGS_DECISION_GIVE_UP;
            break;
        case LGS_CLASS_RESOURCE:
            want = 3;
            d = LGS_DECISION_GIVE_UP;
            break;
        case LGS_CLASS_SESSION_COLLISION:
        case LGS_CLASS_CONTEXT_EXPIRED:
            want = 2;
            d = LGS_DECISION_GIVE_UP;
            break;
        default:
            break;
        }
        if (o.attempts != want || o.decision != d)
            fprintf(stderr, "class %s: %u attempts, %s\n", lgs_class_name(cls), o.attempts,
                    lgs_decision_name(o.decision));
        CU_ASSERT_EQUAL(o.attempts, want);
        CU_ASSERT_EQUAL(o.decision, d);
        CU_ASSERT_EQUAL(o.cls, cls);
        /* A cleanup after each failed attempt, none after a success. */
        CU_ASSERT_EQUAL(s.cleanups, d == LGS_DECISION_OK ? 0u : want);
    }
}

/* Collision is retried once after 10 ms at most; an expired context is
 * re-established at once. */
static void test_collision_and_context_waits(void)
{
    vt_setup(0, 5);
    vt_script s;
    vt_script_repeat(&s, vt_code_of(LGS_CLASS_SESSION_COLLISION), 1);
    vt_script_push(&s, vt_win32(0));
    lgs_call c = vt_call(&s, "LogonUser", NULL);
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_RECOVERED);
    CU_ASSERT(o.elapsed_ms <= 10);
    vt_setup(0, 5);
    vt_script_repeat(&s, vt_code_of(LGS_CLASS_CONTEXT_EXPIRED), 1);
    vt_script_push(&s, vt_win32(0));
    c = vt_call(&s, "SSPI.ISC", "HTTP/web.contoso.com");
    o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_RECOVERED);
    CU_ASSERT_EQUAL(o.elapsed_ms, 0);
    CU_ASSERT_EQUAL(s.cleanups, 1);
}

/* Full jitter: over many calls the waits fill [0, min(cap, base*2^n)] and
 * never leave it. */
static void test_full_jitter_range(void)
{
    vt_setup(0, 11);
    vt_set("retry.transient.attempts", "8");
    vt_set("deadline_ms", "60min");
    vt_set("breaker.threshold", "0");
    vt_set("budget.floor", "1000000");
    uint64_t lo[7], hi[7];
    for (int i = 0; i < 7; i++) {
        lo[i] = UINT64_MAX;
        hi[i] = 0;
    }
    for (int run = 0; run < 400; run++) {
        vt_wait_count = 0;
        vt_script s;
        vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
        lgs_call c = vt_call(&s, "LogonUser", NULL);
        lgs_outcome o = vt_run(&c);
        CU_ASSERT_EQUAL_FATAL(o.attempts, 8);
        for (unsigned i = 0; i < 7; i++) {
            uint64_t ceiling = (200u << i) < 5000u ? (200u << i) : 5000u;
            CU_ASSERT(vt_wait_delay[i] <= ceiling);
            if (vt_wait_delay[i] < lo[i])
                lo[i] = vt_wait_delay[i];
            if (vt_wait_delay[i] > hi[i])
                hi[i] = vt_wait_delay[i];
        }
    }
    for (unsigned i = 0; i < 7; i++) {
        uint64_t ceiling = (200u << i) < 5000u ? (200u << i) : 5000u;
        CU_ASSERT(lo[i] * 20 < ceiling);      /* reaches the bottom 5 % */
        CU_ASSERT(hi[i] * 20 > ceiling * 19); /* and the top 5 % */
    }
}

static void test_seed_reproduces_jitter(void)
{
    uint64_t first[3], again[3], other[3];
    uint64_t *runs[3] = {first, again, other};
    const uint64_t seeds[3] = {99, 99, 100};
    for (int r = 0; r < 3; r++) {
        vt_setup(0, seeds[r]);
        vt_script s;
        vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
        lgs_call c = vt_call(&s, "LogonUser", NULL);
        (void)vt_run(&c);
        CU_ASSERT_EQUAL_FATAL(vt_wait_count, 3);
        memcpy(runs[r], vt_wait_delay, sizeof first);
    }
    CU_ASSERT_EQUAL(memcmp(first, again, sizeof first), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(first, other, sizeof first), 0);
}

static uint64_t fixed_random(void *user)
{
    return *(const uint64_t *)user;
}

/* Attempts per class are counted per call, whatever the mix: a policy of
 * N attempts for the final class never allows more than N in a row of it. */
static void test_attempts_bounded_per_class(void)
{
    vt_setup(0, 8);
    vt_set("retry.resource.attempts", "2");
    vt_script s;
    memset(&s, 0, sizeof s);
    vt_script_push(&s, vt_code_of(LGS_CLASS_RESOURCE));
    vt_script_push(&s, vt_code_of(LGS_CLASS_RESOURCE));
    vt_script_push(&s, vt_win32(0));
    lgs_call c = vt_call(&s, "LogonUser", NULL);
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_GIVE_UP);
    CU_ASSERT_EQUAL(o.attempts, 2);
}

/* Nesting guard: a shim call inside another one on the same thread makes
 * one attempt; only the outer one retries, so attempts do not multiply. */
static unsigned inner_attempts;
static lgs_status_code inner_attempt(void *ctx)
{
    (void)ctx;
    inner_attempts++;
    return vt_win32(NO_LOGON_SERVERS);
}

static lgs_decision inner_decisions[8];
static lgs_status_code outer_attempt(void *ctx)
{
    unsigned *n = ctx;
    lgs_call inner;
    memset(&inner, 0, sizeof inner);
    inner.api = "Lsa.LogonUser";
    inner.attempt = inner_attempt;
    lgs_outcome o;
    CU_ASSERT_EQUAL(lgs_engine_run(&inner, &o), LGS_OK);
    if (*n < 8)
        inner_decisions[*n] = o.decision;
    (*n)++;
    lgs_status_code c = {o.space, o.value};
    return c;
}

static void test_nesting_guard(void)
{
    vt_setup(0, 9);
    vt_set("breaker.threshold", "0"); /* eight transient failures in a row */
    inner_attempts = 0;
    unsigned outer_calls = 0;
    lgs_call outer;
    memset(&outer, 0, sizeof outer);
    outer.api = "LogonUser";
    outer.attempt = outer_attempt;
    outer.ctx = &outer_calls;
    lgs_outcome o = vt_run(&outer);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_GIVE_UP);
    CU_ASSERT_EQUAL(outer_calls, 4);
    CU_ASSERT_EQUAL(inner_attempts, 4);
    CU_ASSERT_EQUAL(inner_decisions[0], LGS_DECISION_GIVE_UP);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.nested_calls, 4);
    CU_ASSERT_EQUAL(st.calls, 5);
    /* After the outer call returns, a call on this thread retries again. */
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
    lgs_call c = vt_call(&s, "LogonUser", NULL);
    CU_ASSERT_EQUAL(vt_run(&c).attempts, 4);
}

/* A call made from an observer is inside the observed call: nested, one
 * attempt, also when the observed call was a first-try success. */
static lgs_decision observer_inner_decision;
static unsigned observer_inner_attempts;
static void calling_observer(void *user, const lgs_attempt *a)
{
    (void)user;
    if (a->decision != LGS_DECISION_OK || !a->reached_api || strcmp(a->api, "LogonUser") != 0)
        return;
    lgs_call inner;
    memset(&inner, 0, sizeof inner);
    inner.api = "Lsa.LogonUser";
    inner.attempt = inner_attempt;
    unsigned before = inner_attempts;
    lgs_outcome o;
    CU_ASSERT_EQUAL(lgs_engine_run(&inner, &o), LGS_OK);
    observer_inner_decision = o.decision;
    observer_inner_attempts = inner_attempts - before;
}

static void test_observer_calls_are_nested(void)
{
    vt_setup(0, 14);
    lgs_hooks h;
    vt_fill_hooks(&h);
    h.observer = calling_observer;
    lgs_engine_set_hooks(&h);
    vt_script s;
    vt_script_repeat(&s, vt_win32(0), 1);
    lgs_call c = vt_call(&s, "LogonUser", NULL);
    c.observer = NULL;
    observer_inner_attempts = 0;
    CU_ASSERT_EQUAL(vt_run(&c).decision, LGS_DECISION_OK);
    CU_ASSERT_EQUAL(observer_inner_attempts, 1);
    CU_ASSERT_EQUAL(observer_inner_decision, LGS_DECISION_GIVE_UP);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.nested_calls, 1);
    CU_ASSERT_EQUAL(st.retries, 0);
    vt_setup(0, 1);
}

/* The process-wide observer hook sees every attempt of every call, with
 * elapsed and remaining time consistent with the deadline. */

static void test_observer_hook(void)
{
    vt_setup(0, 10);
    lgs_hooks h;
    vt_fill_hooks(&h);
    h.observer = hook_observer;
    static uint64_t r = 150;
    h.random = fixed_random;
    h.user = &r;
    lgs_engine_set_hooks(&h);
    hook_seen = 0;
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
    s.cost_ms = 100;
    lgs_call c = vt_call(&s, "LogonUser", "CONTOSO");
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(hook_seen, 4);
    CU_ASSERT_EQUAL(s.observed, 4);
    CU_ASSERT_STRING_EQUAL(hook_last.api, "LogonUser");
    CU_ASSERT_EQUAL(hook_last.attempt, 4);
    CU_ASSERT_EQUAL(hook_last.max_attempts, 4);
    CU_ASSERT_EQUAL(hook_last.decision, LGS_DECISION_GIVE_UP);
    CU_ASSERT_EQUAL(hook_last.reached_api, 1);
    CU_ASSERT_EQUAL(hook_last.elapsed_ms, o.elapsed_ms);
    CU_ASSERT_EQUAL(hook_last.elapsed_ms + hook_last.remaining_ms, 20000);
    vt_setup(0, 1);
}

static lgs_status_code never_called(void *ctx)
{
    (void)ctx;
    CU_FAIL("the attempt callback ran for an invalid call");
    return vt_win32(0);
}

static void test_invalid_arguments(void)
{
    lgs_call c;
    memset(&c, 0, sizeof c);
    lgs_outcome o;
    c.attempt = never_called;
    CU_ASSERT_EQUAL(lgs_engine_run(&c, &o), LGS_EINVAL); /* no api */
    c.api = "LogonUser";
    CU_ASSERT_EQUAL(lgs_engine_run(&c, NULL), LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_engine_run(NULL, &o), LGS_EINVAL);
    c.attempt = NULL;
    CU_ASSERT_EQUAL(lgs_engine_run(&c, &o), LGS_EINVAL);
}

static void test_decision_names(void)
{
    static const char *const names[] = {"ok", "recovered", "retry", "give_up", "never_retry",
                                        "budget_exhausted", "deadline", "breaker_open",
                                        "lockout_guard"};
    CU_ASSERT_EQUAL_FATAL(sizeof names / sizeof names[0], LGS_DECISION_COUNT_);
    for (int i = 0; i < LGS_DECISION_COUNT_; i++)
        CU_ASSERT_STRING_EQUAL(lgs_decision_name((lgs_decision)i), names[i]);
    CU_ASSERT_STRING_EQUAL(lgs_decision_name(LGS_DECISION_COUNT_), "invalid");
    CU_ASSERT_STRING_EQUAL(lgs_decision_name((lgs_decision)-1), "invalid");
}

/* Stats add up: every call has one final decision, every attempt a class. */
static void test_stats_add_up(void)
{
    vt_setup(0, 12);
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 2);
    vt_script_push(&s, vt_win32(0));
    lgs_call c = vt_call(&s, "LogonUser", NULL);
    (void)vt_run(&c); /* recovered after 3 attempts */
    vt_script_repeat(&s, vt_code_of(LGS_CLASS_PRIVILEGE), 1);
    (void)vt_run(&c); /* never_retry */
    vt_script_repeat(&s, vt_win32(0), 1);
    (void)vt_run(&c); /* ok */
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.calls, 3);
    CU_ASSERT_EQUAL(st.attempts, 5);
    CU_ASSERT_EQUAL(st.retries, 2);
    CU_ASSERT_EQUAL(st.recovered, 1);
    CU_ASSERT_EQUAL(st.failed, 1);
    CU_ASSERT_EQUAL(st.by_decision[LGS_DECISION_RECOVERED], 1);
    CU_ASSERT_EQUAL(st.by_decision[LGS_DECISION_NEVER_RETRY], 1);
    CU_ASSERT_EQUAL(st.by_decision[LGS_DECISION_OK], 1);
    CU_ASSERT_EQUAL(st.by_class[LGS_CLASS_TRANSIENT], 2);
    CU_ASSERT_EQUAL(st.by_class[LGS_CLASS_PRIVILEGE], 1);
    CU_ASSERT_EQUAL(st.by_class[LGS_CLASS_OK], 2);
    lgs_engine_reset_state();
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.calls, 0);
    lgs_stats_snapshot(NULL); /* harmless */
}

static CU_TestInfo tests[] = {
    {"first try success", test_first_try_success},
    {"calls from an observer are nested", test_observer_calls_are_nested},
    {"a first-try success is timed for observers", test_first_try_success_timing},
    {"the fast path follows breaker state", test_fast_path_follows_state},
    {"scripted transient failures recover", test_scripted_transient_recovers},
    {"transient gives up with the last code", test_transient_gives_up_with_last_code},
    {"a call's cap bounds the attempts", test_call_caps_attempts},
    {"every class gets its default policy", test_every_class_defaults},
    {"collision and expired context waits", test_collision_and_context_waits},
    {"full jitter fills its range", test_full_jitter_range},
    {"a seed reproduces the jitter", test_seed_reproduces_jitter},
    {"attempts bounded per class", test_attempts_bounded_per_class},
    {"nesting guard", test_nesting_guard},
    {"observer hook", test_observer_hook},
    {"invalid arguments", test_invalid_arguments},
    {"decision names", test_decision_names},
    {"stats add up", test_stats_add_up},
    CU_TEST_INFO_NULL,
};

int lgs_suite_engine(void)
{
    LGS_REGISTER("engine", tests, setup, vt_teardown);
}
