/* test_sidebyside.c — each wrapper against the API it wraps, side by side,
 * under Wine: the same inputs, the caller's outputs pre-filled with the same
 * pattern (or NULL where the API allows it), and every output byte, the
 * return value and GetLastError() compared afterwards.
 *
 * Three kinds of failure are compared. A fake system (backend.h) that fails
 * or succeeds with a code of every class and writes all, some or none of
 * its outputs, deterministically, so that the raw call and the wrapper's
 * last attempt leave the same bytes (a real system cannot be made to fail
 * each way on demand). The fault injector, against the fake failing without
 * writing anything (an injected fault never reaches the API). And real
 * failures from Wine's own secur32 and LSA. The wrapper contract says the
 * caller sees exactly what the last attempt's call left: any difference is
 * a failure. The test prints how many comparisons it made.
 *
 * The handshake rule is here too: a continuation (phContext non-NULL)
 * consumes its input token, so it makes one attempt whatever the class. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "apis.h"
#include "backend.h"
#include "logonshim/logonshim.h"
#include "suites.h"
#include "vtime.h"

static unsigned long long comparisons, compared_bytes;

/* ---- the fake system ---- */

enum { WRITE_ALL, WRITE_FIRST, WRITE_NONE, WRITE_MODES };
static int mode;           /* what the fake writes of its outputs */
static uint32_t fake_code; /* what it returns (a BOOL API: FALSE and this last error) */
static int set_error;      /* whether it sets the last error (always for BOOL APIs) */
static unsigned fake_calls;

/* Writes output number idx (a recognisable pattern) as the mode says. */
static void put(void *p, size_t n, int idx)
{
    if (p == NULL || mode == WRITE_NONE || (mode == WRITE_FIRST && idx != 0))
        return;
    memset(p, 0x30 + idx, n);
}

static void enter(void)
{
    fake_calls++;
}

static uint32_t leave_status(void)
{
    if (set_error)
        SetLastError(0x4242);
    return fake_code;
}

static BOOL leave_bool(void)
{
    SetLastError(fake_code != 0 ? fake_code : 0x4242);
    return fake_code == 0;
}

static BOOL WINAPI f_logon_user_a(LPCSTR u, LPCSTR d, LPCSTR p, DWORD t, DWORD pr, PHANDLE tok)
{
    (void)u, (void)d, (void)p, (void)t, (void)pr;
    enter();
    put(tok, sizeof *tok, 0);
    return leave_bool();
}

static BOOL WINAPI f_logon_user_w(LPCWSTR u, LPCWSTR d, LPCWSTR p, DWORD t, DWORD pr, PHANDLE tok)
{
    (void)u, (void)d, (void)p, (void)t, (void)pr;
    enter();
    put(tok, sizeof *tok, 0);
    return leave_bool();
}

/* LogonUserEx's outputs, A and W alike. */
static BOOL logon_ex_outputs(PHANDLE tok, PSID *sid, PVOID *profile, LPDWORD len, PQUOTA_LIMITS q)
{
    enter();
    put(tok, sizeof *tok, 0);
    put(sid, sizeof *sid, 1);
    put(profile, sizeof *profile, 2);
    put(len, sizeof *len, 3);
    put(q, sizeof *q, 4);
    return leave_bool();
}

static BOOL WINAPI f_logon_user_ex_a(LPCSTR u, LPCSTR d, LPCSTR p, DWORD t, DWORD pr, PHANDLE tok, PSID *sid,
                                     PVOID *profile, LPDWORD len, PQUOTA_LIMITS q)
{
    (void)u, (void)d, (void)p, (void)t, (void)pr;
    return logon_ex_outputs(tok, sid, profile, len, q);
}

static BOOL WINAPI f_logon_user_ex_w(LPCWSTR u, LPCWSTR d, LPCWSTR p, DWORD t, DWORD pr, PHANDLE tok, PSID *sid,
                                     PVOID *profile, LPDWORD len, PQUOTA_LIMITS q)
{
    (void)u, (void)d, (void)p, (void)t, (void)pr;
    return logon_ex_outputs(tok, sid, profile, len, q);
}

/* Tokens and stored credentials. */
static BOOL WINAPI f_impersonate_user(HANDLE h)
{
    (void)h;
    enter();
    return leave_bool();
}

static BOOL WINAPI f_cred_read(LPCWSTR target, DWORD type, DWORD flags, PCREDENTIALW *cred)
{
    (void)target, (void)type, (void)flags;
    enter();
    put(cred, sizeof *cred, 0);
    return leave_bool();
}

static BOOL WINAPI f_cred_write(PCREDENTIALW cred, DWORD flags)
{
    (void)cred, (void)flags;
    enter();
    return leave_bool();
}

/* The process calls write the PROCESS_INFORMATION. */
static BOOL WINAPI f_as_user_a(HANDLE t, LPCSTR app, LPSTR cmd, LPSECURITY_ATTRIBUTES psa, LPSECURITY_ATTRIBUTES tsa,
                               BOOL inherit, DWORD flags, LPVOID env, LPCSTR cwd, LPSTARTUPINFOA si,
                               LPPROCESS_INFORMATION pi)
{
    (void)t, (void)app, (void)cmd, (void)psa, (void)tsa, (void)inherit, (void)flags, (void)env, (void)cwd, (void)si;
    enter();
    put(pi, sizeof *pi, 0);
    return leave_bool();
}

static BOOL WINAPI f_as_user_w(HANDLE t, LPCWSTR app, LPWSTR cmd, LPSECURITY_ATTRIBUTES psa,
                               LPSECURITY_ATTRIBUTES tsa, BOOL inherit, DWORD flags, LPVOID env, LPCWSTR cwd,
                               LPSTARTUPINFOW si, LPPROCESS_INFORMATION pi)
{
    (void)t, (void)app, (void)cmd, (void)psa, (void)tsa, (void)inherit, (void)flags, (void)env, (void)cwd, (void)si;
    enter();
    put(pi, sizeof *pi, 0);
    return leave_bool();
}

static BOOL WINAPI f_with_logon(LPCWSTR u, LPCWSTR d, LPCWSTR p, DWORD lf, LPCWSTR app, LPWSTR cmd, DWORD flags,
                                LPVOID env, LPCWSTR cwd, LPSTARTUPINFOW si, LPPROCESS_INFORMATION pi)
{
    (void)u, (void)d, (void)p, (void)lf, (void)app, (void)cmd, (void)flags, (void)env, (void)cwd, (void)si;
    enter();
    put(pi, sizeof *pi, 0);
    return leave_bool();
}

static BOOL WINAPI f_with_token(HANDLE t, DWORD lf, LPCWSTR app, LPWSTR cmd, DWORD flags, LPVOID env, LPCWSTR cwd,
                                LPSTARTUPINFOW si, LPPROCESS_INFORMATION pi)
{
    (void)t, (void)lf, (void)app, (void)cmd, (void)flags, (void)env, (void)cwd, (void)si;
    enter();
    put(pi, sizeof *pi, 0);
    return leave_bool();
}

static VOID WINAPI f_cred_free(PVOID b)
{
    (void)b;
}

static NTSTATUS NTAPI f_connect(PHANDLE h)
{
    enter();
    put(h, sizeof *h, 0);
    return (NTSTATUS)leave_status();
}

static NTSTATUS NTAPI f_register(PLSA_STRING name, PHANDLE h, PLSA_OPERATIONAL_MODE m)
{
    (void)name;
    enter();
    put(h, sizeof *h, 0);
    put(m, sizeof *m, 1);
    return (NTSTATUS)leave_status();
}

