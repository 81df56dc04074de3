/* hot.h — the few globals that every call reads, kept in one cache line, and
 * the fast-path epoch that the modules below the engine bump.
 *
 * The engine's fast path (fastpath.h) checks its conditions once per epoch
 * instead of on every call; whatever can close or open it (configuration,
 * hooks, a breaker or lockout table becoming empty or not, a fault script
 * queued or used up) bumps the epoch. Those modules sit below the engine, so
 * the epoch lives here, below all of them: they include this header and
 * nothing of the engine's. The same line holds the Windows TLS slot the
 * thread-state accessor reads and the wrappers' "LOGONSHIM_FAULTS read" flag,
 * so a call touches one shared line, read-only, in the common case.
 */
#ifndef LGS_HOT_H
#define LGS_HOT_H

#include <stdatomic.h>
#include <stdint.h>

/** What every call reads, together in one cache line (hot.c). */
typedef struct lgs__hot_data {
    _Alignas(64) atomic_uint_fast64_t fast_epoch; /* 64 bits: never wraps to a value a thread saw */
    volatile long tstate_slot_plus1; /* Windows: TlsAlloc() index + 1; 0 none yet; -1 none to be had */
    atomic_int wrap_env_good;        /* Windows: LOGONSHIM_FAULTS read, good or reported (wrap.c) */
} lgs__hot_data;
_Static_assert(sizeof(lgs__hot_data) == 64, "the hot globals fill exactly one cache line");
extern lgs__hot_data lgs__hot;

/** Bumped after every change that can close or open the fast path: a thread
 *  that saw an older epoch checks the conditions afresh. */
static inline void lgs__fast_epoch_bump(void)
{
    atomic_fetch_add_explicit(&lgs__hot.fast_epoch, 1u, memory_order_release);
}

/** The current epoch. */
static inline uint64_t lgs__fast_epoch(void)
{
    return (uint64_t)atomic_load_explicit(&lgs__hot.fast_epoch, memory_order_acquire);
}

#endif
