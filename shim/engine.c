/* engine.c — the attempt loop: call → capture → classify → decide → clean up
 * → wait → call again, until success, a decision to stop, or a bound.
 *
 * Every call copies the configuration and hooks once, so that a setting
 * changed mid-call cannot give one call two policies. The order of the checks
 * after a failed attempt is the order of their cost to others: classes that
 * are never retried first, then the class's attempts, then the deadline (a
 * wait that would end past it is not started), and only then the process
 * retry budget, so that a retry the deadline forbids does not use up budget
 * another call could have had. Before every attempt, the lockout guard and
 * the breaker may fail the call fast without reaching the API.
 *
 * The common case, a first attempt that succeeds in a healthy process, is
 * kept cheap: each thread keeps its own copy of the configuration and hooks
 * and takes a new one only when a generation counter says they changed; the
 * breaker and lockout tables are not looked at (nor the account hashed)
 * while they hold nothing; the budget deposit is one atomic add; the stats
 * one counter.
 */
#include <stdint.h>
#include <string.h>

#include "engine_internal.h"


static const char *const decision_names[LGS_DECISION_COUNT_] = {
    "ok", "recovered", "retry", "give_up", "never_retry",
    "budget_exhausted", "deadline", "breaker_open", "lockout_guard",
};

const char *lgs_decision_name(lgs_decision decision)
{
    if ((int)decision < 0 || decision >= LGS_DECISION_COUNT_)
        return "invalid";
    return decision_names[decision];
}

void lgs_engine_reset_state(void)
{
    lgs__budget_reset();
    lgs__breaker_reset();
    lgs__lockout_reset();
    lgs__stats_reset();
}

static int is_success(lgs_class cls)
{
    return cls == LGS_CLASS_OK || cls == LGS_CLASS_CONTINUE;
}

/* This thread's copies of the configuration and hooks, the generations they
 * were taken at (plus one: 0 means no copy yet), and the nesting depth. One
 * thread-local object, reached once per call (emulated TLS costs a call). */
typedef struct cache {
    unsigned depth; /* of lgs_engine_run() on this thread: only the outermost retries */
    unsigned cfg_gen_plus1, hooks_gen_plus1;
    lgs__config cfg;
    lgs_hooks hooks;
} cache;
static _Thread_local cache thread_cache;

/* The state of one run, so the helpers below stay short. */
typedef struct run {
    const lgs_call *call;
    const lgs__config *cfg; /* the thread's copy, or `own` in a nested call */
    const lgs_hooks *hooks;
    uint64_t start, deadline;
    uint64_t breaker_key, account_key;
    int have_breaker_key, have_account_key;
    int nested;
    lgs__config own_cfg;
    lgs_hooks own_hooks;
} run;

/* Points r at configuration and hooks for the whole call. The outermost call
 * refreshes the thread's copies if they changed; a nested call copies them,
 * so that refreshing cannot change the outer call's policy under it. */
static void take_settings(run *r, cache *c)
{
    unsigned g = lgs__config_generation();
    if (c->cfg_gen_plus1 != g + 1u) {
        if (r->nested) {
            lgs__config_snapshot(&r->own_cfg);
            r->cfg = &r->own_cfg;
        } else {
            lgs__config_snapshot(&c->cfg);
            c->cfg_gen_plus1 = g + 1u;
            r->cfg = &c->cfg;
        }
    } else {
        r->cfg = &c->cfg;
    }
    unsigned h = lgs__hooks_generation();
    if (c->hooks_gen_plus1 != h + 1u) {
        if (r->nested) {
            lgs__hooks_snapshot(&r->own_hooks);
            r->hooks = &r->own_hooks;
        } else {
            lgs__hooks_snapshot(&c->hooks);
            c->hooks_gen_plus1 = h + 1u;
            r->hooks = &c->hooks;
        }
    } else {
        r->hooks = &c->hooks;
    }
}

/* Keys are hashes of strings: computed only when a table is consulted. */
static uint64_t breaker_key(run *r)
{
    if (!r->have_breaker_key) {
        r->breaker_key = lgs__breaker_key(r->call->api, r->call->authority);
        r->have_breaker_key = 1;
    }
    return r->breaker_key;
}

