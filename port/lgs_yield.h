/* lgs_yield.h — the one platform call a spinning lock needs: give up the
 * rest of the time slice so that a preempted lock holder can run. Declared
 * on its own so that shim/spinlock.h depends on nothing else; each port
 * defines it in port/<platform>/clock.c (sched_yield, SwitchToThread).
 */
#ifndef LGS_YIELD_H
#define LGS_YIELD_H

/** Lets another thread run (used by spinning locks). */
void lgs__yield(void);

#endif
