/* engine_internal.h — what the policy engine's files share with each other
 * and nothing else: the configuration snapshot, the hooks, the clock and
 * random defaults, the budget, breaker and lockout tables, stats counters and
 * the key hash. The public side is logonshim/engine.h and logonshim/config.h.
 */
#ifndef LGS_ENGINE_INTERNAL_H
#define LGS_ENGINE_INTERNAL_H

#include <stdint.h>

#include "logonshim/codes.h"
#include "logonshim/engine.h"

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
    uint32_t breaker_break_min_ms;
    uint32_t breaker_break_max_ms;
    uint32_t lockout_threshold;    /* 0: per-account guard off */
    uint32_t lockout_window_ms;
} lgs__config;

/** Copies the effective configuration to *out. */
void lgs__config_snapshot(lgs__config *out);
/** Changes whenever the configuration changes (a copy taken after reading
 *  generation g is at least as new as g). */
unsigned lgs__config_generation(void);

/* ---- hooks and platform defaults (hooks.c, clock.c) ---- */

/** Copies the effective hooks, defaults filled in, to *out. */
void lgs__hooks_snapshot(lgs_hooks *out);
/** Changes whenever lgs_engine_set_hooks() is called. */
unsigned lgs__hooks_generation(void);

uint64_t lgs__default_clock_ms(void *user);
void lgs__default_sleep_ms(void *user, uint64_t ms);
/** Lets another thread run (used by spinning locks). */
void lgs__yield(void);

/** A uniformly random integer in [0, bound] from the hooks' source. */
uint64_t lgs__random_upto(const lgs_hooks *h, uint64_t bound);

/* ---- retry budget (budget.c) ---- */

/** Records one logical call at time now. */
void lgs__budget_deposit(const lgs__config *cfg, uint64_t now);
/** Asks for one retry at time now: 1 and the retry is counted, or 0. */
int lgs__budget_withdraw(const lgs__config *cfg, uint64_t now);
void lgs__budget_reset(void);

/* ---- circuit breakers (breaker.c) ---- */

typedef enum lgs__admit {
    LGS__ADMIT_CLOSED = 0, /* go ahead */
    LGS__ADMIT_PROBE,      /* go ahead: this attempt is the half-open probe */
    LGS__ADMIT_REFUSE      /* fail fast with the code in *last */
} lgs__admit;

/** Whether an attempt on breaker `key` may reach the API at time now. */
lgs__admit lgs__breaker_admit(const lgs__config *cfg, uint64_t key, uint64_t now,
                              lgs_status_code *last);
/** Reports an attempt's result. Returns 1 when this report opened the
 *  breaker (again). */
int lgs__breaker_report(const lgs__config *cfg, const lgs_hooks *h, uint64_t key,
                        uint64_t now, int probe, lgs_class cls, lgs_status_code code);
void lgs__breaker_reset(void);
/** 0 when no breaker holds any state (no transient failure since the last
 *  success for any key): then admit is CLOSED and a success reports nothing,
 *  for every key, and the caller need not compute a key. */
int lgs__breaker_active(void);

/* ---- lockout guard (lockout.c) ---- */

/** 1 when account `key` must fail fast at time now; the last real failure is
 *  then in *last. */
int lgs__lockout_check(const lgs__config *cfg, uint64_t key, uint64_t now,
                       lgs_status_code *last);
/** Reports an attempt's result for account `key`. */
void lgs__lockout_report(const lgs__config *cfg, uint64_t key, uint64_t now,
                         lgs_class cls, lgs_status_code code);
void lgs__lockout_reset(void);
/** 0 when no account has a remembered failure: then no check refuses and a
 *  success reports nothing, for every key. */
int lgs__lockout_active(void);

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
    LGS__C_COUNT_
} lgs__counter;

void lgs__stat_add(lgs__counter c);
/** Counts a call that succeeded (class ok) at its first attempt and was not
 *  nested: calls, attempts, by_class[ok] and by_decision[ok] at once. */
void lgs__stat_first_try_ok(void);
void lgs__stat_decision(lgs_decision d);
void lgs__stat_class(lgs_class cls);
void lgs__stats_reset(void);

#endif
