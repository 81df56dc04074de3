/* tstate.c — the engine's per-thread states: a registry that only grows.
 *
 * Counting every call in shared counters costs each call a locked
 * instruction, and the cache line they share bounces between cores as soon as
 * several threads make calls. Instead each thread counts in a state of its
 * own, which readers (a stats snapshot, a retry-budget decision) sum over the
 * registry. A state is never freed: when its thread exits it is marked free,
 * with its counts, and the next thread that needs one takes it over, so the
 * registry holds as many states as threads ever ran at once and no count is
 * lost. The accessor behind lgs__tstate_get(), with the thread-exit hook
 * that gives a state back, is platform code: port/<platform>/tstate.c and
 * lgs_port.h.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"

static _Atomic(lgs__tstate *) registry;
static atomic_uint made;

lgs__tstate *lgs__tstate_first(void)
{
    return atomic_load_explicit(&registry, memory_order_acquire);
}

unsigned lgs__tstate_count(void)
{
    return atomic_load(&made);
}

/* A new owner takes fresh copies of the settings; the counters, and the
 * budget bucket the counter is for, carry on. */
static void start_owner(lgs__tstate *ts)
{
    ts->depth = 0;
    ts->cfg_gen_plus1 = 0;
    ts->hooks_gen_plus1 = 0;
    ts->fast_epoch_plus1 = 0;
}

lgs__tstate *lgs__tstate_acquire(void)
{
    for (lgs__tstate *ts = lgs__tstate_first(); ts != NULL; ts = ts->next) {
        int free_state = 0;
        if (atomic_load_explicit(&ts->in_use, memory_order_relaxed) == 0 &&
            atomic_compare_exchange_strong_explicit(&ts->in_use, &free_state, 1, memory_order_acquire,
                                                    memory_order_relaxed)) {
            start_owner(ts);
            return ts;
        }
    }
    /* On a cache-line boundary, so that the fast path's fields share one
     * line and no other thread's state shares it. */
    void *block = malloc(sizeof(lgs__tstate) + 63u);
    if (block == NULL)
        return NULL;
    lgs__tstate *ts = (lgs__tstate *)(((uintptr_t)block + 63u) & ~(uintptr_t)63u);
    memset(ts, 0, sizeof *ts);
    ts->block = block;
    atomic_init(&ts->in_use, 1);
    atomic_init(&ts->first_try_ok, 0u);
    atomic_init(&ts->deposit, 0u);
    lgs__tstate *head = atomic_load_explicit(&registry, memory_order_relaxed);
    do {
        ts->next = head;
    } while (!atomic_compare_exchange_weak_explicit(&registry, &head, ts, memory_order_release,
                                                    memory_order_relaxed));
    atomic_fetch_add(&made, 1u);
    return ts;
}

void lgs__tstate_release(lgs__tstate *ts)
{
    if (ts != NULL)
        atomic_store_explicit(&ts->in_use, 0, memory_order_release);
}

void lgs__tstate_free_all(void)
{
    lgs__tstate *ts = atomic_exchange(&registry, NULL);
    while (ts != NULL) {
        lgs__tstate *next = ts->next;
        free(ts->block);
        ts = next;
    }
    atomic_store(&made, 0u);
}