static NTSTATUS NTAPI f_lookup(HANDLE h, PLSA_STRING name, PULONG pkg)
{
    (void)h, (void)name;
    enter();
    put(pkg, sizeof *pkg, 0);
    return (NTSTATUS)leave_status();
}

static NTSTATUS NTAPI f_logon(HANDLE h, PLSA_STRING o, SECURITY_LOGON_TYPE t, ULONG pkg, PVOID info, ULONG len,
                              PTOKEN_GROUPS g, PTOKEN_SOURCE s, PVOID *profile, PULONG profile_len, PLUID luid,
                              PHANDLE token, PQUOTA_LIMITS q, PNTSTATUS sub)
{
    (void)h, (void)o, (void)t, (void)pkg, (void)info, (void)len, (void)g, (void)s;
    enter();
    put(token, sizeof *token, 0);
    put(profile, sizeof *profile, 1);
    put(profile_len, sizeof *profile_len, 2);
    put(luid, sizeof *luid, 3);
    put(q, sizeof *q, 4);
    put(sub, sizeof *sub, 5);
    return (NTSTATUS)leave_status();
}

static NTSTATUS NTAPI f_call_package(HANDLE h, ULONG pkg, PVOID submit, ULONG submit_len, PVOID *ret,
                                     PULONG ret_len, PNTSTATUS protocol)
{
    (void)h, (void)pkg, (void)submit, (void)submit_len;
    enter();
    put(ret_len, sizeof *ret_len, 0);
    put(protocol, sizeof *protocol, 1);
    put(ret, sizeof *ret, 2);
    return (NTSTATUS)leave_status();
}

static NTSTATUS NTAPI f_session_data(PLUID luid, PSECURITY_LOGON_SESSION_DATA *data)
{
    (void)luid;
    enter();
    put(data, sizeof *data, 0);
    return (NTSTATUS)leave_status();
}

static NTSTATUS NTAPI f_enumerate_sessions(PULONG count, PLUID *list)
{
    enter();
    put(count, sizeof *count, 0);
    put(list, sizeof *list, 1);
    return (NTSTATUS)leave_status();
}

/* ACH's outputs, A and W alike. */
static SECURITY_STATUS ach_outputs(PCredHandle cred, PTimeStamp ts)
{
    enter();
    put(cred, sizeof *cred, 0);
    put(ts, sizeof *ts, 1);
    return (SECURITY_STATUS)leave_status();
}

static SECURITY_STATUS SEC_ENTRY f_ach_a(SEC_CHAR *pr, SEC_CHAR *pkg, unsigned long use, void *luid, void *auth,
                                         SEC_GET_KEY_FN fn, void *arg, PCredHandle cred, PTimeStamp ts)
{
    (void)pr, (void)pkg, (void)use, (void)luid, (void)auth, (void)fn, (void)arg;
    return ach_outputs(cred, ts);
}

static SECURITY_STATUS SEC_ENTRY f_ach_w(SEC_WCHAR *pr, SEC_WCHAR *pkg, unsigned long use, void *luid, void *auth,
                                         SEC_GET_KEY_FN fn, void *arg, PCredHandle cred, PTimeStamp ts)
{
    (void)pr, (void)pkg, (void)use, (void)luid, (void)auth, (void)fn, (void)arg;
    return ach_outputs(cred, ts);
}

/* ISC and ASC: the new context, the output token, attributes, expiry. */
static SECURITY_STATUS ctx_outputs(PCtxtHandle new_ctx, PSecBufferDesc out, unsigned long *attr, PTimeStamp ts)
{
    enter();
    put(new_ctx, sizeof *new_ctx, 0);
    if (out != NULL && out->cBuffers > 0 && out->pBuffers != NULL) {
        put(&out->pBuffers[0].cbBuffer, sizeof out->pBuffers[0].cbBuffer, 1);
        put(&out->pBuffers[0].pvBuffer, sizeof out->pBuffers[0].pvBuffer, 1);
    }
    put(attr, sizeof *attr, 2);
    put(ts, sizeof *ts, 3);
    return (SECURITY_STATUS)leave_status();
}

static SECURITY_STATUS SEC_ENTRY f_isc_a(PCredHandle cred, PCtxtHandle ctx, SEC_CHAR *target, unsigned long req,
                                         unsigned long r1, unsigned long rep, PSecBufferDesc in, unsigned long r2,
                                         PCtxtHandle new_ctx, PSecBufferDesc out, unsigned long *attr, PTimeStamp ts)
{
    (void)cred, (void)ctx, (void)target, (void)req, (void)r1, (void)rep, (void)in, (void)r2;
    return ctx_outputs(new_ctx, out, attr, ts);
}

static SECURITY_STATUS SEC_ENTRY f_isc_w(PCredHandle cred, PCtxtHandle ctx, SEC_WCHAR *target, unsigned long req,
                                         unsigned long r1, unsigned long rep, PSecBufferDesc in, unsigned long r2,
                                         PCtxtHandle new_ctx, PSecBufferDesc out, unsigned long *attr, PTimeStamp ts)
{
    (void)cred, (void)ctx, (void)target, (void)req, (void)r1, (void)rep, (void)in, (void)r2;
    return ctx_outputs(new_ctx, out, attr, ts);
}

static SECURITY_STATUS SEC_ENTRY f_asc(PCredHandle cred, PCtxtHandle ctx, PSecBufferDesc in, unsigned long req,
                                       unsigned long rep, PCtxtHandle new_ctx, PSecBufferDesc out,
                                       unsigned long *attr, PTimeStamp ts)
{
    (void)cred, (void)ctx, (void)in, (void)req, (void)rep;
    return ctx_outputs(new_ctx, out, attr, ts);
}

/* The package calls' outputs: a count (Enumerate only) and a buffer. */
static SECURITY_STATUS pkg_outputs(unsigned long *count, void *info)
{
    enter();
    put(count, sizeof *count, 0);
    put(info, sizeof(void *), 1);
    return (SECURITY_STATUS)leave_status();
}

static SECURITY_STATUS SEC_ENTRY f_qspi_a(SEC_CHAR *name, PSecPkgInfoA *info)
{
    (void)name;
    return pkg_outputs(NULL, info);
}

static SECURITY_STATUS SEC_ENTRY f_qspi_w(SEC_WCHAR *name, PSecPkgInfoW *info)
{
    (void)name;
    return pkg_outputs(NULL, info);
}

static SECURITY_STATUS SEC_ENTRY f_esp_a(unsigned long *count, PSecPkgInfoA *info)
{
    return pkg_outputs(count, info);
}

static SECURITY_STATUS SEC_ENTRY f_esp_w(unsigned long *count, PSecPkgInfoW *info)
{
    return pkg_outputs(count, info);
}

/* Message protection: the buffers are written in place, and the quality
 * of protection where the API reports it. */
static SECURITY_STATUS msg_outputs(PSecBufferDesc msg, unsigned long *qop)
{
    enter();
    if (msg != NULL && msg->cBuffers > 0 && msg->pBuffers != NULL)
        put(&msg->pBuffers[0], sizeof msg->pBuffers[0], 0);
    put(qop, sizeof *qop, 1);
    return (SECURITY_STATUS)leave_status();
}

static SECURITY_STATUS SEC_ENTRY f_encrypt(PCtxtHandle ctx, unsigned long qop, PSecBufferDesc msg, unsigned long seq)
{
    (void)ctx, (void)qop, (void)seq;
    return msg_outputs(msg, NULL);
}