static uint64_t account_key(run *r)
{
    if (!r->have_account_key) {
        r->account_key = lgs__account_key(r->call->user, r->call->domain);
        r->have_account_key = 1;
    }
    return r->account_key;
}

static void fill_times(const run *r, lgs_attempt *a, uint64_t now)
{
    a->elapsed_ms = now - r->start;
    a->remaining_ms = now < r->deadline ? r->deadline - now : 0;
}

static void observe(const run *r, const lgs_attempt *a)
{
    if (r->call->observer != NULL)
        r->call->observer(r->call->ctx, a);
    if (r->hooks->observer != NULL)
        r->hooks->observer(r->hooks->user, a);
}

/* Decides what follows a failed attempt made at attempt `n`; sets the delay
 * of a retry in a->delay_ms. */
static lgs_decision decide(const run *r, lgs_class cls, unsigned n, unsigned max, uint64_t now,
                           uint64_t *delay)
{
    const lgs__class_policy *p = &r->cfg->policy[cls];
    *delay = 0;
    /* Whatever the configuration says: a retried bad password is one more
     * bad logon against the account's lockout threshold. */
    if (cls == LGS_CLASS_CREDENTIALS || cls == LGS_CLASS_ACCOUNT || p->attempts <= 1)
        return LGS_DECISION_NEVER_RETRY;
    if (n >= max)
        return LGS_DECISION_GIVE_UP;
    uint64_t ceiling = p->base_ms;
    for (unsigned i = 1; i < n && ceiling < p->cap_ms; i++)
        ceiling *= 2u;
    if (ceiling > p->cap_ms)
        ceiling = p->cap_ms;
    uint64_t d = lgs__random_upto(r->hooks, ceiling);
    if (now > r->deadline || d > r->deadline - now)
        return LGS_DECISION_DEADLINE;
    if (!lgs__budget_withdraw(r->cfg, now))
        return LGS_DECISION_BUDGET_EXHAUSTED;
    *delay = d;
    return LGS_DECISION_RETRY;
}

static void count_final(lgs_decision d)
{
    lgs__stat_decision(d);
    if (d == LGS_DECISION_RECOVERED)
        lgs__stat_add(LGS__C_RECOVERED);
    else if (d != LGS_DECISION_OK)
        lgs__stat_add(LGS__C_FAILED);
    if (d == LGS_DECISION_BUDGET_EXHAUSTED)
        lgs__stat_add(LGS__C_BUDGET_REFUSALS);
    else if (d == LGS_DECISION_DEADLINE)
        lgs__stat_add(LGS__C_DEADLINE_STOPS);
    else if (d == LGS_DECISION_BREAKER_OPEN)
        lgs__stat_add(LGS__C_BREAKER_REFUSALS);
    else if (d == LGS_DECISION_LOCKOUT_GUARD)
        lgs__stat_add(LGS__C_LOCKOUT_REFUSALS);
}

/* Fails the call fast at attempt n with a replayed code. */
static void fail_fast(const run *r, unsigned n, unsigned made, lgs_status_code code,
                      lgs_decision d, uint64_t now, lgs_outcome *out)
{
    lgs_attempt a;
    memset(&a, 0, sizeof a);
    a.api = r->call->api;
    a.attempt = n;
    a.max_attempts = n;
    a.space = code.space;
    a.value = code.value;
    a.cls = lgs_classify(code.space, code.value);
    a.decision = d;
    fill_times(r, &a, now);
    observe(r, &a);
    out->space = a.space;
    out->value = a.value;
    out->cls = a.cls;
    out->decision = d;
    out->attempts = made;
    out->elapsed_ms = a.elapsed_ms;
}

