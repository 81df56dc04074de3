/* breaker.c — circuit breakers, one per API family and authority.
 *
 * A breaker opens after `breaker.threshold` consecutive `transient` failures.
 * While it is open, calls do not fail: they wait (engine.c sleeps them, within
 * their own deadline) for the outcome of the next probe. One probe at a time
 * goes to the authority, the first after a short interval, the next ones
 * after intervals that double while probes keep failing, from
 * `breaker.break_min_ms` up to `breaker.break_max_ms`, each jittered in the
 * upper half of its length so that processes that opened together do not
 * probe together. A probe is one waiting call's own attempt; it holds a lease
 * of `breaker.probe_lease_ms`, so a probe that hangs, or whose thread never
 * reports, delays the next one by that much and never wedges the breaker.
 *
 * When a probe (or any attempt) succeeds, the breaker does not let every
 * waiting call go at once: it stays in a release state for
 * `breaker.release_ms`, and each call that waited goes at its own offset
 * into that window (given by the breaker when the call began to wait, evenly
 * spread over the window whatever the number of waiters), so the authority
 * that just came back sees them spread out, and no call is held past its
 * deadline. Calls that did not wait go at once. A success after the window
 * frees the entry.
 *
 * A waiting call whose deadline comes before the next probe brings the probe
 * forward to just before its deadline (never closer than break_min_ms to the
 * last probe) and sends it itself, rather than failing without a try.
 *
 * With `breaker.wait` off, calls fail fast instead of waiting (the old
 * behaviour, for callers that would rather fail than be held).
 *
 * The table has a fixed number of slots. A slot is created by the first
 * transient failure of a key. An open (or releasing) entry is never evicted:
 * a new key takes an empty slot or the least recently used closed one, and
 * when every slot is open the new key goes without an entry (its calls behave
 * as closed) and the stats count it. Strangers cannot flush the breaker of
 * the authority that is actually down.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "engine_internal.h"
#include "slots.h"
#include "spinlock.h"

#define BREAKER_SLOTS 64
/* While a probe is in flight, waiting calls look again this often: a probe
 * is one attempt, usually tens of milliseconds, and this bounds how late a
 * waiting call learns its outcome. */
#define PROBE_POLL_MS 50u

typedef enum state { CLOSED = 0, OPEN, RELEASING } state;

typedef struct slot {
    lgs__slot_head head; /* key and last use */
    state state;
    uint32_t consecutive;   /* transient failures in a row */
    uint32_t failed_probes; /* since it opened */
    uint32_t waiters;       /* calls given a place in the release since it opened */
    uint64_t next_probe;    /* OPEN: the next probe may start from here */
    uint64_t lease_until;   /* OPEN: a probe is in flight until here (0: none) */
    uint64_t probe_done;    /* OPEN: when it opened or the last probe failed */
    uint64_t reserved;      /* OPEN: the deadline of the call that brought the probe forward */
    uint64_t released_at;   /* RELEASING: when the success came */
    lgs_status_code last;
} slot;

static lgs__spinlock breaker_lock = LGS__SPINLOCK_INIT;
static slot slots[BREAKER_SLOTS];
/* Slots in use. A success frees its key's slot (a closed breaker with no
 * failures in a row holds nothing worth keeping), so this is 0 in a healthy
 * process and calls skip the table entirely. */
atomic_int lgs__breaker_in_use;
static const lgs__slot_table table = {slots, sizeof slots[0], BREAKER_SLOTS, &lgs__breaker_in_use};

/* An open or releasing breaker is never evicted. */
static int keep_open(const void *entry, const void *arg)
{
    (void)arg;
    return ((const slot *)entry)->state != CLOSED ? LGS__SLOT_PINNED : 0;
}

/* Called with breaker_lock held. */
static slot *find(uint64_t key)
{
    return lgs__slot_find(&table, key);
}

/* The interval before the next probe: break_min_ms doubled with each failed
 * probe, up to break_max_ms, jittered within the upper half. */
