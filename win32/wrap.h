/* wrap.h — what every wrapper shares: one runner that puts a wrapped call
 * through the fault injector, the policy engine, the Wine-stub check and the
 * logs, and small helpers (UTF-8 copies of names, Wine detection).
 *
 * A wrapper keeps the API's own arguments and per-attempt outputs in a
 * context of its own, and gives the runner three functions: `call` makes the
 * real call once and returns its code in the API's space (0 for success; for
 * a BOOL API, GetLastError() read first thing after the call), `cleanup`
 * releases whatever a failed attempt produced, and `stub_check` says, under
 * Wine, whether a success was a stub's.
 *
 * Outputs follow the API's own contract, not one of ours: the caller's
 * outputs hold exactly what the last attempt's call left in them, on
 * success and on failure alike. A wrapper lists its outputs (lgs__outs):
 * before each attempt the private copies are loaded from the caller's
 * current values, the API gets a private copy where the caller gave a
 * pointer and NULL where the caller gave NULL, and after the run every
 * output is copied back if the last attempt reached the API. Where the API
 * wrote nothing, the copy back writes the caller's own value again. */
#ifndef LGS_WIN32_WRAP_H
#define LGS_WIN32_WRAP_H

#include <windows.h>
#include <stdint.h>

#include "apis.h"
#include "fastpath.h"
#include "log_internal.h"

/* The outputs of one wrapped call, at most LGS__MAX_OUTS of them. */
enum { LGS__MAX_OUTS = 8 };
typedef struct lgs__outs {
    struct {
        void *caller;  /* the caller's pointer; NULL when the caller passed NULL */
        void *priv;    /* the wrapper's copy, which the API writes */
        size_t size;
    } o[LGS__MAX_OUTS];
    int n;
} lgs__outs;

/* Adds an output and returns what to pass to the API in its place: the
 * private copy, or NULL where the caller passed NULL (so that the API's own
 * NULL checks run). */
static inline void *lgs__out(lgs__outs *s, void *caller, void *priv, size_t size)
{
    s->o[s->n].caller = caller;
    s->o[s->n].priv = priv;
    s->o[s->n].size = size;
    s->n++;
    return caller != NULL ? priv : NULL;
}

/* Before each attempt: the private copies start as the caller's values, so
 * that an output the API leaves alone comes back unchanged. */
static inline void lgs__outs_load(const lgs__outs *s)
{
    for (int i = 0; i < s->n; i++)
        if (s->o[i].caller != NULL)
            __builtin_memcpy(s->o[i].priv, s->o[i].caller, s->o[i].size);
}

/* After the run, when the last attempt reached the API: every output as
 * that attempt left it, whatever its result. */
static inline void lgs__outs_store(const lgs__outs *s)
{
    for (int i = 0; i < s->n; i++)
        if (s->o[i].caller != NULL)
            __builtin_memcpy(s->o[i].caller, s->o[i].priv, s->o[i].size);
}

/* For a cleanup: whether the attempt wrote output i (it differs from the
 * caller's value it started from). An attempt's handle that happens to
 * equal the caller's old value is taken for the caller's and not released:
 * releasing the caller's own handle would be worse than that rare leak. */
static inline int lgs__out_written(const lgs__outs *s, int i)
{
    return s->o[i].caller != NULL && __builtin_memcmp(s->o[i].priv, s->o[i].caller, s->o[i].size) != 0;
}

typedef struct lgs__wrap {
    lgs__api_id api;
    lgs__call_log log;             /* api name, user, domain, authority, substatus */
    uint32_t (*call)(void *ctx);   /* one real call; its code, 0 on success */
    void (*cleanup)(void *ctx);    /* after a failed real attempt; may be NULL */
    int (*stub_check)(void *ctx);  /* under Wine, after a success; may be NULL */
    void *ctx;
    DWORD last_error;              /* GetLastError() after the last attempt */
    DWORD entry_error;             /* GetLastError() as the caller left it, when known */
    int have_entry_error;          /* set before every real attempt, so that what the
                                      library did before it (first-use configuration,
                                      an earlier attempt) cannot show through an API
                                      that leaves the last error alone */
    int injected;                  /* the last attempt did not reach the API: an injected
                                      fault or a fail-fast (breaker, lockout guard); the
                                      caller's outputs must stay as they are */
    int once;                      /* make one attempt whatever the class (a call whose
                                      input the API consumes, e.g. a handshake continuation) */
} lgs__wrap;