static SECURITY_STATUS SEC_ENTRY f_sign(PCtxtHandle ctx, unsigned long qop, PSecBufferDesc msg, unsigned long seq)
{
    (void)ctx, (void)qop, (void)seq;
    return msg_outputs(msg, NULL);
}

static SECURITY_STATUS SEC_ENTRY f_decrypt(PCtxtHandle ctx, PSecBufferDesc msg, unsigned long seq, unsigned long *qop)
{
    (void)ctx, (void)seq;
    return msg_outputs(msg, qop);
}

static SECURITY_STATUS SEC_ENTRY f_verify(PCtxtHandle ctx, PSecBufferDesc msg, unsigned long seq, unsigned long *qop)
{
    (void)ctx, (void)seq;
    return msg_outputs(msg, qop);
}

/* CompleteAuthToken writes the token's buffers in place. */
static SECURITY_STATUS SEC_ENTRY f_complete(PCtxtHandle ctx, PSecBufferDesc token)
{
    (void)ctx;
    return msg_outputs(token, NULL);
}

/* QueryContextAttributes and QueryCredentialsAttributes write the
 * caller's buffer, whose size the attribute says (SECPKG_ATTR_SIZES here).
 * A and W, context and credential handle: one type, one fake. */
static SECURITY_STATUS SEC_ENTRY f_query(PSecHandle h, unsigned long attr, void *buffer)
{
    (void)h, (void)attr;
    enter();
    put(buffer, sizeof(SecPkgContext_Sizes), 0);
    return (SECURITY_STATUS)leave_status();
}

/* SetContextAttributes (A and W alike) reads its buffer: no output. */
static SECURITY_STATUS SEC_ENTRY f_set_ctx(PCtxtHandle ctx, unsigned long attr, void *buffer, unsigned long size)
{
    (void)ctx, (void)attr, (void)buffer, (void)size;
    enter();
    return (SECURITY_STATUS)leave_status();
}

/* QuerySecurityContextToken hands out a token. */
static SECURITY_STATUS SEC_ENTRY f_context_token(PCtxtHandle ctx, HANDLE *token)
{
    (void)ctx;
    enter();
    put(token, sizeof *token, 0);
    return (SECURITY_STATUS)leave_status();
}

/* ApplyControlToken: its input buffers, as the message calls'. */
static SECURITY_STATUS SEC_ENTRY f_apply(PCtxtHandle ctx, PSecBufferDesc in)
{
    (void)ctx;
    return msg_outputs(in, NULL);
}

/* Calls on a context and releases: no outputs, a result. The other
 * wrappers' cleanups call the releases too; nothing the fake hands out is
 * real, so there is nothing to free. */
static SECURITY_STATUS SEC_ENTRY f_on_ctx(PCtxtHandle h)
{
    (void)h;
    enter();
    return (SECURITY_STATUS)leave_status();
}
static BOOL WINAPI f_close(HANDLE h) { (void)h; return TRUE; }
static HLOCAL WINAPI f_local_free(HLOCAL h) { (void)h; return NULL; }
static NTSTATUS NTAPI f_lsa_free(PVOID b) { (void)b; enter(); return (NTSTATUS)leave_status(); }
static NTSTATUS NTAPI f_deregister(HANDLE h) { (void)h; return 0; }
static SECURITY_STATUS SEC_ENTRY f_free_buffer(void *b) { (void)b; enter(); return (SECURITY_STATUS)leave_status(); }
static SECURITY_STATUS SEC_ENTRY f_free_cred(PCredHandle h) { (void)h; enter(); return (SECURITY_STATUS)leave_status(); }

static lgs__backend fk;

static void make_fake(void)
{
    fk = lgs__system_backend;
    fk.LogonUserA = f_logon_user_a;
    fk.LogonUserW = f_logon_user_w;
    fk.LogonUserExA = f_logon_user_ex_a;
    fk.LogonUserExW = f_logon_user_ex_w;
    fk.ImpersonateLoggedOnUser = f_impersonate_user;
    fk.CredReadW = f_cred_read;
    fk.CredWriteW = f_cred_write;
    fk.CredFree = f_cred_free;
    fk.CreateProcessAsUserA = f_as_user_a;
    fk.CreateProcessAsUserW = f_as_user_w;
    fk.CreateProcessWithLogonW = f_with_logon;
    fk.CreateProcessWithTokenW = f_with_token;
    fk.LsaConnectUntrusted = f_connect;
    fk.LsaRegisterLogonProcess = f_register;
    fk.LsaLookupAuthenticationPackage = f_lookup;
    fk.LsaLogonUser = f_logon;
    fk.LsaCallAuthenticationPackage = f_call_package;
    fk.LsaGetLogonSessionData = f_session_data;
    fk.LsaEnumerateLogonSessions = f_enumerate_sessions;
    fk.AcquireCredentialsHandleA = f_ach_a;
    fk.AcquireCredentialsHandleW = f_ach_w;
    fk.InitializeSecurityContextA = f_isc_a;
    fk.InitializeSecurityContextW = f_isc_w;
    fk.AcceptSecurityContext = f_asc;
    fk.QuerySecurityPackageInfoA = f_qspi_a;
    fk.QuerySecurityPackageInfoW = f_qspi_w;
    fk.EnumerateSecurityPackagesA = f_esp_a;
    fk.EnumerateSecurityPackagesW = f_esp_w;
    fk.CloseHandle = f_close;
    fk.LocalFree = f_local_free;
    fk.LsaFreeReturnBuffer = f_lsa_free;
    fk.LsaDeregisterLogonProcess = f_deregister;
    fk.FreeContextBuffer = f_free_buffer;
    fk.DeleteSecurityContext = f_on_ctx;
    fk.ImpersonateSecurityContext = f_on_ctx;
    fk.RevertSecurityContext = f_on_ctx;
    fk.CompleteAuthToken = f_complete;
    fk.QueryContextAttributesA = f_query;
    fk.QueryContextAttributesW = f_query;
    fk.QueryCredentialsAttributesA = f_query;
    fk.QueryCredentialsAttributesW = f_query;
    fk.SetContextAttributesA = f_set_ctx;
    fk.SetContextAttributesW = f_set_ctx;
    fk.QuerySecurityContextToken = f_context_token;
    fk.ApplyControlToken = f_apply;
    fk.FreeCredentialsHandle = f_free_cred;
    fk.EncryptMessage = f_encrypt;
    fk.DecryptMessage = f_decrypt;
    fk.MakeSignature = f_sign;
    fk.VerifySignature = f_verify;
}

/* ---- one call, raw or wrapped ---- */

/* Every output any of these APIs has. */
typedef struct outs {
    HANDLE h;
    LSA_OPERATIONAL_MODE mode;
    ULONG package;
    PVOID buf;
    ULONG ulen;
    LUID luid;
    QUOTA_LIMITS quotas;
    NTSTATUS sub;
    CredHandle cred;
    CtxtHandle ctx;
    TimeStamp ts;
    unsigned long attr;
    unsigned long count;
    SecBuffer sb[2];
    PSID sid;
    SecPkgContext_Sizes sizes;
    PROCESS_INFORMATION pi;
} outs;

typedef struct result {
    uint32_t rc;
    DWORD error;
} result;

static wchar_t pkg_w[] = L"Kerberos";
static char pkg_a[] = "Kerberos";
static wchar_t target_w[] = L"host/x";
static char target_a[] = "host/x";
static char origin[] = "logonshim";
static wchar_t cred_target[] = L"logonshim-sidebyside";
/* A program that does not exist: a real call never starts a process. */
static wchar_t no_app_w[] = L"C:\\logonshim-no-such-dir\\no-such.exe";
static char no_app_a[] = "C:\\logonshim-no-such-dir\\no-such.exe";