static uint64_t probe_interval(const lgs__config *cfg, const lgs_hooks *h, uint32_t failed_probes)
{
    uint64_t lo = cfg->breaker_break_min_ms;
    uint64_t hi = cfg->breaker_break_max_ms < lo ? lo : cfg->breaker_break_max_ms;
    return lgs__backoff(h, lo, hi, failed_probes, 1);
}

/* Called with breaker_lock held: the offset into the release window of the
 * next call to wait. The k-th waiter since the breaker opened takes the
 * fractional part of k times the golden ratio: however many calls end up
 * waiting, their offsets cover the window evenly (independent random offsets
 * bunch up, and the busiest 100 ms of the release gets half again its
 * share), so the authority that comes back sees a steady stream. */
static uint64_t place(const lgs__config *cfg, slot *s)
{
    uint64_t frac = ((uint64_t)s->waiters++ * 0x9E3779B97F4A7C15ull) >> 32;
    return (frac * cfg->breaker_release_ms) >> 32;
}

/* Called with breaker_lock held, on an open slot. A call whose deadline
 * comes before the next probe brings the probe forward to just before its
 * deadline, as long as probes stay at least break_min_ms apart: failing it
 * without a try would send its client away (to think, or to give up) at the
 * very moment the authority may be back, and the probe it sends instead of
 * the scheduled one costs the authority nothing more. */
static lgs__admit admit_open(const lgs__config *cfg, slot *s, uint64_t now, uint64_t spread,
                             uint64_t deadline, lgs__breaker_wait *w)
{
    if (s->lease_until > now) {
        if (!cfg->breaker_wait)
            return LGS__ADMIT_REFUSE;
        uint64_t left = s->lease_until - now;
        w->ms = left < PROBE_POLL_MS ? left : PROBE_POLL_MS;
        w->until_probe = 0;
        w->spread = spread == LGS__NO_SPREAD ? place(cfg, s) : spread;
        return LGS__ADMIT_WAIT;
    }
    if (cfg->breaker_wait && deadline <= s->next_probe && deadline > now + 1 &&
        deadline - 1 >= s->probe_done + cfg->breaker_break_min_ms) {
        s->next_probe = deadline - 1;
        s->reserved = deadline;
    }
    if (cfg->breaker_wait && now >= s->next_probe && s->reserved > now && deadline > s->reserved) {
        /* The probe is the call's that brought it forward, until its
         * deadline: another call taking it would leave that call to fail
         * while the probe it asked for is in flight. */
        w->ms = s->reserved - now;
        w->until_probe = 0;
        w->spread = spread == LGS__NO_SPREAD ? place(cfg, s) : spread;
        return LGS__ADMIT_WAIT;
    }
    if (now >= s->next_probe) {
        s->reserved = 0;
        s->lease_until = now + (cfg->breaker_lease_ms != 0 ? cfg->breaker_lease_ms : 1u);
        return LGS__ADMIT_PROBE;
    }
    if (!cfg->breaker_wait)
        return LGS__ADMIT_REFUSE;
    w->ms = s->next_probe - now;
    w->until_probe = 1;
    w->next_probe = s->next_probe;
    w->spread = spread == LGS__NO_SPREAD ? place(cfg, s) : spread;
    return LGS__ADMIT_WAIT;
}

/* When a call that waited goes after a success: at its offset into the
 * release window, but before its deadline (a call held back past its
 * deadline would fail although the authority is back). */
static uint64_t release_at(const slot *s, uint64_t spread, uint64_t deadline)
{
    uint64_t at = s->released_at + (spread == LGS__NO_SPREAD ? 0 : spread);
    return at < deadline ? at : (deadline > 0 ? deadline - 1 : 0);
}