static void loop(run *r, lgs_outcome *out)
{
    const lgs_call *call = r->call;
    const lgs__config *cfg = r->cfg;
    for (unsigned n = 1;; n++) {
        uint64_t now = n == 1 ? r->start : r->hooks->clock_ms(r->hooks->user);
        lgs_status_code replay;
        int check_lockout = cfg->lockout_threshold != 0 && lgs__lockout_active();
        if (check_lockout && lgs__lockout_check(cfg, account_key(r), now, &replay)) {
            fail_fast(r, n, n - 1, replay, LGS_DECISION_LOCKOUT_GUARD, now, out);
            return;
        }
        lgs__admit admit = LGS__ADMIT_CLOSED;
        if (cfg->breaker_threshold != 0 && lgs__breaker_active())
            admit = lgs__breaker_admit(cfg, breaker_key(r), now, &replay);
        if (admit == LGS__ADMIT_REFUSE) {
            fail_fast(r, n, n - 1, replay, LGS_DECISION_BREAKER_OPEN, now, out);
            return;
        }

        lgs_status_code code = call->attempt(call->ctx);
        now = r->hooks->clock_ms(r->hooks->user);
        lgs_class cls = lgs_classify(code.space, code.value);
        int success = is_success(cls);
        if (n == 1 && cls == LGS_CLASS_OK && !r->nested) {
            lgs__stat_first_try_ok(); /* calls, attempts, class and decision */
        } else {
            lgs__stat_add(LGS__C_ATTEMPTS);
            if (n > 1)
                lgs__stat_add(LGS__C_RETRIES);
            lgs__stat_class(cls);
        }
        /* A success only has something to report where a table holds state. */
        if (cfg->breaker_threshold != 0 && (!success || lgs__breaker_active()) &&
            lgs__breaker_report(cfg, r->hooks, breaker_key(r), now, admit == LGS__ADMIT_PROBE, cls, code))
            lgs__stat_add(LGS__C_BREAKER_OPENS);
        if (cfg->lockout_threshold != 0 && (!success || lgs__lockout_active()))
            lgs__lockout_report(cfg, account_key(r), now, cls, code);

        lgs_attempt a;
        memset(&a, 0, sizeof a);
        a.api = call->api;
        a.attempt = n;
        a.max_attempts = r->nested ? 1u : cfg->policy[cls].attempts;
        if (call->max_attempts != 0 && a.max_attempts > call->max_attempts)
            a.max_attempts = call->max_attempts;
        a.space = code.space;
        a.value = code.value;
        a.cls = cls;
        a.reached_api = 1;
        if (success)
            a.decision = n > 1 ? LGS_DECISION_RECOVERED : LGS_DECISION_OK;
        else
            a.decision = decide(r, cls, n, a.max_attempts, now, &a.delay_ms);
        fill_times(r, &a, now);
        if (!success && call->cleanup != NULL)
            call->cleanup(call->ctx, &a);
        observe(r, &a);

        if (a.decision != LGS_DECISION_RETRY) {
            out->space = code.space;
            out->value = code.value;
            out->cls = cls;
            out->decision = a.decision;
            out->attempts = n;
            out->elapsed_ms = a.elapsed_ms;
            return;
        }
        if (r->hooks->wait != NULL)
            r->hooks->wait(r->hooks->user, n, a.delay_ms, a.remaining_ms);
        if (a.delay_ms > 0)
            r->hooks->sleep_ms(r->hooks->user, a.delay_ms);
    }
}

int lgs_engine_run(const lgs_call *call, lgs_outcome *out)
{
    if (call == NULL || call->api == NULL || call->attempt == NULL || out == NULL)
        return LGS_EINVAL;
    cache *tc = &thread_cache;
    run r;
    r.call = call;
    r.nested = tc->depth > 0;
    r.have_breaker_key = 0;
    r.have_account_key = 0;
    take_settings(&r, tc);
    r.start = r.hooks->clock_ms(r.hooks->user);
    r.deadline = r.start + r.cfg->deadline_ms;

    if (r.nested) {
        lgs__stat_add(LGS__C_CALLS);
        lgs__stat_add(LGS__C_NESTED);
    } else {
        lgs__budget_deposit(r.cfg, r.start);
    }

    tc->depth++;
    loop(&r, out);
    tc->depth--;
    /* A first-try success outside other calls was counted in one go. */
    if (r.nested || out->decision != LGS_DECISION_OK || out->attempts != 1 || out->cls != LGS_CLASS_OK) {
        if (!r.nested)
            lgs__stat_add(LGS__C_CALLS);
        count_final(out->decision);
    }
    return LGS_OK;
}
