/* engine_internal.h — what the policy engine's files share with each other
 * and nothing else: the configuration snapshot, the hooks, the clock and
 * random defaults, the budget, breaker and lockout tables, stats counters and
 * the key hash. The public side is logonshim/engine.h and logonshim/config.h.
 */
#ifndef LGS_ENGINE_INTERNAL_H
#define LGS_ENGINE_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "lgs_yield.h"
#include "logonshim/codes.h"
#include "logonshim/engine.h"
#include "hot.h"

/* ---- configuration (config.c) ---- */

/** Retry policy of one class: attempts in total (first call included), and
 *  the base and cap of the exponential backoff. */
typedef struct lgs__class_policy {
    uint32_t attempts;
    uint32_t base_ms;
    uint32_t cap_ms;
} lgs__class_policy;

/** The whole engine configuration, copied by value at the start of a call. */
typedef struct lgs__config {
    lgs__class_policy policy[LGS_CLASS_COUNT_];
    uint32_t deadline_ms;
    uint32_t budget_percent;
    uint32_t budget_window_ms;
    uint32_t budget_floor;
    uint32_t breaker_threshold;    /* 0: breakers off */
    uint32_t breaker_break_min_ms; /* the interval between probes: first, */
    uint32_t breaker_break_max_ms; /* and the most it grows to */
    uint32_t breaker_wait;         /* 1: calls wait for the probe; 0: they fail fast */
    uint32_t breaker_lease_ms;     /* how long a probe holds the breaker */
    uint32_t breaker_release_ms;   /* the window waiting calls are released over */
    uint32_t lockout_threshold;    /* 0: per-account guard off */
    uint32_t lockout_window_ms;
} lgs__config;

/** Copies the effective configuration to *out. */
void lgs__config_snapshot(lgs__config *out);
/** Changes whenever the configuration changes (a copy taken after reading
 *  generation g is at least as new as g). */
extern atomic_uint lgs__config_gen;
static inline unsigned lgs__config_generation(void)
{
    return atomic_load_explicit(&lgs__config_gen, memory_order_acquire);
}

/* ---- hooks and platform defaults (hooks.c, port/<platform>/clock.c) ---- */

/** Copies the effective hooks, defaults filled in, to *out. */
void lgs__hooks_snapshot(lgs_hooks *out);
/** Changes whenever lgs_engine_set_hooks() is called. */
extern atomic_uint lgs__hooks_gen;
static inline unsigned lgs__hooks_generation(void)
{
    return atomic_load_explicit(&lgs__hooks_gen, memory_order_acquire);
}

uint64_t lgs__default_clock_ms(void *user);
/* lgs__clock_now(), the hooks' clock as the fast path reads it, is the
 * platform's: lgs_port.h, included with the thread-state accessor below. */
void lgs__default_sleep_ms(void *user, uint64_t ms);

/** A uniformly random integer in [0, bound] from the hooks' source. */
uint64_t lgs__random_upto(const lgs_hooks *h, uint64_t bound);
/** A jittered wait from the hooks' source (the one backoff of the engine's
 *  retries and the breakers' breaks): base doubled `doublings` times, capped
 *  at cap, then uniform in [0, that] (full jitter) or, with keep_half, in its
 *  upper half. */
uint64_t lgs__backoff(const lgs_hooks *h, uint64_t base, uint64_t cap, unsigned doublings, int keep_half);

/* ---- per-thread state (tstate.c; the accessor is port/<platform>/tstate.c) ---- */

/** What the engine keeps per thread. The first group is written and read by
 *  the owning thread only; the counters are written by the owner alone
 *  (a load and a store, no locked instruction) and read by any thread; the
 *  registry links every state ever made. A state outlives its thread: at
 *  thread exit it is released, its counts kept, and the next new thread
 *  takes it over. */
