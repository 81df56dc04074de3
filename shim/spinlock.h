/* spinlock.h — the one lock the policy engine uses: a spinlock on a C11
 * atomic_flag. The engine's critical sections are a few dozen instructions
 * (a table lookup, a counter update), so a spinlock is cheaper than a kernel
 * mutex and needs no platform headers; a waiter yields its time slice after a
 * while so that a preempted holder can finish.
 */
#ifndef LGS_SPINLOCK_H
#define LGS_SPINLOCK_H

#include <stdatomic.h>

#include "lgs_yield.h"

typedef struct lgs__spinlock {
    atomic_flag flag;
} lgs__spinlock;

#define LGS__SPINLOCK_INIT {ATOMIC_FLAG_INIT}

static inline void lgs__spin_lock(lgs__spinlock *l)
{
    unsigned spins = 0;
    while (atomic_flag_test_and_set_explicit(&l->flag, memory_order_acquire)) {
        if (++spins >= 64) {
            spins = 0;
            lgs__yield();
        }
    }
}

static inline void lgs__spin_unlock(lgs__spinlock *l)
{
    atomic_flag_clear_explicit(&l->flag, memory_order_release);
}

#endif
