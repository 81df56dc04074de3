/* breaker.c — circuit breakers, one per API family and authority.
 *
 * A breaker opens after `breaker.threshold` consecutive `transient` failures.
 * While open, attempts fail fast with the last code seen, without reaching
 * the authority. When its break is over, one attempt goes through as a probe
 * (half-open); every other attempt keeps failing fast until the probe
 * reports. A successful probe closes the breaker; a transient failure opens it
 * again for a longer break. Breaks double from `breaker.break_min_ms` up to
 * `breaker.break_max_ms` and are jittered (uniform in the upper half of the
 * current break), so that processes that opened together do not probe
 * together.
 *
 * The table has a fixed number of slots. A slot is created by the first
 * transient failure of a key. When the table is full, the new key takes the
 * least recently used closed slot, or, if every slot is open, the least
 * recently used slot: a breaker evicted while open forgets its state and
 * re-opens after `breaker.threshold` more failures.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "engine_internal.h"
#include "slots.h"
#include "spinlock.h"

#define BREAKER_SLOTS 64
/* A probe that has not reported after this long (its thread died, or the
 * call hangs) no longer blocks the next one. */
#define PROBE_STUCK_FACTOR 2u

typedef enum state { CLOSED = 0, OPEN, HALF_OPEN } state;

typedef struct slot {
    lgs__slot_head head; /* key and last use */
    state state;
    uint32_t consecutive; /* transient failures in a row */
    uint32_t failed_probes;
    uint64_t open_until;
    uint64_t probe_started;
    lgs_status_code last;
} slot;

static lgs__spinlock breaker_lock = LGS__SPINLOCK_INIT;
static slot slots[BREAKER_SLOTS];
/* Slots in use. A success frees its key's slot (a closed breaker with no
 * failures in a row holds nothing worth keeping), so this is 0 in a healthy
 * process and calls skip the table entirely. */
atomic_int lgs__breaker_in_use;
static const lgs__slot_table table = {slots, sizeof slots[0], BREAKER_SLOTS, &lgs__breaker_in_use};

/* An open or half-open breaker is evicted only when every slot is. */
static int keep_open(const void *entry, const void *arg)
{
    (void)arg;
    return ((const slot *)entry)->state != CLOSED;
}

/* Called with breaker_lock held. */
static slot *find(uint64_t key)
{
    return lgs__slot_find(&table, key);
}

/* Breaks double from break_min_ms with each failed probe, up to
 * break_max_ms, jittered within the upper half of the current break. */
static uint64_t break_ms(const lgs__config *cfg, const lgs_hooks *h, uint32_t failed_probes)
{
    uint64_t lo = cfg->breaker_break_min_ms;
    uint64_t hi = cfg->breaker_break_max_ms < lo ? lo : cfg->breaker_break_max_ms;
    return lgs__backoff(h, lo, hi, failed_probes, 1);
}

lgs__admit lgs__breaker_admit(const lgs__config *cfg, uint64_t key, uint64_t now,
                              lgs_status_code *last)
{
    if (cfg->breaker_threshold == 0)
        return LGS__ADMIT_CLOSED;
    lgs__admit verdict = LGS__ADMIT_CLOSED;
    lgs__spin_lock(&breaker_lock);
    slot *s = find(key);
    if (s != NULL) {
        s->head.last_used = now;
        uint64_t stuck = (uint64_t)cfg->breaker_break_max_ms * PROBE_STUCK_FACTOR;
        if ((s->state == OPEN && now >= s->open_until) ||
            (s->state == HALF_OPEN && now - s->probe_started >= stuck)) {
            s->state = HALF_OPEN;
            s->probe_started = now;
            verdict = LGS__ADMIT_PROBE;
        } else if (s->state != CLOSED) {
            *last = s->last;
            verdict = LGS__ADMIT_REFUSE;
        }
    }
    lgs__spin_unlock(&breaker_lock);
    return verdict;
}

int lgs__breaker_report(const lgs__config *cfg, const lgs_hooks *h, uint64_t key,
                        uint64_t now, int probe, lgs_class cls, lgs_status_code code)
{
    if (cfg->breaker_threshold == 0)
        return 0;
    int opened = 0;
    uint64_t jittered = 0;
    if (cls == LGS_CLASS_TRANSIENT) {
        /* Draw outside the lock: the random hook is the caller's code. */
        lgs__spin_lock(&breaker_lock);
        slot *s = find(key);
        uint32_t fp = s != NULL ? s->failed_probes + (probe ? 1u : 0u) : 0u;
        lgs__spin_unlock(&breaker_lock);
        jittered = break_ms(cfg, h, fp);
    }
    lgs__spin_lock(&breaker_lock);
    if (cls == LGS_CLASS_OK || cls == LGS_CLASS_CONTINUE) {
        slot *s = find(key);
        if (s != NULL)
            lgs__slot_free(&table, s); /* closed, no failures: nothing to keep */
    } else if (cls == LGS_CLASS_TRANSIENT) {
        slot *s = lgs__slot_take(&table, key, keep_open, NULL);
        s->last = code;
        s->head.last_used = now;
        s->consecutive++;
        if (probe && s->state == HALF_OPEN) {
            s->failed_probes++;
            s->state = OPEN;
            s->open_until = now + jittered;
            opened = 1;
        } else if (s->state == CLOSED && s->consecutive >= cfg->breaker_threshold) {
            s->failed_probes = 0;
            s->state = OPEN;
            s->open_until = now + jittered;
            opened = 1;
        }
    } else {
        /* Any other failure ends a run of transient ones. It does not prove
         * the authority is back (the code may come from the local side), so
         * a probe that gets one hands the probe on to the next call. */
        slot *s = find(key);
        if (s != NULL) {
            s->head.last_used = now;
            if (s->state == CLOSED)
                s->consecutive = 0;
            else if (probe && s->state == HALF_OPEN) {
                s->state = OPEN;
                s->open_until = now;
            }
        }
    }
    lgs__spin_unlock(&breaker_lock);
    return opened;
}

void lgs__breaker_reset(void)
{
    lgs__spin_lock(&breaker_lock);
    lgs__slot_clear(&table);
    lgs__spin_unlock(&breaker_lock);
}
