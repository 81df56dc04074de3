/* fastpath.h — the common case of every call, written once: a first attempt
 * that succeeds in a process where nothing would change what happens to it.
 *
 * lgs__fast_run() is the one runner. The engine's lgs__engine_run() and every
 * wrapper (win32/wrap.h, win32/wrap.c) go through it; none of them looks at
 * the thread state or the budget itself. It checks that the call may take
 * the fast path (a thread state whose copies of the settings are current, no
 * call of the engine already running on this thread, no hooks observer, no
 * breaker or account holding state, no fault script queued: checked afresh
 * only when the epoch of hot.h moved), reads the clock, deposits into the
 * retry budget, makes the attempt and, when it succeeds, only counts it. A
 * call that cannot be retried (`once`: max_attempts 1, the release calls)
 * needs neither the clock nor the deposit: it earns no retries for others
 * and has no use for a deadline. Any other first result is handed, with the
 * attempt already made, to lgs__engine_run_after_first() together with the
 * lgs__fast the runner filled in, which callers pass on without reading.
 *
 * The runner is inline (always) so that the attempt function, when its
 * caller names it, is inlined into it: the success path then costs the
 * clock read, a few loads and stores on the thread's own cache line, and no
 * call of ours after the API returns (so a wrapper need not save and
 * restore GetLastError() around it).
 */
#ifndef LGS_FASTPATH_H
#define LGS_FASTPATH_H

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "engine_internal.h"
#include "hot.h"

/** lgs__fast.start of a call whose clock was not read (a `once` call). */
#define LGS__START_UNKNOWN UINT64_MAX

/** What a fast first attempt leaves for the rest of its call. Filled in by
 *  lgs__fast_run(); callers only pass it on. */
typedef struct lgs__fast {
    lgs__tstate *ts; /* the thread's state, marked busy */
    uint64_t start;  /* when the call began, or LGS__START_UNKNOWN */
} lgs__fast;

/** What lgs__fast_run() did. */
typedef enum lgs__fast_result {
    LGS__FAST_SKIPPED = 0, /* nothing: the caller runs the whole call the full way */
    LGS__FAST_OK,          /* the attempt succeeded and was counted: the call is done */
    LGS__FAST_FAILED       /* the attempt returned *code (not success): hand it on */
} lgs__fast_result;

/** lgs__fast_run() flags. A wrapper's call may take the fast path only once
 *  LOGONSHIM_FAULTS has been read (and was good, or its error reported). */
#define LGS__FAST_ONCE 1u    /* the call cannot be retried */
#define LGS__FAST_WRAPPER 2u /* a wrapper's call */

/** Checks the fast path's conditions for this thread afresh (its copies of
 *  the settings are brought up to date first) and, when they hold, records
 *  the epoch they held at (engine.c). */
int lgs__fast_verify(lgs__tstate *ts);

/** 1 when `code` is 0 (success in every space) in a known space. Tested on
 *  the whole 8-byte value as returned in a register: reading the two fields
 *  of a spilled copy makes some compilers reload half of a wider store,
 *  which stalls store-to-load forwarding on the hot path. */
_Static_assert(sizeof(lgs_status_code) == 8, "lgs_status_code is two 32-bit fields");
static inline int lgs__is_zero_code(lgs_status_code code)
{
    uint64_t raw;
    memcpy(&raw, &code, sizeof raw);
    lgs_status_code zero_of_space = {code.space, 0};
    uint64_t want;
    memcpy(&want, &zero_of_space, sizeof want);
    return raw == want && (unsigned)code.space < LGS_SPACE_COUNT_;
}

/** The runner: makes the first attempt, attempt(ctx), on the fast path when
 *  the call may take it. Returns what it did (see lgs__fast_result); *code
 *  is set unless the path was skipped. */
static inline __attribute__((always_inline)) lgs__fast_result
lgs__fast_run(lgs__fast *f, unsigned flags, lgs_status_code (*attempt)(void *ctx), void *ctx,
              lgs_status_code *code)
{
    if ((flags & LGS__FAST_WRAPPER) && !atomic_load_explicit(&lgs__hot.wrap_env_good, memory_order_acquire))
        return LGS__FAST_SKIPPED;
    lgs__tstate *ts = lgs__tstate_get();
    if (ts == NULL || ts->depth != 0)
        return LGS__FAST_SKIPPED;
    if (ts->fast_epoch_plus1 != lgs__fast_epoch() + 1u && !lgs__fast_verify(ts))
        return LGS__FAST_SKIPPED;
    if (flags & LGS__FAST_ONCE) {
        f->start = LGS__START_UNKNOWN;
    } else {
        f->start = lgs__clock_now(ts->clock_ms, ts->clock_user);
        lgs__budget_deposit_fast(ts, &ts->cfg, f->start);
    }
    ts->depth = 1;
    f->ts = ts;
    *code = attempt(ctx);
    /* A wrapper's code is in its API's space, always a known one: its
     * value alone says success, which spares the success path the test of
     * the whole 8-byte value (flags are constant, so one test is left). */
    if ((flags & LGS__FAST_WRAPPER) ? code->value != 0 : !lgs__is_zero_code(*code))
        return LGS__FAST_FAILED;
    ts->depth = 0;
    lgs__stat_first_try_ok_fast(ts);
    return LGS__FAST_OK;
}

/** Runs the rest of a call whose first attempt, made by lgs__fast_run(),
 *  returned `first` (not success). */
int lgs__engine_run_after_first(const lgs_call *call, lgs_outcome *out, unsigned flags,
                                const lgs__fast *f, lgs_status_code first);

#endif
