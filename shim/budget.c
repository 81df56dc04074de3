/* budget.c — the process-wide retry budget.
 *
 * Retries in a sliding window may not exceed `budget.floor` plus
 * `budget.percent` of the logical calls made in the same window, so that when
 * an authority goes down the process sends it at most that many extra
 * requests, however many threads are failing. The window is ten buckets of a
 * tenth of it each, in a fixed array: no allocation, and the count is exact
 * to within one bucket. Every call deposits, so a deposit into the current
 * bucket is one atomic add without the lock; only moving a slot on to a new
 * bucket, and withdrawing, take it. A deposit racing with the move of its
 * slot may land in the newer bucket: one call counted a bucket late.
 *
 * A thread with a state of its own (tstate.c) deposits there instead: its
 * state holds one bucket (by its start time) and a count, in one word only
 * that thread writes, so a deposit is a load and a store. A withdrawal adds
 * the words of all states whose bucket is inside the window. When a thread moves on to a
 * new bucket it first publishes the new word and then adds the old count to
 * the shared bucket: a withdrawal in between counts those calls nowhere
 * (fewer calls, so fewer retries allowed), never twice.
 */
#include <stdatomic.h>
#include <stdint.h>

#include "engine_internal.h"
#include "spinlock.h"

#define BUCKETS 10

typedef struct bucket {
    atomic_uint_fast64_t index_plus1; /* which bucket of time this slot holds; 0: empty */
    atomic_uint_fast64_t calls;
    uint64_t retries; /* under budget_lock */
} bucket;

static lgs__spinlock budget_lock = LGS__SPINLOCK_INIT;
static bucket buckets[BUCKETS];
static atomic_uint bucket_ms; /* the width the slots were filled with */

static uint32_t width_of(const lgs__config *cfg)
{
    uint32_t width = cfg->budget_window_ms / BUCKETS;
    return width == 0 ? 1 : width;
}

/* Called with budget_lock held. */
static void clear_all(void)
{
    for (int i = 0; i < BUCKETS; i++) {
        atomic_store(&buckets[i].index_plus1, 0u);
        atomic_store(&buckets[i].calls, 0u);
        buckets[i].retries = 0;
    }
}

/* Called with budget_lock held: a new bucket width (the window changed)
 * empties the shared buckets. Returns the width. */
static uint32_t apply_width(const lgs__config *cfg)
{
    uint32_t width = width_of(cfg);
    if (width != atomic_load(&bucket_ms)) {
        clear_all();
        atomic_store(&bucket_ms, width);
    }
    return width;
}

/* Called with budget_lock held: points the slot for `now` at the current
 * bucket (dropping what it held) and sums the window into *calls, *retries. */
static bucket *current(const lgs__config *cfg, uint64_t now, uint64_t *calls, uint64_t *retries)
{
    uint32_t width = apply_width(cfg);
    uint64_t idx = now / width;
    bucket *b = &buckets[idx % BUCKETS];
    if (atomic_load(&b->index_plus1) != idx + 1) {
        atomic_store(&b->calls, 0u);
        b->retries = 0;
        atomic_store(&b->index_plus1, idx + 1);
    }
    *calls = 0;
    *retries = 0;
    for (int i = 0; i < BUCKETS; i++) {
        uint64_t bi = atomic_load(&buckets[i].index_plus1);
        if (bi != 0 && bi - 1 + BUCKETS > idx && bi - 1 <= idx) {
            *calls += atomic_load(&buckets[i].calls);
            *retries += buckets[i].retries;
        }
    }
    return b;
}

/* The bucket deposits go to, as [start, start + width) and its slot: read
 * without the lock so that most deposits need no division. */
static atomic_uint_fast64_t hot_start_plus1;
static atomic_uint_fast64_t hot_index;
static atomic_uint hot_width;

void lgs__budget_deposit(const lgs__config *cfg, uint64_t now)
{
    uint32_t width = width_of(cfg);
    uint64_t hs = atomic_load_explicit(&hot_start_plus1, memory_order_acquire);
    if (hs != 0 && now >= hs - 1 && now - (hs - 1) < width &&
        atomic_load_explicit(&hot_width, memory_order_relaxed) == width) {
        uint64_t idx = atomic_load_explicit(&hot_index, memory_order_relaxed);
        bucket *b = &buckets[idx % BUCKETS];
        if (atomic_load_explicit(&b->index_plus1, memory_order_acquire) == idx + 1) {
            atomic_fetch_add_explicit(&b->calls, 1u, memory_order_relaxed);
            return;
        }
    }
    uint64_t calls, retries;
    lgs__spin_lock(&budget_lock);
    atomic_fetch_add_explicit(&current(cfg, now, &calls, &retries)->calls, 1u, memory_order_relaxed);
    /* hot_start_plus1 last: a reader that sees it sees the other two. The
     * slot check above catches a reader that pairs a new start with an old
     * index. */
    atomic_store_explicit(&hot_start_plus1, 0u, memory_order_relaxed);
    atomic_store_explicit(&hot_width, width, memory_order_relaxed);
    atomic_store_explicit(&hot_index, now / width, memory_order_relaxed);
    atomic_store_explicit(&hot_start_plus1, now / width * width + 1u, memory_order_release);
    lgs__spin_unlock(&budget_lock);
}