/* The APIs compared here. */
static const lgs__api_id compared[] = {
    LGS_API_ID_LogonUserA, LGS_API_ID_LogonUserW, LGS_API_ID_LogonUserExA, LGS_API_ID_LogonUserExW,
    LGS_API_ID_LsaConnectUntrusted,
    LGS_API_ID_LsaRegisterLogonProcess, LGS_API_ID_LsaLookupAuthenticationPackage, LGS_API_ID_LsaLogonUser,
    LGS_API_ID_LsaCallAuthenticationPackage, LGS_API_ID_LsaGetLogonSessionData,
    LGS_API_ID_LsaEnumerateLogonSessions, LGS_API_ID_AcquireCredentialsHandleA,
    LGS_API_ID_AcquireCredentialsHandleW, LGS_API_ID_InitializeSecurityContextA,
    LGS_API_ID_InitializeSecurityContextW, LGS_API_ID_AcceptSecurityContext,
    LGS_API_ID_QuerySecurityPackageInfoA, LGS_API_ID_QuerySecurityPackageInfoW,
    LGS_API_ID_EnumerateSecurityPackagesA, LGS_API_ID_EnumerateSecurityPackagesW,
    LGS_API_ID_EncryptMessage, LGS_API_ID_DecryptMessage, LGS_API_ID_MakeSignature, LGS_API_ID_VerifySignature,
    LGS_API_ID_CompleteAuthToken, LGS_API_ID_QueryContextAttributesA, LGS_API_ID_QueryContextAttributesW,
    LGS_API_ID_ImpersonateSecurityContext, LGS_API_ID_RevertSecurityContext, LGS_API_ID_FreeContextBuffer,
    LGS_API_ID_DeleteSecurityContext, LGS_API_ID_FreeCredentialsHandle, LGS_API_ID_LsaFreeReturnBuffer,
    LGS_API_ID_QueryCredentialsAttributesA, LGS_API_ID_QueryCredentialsAttributesW,
    LGS_API_ID_SetContextAttributesA, LGS_API_ID_SetContextAttributesW, LGS_API_ID_QuerySecurityContextToken,
    LGS_API_ID_ApplyControlToken, LGS_API_ID_ImpersonateLoggedOnUser, LGS_API_ID_CredReadW, LGS_API_ID_CredWriteW,
    LGS_API_ID_CreateProcessAsUserA, LGS_API_ID_CreateProcessAsUserW, LGS_API_ID_CreateProcessWithLogonW,
    LGS_API_ID_CreateProcessWithTokenW,
};

/* Whether the wrapper passes NULL outputs on (the others refuse them where
 * Wine would crash, and are compared with every output given). */
static int nulls_allowed(lgs__api_id api)
{
    return api == LGS_API_ID_LsaLogonUser || api == LGS_API_ID_LsaCallAuthenticationPackage ||
           api == LGS_API_ID_AcquireCredentialsHandleA || api == LGS_API_ID_AcquireCredentialsHandleW ||
           api == LGS_API_ID_InitializeSecurityContextA || api == LGS_API_ID_InitializeSecurityContextW ||
           api == LGS_API_ID_AcceptSecurityContext || api == LGS_API_ID_EncryptMessage ||
           api == LGS_API_ID_DecryptMessage || api == LGS_API_ID_MakeSignature || api == LGS_API_ID_VerifySignature ||
           api == LGS_API_ID_LogonUserExA || api == LGS_API_ID_LogonUserExW || api == LGS_API_ID_CompleteAuthToken ||
           api == LGS_API_ID_QueryContextAttributesA || api == LGS_API_ID_QueryContextAttributesW ||
           api == LGS_API_ID_QueryCredentialsAttributesA || api == LGS_API_ID_QueryCredentialsAttributesW ||
           api == LGS_API_ID_QuerySecurityContextToken || api == LGS_API_ID_ApplyControlToken ||
           api == LGS_API_ID_CredReadW;
}

#define O(field) (nulls ? NULL : &o->field)
#define CALL(fn, ...) (wrapped ? lgs_##fn(__VA_ARGS__) : b->fn(__VA_ARGS__))

/* Calls api, through the wrapper or straight to table b, with the outputs in
 * *o (NULL where `nulls`); `cont` makes ISC/ASC a continuation. */
