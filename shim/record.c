/* record.c — building failure records from what the engine and the wrappers
 * report, the severity rules, and the calling thread's last failure.
 *
 * Every failed attempt and every failed or recovered outcome becomes one
 * record. The thread's last failure is kept before any filtering, so
 * lgs_last_failure() answers even when no sink is configured or storm
 * control dropped the record. Account names are redacted here, the only
 * place the wrappers' user and domain strings are read.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "log_internal.h"
#include "log_sink.h"
#include "why.h"

/* The names of record kinds and severities are with the class names, in
 * classes.c. */

/* The thread's last failure, and its last failed attempt: an outcome record
 * takes N, the remaining time and (for a recovery) the code it recovered
 * from from the attempt, because lgs_outcome does not carry them. */
static _Thread_local lgs_record last_failure;
static _Thread_local int have_last_failure;
static _Thread_local lgs_record last_attempt;
static _Thread_local int have_last_attempt;

int lgs_last_failure(lgs_record *out)
{
    if (out == NULL)
        return LGS_EINVAL;
    if (!have_last_failure)
        return LGS_ENOTFOUND;
    *out = last_failure;
    return LGS_OK;
}

void lgs__record_forget(void)
{
    have_last_failure = 0;
    have_last_attempt = 0;
}

static void copy_text(char *dst, size_t size, const char *src)
{
    if (src == NULL)
        src = "";
    snprintf(dst, size, "%s", src);
}

void lgs__record_init(lgs_record *r, lgs_record_kind kind, const char *api)
{
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->severity = LGS_SEVERITY_WARNING;
    r->time_ms = lgs__utc_ms();
    r->pid = lgs__process_id();
    r->tid = lgs__thread_id();
    copy_text(r->api, sizeof r->api, api);
    r->win32 = LGS_NO_WIN32;
    r->guidance = lgs_class_guidance(LGS_CLASS_UNKNOWN);
}

static void set_code(lgs_record *r, lgs_space space, uint32_t value)
{
    const lgs_code_info *info = lgs_code_lookup(space, value);
    r->space = space;
    r->value = value;
    r->name = info != NULL ? info->name : NULL;
    int32_t w;
    r->win32 = lgs_win32_equivalent(space, value, &w) == LGS_OK ? w : LGS_NO_WIN32;
    r->cls = lgs_classify(space, value);
    r->guidance = lgs_guidance_for(space, value);
}

/* The account's domain: the call's, or else the one the user name carries
 * ("DOMAIN\\user", "user@realm"), split as the lockout guard's account key
 * splits it (keyhash.c), so that a hashed account still says which domain
 * it is in. */
static const char *account_domain(const lgs__call_log *cl, char *buf, size_t size)
{
    if (cl->domain != NULL && cl->domain[0] != '\0')
        return cl->domain;
    if (cl->user == NULL)
        return NULL;
    const char *bs = strchr(cl->user, '\\');
    const char *at = strrchr(cl->user, '@');
    if (bs != NULL)
        snprintf(buf, size, "%.*s", (int)(bs - cl->user), cl->user);
    else if (at != NULL)
        snprintf(buf, size, "%s", at + 1);
    else
        return NULL;
    return buf;
}

/* What the wrapper knows: the API name, the account (redacted), its domain,
 * the package and target, the authority, SubStatus and ProtocolStatus, the
 * last error, and the Wine stub flag. */