/* Runs w for a call that names an account: w->log.user and w->log.domain
 * come from *user and *domain (lgs__name_w/_a), which are released after
 * the run; the domain is the authority unless one is set. The outputs are
 * copied back unless the last attempt never reached the API. Returns the
 * final code. */
typedef struct lgs__name lgs__name;
uint32_t lgs__wrap_run_account(lgs__wrap *w, lgs__name *user, lgs__name *domain, const lgs__outs *outs);

/* Starts a wrap for `api` with the given context and call function. */
void lgs__wrap_init(lgs__wrap *w, lgs__api_id api, uint32_t (*call)(void *ctx), void *ctx);

/* Runs the call; returns the final code in the API's space (0 = success; a
 * `continue` code such as SEC_I_CONTINUE_NEEDED is also a success). Leaves
 * GetLastError() as the last attempt left it. */
uint32_t lgs__wrap_run(lgs__wrap *w);

/* A wrapped call refused before any attempt (a NULL the API would crash on)
 * returns code through this: it makes no record, so it empties the thread's
 * last-failure slot rather than leave an earlier call's there. */
uint32_t lgs__wrap_refused(uint32_t code);

/* Records the real call's last error; call right after the API returns. A
 * call function must record it after a failure (any code but 0) and may
 * skip it after a success: the runner records a success's itself, where it
 * needs it. */
#define LGS__CAPTURE(w) ((w)->last_error = GetLastError())

/* ---- the fast path ----
 * A first attempt that succeeds, in a process where nothing would change
 * what happens to it, goes straight to the API through the engine's one
 * runner, lgs__fast_run() in fastpath.h: no wrap is filled in, and since
 * nothing of ours runs after the API returns, GetLastError() is the API's
 * without being saved and restored. The functions below are inline so that
 * a wrapper's call function is inlined into the runner too. Any other first
 * result is handed to the full path with the attempt already made. */

/* A wrapper's first attempt as the runner makes it: the call function with
 * the API's code space put around its result. The call function and its
 * context reach the runner as values (never loaded back from a context
 * whose address has escaped), so the compiler can inline the call. */
typedef struct lgs__wrap_first {
    uint32_t (*call)(void *ctx);
    void *ctx;
    lgs_space space;
} lgs__wrap_first;

static inline __attribute__((always_inline)) lgs_status_code lgs__wrap_first_attempt(void *p)
{
    const lgs__wrap_first *a = p;
    return (lgs_status_code){a->space, a->call(a->ctx)};
}

/* The thread's last error as GetLastError() reads it, from the TEB's
 * LastErrorValue (offset 0x68 on x64, 0x34 on x86, in Windows' TEB and in
 * Wine's alike; tests/win/test_retry_last_error.c checks it against
 * GetLastError()), inline: the fast path pays a load for it, not a call
 * into kernel32. The clobber keeps it where it is written, before the
 * API's call. */
static inline __attribute__((always_inline)) DWORD lgs__peek_last_error(void)
{
    DWORD v;
#if defined(__x86_64__)
    __asm__ volatile("movl %%gs:0x68, %0" : "=r"(v) : : "memory");
#elif defined(__i386__)
    __asm__ volatile("movl %%fs:0x34, %0" : "=r"(v) : : "memory");
#else
    v = GetLastError();
#endif
    return v;
}

/* lgs__fast_run() for a wrapper of `api` (a release call, or one with
 * `once`, makes one attempt) whose first attempt is call(ctx): what the runner did, and the
 * first attempt's code in *code. */
static inline __attribute__((always_inline)) lgs__fast_result
lgs__wrap_fast(lgs__fast *f, lgs__api_id api, int once, uint32_t (*call)(void *ctx), void *ctx, uint32_t *code)
{
    lgs__wrap_first a = {call, ctx, lgs__apis[api].space};
    lgs_status_code c = {a.space, 0};
    lgs__fast_result fr = lgs__fast_run(f, LGS__FAST_WRAPPER | (lgs__apis[api].release || once ? LGS__FAST_ONCE : 0u),
                                        lgs__wrap_first_attempt, &a, &c);
    *code = c.value;
    return fr;
}

/* The rest of lgs__wrap_run() after a fast first attempt that returned
 * `first` (not 0), or, with f NULL, the whole run through the engine;
 * w->last_error holds the fast attempt's. */
uint32_t lgs__wrap_run_after_first(lgs__wrap *w, const lgs__fast *f, uint32_t first);

/* Runs a wrapper whose context needs nothing but its call and a cleanup
 * (`release`, may be NULL): points *back (the context's pointer to its
 * wrap) at the wrap for the run and clears it after, since the wrap lives
 * only in this call. Returns the final code; *injected (may be NULL) tells
 * whether the last attempt was an injected fault, whose outputs must not
 * reach the caller. */
