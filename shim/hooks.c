/* hooks.c — the engine's replaceable clock, sleep, random source, wait hook
 * and observer, and the default random source behind them.
 *
 * The default random source is SplitMix64 over an atomic counter: one
 * fetch-and-add per number, so any number of threads can draw without a lock.
 * Unless lgs_engine_seed() is called it is seeded from the clock and from
 * addresses that differ per process, because jitter only spreads retries out
 * if the processes of a fleet do not share one sequence.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "engine_internal.h"
#include "hot.h"
#include "spinlock.h"

static lgs__spinlock hooks_lock = LGS__SPINLOCK_INIT;
static lgs_hooks installed; /* all NULL: defaults */
atomic_uint lgs__hooks_gen; /* bumped by every lgs_engine_set_hooks() */

static atomic_uint_fast64_t rng_state;
static atomic_int rng_seeded;

static uint64_t splitmix64(uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static void seed_once(void)
{
    if (atomic_load_explicit(&rng_seeded, memory_order_acquire))
        return;
    int local = 0;
    uint64_t s = lgs__default_clock_ms(NULL);
    s ^= (uint64_t)time(NULL) << 20;
    s ^= (uint64_t)(uintptr_t)&local;
    s ^= (uint64_t)(uintptr_t)&rng_state << 7;
    int expected = 0;
    /* Only the first thread seeds; a late lgs_engine_seed() still wins. */
    if (atomic_compare_exchange_strong(&rng_seeded, &expected, 1))
        atomic_store(&rng_state, splitmix64(s));
}

static uint64_t default_random(void *user)
{
    (void)user;
    seed_once();
    uint64_t x = (uint64_t)atomic_fetch_add(&rng_state, 0x9E3779B97F4A7C15ull);
    return splitmix64(x + 0x9E3779B97F4A7C15ull);
}

void lgs_engine_seed(uint64_t seed)
{
    atomic_store(&rng_state, seed);
    atomic_store_explicit(&rng_seeded, 1, memory_order_release);
}

void lgs_engine_set_hooks(const lgs_hooks *hooks)
{
    lgs__spin_lock(&hooks_lock);
    if (hooks == NULL)
        memset(&installed, 0, sizeof installed);
    else
        installed = *hooks;
    atomic_fetch_add_explicit(&lgs__hooks_gen, 1u, memory_order_release);
    lgs__fast_epoch_bump();
    lgs__spin_unlock(&hooks_lock);
}

void lgs__hooks_snapshot(lgs_hooks *out)
{
    lgs__spin_lock(&hooks_lock);
    *out = installed;
    lgs__spin_unlock(&hooks_lock);
    if (out->clock_ms == NULL)
        out->clock_ms = lgs__default_clock_ms;
    if (out->sleep_ms == NULL)
        out->sleep_ms = lgs__default_sleep_ms;
    if (out->random == NULL)
        out->random = default_random;
}

uint64_t lgs__random_upto(const lgs_hooks *h, uint64_t bound)
{
    uint64_t r = h->random(h->user);
    if (bound == UINT64_MAX)
        return r;
    /* The modulo bias is below 2^-40 for any wait the engine computes. */
    return r % (bound + 1u);
}

uint64_t lgs__backoff(const lgs_hooks *h, uint64_t base, uint64_t cap, unsigned doublings, int keep_half)
{
    uint64_t ceiling = base;
    for (unsigned i = 0; i < doublings && ceiling < cap; i++)
        ceiling *= 2u;
    if (ceiling > cap)
        ceiling = cap;
    /* Keeping the lower half fixed spreads out a fleet less, but never
     * waits next to nothing: what a break needs and a retry does not. */
    uint64_t fixed = keep_half ? ceiling - ceiling / 2u : 0u;
    return fixed + lgs__random_upto(h, ceiling - fixed);
}
