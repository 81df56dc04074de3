/* wrap.h — what every wrapper shares: one runner that puts a wrapped call
 * through the fault injector, the policy engine, the Wine-stub check and the
 * logs, and small helpers (UTF-8 copies of names, Wine detection).
 *
 * A wrapper keeps the API's own arguments and per-attempt outputs in a
 * context of its own, and gives the runner three functions: `call` makes the
 * real call once and returns its code in the API's space (0 for success; for
 * a BOOL API, GetLastError() read first thing after the call), `cleanup`
 * releases whatever a failed attempt produced, and `stub_check` says, under
 * Wine, whether a success was a stub's. Outputs reach the caller only when
 * the runner reports success. */
#ifndef LGS_WIN32_WRAP_H
#define LGS_WIN32_WRAP_H

#include <windows.h>
#include <stdint.h>

#include <stdatomic.h>

#include "apis.h"
#include "engine_internal.h"
#include "log_internal.h"

typedef struct lgs__wrap {
    lgs__api_id api;
    lgs__call_log log;             /* api name, user, domain, authority, substatus */
    uint32_t (*call)(void *ctx);   /* one real call; its code, 0 on success */
    void (*cleanup)(void *ctx);    /* after a failed real attempt; may be NULL */
    int (*stub_check)(void *ctx);  /* under Wine, after a success; may be NULL */
    void *ctx;
    DWORD last_error;              /* GetLastError() after the last attempt */
    int injected;                  /* the last attempt was an injected fault */
} lgs__wrap;

/* Starts a wrap for `api` with the given context and call function. */
void lgs__wrap_init(lgs__wrap *w, lgs__api_id api, uint32_t (*call)(void *ctx), void *ctx);

/* Runs the call; returns the final code in the API's space (0 = success; a
 * `continue` code such as SEC_I_CONTINUE_NEEDED is also a success). Leaves
 * GetLastError() as the last attempt left it. */
uint32_t lgs__wrap_run(lgs__wrap *w);

/* ---- the fast path ----
 * A first attempt that succeeds, in a process where nothing would change
 * what happens to it, goes straight to the API: no wrap is filled in, the
 * engine only counts it (lgs__fast_begin() in engine_internal.h), and since
 * nothing of ours runs after the API returns, GetLastError() is the API's
 * without being saved and restored. The runners below are inline so that a
 * wrapper's call function is inlined into it too. Any other first result is
 * handed to the full path with the attempt already made. */

/* lgs__hot.wrap_env_good: 1 once LOGONSHIM_FAULTS has been read and either
 * was good or its error has been reported (reading it comes after setting up
 * the logs). */

/* lgs__fast_begin() for a wrapper of `api`: a release call makes one attempt. */
static inline __attribute__((always_inline)) lgs__tstate *lgs__wrap_fast_begin(lgs__api_id api,
                                                                              uint64_t *start)
{
    if (!atomic_load_explicit(&lgs__hot.wrap_env_good, memory_order_acquire))
        return NULL;
    return lgs__fast_begin(start, lgs__apis[api].release);
}

/* The rest of lgs__wrap_run() after a fast first attempt that returned
 * `first` (not 0); w->last_error holds that attempt's. */
uint32_t lgs__wrap_run_after_first(lgs__wrap *w, lgs__tstate *ts, uint32_t first, uint64_t start);

/* Runs a wrapper whose context needs nothing but its call and a cleanup
 * (`release`, may be NULL):
 * points *back (the context's pointer to its wrap) at the wrap for the run
 * and clears it after, since the wrap lives only in this call. Returns the
 * final code; *injected (may be NULL) tells whether the last attempt was an
 * injected fault, whose outputs must not reach the caller. */
uint32_t lgs__wrap_ctx(lgs__api_id api, uint32_t (*call)(void *ctx), void (*release)(void *ctx),
                       void *ctx, lgs__wrap **back, int *injected);
/* lgs__wrap_ctx() after a fast first attempt that returned `first` (not 0)
 * with `last_error`. */
uint32_t lgs__wrap_ctx_after_first(lgs__api_id api, uint32_t (*call)(void *ctx),
                                   void (*release)(void *ctx), void *ctx, lgs__wrap **back,
                                   int *injected, lgs__tstate *ts, uint32_t first, uint64_t start,
                                   DWORD last_error);

/* lgs__wrap_ctx() with the fast path inline. */
static inline __attribute__((always_inline)) uint32_t
lgs__wrap_ctx_fast(lgs__api_id api, uint32_t (*call)(void *ctx), void (*release)(void *ctx), void *ctx,
                   lgs__wrap **back, int *injected)
{
    uint64_t start;
    lgs__tstate *ts = lgs__wrap_fast_begin(api, &start);
    if (ts == NULL)
        return lgs__wrap_ctx(api, call, release, ctx, back, injected);
    lgs__wrap first; /* only its last_error is used: a call that fails records it */
    first.last_error = 0;
    *back = &first;
    uint32_t code = call(ctx);
    *back = NULL;
    if (code != 0)
        return lgs__wrap_ctx_after_first(api, call, release, ctx, back, injected, ts, code, start,
                                         first.last_error);
    lgs__fast_ok(ts);
    if (injected != NULL)
        *injected = 0;
    return 0;
}

/* The context of lgs__wrap_simple(). */
typedef struct lgs__simple_ctx {
    lgs__wrap *w;
    uint32_t (*fn)(void *arg);
    void *arg;
} lgs__simple_ctx;
uint32_t lgs__wrap_simple_call(void *ctx);

/* The whole wrapper for an API with one argument and no outputs (Free*,
 * Delete*, Revert*, ...): fn(arg) makes the call and returns its code. */
static inline __attribute__((always_inline)) uint32_t lgs__wrap_simple(lgs__api_id api,
                                                                       uint32_t (*fn)(void *arg),
                                                                       void *arg)
{
    lgs__simple_ctx c = {NULL, fn, arg};
    uint64_t start;
    lgs__tstate *ts = lgs__wrap_fast_begin(api, &start);
    if (ts == NULL)
        return lgs__wrap_ctx(api, lgs__wrap_simple_call, NULL, &c, &c.w, NULL);
    uint32_t code = fn(arg);
    if (code != 0)
        return lgs__wrap_ctx_after_first(api, lgs__wrap_simple_call, NULL, &c, &c.w, NULL, ts, code,
                                         start, GetLastError());
    lgs__fast_ok(ts);
    return 0;
}

/* Records the real call's last error; call right after the API returns. A
 * call function must record it after a failure (any code but 0) and may
 * skip it after a success: the runner records a success's itself, where it
 * needs it. */
#define LGS__CAPTURE(w) ((w)->last_error = GetLastError())

/* 1 when running under Wine (ntdll exports wine_get_version). */
int lgs__under_wine(void);

/* UTF-8 copies of names for logs and the lockout guard, truncated to fit;
 * NULL in gives NULL out. */
const char *lgs__utf8_w(const wchar_t *s, char *buf, int size);
const char *lgs__utf8_a(const char *s, char *buf, int size);

#endif
