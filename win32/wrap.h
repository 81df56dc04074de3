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

#include "apis.h"
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

/* Runs a wrapper whose context needs nothing but its call and a cleanup
 * (`release`, may be NULL):
 * points *back (the context's pointer to its wrap) at the wrap for the run
 * and clears it after, since the wrap lives only in this call. Returns the
 * final code; *injected (may be NULL) tells whether the last attempt was an
 * injected fault, whose outputs must not reach the caller. */
uint32_t lgs__wrap_ctx(lgs__api_id api, uint32_t (*call)(void *ctx), void (*release)(void *ctx),
                       void *ctx, lgs__wrap **back, int *injected);

/* The whole wrapper for an API with one argument and no outputs (Free*,
 * Delete*, Revert*, ...): fn(arg) makes the call and returns its code. */
uint32_t lgs__wrap_simple(lgs__api_id api, uint32_t (*fn)(void *arg), void *arg);

/* Records the real call's last error; call right after the API returns. */
#define LGS__CAPTURE(w) ((w)->last_error = GetLastError())

/* 1 when running under Wine (ntdll exports wine_get_version). */
int lgs__under_wine(void);

/* UTF-8 copies of names for logs and the lockout guard, truncated to fit;
 * NULL in gives NULL out. */
const char *lgs__utf8_w(const wchar_t *s, char *buf, int size);
const char *lgs__utf8_a(const char *s, char *buf, int size);

#endif
