/* logtest.c — the log suites' fixture (see logtest.h). */
#include <string.h>

#include <CUnit/CUnit.h>

#include "log_internal.h"
#include "logtest.h"

lgs_record lt_records[LT_MAX];
unsigned lt_count;

static void keep(void *ctx, const lgs_record *r)
{
    (void)ctx;
    if (lt_count < LT_MAX)
        lt_records[lt_count] = *r;
    lt_count++;
}

void lt_setup(void)
{
    vt_setup(1000, 42);
    lgs_log_reset();
    (void)lgs_log_config_set("log.sinks", "none", NULL, 0);
    lgs_log_set_callback(keep, NULL);
    lt_count = 0;
}

void lt_setup_all(void)
{
    lt_setup();
    (void)lgs_log_config_set("log.records", "all", NULL, 0);
}

void lt_teardown(void)
{
    lgs_log_reset();
    lgs_log_config_set("log.sinks", "none", NULL, 0);
}

int lt_suite_setup(void)
{
    lt_setup();
    return 0;
}

int lt_suite_teardown(void)
{
    lt_teardown();
    return vt_teardown();
}

typedef struct lt_ctx {
    vt_script *script;
    lgs_status_code (*attempt)(void *ctx);
    lgs__call_log log;
} lt_ctx;

static void observe(void *ctx, const lgs_attempt *a)
{
    lt_ctx *c = ctx;
    lgs__log_attempt(&c->log, a);
}

static lgs_status_code attempt(void *ctx)
{
    lt_ctx *c = ctx;
    return c->attempt(c->script);
}

lgs_outcome lt_run(vt_script *s, const char *api, const char *user, const char *domain)
{
    lgs_call call = vt_call(s, api, domain);
    lt_ctx c;
    memset(&c, 0, sizeof c);
    c.script = s;
    c.attempt = call.attempt;
    c.log.api = api;
    c.log.user = user;
    c.log.domain = domain;
    call.user = user;
    call.domain = domain;
    call.attempt = attempt;
    call.observer = observe;
    call.cleanup = NULL;
    call.ctx = &c;
    lgs_outcome o = vt_run(&call);
    lgs__log_outcome(&c.log, &o);
    return o;
}
