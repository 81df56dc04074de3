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
 * while they hold nothing; the budget deposit and the stats go to the
 * thread's own state (tstate.c) with plain loads and stores; and the clock is
 * read once, for the deadline and the budget's window: a success is not
 * timed unless an observer asks for the time.
 */
#include <stdint.h>
#include <string.h>

#include "catalogue_internal.h"
#include "engine_internal.h"
#include "fastpath.h"
#include "faults_internal.h"

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

/* 1 when the call names an account: its attempts go through the lockout
 * guard's admission, whatever the table holds. */
static int names_account(const lgs_call *call)
{
    return call->user != NULL && call->user[0] != '\0';
}

/* 1 when neither table holds state, so that no attempt can be refused and
 * a success has nothing to report. */
static int tables_quiet(const lgs__config *cfg)
{
    return (cfg->breaker_threshold == 0 || !lgs__breaker_active()) &&
           (cfg->lockout_threshold == 0 || !lgs__lockout_active());
}

/* The state of one run, so the helpers below stay short. */
typedef struct run {
    const lgs_call *call;
    const lgs__config *cfg; /* the thread's copy, or `own` in a nested call */
    const lgs_hooks *hooks;
    uint64_t start, deadline;
    uint64_t breaker_key, account_key;
    int have_breaker_key, have_account_key;
    int nested;
    int have_first;            /* the first attempt was made before loop() */
    lgs_status_code first;     /* its code */
    unsigned flags;            /* LGS__RUN_* */
    int waited;                /* the call has waited for a breaker's probe */
    uint64_t spread;           /* then its offset into the release window */
    uint64_t waited_ms;        /* and for how long, in total */
    unsigned probes_failed;    /* its attempts that were failed probes: they do not count */
    lgs__config own_cfg;
    lgs_hooks own_hooks;
} run;

/* Points r at configuration and hooks for the whole call. The outermost call
 * refreshes the thread's copies if they changed; a nested call, or a thread
 * without a state, copies them, so that refreshing cannot change the outer
 * call's policy under it. */
