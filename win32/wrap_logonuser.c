/* wrap_logonuser.c — lgs_LogonUser{A,W} and lgs_LogonUserEx{A,W}.
 *
 * The outputs go through private copies loaded from the caller's values and
 * are copied back after the last attempt, whatever its result (wrap.h,
 * lgs__outs); a retried attempt's token, logon SID and profile buffer are
 * released before the retry. LogonUserEx* are looked up at run time (Wine 8 does not
 * export them, and a static import would stop the process from loading).
 * Under Wine, LogonUser* succeed for any user with a token that cannot be
 * used; that success is reported as a Wine stub in the logs, unchanged. */
#include "logonshim/wrappers.h"
#include "backend.h"
#include "wrap.h"

typedef struct logon_ctx {
    lgs__wrap *w;
    int wide, ex;
    const void *user, *domain, *password;
    DWORD type, provider;
    /* What the API gets: a private copy, or NULL where the caller gave NULL. */
    lgs__outs outs; /* token, sid, profile, profile_len, quotas */
    PHANDLE token_arg;
    PSID *sid_arg;
    PVOID *profile_arg;
    LPDWORD len_arg;
    PQUOTA_LIMITS quotas_arg;
    /* This attempt's outputs. */
    HANDLE token;
    PSID sid;
    PVOID profile;
    DWORD profile_len;
    QUOTA_LIMITS quotas;
} logon_ctx;

enum { OUT_TOKEN, OUT_SID, OUT_PROFILE };

/* The backend's entry when it has one (a test's), else advapi32's. */
static FARPROC resolve_ex(int wide)
{
    if (wide && lgs__sys.LogonUserExW != NULL)
        return (FARPROC)(void (*)(void))lgs__sys.LogonUserExW;
    if (!wide && lgs__sys.LogonUserExA != NULL)
        return (FARPROC)(void (*)(void))lgs__sys.LogonUserExA;
    HMODULE advapi = GetModuleHandleW(L"advapi32.dll");
    if (advapi == NULL)
        advapi = LoadLibraryW(L"advapi32.dll");
    return advapi != NULL ? GetProcAddress(advapi, wide ? "LogonUserExW" : "LogonUserExA") : NULL;
}

static uint32_t logon_call(void *p)
{
    logon_ctx *c = p;
    lgs__outs_load(&c->outs);
    PHANDLE tok = c->token_arg;
    BOOL ok;
    if (!c->ex) {
        ok = c->wide ? lgs__sys.LogonUserW(c->user, c->domain, c->password, c->type, c->provider, tok)
                     : lgs__sys.LogonUserA(c->user, c->domain, c->password, c->type, c->provider, tok);
    } else {
        FARPROC fn = resolve_ex(c->wide);
        if (fn == NULL) {
            c->w->log.detail = "advapi32 does not export this function on this system (Wine 8 "
                               "lacks it); use LogonUserW";
            c->w->last_error = ERROR_PROC_NOT_FOUND;
            return ERROR_PROC_NOT_FOUND;
        }
        PSID *sid = c->sid_arg;
        PVOID *prof = c->profile_arg;
        LPDWORD len = c->len_arg;
        PQUOTA_LIMITS q = c->quotas_arg;
        if (c->wide)
            ok = ((lgs__logon_ex_w_fn)(void (*)(void))fn)(c->user, c->domain, c->password, c->type,
                                                          c->provider, tok, sid, prof, len, q);
        else
            ok = ((lgs__logon_ex_a_fn)(void (*)(void))fn)(c->user, c->domain, c->password, c->type,
                                                          c->provider, tok, sid, prof, len, q);
    }
    LGS__CAPTURE(c->w);
    return ok ? 0 : (uint32_t)c->w->last_error;
}

/* Whatever a retried attempt produced is released here, so that nothing
 * of it leaks; what it did not write is the caller's and stays. */
static void logon_cleanup(void *p)
{
    logon_ctx *c = p;
    if (lgs__out_written(&c->outs, OUT_TOKEN) && c->token != NULL && c->token != INVALID_HANDLE_VALUE)
        lgs__sys.CloseHandle(c->token);
    if (lgs__out_written(&c->outs, OUT_SID) && c->sid != NULL)
        lgs__sys.LocalFree(c->sid);
    if (lgs__out_written(&c->outs, OUT_PROFILE) && c->profile != NULL)
        lgs__sys.LsaFreeReturnBuffer(c->profile);
}

/* Wine's stub hands out a token value that no token call accepts. */
static int logon_stub_check(void *p)
{
    const logon_ctx *c = p;
    if (c->token_arg == NULL)
        return 0;
    TOKEN_TYPE type;
    DWORD len = 0;
    return !GetTokenInformation(c->token, TokenType, &type, sizeof type, &len)
        && GetLastError() == ERROR_INVALID_HANDLE;
}