typedef struct lgs__tstate {
    /* The fast path touches this first cache line only (the state is
     * allocated on a 64-byte boundary). */
    _Alignas(64) unsigned depth; /* of lgs_engine_run() on this thread: only the outermost retries */
    uint64_t fast_epoch_plus1;   /* lgs__hot.fast_epoch at which the fast path was found open, plus one */
    uint64_t (*clock_ms)(void *user); /* hooks.clock_ms and hooks.user, copied here */
    void *clock_user;
    uint64_t bucket_start, bucket_end; /* the budget bucket `deposit` counts: [start, end) */
    atomic_uint_fast64_t first_try_ok; /* calls that succeeded at the first attempt, not nested */
    atomic_uint_fast64_t deposit;      /* budget: (bucket_start + 1) << 24 | calls in it */

    unsigned cfg_gen_plus1;   /* generation of `cfg`, plus one: 0 means no copy yet */
    unsigned hooks_gen_plus1; /* generation of `hooks`, plus one */
    lgs__config cfg;
    lgs_hooks hooks;
    struct lgs__tstate *next; /* registry; set before the state is published */
    void *block;              /* what malloc() returned, for free() */
    atomic_int in_use;        /* 1 while a thread owns it */
} lgs__tstate;

/** The nesting depth of a thread that has no state (out of memory, out of
 *  TLS indexes, or a call during the thread's exit). */
unsigned *lgs__depth_fallback(void);
/** Frees every state (the module holding the library is being unloaded). */
void lgs__tstate_free_all(void);
/* A Windows thread's TLS slot after its exit: no state, and none to take. */
#define LGS__TSTATE_EXITING 1u

/* The platform's inline halves of the fast path: lgs__tstate_get() and
 * lgs__clock_now() (port/<platform>/lgs_port.h). */
#include "lgs_port.h"
/** Takes a free state or makes a new one (NULL when out of memory). */
lgs__tstate *lgs__tstate_acquire(void);
/** Gives a state back at its thread's exit; its counts stay. */
void lgs__tstate_release(lgs__tstate *ts);
/** The first state of the registry (walk it with ->next). */
lgs__tstate *lgs__tstate_first(void);
/** States made so far (for tests: threads that come and go reuse them). */
unsigned lgs__tstate_count(void);

/* ---- retry budget (budget.c) ---- */

/** Records one logical call at time now. */
void lgs__budget_deposit(const lgs__config *cfg, uint64_t now);
/** The same into the calling thread's own counter: a load and a store while
 *  `now` stays inside the thread's current bucket. */
void lgs__budget_deposit_thread(lgs__tstate *ts, const lgs__config *cfg, uint64_t now);
/* The word lgs__tstate.deposit: bucket start plus one above the count's bits. */
#define LGS__DEPOSIT_COUNT_BITS 24
#define LGS__DEPOSIT_COUNT_MASK ((UINT64_C(1) << LGS__DEPOSIT_COUNT_BITS) - 1u)
/** lgs__budget_deposit_thread() with its common case inline: `now` inside
 *  the thread's bucket. */
static inline void lgs__budget_deposit_fast(lgs__tstate *ts, const lgs__config *cfg, uint64_t now)
{
    uint64_t word = atomic_load_explicit(&ts->deposit, memory_order_relaxed);
    if (now >= ts->bucket_start && now < ts->bucket_end &&
        word >> LGS__DEPOSIT_COUNT_BITS == ts->bucket_start + 1u &&
        (word & LGS__DEPOSIT_COUNT_MASK) != LGS__DEPOSIT_COUNT_MASK)
        atomic_store_explicit(&ts->deposit, word + 1u, memory_order_relaxed);
    else
        lgs__budget_deposit_thread(ts, cfg, now);
}
/** Moves a thread's own count to the shared buckets (when its configuration
 *  changed: the bucket width may have). */
void lgs__budget_thread_retire(lgs__tstate *ts, const lgs__config *cfg);
/** Asks for one retry at time now: 1 and the retry is counted, or 0. */
int lgs__budget_withdraw(const lgs__config *cfg, uint64_t now);
void lgs__budget_reset(void);

