/* config.c — the engine's configuration values: the compiled defaults, the
 * live copy behind a spinlock, and the one rule about values that is the
 * engine's own (credentials and account failures are never retried).
 *
 * Which keys exist, how their text is parsed and their ranges are the
 * settings module's (settings.c): it reads and writes the values here by
 * their offset in lgs__config. A call copies the configuration once when it
 * starts (lgs__config_snapshot).
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "catalogue_internal.h"
#include "engine_internal.h"
#include "hot.h"
#include "settings_values.h"
#include "spinlock.h"

static lgs__spinlock config_lock = LGS__SPINLOCK_INIT;
static lgs__config live;
static int live_ready; /* guarded by config_lock */
/* hook.exclude: text, so not in lgs__config (whose values are numbers). */
static char exclude[512]; /* guarded by config_lock */
/* Bumped after every change of `live`, so that a thread can keep a copy and
 * take a new one only when something changed (see engine.c). */
atomic_uint lgs__config_gen;

static void set_defaults(lgs__config *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < LGS_CLASS_COUNT_; i++)
        c->policy[i] = (lgs__class_policy){1, 100, 1000};
    c->policy[LGS_CLASS_TRANSIENT] = (lgs__class_policy){4, 200, 5000};
    c->policy[LGS_CLASS_RESOURCE] = (lgs__class_policy){3, 100, 2000};
    c->policy[LGS_CLASS_SESSION_COLLISION] = (lgs__class_policy){2, 10, 100};
    /* Re-establishing an expired context needs no wait. */
    c->policy[LGS_CLASS_CONTEXT_EXPIRED] = (lgs__class_policy){2, 0, 0};
    c->deadline_ms = 20000;
    c->budget_percent = 10;
    c->budget_window_ms = 10000;
    c->budget_floor = 10;
    c->breaker_threshold = 5;
    c->breaker_break_min_ms = 250;
    c->breaker_break_max_ms = 600;
    c->breaker_wait = 1;
    c->breaker_lease_ms = 10000;
    c->breaker_release_ms = 400;
    c->lockout_threshold = 3;
    c->lockout_window_ms = 15u * 60u * 1000u;
}

/* Called with config_lock held. */
static void ensure_ready(void)
{
    if (!live_ready) {
        set_defaults(&live);
        live_ready = 1;
    }
}

/* Called with config_lock held, after `live` changed. */
static void changed(void)
{
    atomic_fetch_add_explicit(&lgs__config_gen, 1u, memory_order_release);
    lgs__fast_epoch_bump();
}

void lgs__config_snapshot(lgs__config *out)
{
    lgs__spin_lock(&config_lock);
    ensure_ready();
    *out = live;
    lgs__spin_unlock(&config_lock);
}

void lgs__config_defaults(void)
{
    lgs__spin_lock(&config_lock);
    set_defaults(&live);
    live_ready = 1;
    exclude[0] = '\0';
    changed();
    lgs__spin_unlock(&config_lock);
}

const char *lgs__config_exclude_set(const char *text)
{
    size_t n = strlen(text);
    if (n >= sizeof exclude)
        return "too long: at most 511 characters";
    lgs__spin_lock(&config_lock);
    memcpy(exclude, text, n + 1);
    changed();
    lgs__spin_unlock(&config_lock);
    return NULL;
}

void lgs__config_exclude_get(char *buf, size_t size)
{
    if (size == 0)
        return;
    lgs__spin_lock(&config_lock);
    size_t n = strlen(exclude);
    if (n >= size)
        n = size - 1;
    memcpy(buf, exclude, n);
    buf[n] = '\0';
    lgs__spin_unlock(&config_lock);
}

const char *lgs__config_refuse(size_t offset, uint64_t v)
{
    const size_t policy = offsetof(lgs__config, policy) + offsetof(lgs__class_policy, attempts);
    const size_t step = sizeof(lgs__class_policy);
    if (v <= 1 || offset < policy || (offset - policy) % step != 0)
        return NULL;
    size_t cls = (offset - policy) / step;
    if (cls < LGS_CLASS_COUNT_ && lgs__class_never_retried((lgs_class)cls))
        return "credentials, account and unknown failures are never retried: each retry may be "
               "another bad logon counted against the account's lockout threshold; only 1 is accepted";
    return NULL;
}

void lgs__config_store(size_t offset, uint32_t v)
{
    lgs__spin_lock(&config_lock);
    ensure_ready();
    memcpy((char *)&live + offset, &v, sizeof v);
    changed();
    lgs__spin_unlock(&config_lock);
}

uint32_t lgs__config_read(size_t offset)
{
    uint32_t v;
    lgs__spin_lock(&config_lock);
    ensure_ready();
    memcpy(&v, (const char *)&live + offset, sizeof v);
    lgs__spin_unlock(&config_lock);
    return v;
}