static void add_call(lgs_record *r, const lgs__call_log *cl, lgs__redact mode)
{
    if (cl == NULL)
        return;
    if (cl->api != NULL)
        copy_text(r->api, sizeof r->api, cl->api);
    if (cl->user != NULL && cl->user[0] != '\0')
        lgs__redact_account(mode, cl->user, cl->domain, r->user, sizeof r->user);
    char split[LGS_RECORD_TEXT_MAX];
    const char *domain = account_domain(cl, split, sizeof split);
    if (domain != NULL && domain[0] != '\0')
        lgs__redact_domain(mode, domain, r->domain, sizeof r->domain);
    copy_text(r->package, sizeof r->package, cl->package);
    if (mode != LGS__REDACT_OMIT) /* a target may carry a name: omit drops it too */
        copy_text(r->target, sizeof r->target, cl->target);
    /* The authority is what the breaker and the guard key on; it is a
     * domain name (shown as the domain is) when it is the account's. */
    const char *auth = cl->authority;
    int is_domain = auth == NULL || auth[0] == '\0' ||
                    (cl->domain != NULL && lgs__ascii_casecmp(auth, cl->domain) == 0);
    if (auth == NULL || auth[0] == '\0')
        auth = cl->domain;
    if (auth != NULL && auth[0] != '\0') {
        const char *kind = is_domain ? "domain"
                           : cl->package != NULL && strcmp(auth, cl->package) == 0 ? "package"
                           : cl->target != NULL && strcmp(auth, cl->target) == 0  ? "target"
                                                                                 : "";
        copy_text(r->authority_kind, sizeof r->authority_kind, kind);
        lgs__redact_domain(mode, auth, r->authority, sizeof r->authority);
    }
    r->has_substatus = cl->has_substatus != 0;
    r->substatus = cl->has_substatus ? cl->substatus : 0;
    r->has_protocol_status = cl->has_protocol_status != 0;
    r->protocol_status = cl->has_protocol_status ? cl->protocol_status : 0;
    r->has_last_error = cl->has_last_error != 0;
    r->last_error = cl->has_last_error ? cl->last_error : 0;
    r->wine_stub = cl->wine_stub != 0;
    if (cl->detail != NULL)
        copy_text(r->detail, sizeof r->detail, cl->detail);
}

static lgs_severity failure_severity(lgs_class cls, lgs_decision d)
{
    if (cls == LGS_CLASS_SECURITY)
        return LGS_SEVERITY_CRITICAL;
    if (d == LGS_DECISION_RETRY || d == LGS_DECISION_RECOVERED)
        return LGS_SEVERITY_WARNING;
    return LGS_SEVERITY_ERROR;
}

static int is_success_class(lgs_class cls)
{
    return cls == LGS_CLASS_OK || cls == LGS_CLASS_CONTINUE;
}

/* Correlation ids: one per logical call, from one process-wide counter. */
static atomic_uint_fast64_t next_call_id;

static uint64_t new_call_id(void)
{
    return atomic_fetch_add(&next_call_id, 1u) + 1u;
}

void lgs__log_attempt(const lgs__call_log *cl, const lgs_attempt *a)
{
    if (a == NULL)
        return;
    if (a->decision == LGS_DECISION_RECOVERED && a->waited && have_last_attempt) {
        /* The success has no record of its own: the outcome that tells it
         * takes how long the call waited for the breaker from here. */
        last_attempt.waited = 1;
        last_attempt.waited_ms = a->waited_ms;
    }
    if (is_success_class(a->cls) || a->decision == LGS_DECISION_OK ||
        a->decision == LGS_DECISION_RECOVERED)
        return;
    lgs__log_settings s;
    lgs__log_settings_fast(&s);
    /* The first failed attempt of a call starts it: the outcome closes it. */
    uint64_t id = have_last_attempt ? last_attempt.call_id : new_call_id();
    lgs_record r;
    lgs__record_init(&r, LGS_RECORD_ATTEMPT, a->api);
    set_code(&r, a->space, a->value);
    r.cls = a->cls; /* the engine's class is the one it acted on */
    r.call_id = id;
    /* "attempt n" counts calls to the API; a fail-fast made none, and the
     * calls before it are its attempts. */
    r.failed_fast = !a->reached_api;
    r.attempts = a->reached_api ? a->attempt : (a->attempt > 0 ? a->attempt - 1 : 0);
    r.attempt = a->reached_api ? a->attempt : 0;
    /* The ceiling shown is the one that applies now: only a retry has one. */
    r.max_attempts = a->decision == LGS_DECISION_RETRY ? a->max_attempts : 0;
    r.decision = a->decision;
    r.delay_ms = a->delay_ms;
    r.elapsed_ms = a->elapsed_ms;
    r.remaining_ms = a->remaining_ms;
    r.has_next_probe = a->has_next_probe != 0;
    r.next_probe_ms = a->has_next_probe ? a->next_probe_ms : 0;
    r.has_lockout = a->has_lockout != 0;
    r.lockout_lift_ms = a->has_lockout ? a->lockout_lift_ms : 0;
    r.lockout_failures = a->has_lockout ? a->lockout_failures : 0;
    r.waited = a->waited != 0;
    r.waited_ms = a->waited ? a->waited_ms : 0;
    add_call(&r, cl, s.redact);
    r.severity = failure_severity(r.cls, r.decision);
    last_failure = r;
    have_last_failure = 1;
    last_attempt = r;
    have_last_attempt = 1;
    /* By default a call's last attempt is told by its outcome: only the
     * attempts that were retried have records of their own. */
    if (s.records == LGS__RECORDS_OUTCOMES && a->decision != LGS_DECISION_RETRY)
        return;
    lgs__log_emit(&r);
}