static void take_settings(run *r, lgs__tstate *ts)
{
    unsigned g = lgs__config_generation();
    if (ts == NULL || r->nested) {
        lgs__config_snapshot(&r->own_cfg);
        r->cfg = &r->own_cfg;
    } else {
        if (ts->cfg_gen_plus1 != g + 1u) {
            lgs__config_snapshot(&ts->cfg);
            ts->cfg_gen_plus1 = g + 1u;
            lgs__budget_thread_retire(ts, &ts->cfg); /* the budget window may have changed */
        }
        r->cfg = &ts->cfg;
    }
    unsigned h = lgs__hooks_generation();
    if (ts == NULL || r->nested) {
        lgs__hooks_snapshot(&r->own_hooks);
        r->hooks = &r->own_hooks;
    } else {
        if (ts->hooks_gen_plus1 != h + 1u) {
            lgs__hooks_snapshot(&ts->hooks);
            ts->clock_ms = ts->hooks.clock_ms;
            ts->clock_user = ts->hooks.user;
            ts->hooks_gen_plus1 = h + 1u;
        }
        r->hooks = &ts->hooks;
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
    /* A recovery is no failure, but it goes to the wrappers' observer too:
     * its outcome takes from it how long the call waited for the breaker. */
    if (r->call->observer != NULL &&
        !((r->flags & LGS__RUN_FAILURES_TO_OBSERVER) && is_success(a->cls) && a->reached_api &&
          a->decision != LGS_DECISION_RECOVERED))
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
    /* Whatever the configuration says (config.c refuses to say it, by the
     * same rule; the thread's copy of the configuration is what counts): a
     * retried bad password is one more bad logon against the account's
     * lockout threshold. */
    if (lgs__class_never_retried(cls) || p->attempts <= 1)
        return LGS_DECISION_NEVER_RETRY;
    if (n >= max)
        return LGS_DECISION_GIVE_UP;
    uint64_t d = lgs__backoff(r->hooks, p->base_ms, p->cap_ms, n - 1u, 0);
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
    a.waited = r->waited;
    a.waited_ms = r->waited_ms;
    /* When the refusal will lift, for the records (both keys were computed
     * by the admission that refused). */
    if (d == LGS_DECISION_BREAKER_OPEN && r->have_breaker_key)
        a.has_next_probe = lgs__breaker_next_probe(r->breaker_key, now, &a.next_probe_ms);
    if (d == LGS_DECISION_LOCKOUT_GUARD && r->have_account_key) {
        uint32_t f = 0;
        a.has_lockout = lgs__lockout_status(r->cfg, r->account_key, now, &a.lockout_lift_ms, &f);
        a.lockout_failures = f;
    }
    observe(r, &a);
    out->space = a.space;
    out->value = a.value;
    out->cls = a.cls;
    out->decision = d;
    out->attempts = made;
    out->elapsed_ms = a.elapsed_ms;
}

/* Asks the guards whether attempt n may reach the API at *now, waiting while
 * an open breaker says to wait for its probe: each wait ends by the call's
 * deadline and is announced to the wait hook. Returns 1 with *admit set when
 * the attempt may go, 0 when the call failed fast (*out is then set). */
static int admit_attempt(run *r, unsigned n, uint64_t *now, lgs__admit *admit, int *admitted,
                         lgs_outcome *out)
{
    const lgs__config *cfg = r->cfg;
    const lgs_hooks *h = r->hooks;
    lgs_status_code replay;
    /* Every attempt that names an account is admitted by the guard, which
     * counts it in flight: checking only an account with failures on record
     * let concurrent calls race past the threshold before the first of them
     * reported. */
    *admitted = 0;
    if (cfg->lockout_threshold != 0 && names_account(r->call)) {
        int verdict = lgs__lockout_admit(cfg, account_key(r), *now, &replay);
        if (verdict == LGS__LOCKOUT_REFUSED || verdict == LGS__LOCKOUT_TABLE_FULL) {
            fail_fast(r, n, n - 1, replay, LGS_DECISION_LOCKOUT_GUARD, *now, out);
            return 0;
        }
        *admitted = verdict == LGS__LOCKOUT_ADMITTED;
    }
    for (;;) {
        *admit = LGS__ADMIT_CLOSED;
        if (cfg->breaker_threshold == 0 || !lgs__breaker_active())
            return 1;
        lgs__breaker_wait w;
        *admit = lgs__breaker_admit(cfg, breaker_key(r), *now, r->spread, r->deadline, &replay, &w);
        if (*admit == LGS__ADMIT_CLOSED || *admit == LGS__ADMIT_PROBE) {
            if (r->waited && *admit == LGS__ADMIT_CLOSED)
                lgs__stat_add(LGS__C_BREAKER_RELEASED);
            return 1;
        }
        uint64_t left = *now < r->deadline ? r->deadline - *now : 0;
        if (*admit == LGS__ADMIT_WAIT && (left == 0 || (w.until_probe && w.ms > left))) {
            /* The deadline comes first: fail now rather than at it, when
             * nothing before it could let the call through. */
            lgs__stat_add(LGS__C_BREAKER_WAIT_DEADLINE);
            *admit = LGS__ADMIT_REFUSE;
        }
        if (*admit == LGS__ADMIT_REFUSE) {
            if (*admitted) /* give its place in flight back: no attempt was made */
                lgs__lockout_report(cfg, account_key(r), *now, 1, LGS_CLASS_CONTINUE, replay);
            fail_fast(r, n, n - 1, replay, LGS_DECISION_BREAKER_OPEN, *now, out);
            return 0;
        }
        if (!r->waited) {
            /* Its place in the release after the probe succeeds, drawn once. */
            r->waited = 1;
            r->spread = w.spread;
        }
        uint64_t ms = w.ms < left ? w.ms : left;
        if (h->wait != NULL)
            h->wait(h->user, n - 1, ms, left);
        h->sleep_ms(h->user, ms);
        uint64_t then = *now;
        *now = h->clock_ms(h->user);
        r->waited_ms += *now - then;
    }
}

/* 1 when attempt n was the breaker's probe and failed with a transient
 * code, and the call may wait for the next probe: waiting is on, the call
 * may be retried at all, and its deadline has not passed. */
static int probe_failed(const run *r, lgs__admit admit, lgs_class cls, unsigned n, uint64_t now)
{
    return admit == LGS__ADMIT_PROBE && cls == LGS_CLASS_TRANSIENT && r->cfg->breaker_wait &&
           !r->nested && r->cfg->policy[cls].attempts > 1 &&
           (r->call->max_attempts == 0 || n < r->call->max_attempts) && now < r->deadline;
}

static void loop(run *r, lgs_outcome *out)
{
    const lgs_call *call = r->call;
    const lgs__config *cfg = r->cfg;
    /* A release call (max_attempts 1: Free*, Delete*, Revert*, deregistration)
     * neither asks the guards nor tells them anything: refusing it would leak
     * the handle or buffer for the whole break, and whether a local release
     * worked says nothing about the authority or the account. */
    int guarded = call->max_attempts != 1;
    for (unsigned n = 1;; n++) {
        uint64_t now = n == 1 ? r->start : r->hooks->clock_ms(r->hooks->user);
        lgs__admit admit = LGS__ADMIT_CLOSED;
        int admitted = 0;
        lgs_status_code code;
        if (n == 1 && r->have_first) {
            /* Made already: both tables were empty and the call names no
             * account, so nothing could refuse it. */
            code = r->first;
        } else if (guarded && !admit_attempt(r, n, &now, &admit, &admitted, out)) {
            return;
        } else {
            code = call->attempt(call->ctx);
        }
        now = r->hooks->clock_ms(r->hooks->user);
        lgs_class cls = lgs_classify(code.space, code.value);
        int success = is_success(cls);
        lgs__stat_add(LGS__C_ATTEMPTS);
        if (n > 1)
            lgs__stat_add(LGS__C_RETRIES);
        lgs__stat_class(cls);
        /* A success only has something to report where a table holds state. */
        if (guarded && cfg->breaker_threshold != 0 && (!success || lgs__breaker_active()) &&
            lgs__breaker_report(cfg, r->hooks, breaker_key(r), now, admit == LGS__ADMIT_PROBE, cls, code))
            lgs__stat_add(LGS__C_BREAKER_OPENS);
        if (admit == LGS__ADMIT_PROBE) {
            lgs__stat_add(LGS__C_BREAKER_PROBES);
            if (cls == LGS_CLASS_TRANSIENT)
                lgs__stat_add(LGS__C_BREAKER_PROBES_FAILED);
        }
        if (guarded && cfg->lockout_threshold != 0 && (admitted || !success || lgs__lockout_active()))
            lgs__lockout_report(cfg, account_key(r), now, admitted, cls, code);

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
        if (success) {
            a.decision = n > 1 ? LGS_DECISION_RECOVERED : LGS_DECISION_OK;
        } else if (probe_failed(r, admit, cls, n, now)) {
            /* The call was the breaker's probe: the breaker spaces probes,
             * so the call goes back to waiting for the next one without
             * spending an attempt of its class or the retry budget (else a
             * call that probes a few times gives up long before its
             * deadline, and its client thinks instead of being released). */
            r->probes_failed++;
            a.decision = LGS_DECISION_RETRY;
        } else {
            a.max_attempts += r->probes_failed;
            a.decision = decide(r, cls, n - r->probes_failed, a.max_attempts - r->probes_failed, now,
                                &a.delay_ms);
        }
        fill_times(r, &a, now);
        a.waited = r->waited;
        a.waited_ms = r->waited_ms;
        /* A failure while the breaker is open says when it probes next. */
        if (!success && guarded && cfg->breaker_threshold != 0 && lgs__breaker_active())
            a.has_next_probe = lgs__breaker_next_probe(breaker_key(r), now, &a.next_probe_ms);
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

/* A first attempt that succeeded in a call that is not nested, with an
 * observer to tell: the attempt is timed for it. */
static void observed_first_try_ok(run *r, lgs_outcome *out)
{
    lgs_attempt a;
    memset(&a, 0, sizeof a);
    a.api = r->call->api;
    a.attempt = 1;
    a.max_attempts = r->cfg->policy[LGS_CLASS_OK].attempts;
    if (r->call->max_attempts != 0 && a.max_attempts > r->call->max_attempts)
        a.max_attempts = r->call->max_attempts;
    a.space = r->first.space;
    a.value = r->first.value;
    a.cls = LGS_CLASS_OK;
    a.reached_api = 1;
    a.decision = LGS_DECISION_OK;
    fill_times(r, &a, r->hooks->clock_ms(r->hooks->user));
    out->elapsed_ms = a.elapsed_ms;
    observe(r, &a);
}

/* Everything but the common case. ts may be NULL (no state could be had).
 * With have_first, the first attempt was made already, at `start`, by the
 * fast path in lgs__engine_run(), and did not succeed. */
static __attribute__((noinline)) int run_full(const lgs_call *call, lgs_outcome *out, unsigned flags,
                                              lgs__tstate *ts, int have_first, lgs_status_code first,
                                              uint64_t start)
{
    run r;
    unsigned *depth = ts != NULL ? &ts->depth : lgs__depth_fallback();
    r.call = call;
    r.flags = flags;
    r.nested = !have_first && *depth > 0;
    r.have_breaker_key = 0;
    r.have_account_key = 0;
    r.have_first = have_first;
    r.first = first;
    take_settings(&r, ts);
    if (have_first) {
        /* The fast path deposited, unless the call cannot be retried. */
        r.start = start != LGS__START_UNKNOWN ? start : r.hooks->clock_ms(r.hooks->user);
    } else {
        r.start = r.hooks->clock_ms(r.hooks->user);
        if (r.nested) {
            lgs__stat_add(LGS__C_CALLS);
            lgs__stat_add(LGS__C_NESTED);
        } else if (call->max_attempts != 1) {
            /* A call that cannot be retried earns no retries for others. */
            lgs__budget_deposit_thread(ts, r.cfg, r.start);
        }
    }
    r.deadline = r.start + r.cfg->deadline_ms;

    (*depth)++;
    if (!have_first && !r.nested && tables_quiet(r.cfg) &&
        (r.cfg->lockout_threshold == 0 || !names_account(call))) {
        r.first = call->attempt(call->ctx);
        r.have_first = 1;
    }
    if (r.have_first && lgs__is_zero_code(r.first)) {
        lgs__stat_first_try_ok(ts);
        *out = (lgs_outcome){.space = r.first.space, .cls = LGS_CLASS_OK, .decision = LGS_DECISION_OK,
                             .attempts = 1};
        /* Still inside the call: a call the observer makes is nested. */
        if ((call->observer != NULL && !(flags & LGS__RUN_FAILURES_TO_OBSERVER)) || r.hooks->observer != NULL)
            observed_first_try_ok(&r, out);
        (*depth)--;
        return LGS_OK;
    }
    r.waited = 0;
    r.spread = LGS__NO_SPREAD;
    r.waited_ms = 0;
    r.probes_failed = 0;
    loop(&r, out);
    if (r.waited)
        lgs__stat_breaker_wait(r.waited_ms);
    (*depth)--;
    if (!r.nested)
        lgs__stat_add(LGS__C_CALLS);
    count_final(out->decision);
    return LGS_OK;
}

int lgs__fast_verify(lgs__tstate *ts)
{
    uint64_t e = lgs__fast_epoch();
    run r;
    r.nested = 0;
    take_settings(&r, ts);
    if (ts->hooks.observer != NULL || !tables_quiet(&ts->cfg) || lgs__faults_any())
        return 0;
    ts->fast_epoch_plus1 = e + 1u;
    return 1;
}

int lgs__engine_run_after_first(const lgs_call *call, lgs_outcome *out, unsigned flags,
                                const lgs__fast *f, lgs_status_code first)
{
    if (f == NULL || f->ts == NULL)
        return LGS_EINVAL;
    f->ts->depth = 0; /* lgs__fast_run() set it; run_full() counts again */
    if (call == NULL || call->api == NULL || call->attempt == NULL || out == NULL)
        return LGS_EINVAL;
    return run_full(call, out, flags, f->ts, 1, first, f->start);
}

/* The common case through the fast path's runner, when no call observer
 * wants successes. */
int lgs__engine_run(const lgs_call *call, lgs_outcome *out, unsigned flags)
{
    if (call == NULL || call->api == NULL || call->attempt == NULL || out == NULL)
        return LGS_EINVAL;
    lgs__fast f;
    lgs_status_code code;
    lgs__fast_result fr = LGS__FAST_SKIPPED;
    /* A call that names an account is admitted by the lockout guard first:
     * never the fast path, which makes its attempt unchecked. */
    if ((call->observer == NULL || (flags & LGS__RUN_FAILURES_TO_OBSERVER)) && !names_account(call))
        fr = lgs__fast_run(&f, call->max_attempts == 1 ? LGS__FAST_ONCE : 0u, call->attempt, call->ctx, &code);
    if (fr == LGS__FAST_SKIPPED)
        return run_full(call, out, flags, lgs__tstate_get(), 0, (lgs_status_code){LGS_SPACE_WIN32, 0}, 0);
    if (fr == LGS__FAST_FAILED)
        return lgs__engine_run_after_first(call, out, flags, &f, code);
    out->space = code.space;
    out->value = 0;
    out->cls = LGS_CLASS_OK;
    out->decision = LGS_DECISION_OK;
    out->attempts = 1;
    out->elapsed_ms = 0;
    return LGS_OK;
}

int lgs_engine_run(const lgs_call *call, lgs_outcome *out)
{
    return lgs__engine_run(call, out, 0);
}
