/* wrap_sspi_cred.c — SSPI credentials and packages through the shim:
 * lgs_AcquireCredentialsHandle{A,W}, lgs_FreeCredentialsHandle,
 * lgs_QuerySecurityPackageInfo{A,W}, lgs_EnumerateSecurityPackages{A,W} and
 * lgs_FreeContextBuffer.
 *
 * Results are SECURITY_STATUS, classified in the security space (an
 * NTSTATUS-shaped value, as Wine's ACH returns for a failed Kerberos login,
 * is classified as the NTSTATUS it is). For explicit credentials
 * (SEC_WINNT_AUTH_IDENTITY_A/W, _EXA/_EXW, _EX2; shim/identity.c tells
 * them apart) the user and domain are passed to the lockout guard and the
 * domain keys the circuit breaker; an identity of no form we know is passed
 * through untouched; the password is never read. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "logonshim/wrappers.h"
#include "identity.h"
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

/* The layouts the portable parser assumes are the SDK's own. */
#define PTR8 (sizeof(void *) == 8)
_Static_assert(offsetof(SEC_WINNT_AUTH_IDENTITY_W, Flags) == (PTR8 ? 44 : 24) &&
               sizeof(SEC_WINNT_AUTH_IDENTITY_W) == (PTR8 ? 48 : 28),
               "SEC_WINNT_AUTH_IDENTITY_W layout");
_Static_assert(offsetof(SEC_WINNT_AUTH_IDENTITY_EXW, Flags) == (PTR8 ? 52 : 32) &&
               offsetof(SEC_WINNT_AUTH_IDENTITY_EXW, DomainLength) == (PTR8 ? 32 : 20) &&
               sizeof(SEC_WINNT_AUTH_IDENTITY_EXW) == (PTR8 ? 72 : 44),
               "SEC_WINNT_AUTH_IDENTITY_EXW layout");
_Static_assert(offsetof(SEC_WINNT_AUTH_IDENTITY_EX2, Flags) == 36 &&
               offsetof(SEC_WINNT_AUTH_IDENTITY_EX2, UserOffset) == 12 &&
               offsetof(SEC_WINNT_AUTH_IDENTITY_EX2, DomainLength) == 24 &&
               sizeof(SEC_WINNT_AUTH_IDENTITY_EX2) == LGS__ID_EX2_HEADER,
               "SEC_WINNT_AUTH_IDENTITY_EX2 layout");

/* One name of a parsed identity, whole, as UTF-8: an _EX2 name lies inside
 * the structure (the parser checked), a pointer form's is the caller's
 * pointer, read for as many characters as the API itself reads. */
static const char *identity_name(const void *auth, const lgs__identity *id, const lgs__id_name *name,
                                 lgs__name *out)
{
    out->heap = NULL;
    if (name->units == 0)
        return NULL;
    const void *s = id->form == LGS__ID_EX2 ? (const char *)auth + name->where
                                            : (const void *)(uintptr_t)name->where;
    return id->wide ? lgs__name_w(out, s, (int)name->units) : lgs__name_a(out, s, (int)name->units);
}

/* Hands the parser the bytes the form says the caller passed: the fixed
 * part of a pointer form, the whole of an _EX2 structure (its
 * cbStructureLength). Anything it does not recognise is opaque: no names,
 * and the call goes through untouched for the API to judge. */