/* A thread's word: the start of its bucket in ms, plus one, above
 * COUNT_BITS; the count below. A start time rather than an index, so that
 * a word counted with an earlier bucket width still says when its calls
 * were made. */
#define COUNT_BITS LGS__DEPOSIT_COUNT_BITS
#define COUNT_MASK LGS__DEPOSIT_COUNT_MASK
#define MAX_TAG (UINT64_C(1) << (64 - COUNT_BITS))

/* Adds `count` calls made from `start` on to the shared bucket holding that
 * time, if that bucket is still in its slot (or the slot holds an older one
 * and can take it); a bucket already replaced is out of the window. */
static void flush(const lgs__config *cfg, uint64_t start, uint64_t count)
{
    lgs__spin_lock(&budget_lock);
    uint64_t idx = start / apply_width(cfg);
    bucket *b = &buckets[idx % BUCKETS];
    uint64_t held = atomic_load(&b->index_plus1);
    if (held < idx + 1) {
        atomic_store(&b->calls, 0u);
        b->retries = 0;
        atomic_store(&b->index_plus1, idx + 1);
        held = idx + 1;
    }
    if (held == idx + 1)
        atomic_fetch_add_explicit(&b->calls, count, memory_order_relaxed);
    lgs__spin_unlock(&budget_lock);
}

void lgs__budget_deposit_thread(lgs__tstate *ts, const lgs__config *cfg, uint64_t now)
{
    if (ts == NULL) {
        lgs__budget_deposit(cfg, now);
        return;
    }
    uint64_t word = atomic_load_explicit(&ts->deposit, memory_order_relaxed);
    if (now >= ts->bucket_start && now < ts->bucket_end && word >> COUNT_BITS == ts->bucket_start + 1u &&
        (word & COUNT_MASK) != COUNT_MASK) {
        atomic_store_explicit(&ts->deposit, word + 1u, memory_order_relaxed);
        return;
    }
    uint32_t width = width_of(cfg);
    uint64_t start = now / width * width;
    if (start + 1u >= MAX_TAG) { /* a clock this far out does not fit the word */
        lgs__budget_thread_retire(ts, cfg);
        lgs__budget_deposit(cfg, now);
        return;
    }
    ts->bucket_start = start;
    ts->bucket_end = start + width;
    atomic_store_explicit(&ts->deposit, (start + 1u) << COUNT_BITS | 1u, memory_order_relaxed);
    if (word >> COUNT_BITS != 0 && (word & COUNT_MASK) != 0)
        flush(cfg, (word >> COUNT_BITS) - 1u, word & COUNT_MASK);
}

void lgs__budget_thread_retire(lgs__tstate *ts, const lgs__config *cfg)
{
    if (ts == NULL)
        return;
    uint64_t word = atomic_load_explicit(&ts->deposit, memory_order_relaxed);
    atomic_store_explicit(&ts->deposit, 0u, memory_order_relaxed);
    ts->bucket_start = ts->bucket_end = 0;
    if (word >> COUNT_BITS != 0 && (word & COUNT_MASK) != 0)
        flush(cfg, (word >> COUNT_BITS) - 1u, word & COUNT_MASK);
}

/* Calls the threads' own words hold for the window that ends with bucket
 * idx (of `width` ms): buckets that start in [lo, hi). */
static uint64_t thread_calls(uint64_t idx, uint64_t width)
{
    uint64_t lo = idx >= BUCKETS - 1 ? (idx - (BUCKETS - 1)) * width : 0, hi = (idx + 1) * width;
    uint64_t calls = 0;
    for (lgs__tstate *ts = lgs__tstate_first(); ts != NULL; ts = ts->next) {
        uint64_t word = atomic_load_explicit(&ts->deposit, memory_order_relaxed);
        uint64_t tag = word >> COUNT_BITS;
        if (tag != 0 && tag - 1u >= lo && tag - 1u < hi)
            calls += word & COUNT_MASK;
    }
    return calls;
}

int lgs__budget_withdraw(const lgs__config *cfg, uint64_t now)
{
    uint64_t calls, retries;
    int ok = 0;
    lgs__spin_lock(&budget_lock);
    bucket *b = current(cfg, now, &calls, &retries);
    calls += thread_calls(now / width_of(cfg), width_of(cfg));
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
    clear_all();
    atomic_store(&bucket_ms, 0u);
    atomic_store(&hot_start_plus1, 0u);
    for (lgs__tstate *ts = lgs__tstate_first(); ts != NULL; ts = ts->next)
        atomic_store(&ts->deposit, 0u);
    lgs__spin_unlock(&budget_lock);
}
