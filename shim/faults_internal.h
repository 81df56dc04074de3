/* faults_internal.h — what the wrappers ask the fault injector. */
#ifndef LGS_FAULTS_INTERNAL_H
#define LGS_FAULTS_INTERNAL_H

#include <stdint.h>

#include "apis.h"

/* If a fault is queued for `api`, consumes it, writes its code to *code and
 * returns 1; otherwise returns 0 and the real call should be made. Cheap when
 * nothing is queued (one atomic load). */
int lgs__fault_next(lgs__api_id api, uint32_t *code);

/** Codes left in the active script; 0 when nothing is queued. */
#include <stdatomic.h>
extern atomic_ulong lgs__faults_queued;
static inline int lgs__faults_any(void)
{
    return atomic_load_explicit(&lgs__faults_queued, memory_order_relaxed) != 0;
}

#endif
