/* engine.h — the logonshim policy engine: the attempt loop that every wrapper
 * runs its API call through.
 *
 * A caller describes one logical call (an attempt callback that makes the real
 * call once and returns its code, an optional cleanup callback, the API family,
 * the authority and the account it concerns) and lgs_engine_run() decides, code
 * by code, whether to try again: bounded attempts per class, exponential
 * backoff with full jitter, one absolute deadline per call, a process-wide
 * retry budget, a circuit breaker per API family and authority, a lockout guard
 * per account and a nesting guard per thread. Clock, sleep and random source
 * are hooks, so tests and benchmarks run in virtual time.
 *
 * Portable: no Windows headers. Safe to use from any number of threads; a call
 * allocates nothing. Configuration is in logonshim/config.h, every key in
 * docs/configuration.md.
 */
#ifndef LOGONSHIM_ENGINE_H
#define LOGONSHIM_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "logonshim/codes.h"
#include "logonshim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What the engine decided after an attempt (or instead of one). The final
 *  decision of a call is one of these except LGS_DECISION_RETRY. */
typedef enum lgs_decision {
    LGS_DECISION_OK = 0,           /**< "ok": the first attempt succeeded */
    LGS_DECISION_RECOVERED,        /**< "recovered": a retry succeeded */
    LGS_DECISION_RETRY,            /**< "retry": another attempt follows after the delay */
    LGS_DECISION_GIVE_UP,          /**< "give_up": the class's attempts are used up */
    LGS_DECISION_NEVER_RETRY,      /**< "never_retry": the class is not retried */
    LGS_DECISION_BUDGET_EXHAUSTED, /**< "budget_exhausted": the process retry budget refused */
    LGS_DECISION_DEADLINE,         /**< "deadline": the next wait would end past the deadline */
    LGS_DECISION_BREAKER_OPEN,     /**< "breaker_open": failed fast, the breaker is open */
    LGS_DECISION_LOCKOUT_GUARD,    /**< "lockout_guard": failed fast to protect the account */
    LGS_DECISION_COUNT_
} lgs_decision;

/** A code together with its space, as an attempt returns it. */
typedef struct lgs_status_code {
    lgs_space space;
    uint32_t value;
} lgs_status_code;

/** One attempt as the engine saw it: passed to the cleanup callback, the
 *  per-call observer and the process-wide observer hook. */
typedef struct lgs_attempt {
    const char *api;        /**< the call's API family */
    unsigned attempt;       /**< 1-based number of this attempt within the call */
    unsigned max_attempts;  /**< attempts the class allows in this call (1 when nested) */
    lgs_space space;        /**< the code: from the API, or replayed by a fail-fast */
    uint32_t value;
    lgs_class cls;
    lgs_decision decision;  /**< what follows this attempt */
    int reached_api;        /**< 1 if the API was called, 0 for a breaker or lockout fail-fast */
    uint64_t delay_ms;      /**< the wait before the next attempt (retry only, else 0) */
    uint64_t elapsed_ms;    /**< since the call started */
    uint64_t remaining_ms;  /**< until the call's deadline (0 once past it) */
    /* Appended in 0.x (schema 2 of the records): when the guards will let
     * the call's authority or account through again. */
    int has_next_probe;     /**< 1 when the call's breaker is open: next_probe_ms is set */
    uint64_t next_probe_ms; /**< the open breaker's next probe is due in this many ms */
    int has_lockout;        /**< 1 after a lockout_guard refusal that found the account */
    uint64_t lockout_lift_ms;   /**< the guard lets the account through again in this many ms */
    unsigned lockout_failures;  /**< credential failures it counted in its window */
    /* Appended in 0.x: the time the call spent waiting for an open
     * breaker's probe before this attempt or fail-fast (breaker.wait=on). */
    int waited;                 /**< 1 when the call waited for a breaker's probe */
    uint64_t waited_ms;         /**< how long, in all, so far in this call */
} lgs_attempt;

/** One logical call. Only `api` and `attempt` are required. */
typedef struct lgs_call {
    const char *api;       /**< API family, e.g. "LogonUser" or "SSPI.ACH"; breaker key, logs */
    const char *authority; /**< domain or target the call names; NULL or "" when none */
    const char *user;      /**< account for the lockout guard (UTF-8); NULL for none.
                                "DOMAIN\\user" and "user@domain" are split when domain is NULL */
    const char *domain;    /**< the account's domain; may be NULL */
    /** Makes the API call once and returns its code (0 in any space is success). */
    lgs_status_code (*attempt)(void *ctx);
    /** Called after every failed attempt that reached the API, before any
     *  wait: release what the attempt produced (close a token, delete a
     *  context). May be NULL. */
    void (*cleanup)(void *ctx, const lgs_attempt *a);
    /** Called once per attempt and per fail-fast, after the decision. May be NULL. */
    void (*observer)(void *ctx, const lgs_attempt *a);
    void *ctx;             /**< passed to the three callbacks */
    /** 0: as many attempts as the class policy allows; otherwise at most
     *  this many. The wrappers of release calls (Free*, Delete*, Revert*,
     *  LsaDeregisterLogonProcess) use 1: a release retried after a failure
     *  it may have half done could release twice. A call with 1 is not
     *  counted among the retry budget's calls: it can earn no retries for
     *  others (and a first attempt that succeeds is not timed at all). It
     *  never sees the breaker or the lockout guard: it always makes its one
     *  attempt, and its result is not reported to them. */
    unsigned max_attempts;
} lgs_call;

