/* wrap_sspi_cred.c — SSPI credentials and packages through the shim:
 * lgs_AcquireCredentialsHandle{A,W}, lgs_FreeCredentialsHandle,
 * lgs_QuerySecurityPackageInfo{A,W}, lgs_EnumerateSecurityPackages{A,W} and
 * lgs_FreeContextBuffer.
 *
 * Results are SECURITY_STATUS, classified in the security space (an
 * NTSTATUS-shaped value, as Wine's ACH returns for a failed Kerberos login,
 * is classified as the NTSTATUS it is). For explicit credentials
 * (SEC_WINNT_AUTH_IDENTITY[_EX]) the user and domain are passed to the
 * lockout guard and the domain keys the circuit breaker; the password is
 * never read. */
#include <string.h>

#include "logonshim/wrappers.h"
#include "backend.h"
#include "wrap.h"

typedef struct ach_ctx {
    lgs__wrap *w;
    int wide;
    void *principal, *package;
    unsigned long use;
    void *logon_id, *auth;
    SEC_GET_KEY_FN key_fn;
    void *key_arg;
    lgs__outs outs;
    PCredHandle cred_arg;
    PTimeStamp expiry_arg;
    CredHandle cred;
    TimeStamp expiry;
} ach_ctx;

static uint32_t ach_call(void *p)
{
    ach_ctx *c = p;
    lgs__outs_load(&c->outs);
    SECURITY_STATUS st =
        c->wide ? lgs__sys.AcquireCredentialsHandleW(c->principal, c->package, c->use, c->logon_id, c->auth,
                                            c->key_fn, c->key_arg, c->cred_arg, c->expiry_arg)
                : lgs__sys.AcquireCredentialsHandleA(c->principal, c->package, c->use, c->logon_id, c->auth,
                                            c->key_fn, c->key_arg, c->cred_arg, c->expiry_arg);
    LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

static void ach_cleanup(void *p)
{
    ach_ctx *c = p;
    if (lgs__out_written(&c->outs, 0) && SecIsValidHandle(&c->cred)
        && (c->cred.dwLower != 0 || c->cred.dwUpper != 0))
        lgs__sys.FreeCredentialsHandle(&c->cred);
}

/* Copies a counted name of `chars` characters (wide or narrow) as UTF-8. */
static const char *counted_name(const void *s, unsigned long chars, int wide, char *buf, int size)
{
    if (s == NULL || chars == 0 || chars > 256)
        return NULL;
    int n;
    if (wide) {
        n = WideCharToMultiByte(CP_UTF8, 0, s, (int)chars, buf, size - 1, NULL, NULL);
    } else {
        wchar_t tmp[256];
        int k = MultiByteToWideChar(CP_ACP, 0, s, (int)chars, tmp, 256);
        n = k > 0 ? WideCharToMultiByte(CP_UTF8, 0, tmp, k, buf, size - 1, NULL, NULL) : 0;
    }
    buf[n > 0 ? n : 0] = '\0';
    return n > 0 ? buf : NULL;
}

/* Reads user and domain from SEC_WINNT_AUTH_IDENTITY or its _EX form, for
 * the packages that take them. */
static void ach_identity(ach_ctx *c, char *user, char *domain, int size)
{
    if (c->auth == NULL || c->package == NULL)
        return;
    char pkg[32];
    if (counted_name(c->package, c->wide ? (unsigned long)wcslen(c->package)
                                         : (unsigned long)strlen(c->package),
                     c->wide, pkg, sizeof pkg) == NULL)
        return;
    if (_stricmp(pkg, "Kerberos") != 0 && _stricmp(pkg, "Negotiate") != 0 && _stricmp(pkg, "NTLM") != 0)
        return;
    const void *u, *d;
    unsigned long ulen, dlen, flags;
    const SEC_WINNT_AUTH_IDENTITY_EXW *ex = c->auth;
    if (ex->Version == SEC_WINNT_AUTH_IDENTITY_VERSION) {
        u = ex->User, ulen = ex->UserLength, d = ex->Domain, dlen = ex->DomainLength, flags = ex->Flags;
    } else {
        const SEC_WINNT_AUTH_IDENTITY_W *id = c->auth;
        u = id->User, ulen = id->UserLength, d = id->Domain, dlen = id->DomainLength, flags = id->Flags;
    }
    int wide = (flags & SEC_WINNT_AUTH_IDENTITY_UNICODE) != 0;
    c->w->log.user = counted_name(u, ulen, wide, user, size);
    c->w->log.domain = counted_name(d, dlen, wide, domain, size);
    if (c->w->log.domain != NULL)
        c->w->log.authority = c->w->log.domain;
}

static SECURITY_STATUS ach_run(ach_ctx *c, lgs__api_id api, PCredHandle phCredential, PTimeStamp ptsExpiry)
{
    char user[128], domain[128], package[64];
    lgs__wrap w;
    lgs__wrap_init(&w, api, ach_call, c);
    w.cleanup = ach_cleanup;
    c->w = &w;
    c->cred_arg = lgs__out(&c->outs, phCredential, &c->cred, sizeof c->cred);
    c->expiry_arg = lgs__out(&c->outs, ptsExpiry, &c->expiry, sizeof c->expiry);
    w.log.authority = c->wide ? lgs__utf8_w(c->package, package, sizeof package)
                              : lgs__utf8_a(c->package, package, sizeof package);
    ach_identity(c, user, domain, sizeof user);
    SECURITY_STATUS st = (SECURITY_STATUS)lgs__wrap_run(&w);
    c->w = NULL; /* w ends with this function */
    if (!w.injected)
        lgs__outs_store(&c->outs);
    return st;
}

SECURITY_STATUS WINAPI lgs_AcquireCredentialsHandleA(SEC_CHAR *pszPrincipal, SEC_CHAR *pszPackage,
                                                     unsigned long fCredentialUse, void *pvLogonId,
                                                     void *pAuthData, SEC_GET_KEY_FN pGetKeyFn,
                                                     void *pvGetKeyArgument, PCredHandle phCredential,
                                                     PTimeStamp ptsExpiry)
{
    ach_ctx c = {.principal = pszPrincipal, .package = pszPackage, .use = fCredentialUse,
                 .logon_id = pvLogonId, .auth = pAuthData, .key_fn = pGetKeyFn, .key_arg = pvGetKeyArgument};
    return ach_run(&c, LGS_API_ID_AcquireCredentialsHandleA, phCredential, ptsExpiry);
}

SECURITY_STATUS WINAPI lgs_AcquireCredentialsHandleW(SEC_WCHAR *pszPrincipal, SEC_WCHAR *pszPackage,
                                                     unsigned long fCredentialUse, void *pvLogonId,
                                                     void *pAuthData, SEC_GET_KEY_FN pGetKeyFn,
                                                     void *pvGetKeyArgument, PCredHandle phCredential,
                                                     PTimeStamp ptsExpiry)
{
    ach_ctx c = {.wide = 1, .principal = pszPrincipal, .package = pszPackage, .use = fCredentialUse,
                 .logon_id = pvLogonId, .auth = pAuthData, .key_fn = pGetKeyFn, .key_arg = pvGetKeyArgument};
    return ach_run(&c, LGS_API_ID_AcquireCredentialsHandleW, phCredential, ptsExpiry);
}

/* ---- package queries: one output pointer (and a count) ---- */

typedef struct pkg_ctx {
    lgs__wrap *w;
    int op;
    void *name;
    lgs__outs outs;
    unsigned long *count_arg;
    void **info_arg;
    unsigned long count;
    void *info;
} pkg_ctx;

enum { OP_QUERY_A, OP_QUERY_W, OP_ENUM_A, OP_ENUM_W };

static inline __attribute__((always_inline)) uint32_t pkg_call(void *p)
{
    pkg_ctx *c = p;
    SECURITY_STATUS st;
    lgs__outs_load(&c->outs);
    switch (c->op) {
    case OP_QUERY_A:
        st = lgs__sys.QuerySecurityPackageInfoA(c->name, (PSecPkgInfoA *)c->info_arg);
        break;
    case OP_QUERY_W:
        st = lgs__sys.QuerySecurityPackageInfoW(c->name, (PSecPkgInfoW *)c->info_arg);
        break;
    case OP_ENUM_A:
        st = lgs__sys.EnumerateSecurityPackagesA(c->count_arg, (PSecPkgInfoA *)c->info_arg);
        break;
    default:
        st = lgs__sys.EnumerateSecurityPackagesW(c->count_arg, (PSecPkgInfoW *)c->info_arg);
        break;
    }
    if (st != SEC_E_OK)
        LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

static void pkg_cleanup(void *p)
{
    pkg_ctx *c = p;
    if (lgs__out_written(&c->outs, 0) && c->info != NULL)
        lgs__sys.FreeContextBuffer(c->info);
}

static inline __attribute__((always_inline)) SECURITY_STATUS pkg_run(pkg_ctx *c, lgs__api_id api, void **info, unsigned long *count)
{
    int injected;
    c->info_arg = lgs__out(&c->outs, info, &c->info, sizeof c->info);
    c->count_arg = lgs__out(&c->outs, count, &c->count, sizeof c->count);
    SECURITY_STATUS st = (SECURITY_STATUS)lgs__wrap_ctx_fast(api, pkg_call, pkg_cleanup, c, &c->w, &injected);
    if (!injected)
        lgs__outs_store(&c->outs);
    return st;
}

/* A NULL package name or result pointer: Wine reads or writes it unchecked
 * and crashes the caller; the wrapper refuses it first, as the parameter
 * error it is. */
SECURITY_STATUS WINAPI lgs_QuerySecurityPackageInfoA(SEC_CHAR *pszPackageName, PSecPkgInfoA *ppPackageInfo)
{
    pkg_ctx c = {.op = OP_QUERY_A, .name = pszPackageName};
    if (pszPackageName == NULL || ppPackageInfo == NULL)
        return SEC_E_INVALID_PARAMETER;
    return pkg_run(&c, LGS_API_ID_QuerySecurityPackageInfoA, (void **)ppPackageInfo, NULL);
}

SECURITY_STATUS WINAPI lgs_QuerySecurityPackageInfoW(SEC_WCHAR *pszPackageName, PSecPkgInfoW *ppPackageInfo)
{
    pkg_ctx c = {.op = OP_QUERY_W, .name = pszPackageName};
    if (pszPackageName == NULL || ppPackageInfo == NULL)
        return SEC_E_INVALID_PARAMETER;
    return pkg_run(&c, LGS_API_ID_QuerySecurityPackageInfoW, (void **)ppPackageInfo, NULL);
}

SECURITY_STATUS WINAPI lgs_EnumerateSecurityPackagesA(unsigned long *pcPackages, PSecPkgInfoA *ppPackageInfo)
{
    pkg_ctx c = {.op = OP_ENUM_A};
    if (pcPackages == NULL || ppPackageInfo == NULL)
        return SEC_E_INVALID_PARAMETER;
    return pkg_run(&c, LGS_API_ID_EnumerateSecurityPackagesA, (void **)ppPackageInfo, pcPackages);
}

SECURITY_STATUS WINAPI lgs_EnumerateSecurityPackagesW(unsigned long *pcPackages, PSecPkgInfoW *ppPackageInfo)
{
    pkg_ctx c = {.op = OP_ENUM_W};
    if (pcPackages == NULL || ppPackageInfo == NULL)
        return SEC_E_INVALID_PARAMETER;
    return pkg_run(&c, LGS_API_ID_EnumerateSecurityPackagesW, (void **)ppPackageInfo, pcPackages);
}

/* ---- one argument, no outputs ---- */

static uint32_t free_cred_call(void *arg)
{
    return (uint32_t)lgs__sys.FreeCredentialsHandle(arg);
}

SECURITY_STATUS WINAPI lgs_FreeCredentialsHandle(PCredHandle phCredential)
{
    return (SECURITY_STATUS)lgs__wrap_simple(LGS_API_ID_FreeCredentialsHandle, free_cred_call, phCredential);
}

static uint32_t free_buffer_call(void *arg)
{
    return (uint32_t)lgs__sys.FreeContextBuffer(arg);
}

SECURITY_STATUS WINAPI lgs_FreeContextBuffer(void *pvContextBuffer)
{
    return (SECURITY_STATUS)lgs__wrap_simple(LGS_API_ID_FreeContextBuffer, free_buffer_call, pvContextBuffer);
}
