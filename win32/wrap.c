/* wrap.c — the runner every wrapper goes through (see wrap.h): the fault
 * injector in front of the real call, the policy engine around it, the Wine
 * stub check after a success, and the records for the logs.
 *
 * LOGONSHIM_FAULTS is read once, at the first wrapped call. A bad spec makes
 * that first call fail with the space's "invalid parameter" code and logs
 * why; it is never ignored silently. */
#include <stdatomic.h>
#include <stdlib.h>

#include "catalogue_internal.h"
#include "fastpath.h"
#include "faults_internal.h"
#include "init.h"
#include "hot.h"
#include "log_sink.h"
#include "logonshim/engine.h"
#include "logonshim/faults.h"
#include "wrap.h"

/* One code per space, from the catalogue. Functions, not tables: the
 * catalogue's values are constant objects, which C does not accept in a
 * static initializer (gcc folds them; clang refuses). */
static uint32_t by_space(lgs_space space, lgs_status_code win32, lgs_status_code ntstatus,
                         lgs_status_code security)
{
    return space == LGS_SPACE_WIN32 ? win32.value : space == LGS_SPACE_NTSTATUS ? ntstatus.value : security.value;
}

/* Each space's "invalid parameter" code. */
static uint32_t invalid_parameter(lgs_space space)
{
    return by_space(space, LGS__CODE(ERROR_INVALID_PARAMETER), LGS__CODE(STATUS_INVALID_PARAMETER),
                    LGS__CODE(SEC_E_INVALID_PARAMETER));
}

/* Each space's "logon failure" code, for a lockout guard refusal. */
static uint32_t logon_failure(lgs_space space)
{
    return by_space(space, LGS__CODE(ERROR_LOGON_FAILURE), LGS__CODE(STATUS_LOGON_FAILURE),
                    LGS__CODE(SEC_E_LOGON_DENIED));
}

enum { ENV_UNREAD = 0, ENV_READING, ENV_GOOD, ENV_BAD, ENV_REPORTED };
static atomic_int env_state;

/* Reads LOGONSHIM_FAULTS once. Returns 1 for the one call that must fail
 * because the spec was bad. */
static int env_faults_rejected(void)
{
    int s = atomic_load(&env_state);
    if (s == ENV_GOOD || s == ENV_REPORTED)
        return 0;
    int expected = ENV_UNREAD;
    if (atomic_compare_exchange_strong(&env_state, &expected, ENV_READING)) {
        char spec[4096], why[256];
        DWORD n = GetEnvironmentVariableA("LOGONSHIM_FAULTS", spec, sizeof spec);
        int bad = 0;
        if (n >= sizeof spec) {
            lgs__log_setting("LOGONSHIM_FAULTS", "(too long)", "longer than 4095 characters");
            bad = 1;
        } else if (n > 0 && lgs_faults_set(spec, why, sizeof why) != LGS_OK) {
            lgs__log_setting("LOGONSHIM_FAULTS", spec, why);
            bad = 1;
        }
        atomic_store(&env_state, bad ? ENV_BAD : ENV_GOOD);
        if (!bad)
            atomic_store_explicit(&lgs__hot.wrap_env_good, 1, memory_order_release);
    }
    while ((s = atomic_load(&env_state)) == ENV_READING)
        Sleep(0);
    expected = ENV_BAD;
    if (s == ENV_BAD && atomic_compare_exchange_strong(&env_state, &expected, ENV_REPORTED)) {
        /* Reported once; the calls after it run as usual. */
        atomic_store_explicit(&lgs__hot.wrap_env_good, 1, memory_order_release);
        return 1;
    }
    return 0;
}

static lgs_status_code attempt(void *p)
{
    lgs__wrap *w = p;
    lgs_space space = lgs__apis[w->api].space;
    uint32_t code;
    w->injected = lgs__fault_next(w->api, &code);
    if (w->injected) {
        if (space == LGS_SPACE_WIN32)
            w->last_error = code;
    } else {
        if (w->have_entry_error)
            SetLastError(w->entry_error);
        code = w->call(w->ctx);
        if (code == 0) /* a call function need only record a failure's */
            w->last_error = GetLastError();
    }
    return (lgs_status_code){space, code};
}

static void cleanup(void *p, const lgs_attempt *a)
{
    lgs__wrap *w = p;
    /* Only an attempt that is retried is released: the last one's outputs
     * are the caller's, as the API left them (it is the caller's to release
     * what a failed call produced, as it would be without the shim). */
    if (a->decision == LGS_DECISION_RETRY && !w->injected && w->cleanup != NULL)
        w->cleanup(w->ctx);
}

static void observe(void *p, const lgs_attempt *a)
{
    const lgs__wrap *w = p;
    /* The last error this attempt left: an injected fault's for a BOOL
     * API, the real call's otherwise (a fail-fast leaves the one before). */
    lgs__call_log cl = w->log;
    cl.has_last_error = 1;
    cl.last_error = w->last_error;
    lgs__log_attempt(&cl, a);
}