static BOOL logon_run(logon_ctx *c, lgs__api_id api, PHANDLE phToken, PSID *ppLogonSid,
                      PVOID *ppProfileBuffer, LPDWORD pdwProfileLength, PQUOTA_LIMITS pQuotaLimits)
{
    lgs__name user, domain; /* whole names: the guard keys on all of them */
    lgs__wrap w;
    lgs__wrap_init(&w, api, logon_call, c);
    c->w = &w;
    c->token_arg = lgs__out(&c->outs, phToken, &c->token, sizeof c->token);
    c->sid_arg = lgs__out(&c->outs, ppLogonSid, &c->sid, sizeof c->sid);
    c->profile_arg = lgs__out(&c->outs, ppProfileBuffer, &c->profile, sizeof c->profile);
    c->len_arg = lgs__out(&c->outs, pdwProfileLength, &c->profile_len, sizeof c->profile_len);
    c->quotas_arg = lgs__out(&c->outs, pQuotaLimits, &c->quotas, sizeof c->quotas);
    w.cleanup = logon_cleanup;
    w.stub_check = logon_stub_check;
    if (c->wide) {
        w.log.user = lgs__name_w(&user, c->user, -1);
        w.log.domain = lgs__name_w(&domain, c->domain, -1);
    } else {
        w.log.user = lgs__name_a(&user, c->user, -1);
        w.log.domain = lgs__name_a(&domain, c->domain, -1);
    }
    uint32_t code = lgs__wrap_run_account(&w, &user, &domain, &c->outs);
    c->w = NULL; /* w ends with this function */
    return code == 0;
}

/* LogonUserA/W require phToken (LogonUserEx makes it optional). Wine writes
 * through it unchecked, so a NULL would crash the caller: refuse it as the
 * parameter error it is, before any attempt. */
static BOOL null_token(void)
{
    SetLastError(ERROR_INVALID_PARAMETER);
    (void)lgs__wrap_refused(0);
    return FALSE;
}

BOOL WINAPI lgs_LogonUserA(LPCSTR lpszUsername, LPCSTR lpszDomain, LPCSTR lpszPassword,
                           DWORD dwLogonType, DWORD dwLogonProvider, PHANDLE phToken)
{
    logon_ctx c = {.user = lpszUsername, .domain = lpszDomain, .password = lpszPassword,
                   .type = dwLogonType, .provider = dwLogonProvider};
    if (phToken == NULL)
        return null_token();
    return logon_run(&c, LGS_API_ID_LogonUserA, phToken, NULL, NULL, NULL, NULL);
}

BOOL WINAPI lgs_LogonUserW(LPCWSTR lpszUsername, LPCWSTR lpszDomain, LPCWSTR lpszPassword,
                           DWORD dwLogonType, DWORD dwLogonProvider, PHANDLE phToken)
{
    logon_ctx c = {.wide = 1, .user = lpszUsername, .domain = lpszDomain, .password = lpszPassword,
                   .type = dwLogonType, .provider = dwLogonProvider};
    if (phToken == NULL)
        return null_token();
    return logon_run(&c, LGS_API_ID_LogonUserW, phToken, NULL, NULL, NULL, NULL);
}

BOOL WINAPI lgs_LogonUserExA(LPCSTR lpszUsername, LPCSTR lpszDomain, LPCSTR lpszPassword,
                             DWORD dwLogonType, DWORD dwLogonProvider, PHANDLE phToken, PSID *ppLogonSid,
                             PVOID *ppProfileBuffer, LPDWORD pdwProfileLength, PQUOTA_LIMITS pQuotaLimits)
{
    logon_ctx c = {.ex = 1, .user = lpszUsername, .domain = lpszDomain, .password = lpszPassword,
                   .type = dwLogonType, .provider = dwLogonProvider};
    return logon_run(&c, LGS_API_ID_LogonUserExA, phToken, ppLogonSid, ppProfileBuffer,
                     pdwProfileLength, pQuotaLimits);
}

BOOL WINAPI lgs_LogonUserExW(LPCWSTR lpszUsername, LPCWSTR lpszDomain, LPCWSTR lpszPassword,
                             DWORD dwLogonType, DWORD dwLogonProvider, PHANDLE phToken, PSID *ppLogonSid,
                             PVOID *ppProfileBuffer, LPDWORD pdwProfileLength, PQUOTA_LIMITS pQuotaLimits)
{
    logon_ctx c = {.wide = 1, .ex = 1, .user = lpszUsername, .domain = lpszDomain,
                   .password = lpszPassword, .type = dwLogonType, .provider = dwLogonProvider};
    return logon_run(&c, LGS_API_ID_LogonUserExW, phToken, ppLogonSid, ppProfileBuffer,
                     pdwProfileLength, pQuotaLimits);
}
