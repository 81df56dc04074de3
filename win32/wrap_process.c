/* wrap_process.c — processes under another identity through the shim:
 * lgs_CreateProcessAsUser{A,W}, lgs_CreateProcessWithLogonW and
 * lgs_CreateProcessWithTokenW.
 *
 * This is where 1312 (the token's logon session is gone) and 1385 (the
 * account lacks the logon right) meet services. The PROCESS_INFORMATION goes
 * through a private copy loaded from the caller's value and copied back
 * after the last attempt (wrap.h, lgs__outs); the process and thread
 * handles a retried attempt wrote are closed before the retry. A call is
 * repeated only as its class allows, and a created process is a success, so
 * no process is ever started twice. CreateProcessWithLogonW names an
 * account: it goes to the lockout guard, its credential failures are never
 * retried, and its password reaches no record.
 *
 * Wine's CreateProcessWithLogonW fails for an unknown user with FALSE and
 * the last error left at 0. The caller gets exactly that; the engine, which
 * needs a code, sees ERROR_UNIDENTIFIED_ERROR (never retried) and the record
 * says what happened. */
#include "logonshim/wrappers.h"
#include "backend.h"
#include "wrap.h"

enum { OP_AS_USER_A, OP_AS_USER_W, OP_WITH_LOGON_W, OP_WITH_TOKEN_W };

typedef struct proc_ctx {
    lgs__wrap *w;
    int op;
    HANDLE token;
    LPCWSTR user, domain, password;
    DWORD logon_flags;
    const void *app;
    void *cmd;
    LPSECURITY_ATTRIBUTES psa, tsa;
    BOOL inherit;
    DWORD flags;
    LPVOID env;
    const void *cwd;
    void *si;
    lgs__outs outs;
    LPPROCESS_INFORMATION pi_arg;
    PROCESS_INFORMATION pi;
    int false_without_error; /* the last attempt returned FALSE and left the last error at 0 */
} proc_ctx;

static uint32_t proc_call(void *p)
{
    proc_ctx *c = p;
    lgs__outs_load(&c->outs);
    BOOL ok;
    switch (c->op) {
    case OP_AS_USER_A:
        ok = lgs__sys.CreateProcessAsUserA(c->token, c->app, c->cmd, c->psa, c->tsa, c->inherit, c->flags, c->env,
                                           c->cwd, c->si, c->pi_arg);
        break;
    case OP_AS_USER_W:
        ok = lgs__sys.CreateProcessAsUserW(c->token, c->app, c->cmd, c->psa, c->tsa, c->inherit, c->flags, c->env,
                                           c->cwd, c->si, c->pi_arg);
        break;
    case OP_WITH_LOGON_W:
        ok = lgs__sys.CreateProcessWithLogonW(c->user, c->domain, c->password, c->logon_flags, c->app, c->cmd,
                                              c->flags, c->env, c->cwd, c->si, c->pi_arg);
        break;
    default:
        ok = lgs__sys.CreateProcessWithTokenW(c->token, c->logon_flags, c->app, c->cmd, c->flags, c->env, c->cwd,
                                              c->si, c->pi_arg);
        break;
    }
    c->false_without_error = 0;
    if (ok)
        return 0;
    LGS__CAPTURE(c->w);
    if (c->w->last_error == 0) {
        c->false_without_error = 1;
        c->w->log.detail = "the API returned FALSE without setting a last error (Wine's "
                           "CreateProcessWithLogonW does so for an unknown account)";
        return ERROR_UNIDENTIFIED_ERROR;
    }
    return (uint32_t)c->w->last_error;
}

/* A retried attempt's process and thread handles, if it wrote them. */
static void proc_cleanup(void *p)
{
    proc_ctx *c = p;
    if (!lgs__out_written(&c->outs, 0))
        return;
    if (c->pi.hThread != NULL && c->pi.hThread != INVALID_HANDLE_VALUE)
        lgs__sys.CloseHandle(c->pi.hThread);
    if (c->pi.hProcess != NULL && c->pi.hProcess != INVALID_HANDLE_VALUE)
        lgs__sys.CloseHandle(c->pi.hProcess);
}

