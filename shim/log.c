/* log.c — the dispatcher: every record passes the level, then storm control,
 * then goes to the callback and to the sinks that are on.
 *
 * Records a sink causes while it writes (a callback that calls a wrapper,
 * say) are dropped: a thread-local flag marks a thread that is inside the
 * dispatcher, so logging can never recurse. The callback is called with its
 * own lock held, which is what lets lgs_log_set_callback() promise that the
 * previous callback is not running once it returns.
 */
#include <stddef.h>

#include "engine_internal.h"
#include "log_sink.h"
#include "spinlock.h"

static _Thread_local int in_dispatch;
static _Thread_local int in_callback;

static lgs__spinlock callback_lock = LGS__SPINLOCK_INIT;
static lgs_log_callback callback;
static void *callback_ctx;

void lgs__log_set_callback(lgs_log_callback cb, void *ctx)
{
    if (in_callback) {
        /* Called from the callback itself: this thread holds the lock. */
        callback = cb;
        callback_ctx = ctx;
        return;
    }
    lgs__spin_lock(&callback_lock);
    callback = cb;
    callback_ctx = ctx;
    lgs__spin_unlock(&callback_lock);
}

static void deliver(const lgs_record *r, const lgs__log_settings *s)
{
    if (r->severity < s->level)
        return;
    lgs__spin_lock(&callback_lock);
    if (callback != NULL) {
        in_callback = 1;
        callback(callback_ctx, r);
        in_callback = 0;
    }
    lgs__spin_unlock(&callback_lock);
    if (s->sinks != 0)
        lgs__sinks_write(r, s->sinks);
}

static uint64_t monotonic_now(void)
{
    lgs_hooks h;
    lgs__hooks_snapshot(&h);
    return h.clock_ms(h.user);
}

#define SUMMARY_BATCH 4

void lgs__log_emit(const lgs_record *r)
{
    if (in_dispatch)
        return;
    in_dispatch = 1;
    lgs__log_settings s;
    lgs__log_settings_fast(&s);
    if (s.storm_limit == 0) {
        deliver(r, &s);
        in_dispatch = 0;
        return;
    }
    uint64_t now = monotonic_now();
    /* Runs whose interval has ended report before this record is counted. */
    lgs_record pending[SUMMARY_BATCH];
    size_t n = lgs__storm_summaries(pending, SUMMARY_BATCH, s.storm_interval_ms, now, 0);
    for (size_t i = 0; i < n; i++)
        deliver(&pending[i], &s);
    if (r->severity >= s.level) {
        int evicted = 0;
        int pass = lgs__storm_admit(r, s.storm_limit, s.storm_interval_ms, now, &pending[0],
                                    &evicted);
        if (evicted)
            deliver(&pending[0], &s);
        if (pass)
            deliver(r, &s);
    }
    in_dispatch = 0;
}

void lgs__log_flush(void)
{
    if (in_dispatch)
        return;
    in_dispatch = 1;
    lgs__log_settings s;
    lgs__log_settings_fast(&s);
    uint64_t now = monotonic_now();
    lgs_record pending[SUMMARY_BATCH];
    size_t n;
    while ((n = lgs__storm_summaries(pending, SUMMARY_BATCH, s.storm_interval_ms, now, 1)) > 0) {
        for (size_t i = 0; i < n; i++)
            deliver(&pending[i], &s);
    }
    in_dispatch = 0;
}

void lgs__log_drop_callback(void)
{
    lgs__spin_lock(&callback_lock);
    callback = NULL;
    callback_ctx = NULL;
    lgs__spin_unlock(&callback_lock);
}
