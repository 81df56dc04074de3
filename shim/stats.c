/* stats.c — the engine's counters: atomic, so any thread can count without a
 * lock, and readable as a snapshot at any time with lgs_stats_snapshot().
 *
 * The most common call of all, a first attempt that succeeds, is counted in
 * the calling thread's own state (see tstate.c) with a load and a store; a
 * snapshot adds up the states. Everything else goes to shared counters.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "engine_internal.h"

static atomic_uint_fast64_t counters[LGS__C_COUNT_];
/* Calls that succeeded at their first attempt, outside any other call: one
 * counter instead of four on the hot path; the snapshot spreads it over
 * calls, attempts, by_class[ok] and by_decision[ok]. Kept per thread; this
 * shared one counts for a thread that could not have a state. */
static atomic_uint_fast64_t first_try_ok;

void lgs__stat_first_try_ok(lgs__tstate *ts)
{
    if (ts == NULL) {
        atomic_fetch_add_explicit(&first_try_ok, 1u, memory_order_relaxed);
        return;
    }
    lgs__stat_first_try_ok_fast(ts);
}
/* The longest wait of one call for a breaker's probe. */
static atomic_uint_fast64_t longest_wait_ms;

void lgs__stat_breaker_wait(uint64_t ms)
{
    atomic_fetch_add_explicit(&counters[LGS__C_BREAKER_WAITS], 1u, memory_order_relaxed);
    atomic_fetch_add_explicit(&counters[LGS__C_BREAKER_WAIT_MS], ms, memory_order_relaxed);
    uint_fast64_t seen = atomic_load_explicit(&longest_wait_ms, memory_order_relaxed);
    while (ms > seen &&
           !atomic_compare_exchange_weak_explicit(&longest_wait_ms, &seen, ms, memory_order_relaxed,
                                                  memory_order_relaxed))
        ;
}
static atomic_uint_fast64_t decisions[LGS_DECISION_COUNT_];
static atomic_uint_fast64_t classes[LGS_CLASS_COUNT_];

void lgs__stat_add(lgs__counter c)
{
    if ((int)c >= 0 && c < LGS__C_COUNT_)
        atomic_fetch_add_explicit(&counters[c], 1u, memory_order_relaxed);
}

void lgs__stat_decision(lgs_decision d)
{
    if ((int)d >= 0 && d < LGS_DECISION_COUNT_)
        atomic_fetch_add_explicit(&decisions[d], 1u, memory_order_relaxed);
}

void lgs__stat_class(lgs_class cls)
{
    if ((int)cls >= 0 && cls < LGS_CLASS_COUNT_)
        atomic_fetch_add_explicit(&classes[cls], 1u, memory_order_relaxed);
}

void lgs__stats_reset(void)
{
    atomic_store(&first_try_ok, 0u);
    atomic_store(&longest_wait_ms, 0u);
    for (lgs__tstate *ts = lgs__tstate_first(); ts != NULL; ts = ts->next)
        atomic_store(&ts->first_try_ok, 0u);
    for (int i = 0; i < LGS__C_COUNT_; i++)
        atomic_store(&counters[i], 0u);
    for (int i = 0; i < LGS_DECISION_COUNT_; i++)
        atomic_store(&decisions[i], 0u);
    for (int i = 0; i < LGS_CLASS_COUNT_; i++)
        atomic_store(&classes[i], 0u);
}

static uint64_t get(atomic_uint_fast64_t *c)
{
    return (uint64_t)atomic_load_explicit(c, memory_order_relaxed);
}

void lgs_stats_snapshot(lgs_stats *out)
{
    if (out == NULL)
        return;
    memset(out, 0, sizeof *out);
    out->calls = get(&counters[LGS__C_CALLS]);
    out->nested_calls = get(&counters[LGS__C_NESTED]);
    out->attempts = get(&counters[LGS__C_ATTEMPTS]);
    out->retries = get(&counters[LGS__C_RETRIES]);
    out->recovered = get(&counters[LGS__C_RECOVERED]);
    out->failed = get(&counters[LGS__C_FAILED]);
    out->budget_refusals = get(&counters[LGS__C_BUDGET_REFUSALS]);
    out->breaker_opens = get(&counters[LGS__C_BREAKER_OPENS]);
    out->breaker_refusals = get(&counters[LGS__C_BREAKER_REFUSALS]);
    out->lockout_refusals = get(&counters[LGS__C_LOCKOUT_REFUSALS]);
    out->deadline_stops = get(&counters[LGS__C_DEADLINE_STOPS]);
    out->breaker_waits = get(&counters[LGS__C_BREAKER_WAITS]);
    out->breaker_wait_ms = get(&counters[LGS__C_BREAKER_WAIT_MS]);
    out->breaker_wait_max_ms = get(&longest_wait_ms);
    out->breaker_probes = get(&counters[LGS__C_BREAKER_PROBES]);
    out->breaker_probes_failed = get(&counters[LGS__C_BREAKER_PROBES_FAILED]);
    out->breaker_released = get(&counters[LGS__C_BREAKER_RELEASED]);
    out->breaker_wait_deadline = get(&counters[LGS__C_BREAKER_WAIT_DEADLINE]);
    out->breaker_untracked = get(&counters[LGS__C_BREAKER_UNTRACKED]);
    for (int i = 0; i < LGS_DECISION_COUNT_; i++)
        out->by_decision[i] = get(&decisions[i]);
    for (int i = 0; i < LGS_CLASS_COUNT_; i++)
        out->by_class[i] = get(&classes[i]);
    uint64_t ok = get(&first_try_ok);
    for (lgs__tstate *ts = lgs__tstate_first(); ts != NULL; ts = ts->next)
        ok += get(&ts->first_try_ok);
    out->calls += ok;
    out->attempts += ok;
    out->by_class[LGS_CLASS_OK] += ok;
    out->by_decision[LGS_DECISION_OK] += ok;
}
