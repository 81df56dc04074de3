/* budget.c — the process-wide retry budget.
 *
 * Retries in a sliding window may not exceed `budget.floor` plus
 * `budget.percent` of the logical calls made in the same window, so that when
 * an authority goes down the process sends it at most that many extra
 * requests, however many threads are failing. The window is ten buckets of a
 * tenth of it each, in a fixed array: no allocation, and the count is exact
 * to within one bucket.
 */
#include <stdint.h>
#include <string.h>

#include "engine_internal.h"
#include "spinlock.h"

#define BUCKETS 10

typedef struct bucket {
    uint64_t index_plus1; /* which bucket of time this slot holds; 0: empty */
    uint64_t calls;
    uint64_t retries;
} bucket;

static lgs__spinlock budget_lock = LGS__SPINLOCK_INIT;
static bucket buckets[BUCKETS];
static uint32_t bucket_ms; /* the width the slots were filled with */

/* Called with budget_lock held: points the slot for `now` at the current
 * bucket (dropping what it held) and sums the window into *calls, *retries. */
static bucket *current(const lgs__config *cfg, uint64_t now, uint64_t *calls, uint64_t *retries)
{
    uint32_t width = cfg->budget_window_ms / BUCKETS;
    if (width == 0)
        width = 1;
    if (width != bucket_ms) {
        memset(buckets, 0, sizeof buckets);
        bucket_ms = width;
    }
    uint64_t idx = now / width;
    bucket *b = &buckets[idx % BUCKETS];
    if (b->index_plus1 != idx + 1) {
        b->index_plus1 = idx + 1;
        b->calls = 0;
        b->retries = 0;
    }
    *calls = 0;
    *retries = 0;
    for (int i = 0; i < BUCKETS; i++) {
        uint64_t bi = buckets[i].index_plus1;
        if (bi != 0 && bi - 1 + BUCKETS > idx && bi - 1 <= idx) {
            *calls += buckets[i].calls;
            *retries += buckets[i].retries;
        }
    }
    return b;
}

void lgs__budget_deposit(const lgs__config *cfg, uint64_t now)
{
    uint64_t calls, retries;
    lgs__spin_lock(&budget_lock);
    current(cfg, now, &calls, &retries)->calls++;
    lgs__spin_unlock(&budget_lock);
}

int lgs__budget_withdraw(const lgs__config *cfg, uint64_t now)
{
    uint64_t calls, retries;
    int ok = 0;
    lgs__spin_lock(&budget_lock);
    bucket *b = current(cfg, now, &calls, &retries);
    /* retries + 1 <= floor + calls * percent / 100, in integers. */
    if ((retries + 1u) * 100u <= (uint64_t)cfg->budget_floor * 100u + calls * cfg->budget_percent) {
        b->retries++;
        ok = 1;
    }
    lgs__spin_unlock(&budget_lock);
    return ok;
}

void lgs__budget_reset(void)
{
    lgs__spin_lock(&budget_lock);
    memset(buckets, 0, sizeof buckets);
    bucket_ms = 0;
    lgs__spin_unlock(&budget_lock);
}