static result call(const lgs__backend *b, int wrapped, lgs__api_id api, outs *o, int nulls, int cont)
{
    LSA_STRING name = {9, 10, origin};
    CredHandle cred = {1, 2};
    CtxtHandle old = {3, 4};
    PCtxtHandle in_ctx = cont ? &old : NULL;
    SecBufferDesc desc = {SECBUFFER_VERSION, 2, o->sb};
    PSecBufferDesc out = nulls ? NULL : &desc;
    LUID bogus = {77, 0};
    long rc = 0;
    SetLastError(0xBEEF);
    switch (api) {
    case LGS_API_ID_LogonUserA:
        rc = CALL(LogonUserA, "u", "d", "p", LOGON32_LOGON_NETWORK, 0, &o->h);
        break;
    case LGS_API_ID_LogonUserW:
        rc = CALL(LogonUserW, L"u", L"d", L"p", LOGON32_LOGON_NETWORK, 0, &o->h);
        break;
    case LGS_API_ID_LogonUserExA:
        rc = CALL(LogonUserExA, "u", "d", "p", LOGON32_LOGON_NETWORK, 0, O(h), O(sid), O(buf), O(ulen), O(quotas));
        break;
    case LGS_API_ID_LogonUserExW:
        rc = CALL(LogonUserExW, L"u", L"d", L"p", LOGON32_LOGON_NETWORK, 0, O(h), O(sid), O(buf), O(ulen),
                  O(quotas));
        break;
    case LGS_API_ID_LsaConnectUntrusted:
        rc = CALL(LsaConnectUntrusted, &o->h);
        break;
    case LGS_API_ID_LsaRegisterLogonProcess:
        rc = CALL(LsaRegisterLogonProcess, &name, &o->h, &o->mode);
        break;
    case LGS_API_ID_LsaLookupAuthenticationPackage:
        rc = CALL(LsaLookupAuthenticationPackage, (HANDLE)(uintptr_t)0x1234, &name, &o->package);
        break;
    case LGS_API_ID_LsaLogonUser:
        rc = CALL(LsaLogonUser, (HANDLE)(uintptr_t)0x1234, &name, Network, 0, NULL, 0, NULL, NULL, O(buf),
                  O(ulen), O(luid), O(h), O(quotas), O(sub));
        break;
    case LGS_API_ID_LsaCallAuthenticationPackage:
        rc = CALL(LsaCallAuthenticationPackage, (HANDLE)(uintptr_t)0x1234, 0, NULL, 0, O(buf), O(ulen), O(sub));
        break;
    case LGS_API_ID_LsaGetLogonSessionData:
        rc = CALL(LsaGetLogonSessionData, &bogus, (PSECURITY_LOGON_SESSION_DATA *)&o->buf);
        break;
    case LGS_API_ID_LsaEnumerateLogonSessions:
        rc = CALL(LsaEnumerateLogonSessions, &o->ulen, (PLUID *)&o->buf);
        break;
    case LGS_API_ID_AcquireCredentialsHandleA:
        rc = CALL(AcquireCredentialsHandleA, NULL, pkg_a, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, O(cred),
                  O(ts));
        break;
    case LGS_API_ID_AcquireCredentialsHandleW:
        rc = CALL(AcquireCredentialsHandleW, NULL, pkg_w, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, O(cred),
                  O(ts));
        break;
    case LGS_API_ID_InitializeSecurityContextA:
        rc = CALL(InitializeSecurityContextA, &cred, in_ctx, target_a, ISC_REQ_ALLOCATE_MEMORY, 0,
                  SECURITY_NATIVE_DREP, NULL, 0, O(ctx), out, O(attr), O(ts));
        break;
    case LGS_API_ID_InitializeSecurityContextW:
        rc = CALL(InitializeSecurityContextW, &cred, in_ctx, target_w, ISC_REQ_ALLOCATE_MEMORY, 0,
                  SECURITY_NATIVE_DREP, NULL, 0, O(ctx), out, O(attr), O(ts));
        break;
    case LGS_API_ID_AcceptSecurityContext:
        rc = CALL(AcceptSecurityContext, &cred, in_ctx, NULL, ASC_REQ_ALLOCATE_MEMORY, SECURITY_NATIVE_DREP,
                  O(ctx), out, O(attr), O(ts));
        break;
    case LGS_API_ID_QuerySecurityPackageInfoA:
        rc = CALL(QuerySecurityPackageInfoA, pkg_a, (PSecPkgInfoA *)&o->buf);
        break;
    case LGS_API_ID_QuerySecurityPackageInfoW:
        rc = CALL(QuerySecurityPackageInfoW, pkg_w, (PSecPkgInfoW *)&o->buf);
        break;
    case LGS_API_ID_EnumerateSecurityPackagesA:
        rc = CALL(EnumerateSecurityPackagesA, &o->count, (PSecPkgInfoA *)&o->buf);
        break;
    case LGS_API_ID_EnumerateSecurityPackagesW:
        rc = CALL(EnumerateSecurityPackagesW, &o->count, (PSecPkgInfoW *)&o->buf);
        break;
    case LGS_API_ID_EncryptMessage:
        rc = CALL(EncryptMessage, &old, 0, out, 5);
        break;
    case LGS_API_ID_DecryptMessage:
        rc = CALL(DecryptMessage, &old, out, 5, O(attr));
        break;
    case LGS_API_ID_MakeSignature:
        rc = CALL(MakeSignature, &old, 0, out, 5);
        break;
    case LGS_API_ID_VerifySignature:
        rc = CALL(VerifySignature, &old, out, 5, O(attr));
        break;
    case LGS_API_ID_CompleteAuthToken:
        rc = CALL(CompleteAuthToken, &old, out);
        break;
    case LGS_API_ID_QueryContextAttributesA:
        rc = CALL(QueryContextAttributesA, &old, SECPKG_ATTR_SIZES, O(sizes));
        break;
    case LGS_API_ID_QueryContextAttributesW:
        rc = CALL(QueryContextAttributesW, &old, SECPKG_ATTR_SIZES, O(sizes));
        break;
    case LGS_API_ID_ImpersonateSecurityContext:
        rc = CALL(ImpersonateSecurityContext, &old);
        break;
    case LGS_API_ID_RevertSecurityContext:
        rc = CALL(RevertSecurityContext, &old);
        break;
    case LGS_API_ID_FreeContextBuffer:
        rc = CALL(FreeContextBuffer, o->buf);
        break;
    case LGS_API_ID_DeleteSecurityContext:
        rc = CALL(DeleteSecurityContext, &old);
        break;
    case LGS_API_ID_FreeCredentialsHandle:
        rc = CALL(FreeCredentialsHandle, &cred);
        break;
    case LGS_API_ID_LsaFreeReturnBuffer:
        rc = CALL(LsaFreeReturnBuffer, o->buf);
        break;
    case LGS_API_ID_QueryCredentialsAttributesA:
        rc = CALL(QueryCredentialsAttributesA, &cred, SECPKG_CRED_ATTR_NAMES, O(sizes));
        break;
    case LGS_API_ID_QueryCredentialsAttributesW:
        rc = CALL(QueryCredentialsAttributesW, &cred, SECPKG_CRED_ATTR_NAMES, O(sizes));
        break;
    case LGS_API_ID_SetContextAttributesA:
        rc = CALL(SetContextAttributesA, &old, SECPKG_ATTR_SIZES, &o->sizes, sizeof o->sizes);
        break;
    case LGS_API_ID_SetContextAttributesW:
        rc = CALL(SetContextAttributesW, &old, SECPKG_ATTR_SIZES, &o->sizes, sizeof o->sizes);
        break;
    case LGS_API_ID_QuerySecurityContextToken:
        rc = CALL(QuerySecurityContextToken, &old, O(h));
        break;
    case LGS_API_ID_ApplyControlToken:
        rc = CALL(ApplyControlToken, &old, out);
        break;
    case LGS_API_ID_ImpersonateLoggedOnUser:
        rc = CALL(ImpersonateLoggedOnUser, (HANDLE)(uintptr_t)0x1234);
        break;
    case LGS_API_ID_CredReadW:
        rc = CALL(CredReadW, cred_target, CRED_TYPE_GENERIC, 0, (PCREDENTIALW *)O(buf));
        break;
    case LGS_API_ID_CreateProcessAsUserA: {
        STARTUPINFOA si = {.cb = sizeof si};
        rc = CALL(CreateProcessAsUserA, NULL, no_app_a, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si, &o->pi);
        break;
    }
    case LGS_API_ID_CreateProcessAsUserW: {
        STARTUPINFOW si = {.cb = sizeof si};
        rc = CALL(CreateProcessAsUserW, NULL, no_app_w, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si, &o->pi);
        break;
    }
    case LGS_API_ID_CreateProcessWithLogonW: {
        STARTUPINFOW si = {.cb = sizeof si};
        rc = CALL(CreateProcessWithLogonW, L"u", L"d", L"p", 0, no_app_w, NULL, 0, NULL, NULL, &si, &o->pi);
        break;
    }
    case LGS_API_ID_CreateProcessWithTokenW: {
        STARTUPINFOW si = {.cb = sizeof si};
        rc = CALL(CreateProcessWithTokenW, (HANDLE)(uintptr_t)0x1234, 0, no_app_w, NULL, 0, NULL, NULL, &si, &o->pi);
        break;
    }
    case LGS_API_ID_CredWriteW: {
        CREDENTIALW cw = {.Type = CRED_TYPE_GENERIC, .TargetName = cred_target, .Persist = CRED_PERSIST_LOCAL_MACHINE};
        rc = CALL(CredWriteW, &cw, 0);
        break;
    }
    default:
        CU_FAIL("an API without an invocation");
        break;
    }
    result r = {(uint32_t)rc, GetLastError()};
    return r;
}

static void fill(outs *o)
{
    memset(o, 0xA5, sizeof *o);
}

/* Compares the raw call's and the wrapper's results and outputs, field by
 * field so that a failure names what differs. */