void lgs__log_outcome(const lgs__call_log *cl, const lgs_outcome *o)
{
    if (o == NULL || o->decision == LGS_DECISION_OK)
        return;
    lgs__log_settings s;
    lgs__log_settings_fast(&s);
    const char *api = cl != NULL && cl->api != NULL ? cl->api : NULL;
    int same = have_last_attempt && (api == NULL || strcmp(api, last_attempt.api) == 0);
    lgs_record r;
    lgs__record_init(&r, LGS_RECORD_OUTCOME, same ? last_attempt.api : api);
    if (o->decision == LGS_DECISION_RECOVERED && same) {
        /* A recovery reports what it recovered from. */
        set_code(&r, last_attempt.space, last_attempt.value);
        r.cls = last_attempt.cls;
    } else {
        set_code(&r, o->space, o->value);
        r.cls = o->cls;
    }
    r.decision = o->decision;
    r.attempts = o->attempts;
    /* The outcome tells the last attempt: its number, 0 after a fail-fast. */
    r.failed_fast = o->decision == LGS_DECISION_BREAKER_OPEN || o->decision == LGS_DECISION_LOCKOUT_GUARD;
    r.attempt = r.failed_fast ? 0 : o->attempts;
    r.elapsed_ms = o->elapsed_ms;
    r.call_id = same ? last_attempt.call_id : new_call_id();
    if (same) {
        r.remaining_ms = last_attempt.remaining_ms;
        /* A recovery has no next probe to wait for: the authority answered. */
        r.has_next_probe = o->decision != LGS_DECISION_RECOVERED && last_attempt.has_next_probe;
        r.next_probe_ms = r.has_next_probe ? last_attempt.next_probe_ms : 0;
        r.has_lockout = last_attempt.has_lockout;
        r.lockout_lift_ms = last_attempt.lockout_lift_ms;
        r.lockout_failures = last_attempt.lockout_failures;
        r.waited = last_attempt.waited;
        r.waited_ms = last_attempt.waited_ms;
    }
    add_call(&r, cl, s.redact);
    r.severity = failure_severity(r.cls, r.decision);
    if (o->decision != LGS_DECISION_RECOVERED) {
        last_failure = r;
        have_last_failure = 1;
    }
    have_last_attempt = 0;
    if (s.records == LGS__RECORDS_ATTEMPTS)
        return;
    lgs__log_emit(&r);
}

void lgs__log_wine_stub(const char *api, const char *why)
{
    lgs_record r;
    lgs__record_init(&r, LGS_RECORD_WINE_STUB, api);
    r.wine_stub = 1;
    r.cls = LGS_CLASS_OK;
    r.guidance = lgs_class_guidance(LGS_CLASS_OK);
    r.decision = LGS_DECISION_OK;
    copy_text(r.detail, sizeof r.detail, why);
    lgs__log_emit(&r);
}

void lgs__log_setting(const char *setting, const char *value, const char *why)
{
    lgs_record r;
    lgs__record_init(&r, LGS_RECORD_SETTING, "");
    r.cls = LGS_CLASS_CONFIG;
    r.guidance = lgs_class_guidance(LGS_CLASS_CONFIG);
    r.decision = LGS_DECISION_OK;
    lgs__say(r.detail, sizeof r.detail, setting != NULL ? setting : "?", value,
             why != NULL ? why : "refused");
    lgs__log_emit(&r);
}
