/* init.c — the library's first use, and the public configuration and log
 * entry points, each of which runs it before handing over to the module
 * that does the work (settings.c, log_spec.c, log_config.c, log.c).
 *
 * Keeping these entry points here, at the top of shim/, is what lets the
 * modules below stay below: the settings, the log values, the records and
 * the dispatcher never call up into the first use, and the configuration
 * sources it loads use the settings module's internal functions, which do
 * not run it again.
 */
#include <stdatomic.h>
#include <stdlib.h>

#include "config_sources.h"
#include "init.h"
#include "log_sink.h"
#include "logonshim/config.h"
#include "logonshim/log.h"
#include "settings.h"
#include "spinlock.h"

static atomic_int init_state; /* 0 not started, 1 running, 2 done */
static _Thread_local int initialising;
static int sources_bad; /* what the first load of the sources found; set once, before state 2 */

/* Runs the first use if nobody has; 1 when this call ran it. */
static int first_use(void)
{
    if (atomic_load_explicit(&init_state, memory_order_acquire) == 2 || initialising)
        return 0;
    int expected = 0;
    if (atomic_compare_exchange_strong(&init_state, &expected, 1)) {
        initialising = 1;
        lgs__log_defaults();
        /* The INI file, registry and per-key environment variables come
         * before LOGONSHIM_LOG (config_sources.h). */
        sources_bad = lgs__config_sources_load();
        const char *env = getenv("LOGONSHIM_LOG");
        if (env != NULL && env[0] != '\0')
            (void)lgs__log_configure(env, "LOGONSHIM_LOG");
        initialising = 0;
        atomic_store_explicit(&init_state, 2, memory_order_release);
        return 1;
    }
    while (atomic_load_explicit(&init_state, memory_order_acquire) != 2)
        lgs__yield();
    return 0;
}

void lgs__init(void)
{
    (void)first_use();
}

/* ---- logonshim/config.h ---- */

int lgs_config_set(const char *key, const char *value, char *why, size_t why_size)
{
    lgs__init();
    return lgs__settings_set_why(key, value, LGS__SET_ANY, why, why_size);
}

int lgs_config_get(const char *key, char *buf, size_t size)
{
    lgs__init();
    return lgs__settings_get(key, LGS__SET_ANY, buf, size);
}

size_t lgs_config_dump(char *buf, size_t size)
{
    lgs__init();
    return lgs__settings_dump(buf, size);
}

void lgs_config_reset(void)
{
    lgs__init();
    lgs__config_defaults();
}

int lgs_config_load(void)
{
    if (first_use())
        return sources_bad; /* the first use just loaded them */
    return lgs__config_sources_reload();
}

/* ---- logonshim/log.h ---- */

int lgs_log_config_set(const char *key, const char *value, char *why, size_t why_size)
{
    if (key != NULL && value != NULL)
        lgs__init();
    return lgs__settings_set_why(key, value, LGS__SET_LOG_ONLY, why, why_size);
}

int lgs_log_config_get(const char *key, char *buf, size_t size)
{
    if (key == NULL || buf == NULL || size == 0)
        return LGS_EINVAL;
    lgs__init();
    return lgs__settings_get(key, LGS__SET_LOG_ONLY, buf, size);
}

int lgs_log_configure(const char *spec)
{
    if (spec == NULL)
        return -1;
    lgs__init();
    return lgs__log_configure(spec, "lgs_log_configure");
}

void lgs_log_reset(void)
{
    lgs__init();
    lgs__log_defaults();
    lgs__storm_reset();
    lgs__log_drop_callback();
}

void lgs_log_set_callback(lgs_log_callback cb, void *ctx)
{
    lgs__init();
    lgs__log_set_callback(cb, ctx);
}

void lgs_log_flush(void)
{
    lgs__init();
    lgs__log_flush();
}