/* ---- circuit breakers (breaker.c) ---- */

typedef enum lgs__admit {
    LGS__ADMIT_CLOSED = 0, /* go ahead */
    LGS__ADMIT_PROBE,      /* go ahead: this attempt is the probe, and holds the lease */
    LGS__ADMIT_REFUSE,     /* fail fast with the code in *last (breaker.wait off) */
    LGS__ADMIT_WAIT        /* open: ask again after the wait in *w */
} lgs__admit;

/** What a call told to wait is waiting for. */
typedef struct lgs__breaker_wait {
    uint64_t ms;         /* ask again after this long */
    int until_probe;     /* 1: nothing can change before the next probe, due at next_probe */
    uint64_t next_probe;
    uint64_t spread;     /* the call's offset into the release window, if it has none yet */
} lgs__breaker_wait;

/** The `spread` of a call that has not waited: not held back once a probe
 *  succeeded. */
#define LGS__NO_SPREAD UINT64_MAX

/** Whether an attempt on breaker `key` may reach the API at time now.
 *  `spread` is the call's offset into the release window, which the breaker
 *  gives it (w->spread) when it first tells it to wait (LGS__NO_SPREAD for a
 *  call that has not waited: it is not held back once a probe succeeded). `deadline`
 *  is the call's: a call whose deadline comes before the next probe brings
 *  the probe forward to just before it (probes stay break_min_ms apart), and
 *  a released call is never held past it (UINT64_MAX: no deadline). */
lgs__admit lgs__breaker_admit(const lgs__config *cfg, uint64_t key, uint64_t now, uint64_t spread,
                              uint64_t deadline, lgs_status_code *last, lgs__breaker_wait *w);
/** Reports an attempt's result. Returns 1 when this report opened the
 *  breaker (again). */
int lgs__breaker_report(const lgs__config *cfg, const lgs_hooks *h, uint64_t key,
                        uint64_t now, int probe, lgs_class cls, lgs_status_code code);
void lgs__breaker_reset(void);
/** For the records: 1 when breaker `key` is open, with *ms set to the time
 *  from now until its next probe may go (0: due now); 0 otherwise. */
int lgs__breaker_next_probe(uint64_t key, uint64_t now, uint64_t *ms);
/** 0 when no breaker holds any state (no transient failure since the last
 *  success for any key): then admit is CLOSED and a success reports nothing,
 *  for every key, and the caller need not compute a key. */
extern atomic_int lgs__breaker_in_use; /* slots in use (breaker.c) */
static inline int lgs__breaker_active(void)
{
    return atomic_load_explicit(&lgs__breaker_in_use, memory_order_acquire) != 0;
}

/* ---- lockout guard (lockout.c) ---- */

/** The largest lockout.threshold config.c accepts; lockout.c remembers this
 *  many failures per account, so the two cannot drift apart (a threshold
 *  above what the table remembers would switch the guard off). */
#define LGS__LOCKOUT_MAX_THRESHOLD 32u

/** lgs__lockout_admit() verdicts. */
enum {
    LGS__LOCKOUT_NOT_GUARDED = 0, /* no account or the guard is off: nothing to report back */
    LGS__LOCKOUT_ADMITTED,        /* counted in flight: report the attempt with admitted 1 */
    LGS__LOCKOUT_REFUSED,         /* failures and attempts in flight reach the threshold */
    LGS__LOCKOUT_TABLE_FULL       /* a new account, and every entry guards: fail closed */
};
/** Admits an attempt for account `key` at time now, counting it in flight,
 *  or refuses it; on a refusal the code to replay is in *last. */
int lgs__lockout_admit(const lgs__config *cfg, uint64_t key, uint64_t now, lgs_status_code *last);
/** Reports an attempt's result for account `key`; admitted: whether
 *  lgs__lockout_admit() admitted it (its place in flight is given back). */