static int compare(const char *what, lgs__api_id api, const outs *raw, result rr, const outs *wrap, result wr)
{
    struct {
        const char *name;
        size_t off, size;
    } fields[] = {
#define F(f) {#f, offsetof(outs, f), sizeof(((outs *)0)->f)}
        F(h), F(mode), F(package), F(buf), F(ulen), F(luid), F(quotas), F(sub),
        F(cred), F(ctx), F(ts), F(attr), F(count), F(sb), F(sid), F(sizes), F(pi),
#undef F
    };
    int ok = 1;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        comparisons++;
        compared_bytes += fields[i].size;
        if (memcmp((const char *)raw + fields[i].off, (const char *)wrap + fields[i].off, fields[i].size) != 0) {
            printf("\n  %s %s: output %s differs", lgs__apis[api].name, what, fields[i].name);
            ok = 0;
        }
    }
    comparisons += 2;
    if (rr.rc != wr.rc || rr.error != wr.error) {
        printf("\n  %s %s: API 0x%08lX/%lu, wrapper 0x%08lX/%lu", lgs__apis[api].name, what, (unsigned long)rr.rc,
               (unsigned long)rr.error, (unsigned long)wr.rc, (unsigned long)wr.error);
        ok = 0;
    }
    return ok;
}

static void prepare(void)
{
    vt_setup(1000, 31);
    vt_set("budget.floor", "1000000");
    vt_set("breaker.threshold", "0");
    vt_set("lockout.threshold", "0");
    make_fake();
}

static int teardown(void)
{
    lgs__backend_set(NULL);
    lgs_faults_clear();
    return vt_teardown();
}

/* The codes a run tries in a space: success, a code of every class, and
 * the handshake codes the issue names. */
static size_t codes_for(lgs_space space, uint32_t *codes, size_t max)
{
    size_t n = 0;
    codes[n++] = 0;
    for (int cls = LGS_CLASS_CONTINUE; cls < LGS_CLASS_COUNT_ && n < max; cls++) {
        uint32_t c = vt_code_in(space, (lgs_class)cls);
        if (c != 0)
            codes[n++] = c;
    }
    if (space == LGS_SPACE_SECURITY && n + 4 <= max) {
        codes[n++] = (uint32_t)SEC_E_INCOMPLETE_MESSAGE;
        codes[n++] = (uint32_t)SEC_E_BUFFER_TOO_SMALL;
        codes[n++] = (uint32_t)SEC_E_INTERNAL_ERROR;
        codes[n++] = (uint32_t)SEC_E_INSUFFICIENT_MEMORY;
    }
    return n;
}

static int is_ctx_api(lgs__api_id api)
{
    return api == LGS_API_ID_InitializeSecurityContextA || api == LGS_API_ID_InitializeSecurityContextW ||
           api == LGS_API_ID_AcceptSecurityContext;
}

/* The raw fake and the wrapper in front of it, with the same inputs and
 * the same pre-filled outputs; 1 when they differ. */
static unsigned side_by_side(lgs__api_id api, int nulls, int cont, const char *what)
{
    outs raw, wrap;
    fill(&raw);
    fill(&wrap);
    lgs__backend_set(NULL);
    result rr = call(&fk, 0, api, &raw, nulls, cont);
    lgs__backend_set(&fk);
    result wr = call(&fk, 1, api, &wrap, nulls, cont);
    lgs__backend_set(NULL);
    return compare(what, api, &raw, rr, &wrap, wr) ? 0u : 1u;
}

/* The codes of api's space (codes_for) in codes[]; returns how many. */
static size_t api_codes(lgs__api_id api, uint32_t *codes, size_t max)
{
    return codes_for(lgs__apis[api].space, codes, max);
}

/* The fake system: every API, every class, every write mode, outputs given
 * and NULL, first legs and continuations. */
static void test_fake_system(void)
{
    prepare();
    unsigned long long before = comparisons, failed = 0;
    for (size_t k = 0; k < sizeof compared / sizeof compared[0]; k++) {
        lgs__api_id api = compared[k];
        uint32_t codes[40];
        size_t ncodes = api_codes(api, codes, 40);
        for (size_t c = 0; c < ncodes; c++)
            for (mode = 0; mode < WRITE_MODES; mode++)
                for (int nulls = 0; nulls <= nulls_allowed(api); nulls++)
                    for (int cont = 0; cont <= is_ctx_api(api); cont++) {
                        fake_code = codes[c];
                        set_error = (codes[c] & 1) != 0; /* some do, some leave it */
                        char what[96];
                        snprintf(what, sizeof what, "code 0x%08lX mode %d%s%s", (unsigned long)codes[c], mode,
                                 nulls ? " NULL outputs" : "", cont ? " continuation" : "");
                        failed += side_by_side(api, nulls, cont, what);
                    }
    }
    printf("\n  fake system: %llu comparisons, %llu cases differ", comparisons - before, failed);
    CU_ASSERT_EQUAL(failed, 0);
}

/* Injected faults: the wrapper against the API failing without writing
 * anything (an injected fault never reaches it). Every attempt the class
 * allows is injected, so the retried classes are covered too. */
static void test_injected(void)
{
    prepare();
    unsigned long long before = comparisons, failed = 0;
    for (size_t k = 0; k < sizeof compared / sizeof compared[0]; k++) {
        lgs__api_id api = compared[k];
        uint32_t codes[40];
        size_t ncodes = api_codes(api, codes, 40);
        for (size_t c = 1; c < ncodes; c++) {
            char spec[128];
            snprintf(spec, sizeof spec, "%s=0x%08lX*10", lgs__apis[api].name, (unsigned long)codes[c]);
            CU_ASSERT_EQUAL_FATAL(lgs_faults_set(spec, NULL, 0), LGS_OK);
            lgs_engine_reset_state();
            mode = WRITE_NONE;
            fake_code = codes[c];
            set_error = 0;
            char what[64];
            snprintf(what, sizeof what, "injected 0x%08lX", (unsigned long)codes[c]);
            failed += side_by_side(api, 0, 0, what);
        }
    }
    lgs_faults_clear();
    printf("\n  injected: %llu comparisons, %llu cases differ", comparisons - before, failed);
    CU_ASSERT_EQUAL(failed, 0);
}

/* Real failures from Wine's secur32 and LSA, and real successes whose
 * outputs are not allocations (so that two calls give the same bytes). */
