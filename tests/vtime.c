/* vtime.c — the virtual-time fixture of the engine suites (see vtime.h). */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "vtime.h"

static atomic_uint_fast64_t clock_now;

unsigned vt_sleep_count;
uint64_t vt_sleeps[VT_MAX];
unsigned vt_wait_count;
unsigned vt_wait_attempt[VT_MAX];
uint64_t vt_wait_delay[VT_MAX];
uint64_t vt_wait_remaining[VT_MAX];

uint64_t vt_now(void)
{
    return (uint64_t)atomic_load(&clock_now);
}

void vt_advance(uint64_t ms)
{
    atomic_fetch_add(&clock_now, ms);
}

static uint64_t hook_clock(void *user)
{
    (void)user;
    return vt_now();
}

/* The engine calls the hooks from every thread that makes calls (the
 * engine_threads suite): the recording is serialised (ThreadSanitizer found
 * the counters racing). Tests read them once the threads are joined. */
static atomic_flag record_lock = ATOMIC_FLAG_INIT;

static void record_begin(void)
{
    while (atomic_flag_test_and_set_explicit(&record_lock, memory_order_acquire))
        ;
}

static void record_end(void)
{
    atomic_flag_clear_explicit(&record_lock, memory_order_release);
}

static void hook_sleep(void *user, uint64_t ms)
{
    (void)user;
    record_begin();
    if (vt_sleep_count < VT_MAX)
        vt_sleeps[vt_sleep_count] = ms;
    vt_sleep_count++;
    record_end();
    vt_advance(ms);
}

static void hook_wait(void *user, unsigned attempt, uint64_t delay, uint64_t remaining)
{
    (void)user;
    record_begin();
    if (vt_wait_count < VT_MAX) {
        vt_wait_attempt[vt_wait_count] = attempt;
        vt_wait_delay[vt_wait_count] = delay;
        vt_wait_remaining[vt_wait_count] = remaining;
    }
    vt_wait_count++;
    record_end();
}

void vt_setup(uint64_t start, uint64_t seed)
{
    lgs_config_reset();
    lgs_engine_reset_state();
    atomic_store(&clock_now, start);
    vt_sleep_count = 0;
    vt_wait_count = 0;
    lgs_hooks h;
    vt_fill_hooks(&h);
    lgs_engine_set_hooks(&h);
    lgs_engine_seed(seed);
}

void vt_fill_hooks(lgs_hooks *h)
{
    memset(h, 0, sizeof *h);
    h->clock_ms = hook_clock;
    h->sleep_ms = hook_sleep;
    h->wait = hook_wait;
}

int vt_teardown(void)
{
    lgs_engine_set_hooks(NULL);
    lgs_config_reset();
    lgs_engine_reset_state();
    return 0;
}

void vt_script_push(vt_script *s, lgs_status_code c)
{
    if (s->count < VT_MAX)
        s->codes[s->count++] = c;
}

void vt_script_repeat(vt_script *s, lgs_status_code c, unsigned n)
{
    memset(s, 0, sizeof *s);
    for (unsigned i = 0; i < n; i++)
        vt_script_push(s, c);
}

static lgs_status_code script_attempt(void *ctx)
{
    vt_script *s = ctx;
    unsigned i = s->calls < s->count ? s->calls : s->count - 1;
    if (s->calls < VT_MAX)
        s->call_at[s->calls] = vt_now();
    s->calls++;
    vt_advance(s->cost_ms);
    return s->codes[i];
}

static void script_cleanup(void *ctx, const lgs_attempt *a)
{
    vt_script *s = ctx;
    (void)a;
    s->cleanups++;
}

static void script_observer(void *ctx, const lgs_attempt *a)
{
    vt_script *s = ctx;
    if (s->observed < VT_MAX)
        s->decisions[s->observed] = a->decision;
    s->observed++;
}

lgs_call vt_call(vt_script *s, const char *api, const char *authority)
{
    lgs_call c;
    memset(&c, 0, sizeof c);
    c.api = api;
    c.authority = authority;
    c.attempt = script_attempt;
    c.cleanup = script_cleanup;
    c.observer = script_observer;
    c.ctx = s;
    return c;
}

lgs_outcome vt_run(const lgs_call *call)
{
    lgs_outcome out;
    memset(&out, 0, sizeof out);
    CU_ASSERT_EQUAL_FATAL(lgs_engine_run(call, &out), LGS_OK);
    return out;
}

lgs_status_code vt_code_of(lgs_class cls)
{
    lgs_status_code c = {LGS_SPACE_WIN32, 0};
    if (cls == LGS_CLASS_UNKNOWN) {
        c.value = 0xFFFE; /* not a Win32 code the catalogue knows */
        return c;
    }
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        if (r->cls == cls) {
            c.space = r->space;
            c.value = r->value;
            return c;
        }
    }
    CU_FAIL("no catalogue code of the class");
    return c;
}

uint32_t vt_code_in(lgs_space space, lgs_class cls)
{
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        if (r->space == space && r->cls == cls && r->value != 0)
            return r->value;
    }
    return 0;
}

lgs_status_code vt_win32(uint32_t v)
{
    lgs_status_code c = {LGS_SPACE_WIN32, v};
    return c;
}

void vt_set(const char *key, const char *value)
{
    char why[256];
    int rc = lgs_config_set(key, value, why, sizeof why);
    if (rc != LGS_OK)
        fprintf(stderr, "lgs_config_set refused: %s\n", why);
    CU_ASSERT_EQUAL_FATAL(rc, LGS_OK);
}