void lgs__wrap_init(lgs__wrap *w, lgs__api_id api, uint32_t (*call)(void *ctx), void *ctx)
{
    *w = (lgs__wrap){.api = api, .call = call, .ctx = ctx};
    w->log.api = lgs__apis[api].name;
}

static atomic_int stub_warned[LGS_API_ID_COUNT_];

/* The engine's part of a run, and what follows it. With f non-NULL, the
 * first attempt was made already by the fast path and returned `first`;
 * with f NULL the engine makes every attempt (see lgs__wrap_run()). */
uint32_t lgs__wrap_run_after_first(lgs__wrap *w, const lgs__fast *f, uint32_t first)
{
    lgs_space space = lgs__apis[w->api].space;
    lgs_call call = {
        .api = lgs__apis[w->api].family,
        .authority = w->log.authority,
        .user = w->log.user,
        .domain = w->log.domain,
        .attempt = attempt,
        .cleanup = cleanup,
        .observer = observe,
        .ctx = w,
        .max_attempts = lgs__apis[w->api].release || w->once ? 1u : 0u,
    };
    lgs_outcome out;
    /* The observer logs failures only: spare it the successes. */
    int rc = f != NULL ? lgs__engine_run_after_first(&call, &out, LGS__RUN_FAILURES_TO_OBSERVER, f,
                                                     (lgs_status_code){space, first})
                       : lgs__engine_run(&call, &out, LGS__RUN_FAILURES_TO_OBSERVER);
    if (rc != LGS_OK) {
        /* Only reachable through a bug in a wrapper (a NULL field). */
        SetLastError(w->last_error);
        return lgs__wrap_refused(invalid_parameter(space));
    }
    /* A fail-fast's last "attempt" never reached the API: like an injected
     * fault, it leaves the caller's outputs alone. */
    if (out.decision == LGS_DECISION_BREAKER_OPEN || out.decision == LGS_DECISION_LOCKOUT_GUARD)
        w->injected = 1;
    int success = out.cls == LGS_CLASS_OK || out.cls == LGS_CLASS_CONTINUE;
    /* The lockout guard keys accounts across APIs: a failure it replays may
     * come from another code space (a LogonUser 1326 for an LsaLogonUser,
     * where it would read as a success NTSTATUS). Restate it as this API's
     * logon failure. */
    if (out.decision == LGS_DECISION_LOCKOUT_GUARD && out.space != space) {
        out.space = space;
        out.value = logon_failure(space);
        out.cls = LGS_CLASS_CREDENTIALS;
    }
    /* A fail-fast (breaker, lockout guard) made no attempt: the replayed code
     * is what the caller sees, for a BOOL API through GetLastError(). */
    if (!success && space == LGS_SPACE_WIN32)
        w->last_error = out.value;
    if (success && !w->injected && w->stub_check != NULL && lgs__under_wine() && w->stub_check(w->ctx)) {
        w->log.wine_stub = 1;
        if (atomic_exchange(&stub_warned[w->api], 1) == 0)
            lgs__log_wine_stub(w->log.api, "Wine implements this API as a stub: it reported success "
                                           "without doing the work (the token or outputs it returned "
                                           "are not usable). The result is passed on unchanged.");
    }
    w->log.has_last_error = 1;
    w->log.last_error = w->last_error; /* what the caller's GetLastError() will show */
    lgs__log_outcome(&w->log, &out);
    SetLastError(w->last_error);
    return out.value;
}

uint32_t lgs__wrap_refused(uint32_t code)
{
    /* A thread-local access may go through TlsGetValue, which clears the
     * last error: keep the caller's. */
    DWORD saved = GetLastError();
    lgs__record_forget();
    SetLastError(saved);
    return code;
}

uint32_t lgs__wrap_run(lgs__wrap *w)
{
    /* The common case: the first attempt, straight to the API, succeeds.
     * A success a stub may have faked needs the full path's check. The call
     * function records a failure's last error in w itself. */
    /* A call naming an account goes to the lockout guard's admission first. */
    DWORD entry = GetLastError();
    w->entry_error = entry;
    w->have_entry_error = 1;
    if (w->stub_check == NULL && (w->log.user == NULL || w->log.user[0] == '\0')) {
        lgs__fast f;
        uint32_t code;
        lgs__fast_result fr = lgs__wrap_fast(&f, w->api, w->once, w->call, w->ctx, &code);
        if (fr == LGS__FAST_OK)
            return 0;
        if (fr == LGS__FAST_FAILED)
            return lgs__wrap_run_after_first(w, &f, code);
    }
    w->last_error = entry;
    /* The configuration sources and LOGONSHIM_LOG load at the first call. */
    lgs__init();
    lgs_space space = lgs__apis[w->api].space;
    if (env_faults_rejected()) {
        uint32_t code = invalid_parameter(space);
        if (space == LGS_SPACE_WIN32)
            w->last_error = code;
        /* No attempt reached the API: like an injected fault, it leaves the
         * caller's outputs as they were. */
        w->injected = 1;
        SetLastError(w->last_error);
        /* The log has the setting's record; the slot has no failure of this call. */
        return lgs__wrap_refused(code);
    }
    return lgs__wrap_run_after_first(w, NULL, 0);
}