static void test_real_system(void)
{
    prepare();
    lgs__backend_set(NULL);
    unsigned long long before = comparisons, failed = 0;
    static wchar_t nosuch_w[] = L"logonshim-no-such-package";
    static char nosuch_a[] = "logonshim-no-such-package";
    HANDLE lsa = NULL;
    CU_ASSERT_EQUAL_FATAL(LsaConnectUntrusted(&lsa), 0);
    unsigned long long varying = 0;
    for (int i = 0; i < 30; i++) {
        outs raw, again, wrap;
        result rr = {0, 0}, ra = {0, 0}, wr = {0, 0};
        const char *what = "";
        lgs__api_id api = LGS_API_ID_AcquireCredentialsHandleW;
        /* The API twice, then the wrapper: bytes that differ between the
         * API's own two calls (Wine's ACH writes a time-dependent expiry
         * for Kerberos) say nothing about the wrapper and are not compared. */
        for (int pass = 0; pass < 3; pass++) {
            int wrapped = pass == 2;
            outs *o = pass == 0 ? &raw : pass == 1 ? &again : &wrap;
            fill(o);
            CredHandle zero_cred = {0, 0};
            CtxtHandle zero_ctx = {0, 0};
            LSA_STRING unknown = {7, 8, "nosuchp"};
            STARTUPINFOW siw = {.cb = sizeof siw};
            STARTUPINFOA sia = {.cb = sizeof sia};
            SecBufferDesc desc = {SECBUFFER_VERSION, 2, o->sb};
            SetLastError(0xBEEF);
            long rc = 0;
            const lgs__backend *b = &lgs__system_backend;
            switch (i) {
            case 0:
                what = "unknown package", api = LGS_API_ID_AcquireCredentialsHandleW;
                rc = CALL(AcquireCredentialsHandleW, NULL, nosuch_w, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                          &o->cred, &o->ts);
                break;
            case 1:
                what = "unknown package", api = LGS_API_ID_AcquireCredentialsHandleA;
                rc = CALL(AcquireCredentialsHandleA, NULL, nosuch_a, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                          &o->cred, &o->ts);
                break;
            case 2:
                what = "Kerberos without a KDC", api = LGS_API_ID_AcquireCredentialsHandleW;
                rc = CALL(AcquireCredentialsHandleW, NULL, pkg_w, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                          &o->cred, &o->ts);
                break;
            case 3:
                what = "zeroed credential", api = LGS_API_ID_InitializeSecurityContextW;
                rc = CALL(InitializeSecurityContextW, &zero_cred, NULL, target_w, ISC_REQ_ALLOCATE_MEMORY, 0,
                          SECURITY_NATIVE_DREP, NULL, 0, &o->ctx, &desc, &o->attr, &o->ts);
                break;
            case 4:
                what = "zeroed credential", api = LGS_API_ID_InitializeSecurityContextA;
                rc = CALL(InitializeSecurityContextA, &zero_cred, NULL, target_a, ISC_REQ_ALLOCATE_MEMORY, 0,
                          SECURITY_NATIVE_DREP, NULL, 0, &o->ctx, &desc, &o->attr, &o->ts);
                break;
            case 5:
                what = "zeroed credential", api = LGS_API_ID_AcceptSecurityContext;
                rc = CALL(AcceptSecurityContext, &zero_cred, NULL, NULL, ASC_REQ_ALLOCATE_MEMORY,
                          SECURITY_NATIVE_DREP, &o->ctx, &desc, &o->attr, &o->ts);
                break;
            case 6:
                what = "zeroed context, continuation", api = LGS_API_ID_InitializeSecurityContextW;
                rc = CALL(InitializeSecurityContextW, &zero_cred, &zero_ctx, target_w, 0, 0, SECURITY_NATIVE_DREP,
                          NULL, 0, &o->ctx, &desc, &o->attr, &o->ts);
                break;
            case 7:
                what = "unknown package", api = LGS_API_ID_QuerySecurityPackageInfoW;
                rc = CALL(QuerySecurityPackageInfoW, nosuch_w, (PSecPkgInfoW *)&o->buf);
                break;
            case 8:
                what = "unknown package", api = LGS_API_ID_LsaLookupAuthenticationPackage;
                rc = CALL(LsaLookupAuthenticationPackage, lsa, &unknown, &o->package);
                break;
            case 9:
                what = "Kerberos", api = LGS_API_ID_LsaLookupAuthenticationPackage;
                unknown = (LSA_STRING){8, 9, pkg_a};
                rc = CALL(LsaLookupAuthenticationPackage, lsa, &unknown, &o->package);
                break;
            case 10:
                what = "zeroed context", api = LGS_API_ID_CompleteAuthToken;
                rc = CALL(CompleteAuthToken, &zero_ctx, &desc);
                break;
            case 11:
                what = "zeroed context", api = LGS_API_ID_QueryContextAttributesW;
                rc = CALL(QueryContextAttributesW, &zero_ctx, SECPKG_ATTR_SIZES, &o->sizes);
                break;
            case 12:
                what = "zeroed context", api = LGS_API_ID_QueryContextAttributesA;
                rc = CALL(QueryContextAttributesA, &zero_ctx, SECPKG_ATTR_SIZES, &o->sizes);
                break;
            case 13:
                what = "zeroed context", api = LGS_API_ID_ImpersonateSecurityContext;
                rc = CALL(ImpersonateSecurityContext, &zero_ctx);
                break;
            case 14:
                what = "zeroed context", api = LGS_API_ID_RevertSecurityContext;
                rc = CALL(RevertSecurityContext, &zero_ctx);
                break;
            case 15:
                what = "zeroed context", api = LGS_API_ID_DeleteSecurityContext;
                rc = CALL(DeleteSecurityContext, &zero_ctx);
                break;
            case 16:
                what = "zeroed credential", api = LGS_API_ID_FreeCredentialsHandle;
                rc = CALL(FreeCredentialsHandle, &zero_cred);
                break;
            case 17:
                what = "NULL buffer", api = LGS_API_ID_FreeContextBuffer;
                rc = CALL(FreeContextBuffer, NULL);
                break;
            case 18:
                what = "NULL buffer", api = LGS_API_ID_LsaFreeReturnBuffer;
                rc = CALL(LsaFreeReturnBuffer, NULL);
                break;
            case 19:
                what = "zeroed credential", api = LGS_API_ID_QueryCredentialsAttributesW;
                rc = CALL(QueryCredentialsAttributesW, &zero_cred, SECPKG_CRED_ATTR_NAMES, &o->sizes);
                break;
            case 20:
                what = "zeroed credential", api = LGS_API_ID_QueryCredentialsAttributesA;
                rc = CALL(QueryCredentialsAttributesA, &zero_cred, SECPKG_CRED_ATTR_NAMES, &o->sizes);
                break;
            case 21:
                what = "zeroed context", api = LGS_API_ID_SetContextAttributesW;
                rc = CALL(SetContextAttributesW, &zero_ctx, SECPKG_ATTR_SIZES, &o->sizes, sizeof o->sizes);
                break;
            case 22:
                what = "zeroed context", api = LGS_API_ID_SetContextAttributesA;
                rc = CALL(SetContextAttributesA, &zero_ctx, SECPKG_ATTR_SIZES, &o->sizes, sizeof o->sizes);
                break;
            case 23:
                what = "zeroed context", api = LGS_API_ID_QuerySecurityContextToken;
                rc = CALL(QuerySecurityContextToken, &zero_ctx, &o->h);
                break;
            case 24:
                what = "zeroed context", api = LGS_API_ID_ApplyControlToken;
                rc = CALL(ApplyControlToken, &zero_ctx, &desc);
                break;
            case 25:
                what = "NULL token", api = LGS_API_ID_ImpersonateLoggedOnUser;
                rc = CALL(ImpersonateLoggedOnUser, NULL);
                break;
            case 26:
                what = "no such credential", api = LGS_API_ID_CredReadW;
                rc = CALL(CredReadW, cred_target, CRED_TYPE_GENERIC, 0, (PCREDENTIALW *)&o->buf);
                break;
            case 27:
                what = "no such program", api = LGS_API_ID_CreateProcessAsUserW;
                rc = CALL(CreateProcessAsUserW, NULL, no_app_w, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &siw, &o->pi);
                break;
            case 28:
                what = "no such program", api = LGS_API_ID_CreateProcessAsUserA;
                rc = CALL(CreateProcessAsUserA, NULL, no_app_a, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &sia, &o->pi);
                break;
            default:
                what = "unknown account, no such program", api = LGS_API_ID_CreateProcessWithLogonW;
                rc = CALL(CreateProcessWithLogonW, L"logonshim-nosuch", L".", L"pw", 0, no_app_w, NULL, 0, NULL,
                          NULL, &siw, &o->pi);
                break;
            }
            result r = {(uint32_t)rc, GetLastError()};
            *(pass == 0 ? &rr : pass == 1 ? &ra : &wr) = r;
        }
        CU_ASSERT(rr.rc == ra.rc && rr.error == ra.error);
        unsigned char *pr = (unsigned char *)&raw, *pa = (unsigned char *)&again, *pw = (unsigned char *)&wrap;
        for (size_t j = 0; j < sizeof raw; j++)
            if (pr[j] != pa[j]) {
                pw[j] = pr[j];
                varying++;
            }
        failed += !compare(what, api, &raw, rr, &wrap, wr);
    }
    LsaDeregisterLogonProcess(lsa);
    printf("\n  real system: %llu comparisons, %llu cases differ (%llu bytes vary between the API's own calls)",
           comparisons - before, failed, varying);
    CU_ASSERT_EQUAL(failed, 0);
}

