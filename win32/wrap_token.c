/* wrap_token.c — tokens and stored credentials through the shim:
 * lgs_ImpersonateLoggedOnUser, lgs_CredReadW and lgs_CredWriteW.
 *
 * These are where ERROR_NO_SUCH_LOGON_SESSION (1312) meets services in
 * practice: a network logon session (SSH, WinRM, a batch job without
 * stored credentials) has no credential store, so CredReadW/CredWriteW fail
 * with 1312, and a token whose session ended cannot be impersonated. The
 * records say so. Each call is repeated only as its class allows: setting
 * the thread's token, reading a credential and writing the same credential
 * again change nothing a first call did not. CredReadW's credential goes
 * through a private copy (wrap.h, lgs__outs) and a retried attempt's is
 * freed with CredFree. CredWriteW carries a password in CredentialBlob:
 * nothing of the credential reaches a record but its target name. */
#include "logonshim/wrappers.h"
#include "backend.h"
#include "wrap.h"

/* What a 1312 from the credential store means, for the record. */
static const char no_session_detail[] =
    "this logon session has no credential store: network logons (SSH, WinRM, a batch or service "
    "logon without stored credentials) cannot read or write credentials; log on interactively or "
    "with a profile loaded, or pass the credentials another way";

static uint32_t impersonate_call(void *arg)
{
    return lgs__sys.ImpersonateLoggedOnUser(arg) ? 0u : (uint32_t)GetLastError();
}

BOOL WINAPI lgs_ImpersonateLoggedOnUser(HANDLE hToken)
{
    return lgs__wrap_simple(LGS_API_ID_ImpersonateLoggedOnUser, impersonate_call, hToken) == 0;
}

typedef struct cred_ctx {
    lgs__wrap *w;
    LPCWSTR target;
    DWORD type, flags;
    int writing;        /* CredWriteW, else CredReadW */
    PCREDENTIALW write; /* CredWriteW's input */
    lgs__outs outs;
    PCREDENTIALW *read_arg;
    PCREDENTIALW read; /* this attempt's CredReadW result */
} cred_ctx;

static uint32_t cred_call(void *p)
{
    cred_ctx *c = p;
    lgs__outs_load(&c->outs);
    BOOL ok = c->writing ? lgs__sys.CredWriteW(c->write, c->flags)
                               : lgs__sys.CredReadW(c->target, c->type, c->flags, c->read_arg);
    if (ok)
        return 0;
    LGS__CAPTURE(c->w);
    if (c->w->last_error == ERROR_NO_SUCH_LOGON_SESSION)
        c->w->log.detail = no_session_detail;
    return (uint32_t)c->w->last_error;
}

/* A retried CredReadW attempt's credential, if it wrote one, is freed. */
static void cred_cleanup(void *p)
{
    cred_ctx *c = p;
    if (c->read_arg != NULL && lgs__out_written(&c->outs, 0) && c->read != NULL)
        lgs__sys.CredFree(c->read);
}

static BOOL cred_run(cred_ctx *c, lgs__api_id api)
{
    char target[256];
    lgs__wrap w;
    lgs__wrap_init(&w, api, cred_call, c);
    w.cleanup = cred_cleanup;
    c->w = &w;
    w.log.authority = lgs__utf8_w(c->target, target, sizeof target);
    uint32_t code = lgs__wrap_run(&w);
    c->w = NULL; /* w ends with this function */
    if (!w.injected)
        lgs__outs_store(&c->outs);
    return code == 0;
}

BOOL WINAPI lgs_CredReadW(LPCWSTR TargetName, DWORD Type, DWORD Flags, PCREDENTIALW *Credential)
{
    cred_ctx c = {.target = TargetName, .type = Type, .flags = Flags};
    c.read_arg = lgs__out(&c.outs, Credential, &c.read, sizeof(PCREDENTIALW));
    return cred_run(&c, LGS_API_ID_CredReadW);
}

BOOL WINAPI lgs_CredWriteW(PCREDENTIALW Credential, DWORD Flags)
{
    cred_ctx c = {.writing = 1, .write = Credential, .flags = Flags};
    /* A NULL credential is the API's to refuse; only a name is read here. */
    c.target = Credential != NULL ? Credential->TargetName : NULL;
    return cred_run(&c, LGS_API_ID_CredWriteW);
}