lgs__admit lgs__breaker_admit(const lgs__config *cfg, uint64_t key, uint64_t now, uint64_t spread,
                              uint64_t deadline, lgs_status_code *last, lgs__breaker_wait *w)
{
    if (cfg->breaker_threshold == 0)
        return LGS__ADMIT_CLOSED;
    lgs__admit verdict = LGS__ADMIT_CLOSED;
    memset(w, 0, sizeof *w);
    lgs__spin_lock(&breaker_lock);
    slot *s = find(key);
    if (s != NULL) {
        s->head.last_used = now;
        if (s->state == OPEN) {
            *last = s->last;
            verdict = admit_open(cfg, s, now, spread, deadline, w);
        } else if (s->state == RELEASING) {
            if (now >= s->released_at + cfg->breaker_release_ms) {
                s->state = CLOSED; /* the window is over: the next success frees the slot */
            } else if (now < release_at(s, spread, deadline)) {
                w->ms = release_at(s, spread, deadline) - now;
                verdict = LGS__ADMIT_WAIT;
            }
        }
    }
    lgs__spin_unlock(&breaker_lock);
    return verdict;
}

int lgs__breaker_next_probe(uint64_t key, uint64_t now, uint64_t *ms)
{
    int open = 0;
    lgs__spin_lock(&breaker_lock);
    const slot *s = find(key);
    if (s != NULL && s->state == OPEN) {
        /* A probe in flight holds the next one back until its lease ends. */
        uint64_t at = s->lease_until > s->next_probe ? s->lease_until : s->next_probe;
        *ms = at > now ? at - now : 0;
        open = 1;
    }
    lgs__spin_unlock(&breaker_lock);
    return open;
}

/* Called with breaker_lock held: the authority answered. */
static void report_success(const lgs__config *cfg, slot *s, uint64_t now)
{
    if (s->state == OPEN && cfg->breaker_release_ms != 0) {
        s->state = RELEASING;
        s->released_at = now;
        s->consecutive = 0;
        s->lease_until = 0;
    } else if (s->state == RELEASING && now < s->released_at + cfg->breaker_release_ms) {
        s->consecutive = 0;
    } else {
        lgs__slot_free(&table, s); /* closed, no failures: nothing to keep */
    }
}

int lgs__breaker_report(const lgs__config *cfg, const lgs_hooks *h, uint64_t key,
                        uint64_t now, int probe, lgs_class cls, lgs_status_code code)
{
    if (cfg->breaker_threshold == 0)
        return 0;
    int opened = 0;
    uint64_t interval = 0;
    if (cls == LGS_CLASS_TRANSIENT) {
        /* Draw outside the lock: the random hook is the caller's code. */
        lgs__spin_lock(&breaker_lock);
        slot *s = find(key);
        uint32_t fp = s != NULL && s->state == OPEN ? s->failed_probes + (probe ? 1u : 0u) : 0u;
        lgs__spin_unlock(&breaker_lock);
        interval = probe_interval(cfg, h, fp);
    }
    lgs__spin_lock(&breaker_lock);
    slot *s = find(key);
    if (cls == LGS_CLASS_OK || cls == LGS_CLASS_CONTINUE) {
        if (s != NULL)
            report_success(cfg, s, now);
    } else if (cls == LGS_CLASS_TRANSIENT) {
        if (s == NULL)
            s = lgs__slot_take(&table, key, keep_open, NULL);
        if (s == NULL) {
            /* Every slot holds an open breaker: this key goes without one. */
            lgs__spin_unlock(&breaker_lock);
            lgs__stat_add(LGS__C_BREAKER_UNTRACKED);
            return 0;
        }
        s->last = code;
        s->head.last_used = now;
        s->consecutive++;
        if (s->state == OPEN) {
            if (probe) {
                s->failed_probes++;
                s->probe_done = now;
                s->next_probe = now + interval;
                s->lease_until = 0;
            }
        } else if (s->consecutive >= cfg->breaker_threshold) {
            s->state = OPEN;
            s->failed_probes = 0;
            s->waiters = 0;
            s->reserved = 0;
            s->probe_done = now;
            s->next_probe = now + interval;
            s->lease_until = 0;
            opened = 1;
        }
    } else if (s != NULL) {
        /* Any other failure ends a run of transient ones. It does not prove
         * the authority is back (the code may come from the local side), so
         * a probe that gets one hands the probe on to the next call. */
        s->head.last_used = now;
        if (s->state != OPEN)
            s->consecutive = 0;
        else if (probe) {
            s->lease_until = 0;
            s->next_probe = now;
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