static BOOL proc_run(proc_ctx *c, lgs__api_id api, LPPROCESS_INFORMATION pi)
{
    lgs__name user, domain; /* whole names: the guard keys on all of them */
    lgs__wrap w;
    lgs__wrap_init(&w, api, proc_call, c);
    w.cleanup = proc_cleanup;
    c->w = &w;
    c->pi_arg = lgs__out(&c->outs, pi, &c->pi, sizeof c->pi);
    w.log.user = lgs__name_w(&user, c->user, -1);
    w.log.domain = lgs__name_w(&domain, c->domain, -1);
    uint32_t code = lgs__wrap_run_account(&w, &user, &domain, &c->outs);
    c->w = NULL; /* w ends with this function */
    if (code != 0 && !w.injected && c->false_without_error)
        SetLastError(0);
    return code == 0;
}

BOOL WINAPI lgs_CreateProcessAsUserA(HANDLE hToken, LPCSTR lpApplicationName, LPSTR lpCommandLine,
                                     LPSECURITY_ATTRIBUTES lpProcessAttributes,
                                     LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
                                     DWORD dwCreationFlags, LPVOID lpEnvironment, LPCSTR lpCurrentDirectory,
                                     LPSTARTUPINFOA lpStartupInfo, LPPROCESS_INFORMATION lpProcessInformation)
{
    proc_ctx c = {.op = OP_AS_USER_A, .token = hToken, .app = lpApplicationName, .cmd = lpCommandLine,
                  .psa = lpProcessAttributes, .tsa = lpThreadAttributes, .inherit = bInheritHandles,
                  .flags = dwCreationFlags, .env = lpEnvironment, .cwd = lpCurrentDirectory, .si = lpStartupInfo};
    return proc_run(&c, LGS_API_ID_CreateProcessAsUserA, lpProcessInformation);
}

BOOL WINAPI lgs_CreateProcessAsUserW(HANDLE hToken, LPCWSTR lpApplicationName, LPWSTR lpCommandLine,
                                     LPSECURITY_ATTRIBUTES lpProcessAttributes,
                                     LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
                                     DWORD dwCreationFlags, LPVOID lpEnvironment, LPCWSTR lpCurrentDirectory,
                                     LPSTARTUPINFOW lpStartupInfo, LPPROCESS_INFORMATION lpProcessInformation)
{
    proc_ctx c = {.op = OP_AS_USER_W, .token = hToken, .app = lpApplicationName, .cmd = lpCommandLine,
                  .psa = lpProcessAttributes, .tsa = lpThreadAttributes, .inherit = bInheritHandles,
                  .flags = dwCreationFlags, .env = lpEnvironment, .cwd = lpCurrentDirectory, .si = lpStartupInfo};
    return proc_run(&c, LGS_API_ID_CreateProcessAsUserW, lpProcessInformation);
}

BOOL WINAPI lgs_CreateProcessWithLogonW(LPCWSTR lpUsername, LPCWSTR lpDomain, LPCWSTR lpPassword,
                                        DWORD dwLogonFlags, LPCWSTR lpApplicationName, LPWSTR lpCommandLine,
                                        DWORD dwCreationFlags, LPVOID lpEnvironment, LPCWSTR lpCurrentDirectory,
                                        LPSTARTUPINFOW lpStartupInfo, LPPROCESS_INFORMATION lpProcessInformation)
{
    proc_ctx c = {.op = OP_WITH_LOGON_W, .user = lpUsername, .domain = lpDomain, .password = lpPassword,
                  .logon_flags = dwLogonFlags, .app = lpApplicationName, .cmd = lpCommandLine,
                  .flags = dwCreationFlags, .env = lpEnvironment, .cwd = lpCurrentDirectory, .si = lpStartupInfo};
    return proc_run(&c, LGS_API_ID_CreateProcessWithLogonW, lpProcessInformation);
}

BOOL WINAPI lgs_CreateProcessWithTokenW(HANDLE hToken, DWORD dwLogonFlags, LPCWSTR lpApplicationName,
                                        LPWSTR lpCommandLine, DWORD dwCreationFlags, LPVOID lpEnvironment,
                                        LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo,
                                        LPPROCESS_INFORMATION lpProcessInformation)
{
    proc_ctx c = {.op = OP_WITH_TOKEN_W, .token = hToken, .logon_flags = dwLogonFlags, .app = lpApplicationName,
                  .cmd = lpCommandLine, .flags = dwCreationFlags, .env = lpEnvironment, .cwd = lpCurrentDirectory,
                  .si = lpStartupInfo};
    return proc_run(&c, LGS_API_ID_CreateProcessWithTokenW, lpProcessInformation);
}