uint32_t lgs__wrap_ctx(lgs__api_id api, uint32_t (*call)(void *ctx), void (*release)(void *ctx),
                       void *ctx, lgs__wrap **back, int *injected);

/* lgs__wrap_ctx() after a fast first attempt that returned `first` (not 0)
 * with `last_error`; `entry_error` is the caller's last error as it was
 * before that attempt, which every later attempt starts from (an API that
 * leaves the last error alone on success must not pass on the failed
 * attempt's, nor anything the library did in between). */
uint32_t lgs__wrap_ctx_after_first(lgs__api_id api, uint32_t (*call)(void *ctx),
                                   void (*release)(void *ctx), void *ctx, lgs__wrap **back,
                                   int *injected, const lgs__fast *f, uint32_t first,
                                   DWORD last_error, DWORD entry_error);

/* lgs__wrap_ctx() with the fast path inline. */
static inline __attribute__((always_inline)) uint32_t
lgs__wrap_ctx_fast(lgs__api_id api, uint32_t (*call)(void *ctx), void (*release)(void *ctx), void *ctx,
                   lgs__wrap **back, int *injected)
{
    lgs__fast f;
    lgs__wrap first; /* only its last_error is used: a call that fails records it */
    first.last_error = 0;
    /* The caller's last error, for the attempts after a failed fast one:
     * read before the API can change it. */
    DWORD entry = lgs__peek_last_error();
    *back = &first;
    uint32_t code;
    lgs__fast_result fr = lgs__wrap_fast(&f, api, 0, call, ctx, &code);
    *back = NULL;
    if (fr == LGS__FAST_SKIPPED)
        return lgs__wrap_ctx(api, call, release, ctx, back, injected);
    if (fr == LGS__FAST_FAILED)
        return lgs__wrap_ctx_after_first(api, call, release, ctx, back, injected, &f, code, first.last_error,
                                         entry);
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

static inline __attribute__((always_inline)) uint32_t lgs__wrap_simple_call(void *p)
{
    lgs__simple_ctx *c = p;
    uint32_t code = c->fn(c->arg);
    if (code != 0)
        LGS__CAPTURE(c->w);
    return code;
}

/* The whole wrapper for an API with one argument and no outputs (Free*,
 * Delete*, Revert*, ...): fn(arg) makes the call and returns its code. The
 * fast path calls fn itself, so that it is inlined; the other paths go
 * through lgs__wrap_simple_call(), which records a failure's last error. */
static inline __attribute__((always_inline)) uint32_t lgs__wrap_simple(lgs__api_id api,
                                                                       uint32_t (*fn)(void *arg),
                                                                       void *arg)
{
    lgs__simple_ctx c = {NULL, fn, arg};
    lgs__fast f;
    uint32_t code;
    DWORD entry = lgs__peek_last_error(); /* as in lgs__wrap_ctx_fast() */
    lgs__fast_result fr = lgs__wrap_fast(&f, api, 0, fn, arg, &code);
    if (fr == LGS__FAST_SKIPPED)
        return lgs__wrap_ctx(api, lgs__wrap_simple_call, NULL, &c, &c.w, NULL);
    if (fr == LGS__FAST_FAILED)
        return lgs__wrap_ctx_after_first(api, lgs__wrap_simple_call, NULL, &c, &c.w, NULL, &f, code,
                                         GetLastError(), entry);
    return 0;
}

/* 1 when running under Wine (ntdll exports wine_get_version). */
int lgs__under_wine(void);

/* A whole name as UTF-8, for the lockout guard and the logs: in `stack`
 * when it fits, on the heap otherwise, never truncated (the guard keys on
 * the whole name). Release with lgs__name_free. */
struct lgs__name {
    char stack[256];
    char *heap;
};
/* chars < 0: NUL-terminated. NULL for no name (NULL, empty, or a name the
 * conversion or the allocation failed on). GetLastError() is kept. */
const char *lgs__name_w(lgs__name *n, const wchar_t *s, int chars);
/* From the ANSI code page, as the A APIs read it. */
const char *lgs__name_a(lgs__name *n, const char *s, int chars);
void lgs__name_free(lgs__name *n);

/* UTF-8 copies of names for logs and the lockout guard, truncated to fit;
 * NULL in gives NULL out. */
const char *lgs__utf8_w(const wchar_t *s, char *buf, int size);
const char *lgs__utf8_a(const char *s, char *buf, int size);

#endif