/* FALSE with the last error left at 0 (Wine's CreateProcessWithLogonW for
 * an unknown account, where the program exists): the caller sees exactly
 * that, not the code the engine classified. */
static BOOL WINAPI f_with_logon_no_error(LPCWSTR u, LPCWSTR d, LPCWSTR p, DWORD lf, LPCWSTR app, LPWSTR cmd,
                                         DWORD flags, LPVOID env, LPCWSTR cwd, LPSTARTUPINFOW si,
                                         LPPROCESS_INFORMATION pi)
{
    (void)u, (void)d, (void)p, (void)lf, (void)app, (void)cmd, (void)flags, (void)env, (void)cwd, (void)si, (void)pi;
    enter();
    SetLastError(0);
    return FALSE;
}

static void test_false_without_error(void)
{
    prepare();
    lgs_engine_reset_state();
    fk.CreateProcessWithLogonW = f_with_logon_no_error;
    CU_ASSERT_EQUAL(side_by_side(LGS_API_ID_CreateProcessWithLogonW, 0, 0, "FALSE, last error 0"), 0);
    make_fake();
}

/* With winbind's ntlm_auth installed, Wine's NTLM runs: the first leg of
 * an NTLM handshake (ACH, then ISC with the package allocating the token),
 * the API twice and the wrapper once. The token's contents are compared
 * (its buffer is an allocation, whose address says nothing); bytes that
 * differ between the API's own two calls (handles, the expiry) are not.
 * Without NTLM the test says so and compares nothing. */
typedef struct ntlm_leg {
    SECURITY_STATUS ach, isc;
    DWORD error;
    CtxtHandle ctx;
    unsigned long attr, token_len, token_type;
    TimeStamp expiry;
    unsigned char token[256];
} ntlm_leg;

static void ntlm_first_leg(int wrapped, ntlm_leg *l)
{
    static wchar_t ntlm[] = L"NTLM", target[] = L"host/localhost";
    const lgs__backend *b = &lgs__system_backend;
    memset(l, 0xA5, sizeof *l);
    CredHandle cred;
    TimeStamp ts;
    l->ach = CALL(AcquireCredentialsHandleW, NULL, ntlm, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred, &ts);
    if (l->ach != SEC_E_OK)
        return;
    SecBuffer sb = {0, SECBUFFER_TOKEN, NULL};
    SecBufferDesc desc = {SECBUFFER_VERSION, 1, &sb};
    SetLastError(0xBEEF);
    l->isc = CALL(InitializeSecurityContextW, &cred, NULL, target, ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONNECTION, 0,
                  SECURITY_NATIVE_DREP, NULL, 0, &l->ctx, &desc, &l->attr, &l->expiry);
    l->error = GetLastError();
    l->token_len = sb.cbBuffer;
    l->token_type = sb.BufferType;
    if (sb.pvBuffer != NULL) {
        memcpy(l->token, sb.pvBuffer, sb.cbBuffer < sizeof l->token ? sb.cbBuffer : sizeof l->token);
        FreeContextBuffer(sb.pvBuffer);
    }
    if (l->isc == SEC_E_OK || l->isc == SEC_I_CONTINUE_NEEDED)
        DeleteSecurityContext(&l->ctx);
    FreeCredentialsHandle(&cred);
}

static void test_real_ntlm(void)
{
    prepare();
    lgs__backend_set(NULL);
    ntlm_leg raw, again, wrap;
    ntlm_first_leg(0, &raw);
    if (raw.ach != SEC_E_OK) {
        printf("\n  NTLM absent (ACH 0x%08lX): no NTLM handshake compared", (unsigned long)raw.ach);
        return;
    }
    ntlm_first_leg(0, &again);
    ntlm_first_leg(1, &wrap);
    unsigned char *pr = (unsigned char *)&raw, *pa = (unsigned char *)&again, *pw = (unsigned char *)&wrap;
    unsigned varying = 0, differ = 0;
    for (size_t j = 0; j < sizeof raw; j++) {
        if (pr[j] != pa[j]) {
            varying++;
            continue;
        }
        comparisons++;
        differ += pr[j] != pw[j];
    }
    compared_bytes += sizeof raw - varying;
    printf("\n  real NTLM first leg: ISC 0x%08lX, token %lu bytes; %u bytes compared, %u differ (%u vary between "
           "the API's own calls)", (unsigned long)raw.isc, raw.token_len, (unsigned)(sizeof raw) - varying, differ,
           varying);
    CU_ASSERT_EQUAL(raw.isc, SEC_I_CONTINUE_NEEDED);
    CU_ASSERT(raw.token_len > 0);
    CU_ASSERT_EQUAL(differ, 0);
}

/* A continuation consumes its input token: one attempt whatever the class,
 * and the record says why; a first leg is retried as its class allows. */
static void test_continuation_never_replayed(void)
{
    prepare();
    static const lgs__api_id ctx_apis[] = {LGS_API_ID_InitializeSecurityContextA,
                                           LGS_API_ID_InitializeSecurityContextW, LGS_API_ID_AcceptSecurityContext};
    const uint32_t codes[] = {(uint32_t)SEC_E_INSUFFICIENT_MEMORY, (uint32_t)SEC_E_NO_AUTHENTICATING_AUTHORITY};
    for (size_t k = 0; k < 3; k++)
        for (size_t c = 0; c < 2; c++)
            for (int cont = 0; cont < 2; cont++) {
                lgs_engine_reset_state();
                mode = WRITE_ALL;
                fake_code = codes[c];
                set_error = 0;
                fake_calls = 0;
                outs o;
                fill(&o);
                lgs__backend_set(&fk);
                result r = call(&fk, 1, ctx_apis[k], &o, 0, cont);
                lgs__backend_set(NULL);
                CU_ASSERT_EQUAL(r.rc, codes[c]);
                if (cont) {
                    CU_ASSERT_EQUAL(fake_calls, 1);
                    lgs_record rec;
                    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&rec), LGS_OK);
                    CU_ASSERT(strstr(rec.detail, "continuation") != NULL);
                } else {
                    CU_ASSERT(fake_calls > 1); /* a first leg is retried */
                }
                if (cont && fake_calls != 1)
                    printf("\n  %s continuation with 0x%08lX: %u attempts", lgs__apis[ctx_apis[k]].name,
                           (unsigned long)codes[c], fake_calls);
            }
}

static void test_count(void)
{
    printf("\n  side by side: %llu comparisons of outputs, return values and last errors (%llu output bytes)",
           comparisons, compared_bytes);
    CU_ASSERT(comparisons > 1000);
}

int lgs_suite_sidebyside(void)
{
    static CU_TestInfo tests[] = {
        {"continuation never replayed", test_continuation_never_replayed},
        {"fake system, every class and write mode", test_fake_system},
        {"injected faults", test_injected},
        {"real secur32 and LSA", test_real_system},
        {"real NTLM, first leg", test_real_ntlm},
        {"FALSE without a last error passed on", test_false_without_error},
        {"comparisons counted", test_count},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("sidebyside", tests, NULL, teardown);
}