static void ach_identity(ach_ctx *c, lgs__name *user, lgs__name *domain)
{
    user->heap = domain->heap = NULL;
    if (c->auth == NULL || c->package == NULL)
        return;
    lgs__name pkg_name;
    const char *pkg = c->wide ? lgs__name_w(&pkg_name, c->package, -1) : lgs__name_a(&pkg_name, c->package, -1);
    int named = pkg != NULL && (_stricmp(pkg, "Kerberos") == 0 || _stricmp(pkg, "Negotiate") == 0 ||
                                _stricmp(pkg, "NTLM") == 0);
    lgs__name_free(&pkg_name);
    if (!named)
        return;
    const unsigned char *p = c->auth;
    uint32_t version;
    memcpy(&version, p, sizeof version);
    size_t avail;
    if (version == LGS__ID_VERSION_EX2) {
        uint32_t size;
        memcpy(&size, p + offsetof(SEC_WINNT_AUTH_IDENTITY_EX2, cbStructureLength), sizeof size);
        avail = size;
    } else {
        avail = lgs__identity_fixed_size(version == LGS__ID_VERSION_EX ? LGS__ID_EX : LGS__ID_PLAIN,
                                         (unsigned)sizeof(void *));
    }
    lgs__identity id;
    if (lgs__identity_parse(p, avail, (unsigned)sizeof(void *), &id) == LGS__ID_OPAQUE)
        return;
    c->w->log.user = identity_name(c->auth, &id, &id.user, user);
    c->w->log.domain = identity_name(c->auth, &id, &id.domain, domain);
    if (c->w->log.domain != NULL)
        c->w->log.authority = c->w->log.domain;
}

static SECURITY_STATUS ach_run(ach_ctx *c, lgs__api_id api, PCredHandle phCredential, PTimeStamp ptsExpiry)
{
    char package[64];
    lgs__name user, domain;
    lgs__wrap w;
    lgs__wrap_init(&w, api, ach_call, c);
    w.cleanup = ach_cleanup;
    c->w = &w;
    c->cred_arg = lgs__out(&c->outs, phCredential, &c->cred, sizeof c->cred);
    c->expiry_arg = lgs__out(&c->outs, ptsExpiry, &c->expiry, sizeof c->expiry);
    w.log.authority = c->wide ? lgs__utf8_w(c->package, package, sizeof package)
                              : lgs__utf8_a(c->package, package, sizeof package);
    w.log.package = w.log.authority; /* the authority until ach_identity names a domain */
    ach_identity(c, &user, &domain);
    SECURITY_STATUS st = (SECURITY_STATUS)lgs__wrap_run(&w);
    c->w = NULL; /* w ends with this function */
    lgs__name_free(&user);
    lgs__name_free(&domain);
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
        return (SECURITY_STATUS)lgs__wrap_refused((uint32_t)SEC_E_INVALID_PARAMETER);
    return pkg_run(&c, LGS_API_ID_QuerySecurityPackageInfoA, (void **)ppPackageInfo, NULL);
}

SECURITY_STATUS WINAPI lgs_QuerySecurityPackageInfoW(SEC_WCHAR *pszPackageName, PSecPkgInfoW *ppPackageInfo)
{
    pkg_ctx c = {.op = OP_QUERY_W, .name = pszPackageName};
    if (pszPackageName == NULL || ppPackageInfo == NULL)
        return (SECURITY_STATUS)lgs__wrap_refused((uint32_t)SEC_E_INVALID_PARAMETER);
    return pkg_run(&c, LGS_API_ID_QuerySecurityPackageInfoW, (void **)ppPackageInfo, NULL);
}

SECURITY_STATUS WINAPI lgs_EnumerateSecurityPackagesA(unsigned long *pcPackages, PSecPkgInfoA *ppPackageInfo)
{
    pkg_ctx c = {.op = OP_ENUM_A};
    if (pcPackages == NULL || ppPackageInfo == NULL)
        return (SECURITY_STATUS)lgs__wrap_refused((uint32_t)SEC_E_INVALID_PARAMETER);
    return pkg_run(&c, LGS_API_ID_EnumerateSecurityPackagesA, (void **)ppPackageInfo, pcPackages);
}

SECURITY_STATUS WINAPI lgs_EnumerateSecurityPackagesW(unsigned long *pcPackages, PSecPkgInfoW *ppPackageInfo)
{
    pkg_ctx c = {.op = OP_ENUM_W};
    if (pcPackages == NULL || ppPackageInfo == NULL)
        return (SECURITY_STATUS)lgs__wrap_refused((uint32_t)SEC_E_INVALID_PARAMETER);
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