uint32_t lgs__wrap_run_account(lgs__wrap *w, lgs__name *user, lgs__name *domain, const lgs__outs *outs)
{
    if (w->log.authority == NULL)
        w->log.authority = w->log.domain;
    uint32_t code = lgs__wrap_run(w);
    lgs__name_free(user);
    lgs__name_free(domain);
    if (!w->injected)
        lgs__outs_store(outs);
    return code;
}

uint32_t lgs__wrap_ctx(lgs__api_id api, uint32_t (*call)(void *ctx), void (*release)(void *ctx),
                       void *ctx, lgs__wrap **back, int *injected)
{
    lgs__wrap w;
    lgs__wrap_init(&w, api, call, ctx);
    w.cleanup = release;
    *back = &w;
    uint32_t code = lgs__wrap_run(&w);
    *back = NULL; /* w ends with this function */
    if (injected != NULL)
        *injected = w.injected;
    return code;
}

uint32_t lgs__wrap_ctx_after_first(lgs__api_id api, uint32_t (*call)(void *ctx),
                                   void (*release)(void *ctx), void *ctx, lgs__wrap **back,
                                   int *injected, const lgs__fast *f, uint32_t first,
                                   DWORD last_error, DWORD entry_error)
{
    lgs__wrap w;
    lgs__wrap_init(&w, api, call, ctx);
    w.cleanup = release;
    w.last_error = last_error;
    w.entry_error = entry_error;
    w.have_entry_error = 1;
    *back = &w;
    uint32_t code = lgs__wrap_run_after_first(&w, f, first);
    *back = NULL;
    if (injected != NULL)
        *injected = w.injected;
    return code;
}

int lgs__under_wine(void)
{
    static atomic_int cached; /* 0 unknown, 1 no, 2 yes */
    int v = atomic_load(&cached);
    if (v == 0) {
        HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
        v = ntdll != NULL && GetProcAddress(ntdll, "wine_get_version") != NULL ? 2 : 1;
        atomic_store(&cached, v);
    }
    return v == 2;
}

const char *lgs__utf8_w(const wchar_t *s, char *buf, int size)
{
    if (s == NULL)
        return NULL;
    int n = WideCharToMultiByte(CP_UTF8, 0, s, -1, buf, size, NULL, NULL);
    if (n == 0) /* too long: keep what fits */
        buf[size - 1] = '\0';
    return buf;
}

const char *lgs__utf8_a(const char *s, char *buf, int size)
{
    if (s == NULL)
        return NULL;
    wchar_t wide[256];
    if (MultiByteToWideChar(CP_ACP, 0, s, -1, wide, 256) == 0)
        wide[255] = L'\0';
    return lgs__utf8_w(wide, buf, size);
}

/* The size is asked for first, so that a long name neither fails with
 * ERROR_INSUFFICIENT_BUFFER (which would leave 0x7A as the thread's last
 * error) nor is cut: two accounts sharing a prefix must not share a guard. */
const char *lgs__name_w(lgs__name *n, const wchar_t *s, int chars)
{
    n->heap = NULL;
    if (s == NULL || chars == 0 || (chars < 0 && s[0] == L'\0'))
        return NULL;
    DWORD saved = GetLastError();
    const char *out = NULL;
    int need = WideCharToMultiByte(CP_UTF8, 0, s, chars, NULL, 0, NULL, NULL);
    if (need > 0) {
        char *buf = n->stack;
        if ((size_t)need + 1 > sizeof n->stack)
            buf = n->heap = malloc((size_t)need + 1);
        if (buf != NULL) {
            int k = WideCharToMultiByte(CP_UTF8, 0, s, chars, buf, need, NULL, NULL);
            buf[k > 0 ? k : 0] = '\0';
            if (k > 0 && buf[0] != '\0')
                out = buf;
        }
    }
    SetLastError(saved);
    return out;
}

const char *lgs__name_a(lgs__name *n, const char *s, int chars)
{
    n->heap = NULL;
    if (s == NULL || chars == 0 || (chars < 0 && s[0] == '\0'))
        return NULL;
    DWORD saved = GetLastError();
    const char *out = NULL;
    int need = MultiByteToWideChar(CP_ACP, 0, s, chars, NULL, 0);
    wchar_t *wide = need > 0 ? malloc(((size_t)need + 1) * sizeof *wide) : NULL;
    if (wide != NULL) {
        int k = MultiByteToWideChar(CP_ACP, 0, s, chars, wide, need);
        wide[k > 0 ? k : 0] = L'\0';
        out = k > 0 ? lgs__name_w(n, wide, k) : NULL;
        free(wide);
    }
    SetLastError(saved);
    return out;
}

void lgs__name_free(lgs__name *n)
{
    free(n->heap);
    n->heap = NULL;
}