/** How a call ended. */
typedef struct lgs_outcome {
    lgs_space space;       /**< the final code: the last attempt's, or the replayed one */
    uint32_t value;
    lgs_class cls;
    lgs_decision decision; /**< the final decision (never LGS_DECISION_RETRY) */
    unsigned attempts;     /**< attempts that reached the API (0 after a fail-fast) */
    uint64_t elapsed_ms;   /**< total time of the call, waits included; 0 for a call whose
                                first attempt succeeded, which is not timed unless an
                                observer (the call's or the hooks') is set */
} lgs_outcome;

/** Runs one logical call through the policy engine and writes how it ended to
 *  *out. Returns LGS_OK, or LGS_EINVAL (nothing called, *out untouched) when
 *  call, call->api, call->attempt or out is NULL. A call made from inside
 *  another lgs_engine_run() on the same thread makes one attempt only. */
LGS_API int lgs_engine_run(const lgs_call *call, lgs_outcome *out);

/** "ok", "recovered", "retry", "give_up", "never_retry", "budget_exhausted",
 *  "deadline", "breaker_open", "lockout_guard"; "invalid" out of range. */
LGS_API const char *lgs_decision_name(lgs_decision decision);

/** Platform hooks. Every field may be NULL: the default is used. Times are
 *  milliseconds of a monotonic clock. Hooks must be safe to call from any
 *  thread the program makes shim calls on. */
typedef struct lgs_hooks {
    uint64_t (*clock_ms)(void *user);             /**< monotonic time now */
    void (*sleep_ms)(void *user, uint64_t ms);     /**< wait that long */
    uint64_t (*random)(void *user);                /**< 64 uniformly random bits */
    /** Called before every wait: the attempt that just failed (the attempts
     *  made so far, 0 included, while a call waits for an open breaker's
     *  probe), the wait about to start and the time left until the deadline
     *  (a service reports a SetServiceStatus checkpoint here). */
    void (*wait)(void *user, unsigned attempt, uint64_t delay_ms, uint64_t remaining_ms);
    /** Called for every attempt and fail-fast of every call (log sinks). */
    void (*observer)(void *user, const lgs_attempt *a);
    void *user;                                    /**< passed to every hook */
} lgs_hooks;

/** Installs hooks, process-wide; NULL restores every default. Meant for
 *  start-up: calls already running keep the hooks they started with. */
LGS_API void lgs_engine_set_hooks(const lgs_hooks *hooks);

/** Seeds the default random source, making jitter reproducible. Without it
 *  the source is seeded from the clock and the process's addresses, so that
 *  services on different machines do not retry in step. */
LGS_API void lgs_engine_seed(uint64_t seed);

/** Forgets all run-time state: retry budget, circuit breakers, lockout-guard
 *  accounts, and zeroes the stats. Configuration and hooks are kept. For
 *  tests and benchmarks; do not call it while calls are running. */
LGS_API void lgs_engine_reset_state(void);

/** Counters since start (or the last reset), read as one snapshot. */
typedef struct lgs_stats {
    uint64_t calls;             /**< logical calls run (nested ones included) */
    uint64_t nested_calls;      /**< calls made inside another call on the same thread */
    uint64_t attempts;          /**< attempts that reached the API */
    uint64_t retries;           /**< attempts after the first */
    uint64_t recovered;         /**< calls that failed, retried and succeeded */
    uint64_t failed;            /**< calls that returned a failure, whatever the decision */
    uint64_t budget_refusals;   /**< retries the budget refused */
    uint64_t breaker_opens;     /**< times a breaker opened (re-opens after a probe included) */
    uint64_t breaker_refusals;  /**< fail-fasts because a breaker was open */
    uint64_t lockout_refusals;  /**< fail-fasts by the lockout guard */
    uint64_t deadline_stops;    /**< calls stopped by their deadline */
    uint64_t breaker_waits;     /**< calls that waited for an open breaker's probe */
    uint64_t breaker_wait_ms;   /**< the time those calls waited, in total */
    uint64_t breaker_wait_max_ms;   /**< the longest time one call waited */
    uint64_t breaker_probes;        /**< probes sent while a breaker was open */
    uint64_t breaker_probes_failed; /**< probes that failed with a transient code */
    uint64_t breaker_released;      /**< calls that waited, then went on after a probe succeeded */
    uint64_t breaker_wait_deadline; /**< breaker_open failures because the call's deadline
                                         came before the probe's outcome (or a probe) */
    uint64_t breaker_untracked; /**< keys given no breaker: the table was full of open ones */
    uint64_t by_decision[LGS_DECISION_COUNT_]; /**< final decision of each call */
    uint64_t by_class[LGS_CLASS_COUNT_];       /**< class of each attempt's code */
} lgs_stats;

/** Copies the counters to *out. Does nothing when out is NULL. Each counter
 *  is read atomically; a snapshot taken while calls run may be mid-call. */
LGS_API void lgs_stats_snapshot(lgs_stats *out);

#ifdef __cplusplus
}
#endif

#endif