void lgs__lockout_report(const lgs__config *cfg, uint64_t key, uint64_t now, int admitted,
                         lgs_class cls, lgs_status_code code);
void lgs__lockout_reset(void);
/** For the records: 1 when account `key` is in the table, with the
 *  credential failures counted in its window in *failures and the time from
 *  now until the guard admits it again in *lift_ms (0: it would now, or it
 *  waits only for attempts in flight); 0 otherwise. */
int lgs__lockout_status(const lgs__config *cfg, uint64_t key, uint64_t now, uint64_t *lift_ms,
                        uint32_t *failures);
/** 0 when no account has a remembered failure or an attempt in flight:
 *  then a success reports nothing, for every key. */
extern atomic_int lgs__lockout_in_use; /* accounts in use (lockout.c) */
static inline int lgs__lockout_active(void)
{
    return atomic_load_explicit(&lgs__lockout_in_use, memory_order_acquire) != 0;
}

/* ---- keys (keyhash.c) ---- */

/** Breaker key of (api, authority); authority compared case-insensitively. */
uint64_t lgs__breaker_key(const char *api, const char *authority);
/** Lockout key of an account, or 0 when there is none (user NULL or empty).
 *  user@domain, case-insensitive; "DOMAIN\\user" and "user@domain" forms of
 *  user are split when domain is NULL or empty. */
uint64_t lgs__account_key(const char *user, const char *domain);

/* ---- stats (stats.c) ---- */

typedef enum lgs__counter {
    LGS__C_CALLS = 0,
    LGS__C_NESTED,
    LGS__C_ATTEMPTS,
    LGS__C_RETRIES,
    LGS__C_RECOVERED,
    LGS__C_FAILED,
    LGS__C_BUDGET_REFUSALS,
    LGS__C_BREAKER_OPENS,
    LGS__C_BREAKER_REFUSALS,
    LGS__C_LOCKOUT_REFUSALS,
    LGS__C_DEADLINE_STOPS,
    LGS__C_BREAKER_WAITS,
    LGS__C_BREAKER_WAIT_MS,
    LGS__C_BREAKER_PROBES,
    LGS__C_BREAKER_PROBES_FAILED,
    LGS__C_BREAKER_RELEASED,
    LGS__C_BREAKER_WAIT_DEADLINE,
    LGS__C_BREAKER_UNTRACKED,
    LGS__C_COUNT_
} lgs__counter;

void lgs__stat_add(lgs__counter c);
/** Counts the end of a call that waited `ms` for a breaker's probe: the
 *  waits, their total and the longest. */
void lgs__stat_breaker_wait(uint64_t ms);
/** Counts a call that succeeded (class ok) at its first attempt and was not
 *  nested: calls, attempts, by_class[ok] and by_decision[ok] at once. */
void lgs__stat_first_try_ok(lgs__tstate *ts);
/** The same for a thread with a state: its owner's load and store. */
static inline void lgs__stat_first_try_ok_fast(lgs__tstate *ts)
{
    uint64_t n = atomic_load_explicit(&ts->first_try_ok, memory_order_relaxed);
    atomic_store_explicit(&ts->first_try_ok, n + 1u, memory_order_relaxed);
}
void lgs__stat_decision(lgs_decision d);
void lgs__stat_class(lgs_class cls);
void lgs__stats_reset(void);

/* ---- the engine (engine.c) ---- */

/** lgs_engine_run() for the wrappers: with LGS__RUN_FAILURES_TO_OBSERVER the
 *  call's own observer sees failed attempts, fail-fasts and a recovering
 *  attempt only (the hooks' observer still sees every attempt). */
#define LGS__RUN_FAILURES_TO_OBSERVER 1u
int lgs__engine_run(const lgs_call *call, lgs_outcome *out, unsigned flags);
/* The fast path and the rest of a call it began: fastpath.h. */


#endif
