/* test_badinput_win.c — bad input to every wrapper and to the Event Log
 * registration, against the real system under Wine: NULL pointers, invalid
 * and zeroed handles, zero sizes, over-long names, out-of-range values.
 *
 * The wrappers promise the API's own result contract, so where the API
 * itself can take the bad input without crashing, a row calls the API
 * directly with the same arguments and expects the wrapper to return exactly
 * what it returned (and, for a BOOL API, the same last error). Where the API
 * would crash (Wine dereferences some NULL inputs that Windows rejects), the
 * row expects the wrapper to refuse the input with the parameter error of
 * the API's code space instead. An output pointer left NULL is the other
 * case the wrappers handle themselves: the call succeeds or fails as the API
 * does, and whatever it produced is released, not leaked. Each row prints
 * its name first, so a crash names the row (badinput.h). */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "backend.h"
#include "badinput.h"
#include "logonshim/logonshim.h"
#include "suites.h"
#include "vtime.h"

#define T_STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000DL)
#define LONG_LEN 40000

static wchar_t *long_w;
static char *long_a;
static wchar_t kerberos_w[] = L"Kerberos";
static char kerberos_a[] = "Kerberos";
static wchar_t ntlm_w[] = L"NTLM";
static char ntlm_a[] = "NTLM";
static wchar_t target_w[] = L"host/localhost";
static char target_a[] = "host/localhost";
static char origin[] = "logonshim";

/* Handles nobody opened: zeroed ones. Invalidated (all ones) and made-up
 * values are left out: Wine's secur32 takes a handle's dwUpper for a
 * pointer, so the API itself crashes on them where Windows returns
 * SEC_E_INVALID_HANDLE, and a wrapper cannot tell a made-up handle from a
 * real one. */
static CredHandle zero_cred;
static CtxtHandle zero_ctx;

typedef struct result {
    long code;   /* the return value (a BOOL, NTSTATUS or SECURITY_STATUS) */
    DWORD error; /* GetLastError() after a BOOL API; 0 otherwise */
} result;

#define SAME(a, b) ((a).code == (b).code && (a).error == (b).error)

static result bool_result(BOOL ok)
{
    result r = {ok, ok ? 0 : GetLastError()};
    return r;
}

static result code_result(long code)
{
    result r = {code, 0};
    return r;
}

/* ---- LogonUser ---- */

static int logonuser_w_nulls(void)
{
    HANDLE h = NULL, h2 = NULL;
    result api = bool_result(LogonUserW(NULL, NULL, NULL, LOGON32_LOGON_NETWORK, 0, &h));
    result wrap = bool_result(lgs_LogonUserW(NULL, NULL, NULL, LOGON32_LOGON_NETWORK, 0, &h2));
    return SAME(api, wrap);
}

static int logonuser_a_bad_type(void)
{
    HANDLE h = NULL, h2 = NULL;
    result api = bool_result(LogonUserA("u", "d", "p", 0xFFFFFFFFu, 0xFFFFFFFFu, &h));
    result wrap = bool_result(lgs_LogonUserA("u", "d", "p", 0xFFFFFFFFu, 0xFFFFFFFFu, &h2));
    return SAME(api, wrap);
}

static int logonuser_w_long_names(void)
{
    HANDLE h = NULL, h2 = NULL;
    result api = bool_result(LogonUserW(long_w, long_w, long_w, LOGON32_LOGON_NETWORK, 0, &h));
    result wrap = bool_result(lgs_LogonUserW(long_w, long_w, long_w, LOGON32_LOGON_NETWORK, 0, &h2));
    return SAME(api, wrap);
}

/* Names over 127 UTF-8 bytes: whatever the call returns, the thread's last
 * error afterwards is the API's, success included (issue 15: the wrapper's
 * own name conversion left ERROR_INSUFFICIENT_BUFFER, 0x7A). */
static int logonuser_long_names_last_error(void)
{
    static wchar_t user[200];
    for (int i = 0; i < 199; i++)
        user[i] = (wchar_t)(0x4E00 + i); /* CJK: 3 UTF-8 bytes each */
    HANDLE h = NULL, h2 = NULL;
    SetLastError(0x1234);
    BOOL ok = LogonUserW(user, L"CORP", L"x", LOGON32_LOGON_NETWORK, 0, &h);
    DWORD e1 = GetLastError();
    SetLastError(0x1234);
    BOOL ok2 = lgs_LogonUserW(user, L"CORP", L"x", LOGON32_LOGON_NETWORK, 0, &h2);
    DWORD e2 = GetLastError();
    if (ok && h != NULL)
        CloseHandle(h);
    if (ok2 && h2 != NULL)
        CloseHandle(h2);
    if (ok != ok2 || e1 != e2)
        printf("    raw %d/%lu, wrapper %d/%lu\n", ok, (unsigned long)e1, ok2, (unsigned long)e2);
    return ok == ok2 && e1 == e2;
}

/* No place for the token: LogonUser requires one; the wrapper refuses the
 * call with ERROR_INVALID_PARAMETER instead of letting Wine write to NULL. */
static int logonuser_w_null_token(void)
{
    SetLastError(0);
    BOOL ok = lgs_LogonUserW(L"u", L"d", L"p", LOGON32_LOGON_NETWORK, 0, NULL);
    DWORD e = GetLastError();
    SetLastError(0);
    BOOL ok_a = lgs_LogonUserA(long_a, long_a, NULL, LOGON32_LOGON_NETWORK, 0, NULL);
    DWORD e_a = GetLastError();
    return !ok && e == ERROR_INVALID_PARAMETER && !ok_a && e_a == ERROR_INVALID_PARAMETER;
}

static int logonuserex_nulls(void)
{
    /* Not exported by Wine: the wrappers say so with ERROR_PROC_NOT_FOUND;
     * on Windows the same NULLs reach the API. */
    BOOL a = lgs_LogonUserExA(NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL);
    DWORD ea = GetLastError();
    BOOL w = lgs_LogonUserExW(long_w, NULL, NULL, 0xFFFFFFFFu, 0, NULL, NULL, NULL, NULL, NULL);
    DWORD ew = GetLastError();
    return !a && !w && ea != 0 && ew != 0;
}

/* ---- tokens and stored credentials ---- */

static int impersonate_user_bad_handles(void)
{
    int ok = 1;
    HANDLE tokens[] = {NULL, (HANDLE)(uintptr_t)0x1234};
    for (size_t i = 0; i < 2; i++) {
        result api = bool_result(ImpersonateLoggedOnUser(tokens[i]));
        result wrap = bool_result(lgs_ImpersonateLoggedOnUser(tokens[i]));
        ok &= SAME(api, wrap) && !api.code;
    }
    RevertToSelf();
    return ok;
}

static int cred_read_bad(void)
{
    static wchar_t nosuch[] = L"logonshim-badinput-no-such-target";
    PCREDENTIALW c1 = (PCREDENTIALW)(uintptr_t)0x77, c2 = c1;
    result api = bool_result(CredReadW(NULL, CRED_TYPE_GENERIC, 0, &c1));
    result wrap = bool_result(lgs_CredReadW(NULL, CRED_TYPE_GENERIC, 0, &c2));
    int ok = SAME(api, wrap) && c1 == c2;
    api = bool_result(CredReadW(nosuch, 0xFFFFu, 0xFFFFFFFFu, &c1));
    wrap = bool_result(lgs_CredReadW(nosuch, 0xFFFFu, 0xFFFFFFFFu, &c2));
    ok &= SAME(api, wrap) && c1 == c2;
    api = bool_result(CredReadW(long_w, CRED_TYPE_GENERIC, 0, &c1));
    wrap = bool_result(lgs_CredReadW(long_w, CRED_TYPE_GENERIC, 0, &c2));
    return ok && SAME(api, wrap) && c1 == c2;
}

static int cred_write_bad(void)
{
    CREDENTIALW bad_type = {.Type = 0xFFFFu, .TargetName = long_w, .Persist = CRED_PERSIST_LOCAL_MACHINE};
    CREDENTIALW no_target = {.Type = CRED_TYPE_GENERIC, .Persist = CRED_PERSIST_LOCAL_MACHINE};
    int ok = SAME(bool_result(CredWriteW(NULL, 0)), bool_result(lgs_CredWriteW(NULL, 0)));
    ok &= SAME(bool_result(CredWriteW(&bad_type, 0)), bool_result(lgs_CredWriteW(&bad_type, 0)));
    ok &= SAME(bool_result(CredWriteW(&no_target, 0xFFFFFFFFu)), bool_result(lgs_CredWriteW(&no_target, 0xFFFFFFFFu)));
    return ok;
}

/* ---- processes: every program named here does not exist ---- */

static int create_process_bad(void)
{
    static wchar_t no_app_w[] = L"C:\\logonshim-none\\x.exe";
    static char no_app_a[] = "C:\\logonshim-none\\x.exe";
    STARTUPINFOW siw = {.cb = sizeof siw};
    STARTUPINFOA sia = {.cb = sizeof sia};
    PROCESS_INFORMATION p1, p2;
    memset(&p1, 0x5A, sizeof p1);
    memset(&p2, 0x5A, sizeof p2);
    /* (Wine 8 crashes inside CreateProcessAsUserW when both the program and
     * the command line are NULL: the raw API cannot be the oracle there.) */
    int ok = SAME(bool_result(CreateProcessAsUserW(NULL, no_app_w, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &siw, &p1)),
                  bool_result(lgs_CreateProcessAsUserW(NULL, no_app_w, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &siw,
                                                       &p2)));
    ok &= SAME(bool_result(CreateProcessAsUserA((HANDLE)(uintptr_t)0x1234, no_app_a, NULL, NULL, NULL, FALSE,
                                                0xFFFFFFFFu, NULL, NULL, &sia, &p1)),
               bool_result(lgs_CreateProcessAsUserA((HANDLE)(uintptr_t)0x1234, no_app_a, NULL, NULL, NULL, FALSE,
                                                    0xFFFFFFFFu, NULL, NULL, &sia, &p2)));
    ok &= SAME(bool_result(CreateProcessWithTokenW(NULL, 0xFFFFFFFFu, no_app_w, NULL, 0, NULL, NULL, &siw, &p1)),
               bool_result(lgs_CreateProcessWithTokenW(NULL, 0xFFFFFFFFu, no_app_w, NULL, 0, NULL, NULL, &siw, &p2)));
    ok &= SAME(bool_result(CreateProcessWithLogonW(NULL, NULL, NULL, 0, no_app_w, NULL, 0, NULL, NULL, &siw, &p1)),
               bool_result(lgs_CreateProcessWithLogonW(NULL, NULL, NULL, 0, no_app_w, NULL, 0, NULL, NULL, &siw, &p2)));
    ok &= SAME(bool_result(CreateProcessWithLogonW(long_w, long_w, NULL, 0xFFFFFFFFu, no_app_w, NULL, 0, NULL, NULL,
                                                   &siw, &p1)),
               bool_result(lgs_CreateProcessWithLogonW(long_w, long_w, NULL, 0xFFFFFFFFu, no_app_w, NULL, 0, NULL,
                                                       NULL, &siw, &p2)));
    return ok && memcmp(&p1, &p2, sizeof p1) == 0;
}

/* ---- LSA ---- */

static int lsa_connect_null(void)
{
    /* The API writes the handle unchecked (Wine crashes on NULL): the
     * wrapper refuses a NULL, and opens nothing. */
    return lgs_LsaConnectUntrusted(NULL) == T_STATUS_INVALID_PARAMETER;
}

static int lsa_register_nulls(void)
{
    HANDLE h = (HANDLE)(ULONG_PTR)0x5A5A;
    NTSTATUS st = lgs_LsaRegisterLogonProcess(NULL, NULL, NULL);
    NTSTATUS st2 = lgs_LsaRegisterLogonProcess(NULL, &h, NULL);
    return st == T_STATUS_INVALID_PARAMETER && st2 == T_STATUS_INVALID_PARAMETER && h == (HANDLE)(ULONG_PTR)0x5A5A;
}

static int lsa_register_long_name(void)
{
    LSA_STRING name = {0xFFFF, 0xFFFF, long_a};
    HANDLE h = NULL;
    LSA_OPERATIONAL_MODE mode;
    NTSTATUS st = lgs_LsaRegisterLogonProcess(&name, &h, &mode);
    if (st >= 0)
        lgs_LsaDeregisterLogonProcess(h);
    return 1; /* no crash: the result is the system's */
}

static int lsa_deregister_null(void)
{
    result api = code_result(LsaDeregisterLogonProcess(NULL));
    result wrap = code_result(lgs_LsaDeregisterLogonProcess(NULL));
    return SAME(api, wrap);
}

static int lsa_lookup_nulls(void)
{
    ULONG pkg = 77;
    NTSTATUS a = lgs_LsaLookupAuthenticationPackage(NULL, NULL, &pkg);
    NTSTATUS b = lgs_LsaLookupAuthenticationPackage(NULL, NULL, NULL);
    return a == T_STATUS_INVALID_PARAMETER && b == T_STATUS_INVALID_PARAMETER && pkg == 77;
}

static int lsa_lookup_unknown_long(void)
{
    HANDLE h = NULL;
    if (LsaConnectUntrusted(&h) < 0)
        return 0;
    LSA_STRING longname = {0xFFFF, 0xFFFF, long_a};
    LSA_STRING empty = {0, 1, origin};
    ULONG p1 = 77, p2 = 77;
    result api = code_result(LsaLookupAuthenticationPackage(h, &longname, &p1));
    result wrap = code_result(lgs_LsaLookupAuthenticationPackage(h, &longname, &p2));
    /* Where the API fails, the output is as the API left it: compare. */
    int ok = SAME(api, wrap) && p1 == p2;
    api = code_result(LsaLookupAuthenticationPackage(h, &empty, &p1));
    wrap = code_result(lgs_LsaLookupAuthenticationPackage(h, &empty, &p2));
    ok &= SAME(api, wrap);
    /* No place for the package id: Wine writes it unchecked, so the
     * wrapper refuses a NULL. */
    LSA_STRING kerb = {8, 9, kerberos_a};
    ok &= lgs_LsaLookupAuthenticationPackage(h, &kerb, NULL) == T_STATUS_INVALID_PARAMETER;
    LsaDeregisterLogonProcess(h);
    return ok;
}

/* LsaLogonUser itself on the same arguments, with outputs of its own (as
 * the wrapper calls it); whatever it made is released. */
static NTSTATUS lsa_logon_user_direct(SECURITY_LOGON_TYPE type, ULONG package, ULONG info_len)
{
    PVOID profile = NULL;
    ULONG plen = 0;
    LUID luid;
    HANDLE token = NULL;
    QUOTA_LIMITS q;
    NTSTATUS sub = 0;
    NTSTATUS st = LsaLogonUser(NULL, NULL, type, package, NULL, info_len, NULL, NULL, &profile, &plen, &luid,
                               &token, &q, &sub);
    if (st >= 0 && profile != NULL)
        LsaFreeReturnBuffer(profile);
    if (st >= 0 && token != NULL)
        CloseHandle(token);
    return st;
}

/* The results are the system's: the wrapper returns what the API returns
 * for the same arguments, with the caller's outputs NULL. */
static int lsa_logon_user_nulls(void)
{
    NTSTATUS sub = 0x5A5A;
    NTSTATUS st = lgs_LsaLogonUser(NULL, NULL, (SECURITY_LOGON_TYPE)0, 0, NULL, 0, NULL, NULL, NULL, NULL, NULL,
                                   NULL, NULL, &sub);
    NTSTATUS st2 = lgs_LsaLogonUser(NULL, NULL, (SECURITY_LOGON_TYPE)-1, 0xFFFFFFFFu, NULL, 0xFFFFFFFFu, NULL, NULL,
                                    NULL, NULL, NULL, NULL, NULL, NULL);
    return st == lsa_logon_user_direct((SECURITY_LOGON_TYPE)0, 0, 0) &&
           st2 == lsa_logon_user_direct((SECURITY_LOGON_TYPE)-1, 0xFFFFFFFFu, 0xFFFFFFFFu);
}

static int lsa_logon_user_short_info(void)
{
    /* An interactive-logon message type with a length too short for the
     * structure, and one whose strings point outside the buffer: the
     * wrapper reads the account name for its logs only inside the buffer. */
    ULONG small[2] = {2, 0};
    struct {
        ULONG type;
        UNICODE_STRING domain, user, password;
    } il = {2, {0xFFFE, 0xFFFE, (PWSTR)(ULONG_PTR)16}, {8, 8, long_w}, {0, 0, NULL}};
    PVOID profile = NULL;
    ULONG plen = 0;
    LUID luid;
    HANDLE token = NULL;
    QUOTA_LIMITS q;
    NTSTATUS sub;
    LSA_STRING name = {9, 10, origin};
    (void)lgs_LsaLogonUser(NULL, &name, Interactive, 0, small, sizeof small, NULL, NULL, &profile, &plen, &luid,
                           &token, &q, &sub);
    (void)lgs_LsaLogonUser(NULL, &name, Interactive, 0, &il, sizeof il, NULL, NULL, &profile, &plen, &luid, &token,
                           &q, &sub);
    return 1;
}

static int lsa_call_package_nulls(void)
{
    result api = code_result(LsaCallAuthenticationPackage(NULL, 0, NULL, 0, NULL, NULL, NULL));
    result wrap = code_result(lgs_LsaCallAuthenticationPackage(NULL, 0, NULL, 0, NULL, NULL, NULL));
    return SAME(api, wrap);
}

static int lsa_session_data_null_luid(void)
{
    PSECURITY_LOGON_SESSION_DATA data = (PSECURITY_LOGON_SESSION_DATA)(ULONG_PTR)0x5A5A;
    NTSTATUS st = lgs_LsaGetLogonSessionData(NULL, &data);
    NTSTATUS st2 = lgs_LsaGetLogonSessionData(NULL, NULL);
    return st == T_STATUS_INVALID_PARAMETER && st2 == T_STATUS_INVALID_PARAMETER &&
           data == (PSECURITY_LOGON_SESSION_DATA)(ULONG_PTR)0x5A5A;
}

static int lsa_session_data_bogus_luid_null_out(void)
{
    LUID luid = {0xFFFFFFFFu, 0x7FFFFFFF};
    /* Wine writes the result unchecked: the wrapper refuses a NULL. */
    return lgs_LsaGetLogonSessionData(&luid, NULL) == T_STATUS_INVALID_PARAMETER;
}

static int lsa_enumerate_nulls(void)
{
    ULONG count = 0;
    PLUID list = NULL;
    result api = code_result(LsaEnumerateLogonSessions(&count, &list));
    if (list != NULL)
        LsaFreeReturnBuffer(list);
    /* Wine writes both outputs unchecked: the wrapper refuses NULLs. */
    NTSTATUS a = lgs_LsaEnumerateLogonSessions(NULL, NULL);
    NTSTATUS b = lgs_LsaEnumerateLogonSessions(&count, NULL);
    result wrap = code_result(lgs_LsaEnumerateLogonSessions(&count, &list));
    if (list != NULL)
        lgs_LsaFreeReturnBuffer(list);
    return SAME(api, wrap) && a == T_STATUS_INVALID_PARAMETER && b == T_STATUS_INVALID_PARAMETER;
}

static int lsa_free_null(void)
{
    result api = code_result(LsaFreeReturnBuffer(NULL));
    result wrap = code_result(lgs_LsaFreeReturnBuffer(NULL));
    return SAME(api, wrap);
}

/* ---- SSPI ---- */

static int ach_nulls_and_bad_use(void)
{
    CredHandle c1, c2;
    TimeStamp t1, t2;
    result api = code_result(AcquireCredentialsHandleW(NULL, NULL, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                                       &c1, &t1));
    result wrap = code_result(lgs_AcquireCredentialsHandleW(NULL, NULL, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                                            &c2, &t2));
    int ok = SAME(api, wrap);
    api = code_result(AcquireCredentialsHandleA(NULL, kerberos_a, 0xFFFFFFFFu, NULL, NULL, NULL, NULL, &c1, &t1));
    wrap = code_result(lgs_AcquireCredentialsHandleA(NULL, kerberos_a, 0xFFFFFFFFu, NULL, NULL, NULL, NULL, &c2,
                                                     &t2));
    ok &= SAME(api, wrap);
    return ok;
}

static int ach_long_package_null_out(void)
{
    CredHandle c1, c2;
    TimeStamp t1, t2;
    result api = code_result(AcquireCredentialsHandleW(long_w, long_w, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                                       &c1, &t1));
    result wrap = code_result(lgs_AcquireCredentialsHandleW(long_w, long_w, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                                            NULL, &c2, &t2));
    int ok = SAME(api, wrap);
    api = code_result(AcquireCredentialsHandleW(NULL, kerberos_w, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, NULL,
                                                NULL));
    wrap = code_result(lgs_AcquireCredentialsHandleW(NULL, kerberos_w, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                                     NULL, NULL));
    ok &= SAME(api, wrap);
    return ok;
}

/* The versioned identity forms the SDK defines, for NTLM (a package whose
 * names the wrapper reads): the wrapper returns what the API returns for
 * the same input. On today's main the _EX2 form crashed the wrapper before
 * the API was called: its Version and cbHeaderLength were read as the User
 * pointer. Kerberos and Negotiate are left out here because Wine 8's own
 * Kerberos package reads every identity as SEC_WINNT_AUTH_IDENTITY_W and
 * crashes on these forms (a Wine bug: the raw API cannot be the oracle);
 * the parser's handling of them is the native suite `identity` and the
 * fuzzer's. Wine's NTLM (present when winbind's ntlm_auth is installed)
 * has the same bug, and without ntlm_auth the package is absent: either way
 * the real API cannot be the oracle. So the API here is a stand-in that
 * reads no identity and fails as an absent package does, for the raw call
 * and behind the wrapper alike; what is tested is the wrapper's own reading
 * of the forms (no crash, the API's result passed on). Each row names an
 * account of its own, so the lockout guard's count of one row does not
 * decide another's. */
typedef struct ex2_blob {
    SEC_WINNT_AUTH_IDENTITY_EX2 h;
    wchar_t strings[32];
} ex2_blob;

static void *make_ex2(ex2_blob *b, const wchar_t *user, const wchar_t *domain)
{
    memset(b, 0, sizeof *b);
    size_t ul = wcslen(user), dl = wcslen(domain);
    memcpy(b->strings, user, ul * sizeof(wchar_t));
    memcpy(b->strings + ul, domain, dl * sizeof(wchar_t));
    b->h.Version = SEC_WINNT_AUTH_IDENTITY_VERSION_2;
    b->h.cbHeaderLength = sizeof b->h;
    b->h.cbStructureLength = (unsigned long)(sizeof b->h + (ul + dl) * sizeof(wchar_t));
    b->h.UserOffset = sizeof b->h;
    b->h.UserLength = (unsigned short)(ul * sizeof(wchar_t));
    b->h.DomainOffset = (unsigned long)(sizeof b->h + ul * sizeof(wchar_t));
    b->h.DomainLength = (unsigned short)(dl * sizeof(wchar_t));
    b->h.Flags = SEC_WINNT_AUTH_IDENTITY_UNICODE;
    return b;
}

static SECURITY_STATUS SEC_ENTRY absent_ach_w(SEC_WCHAR *pr, SEC_WCHAR *pkg, unsigned long use, void *luid,
                                              void *auth, SEC_GET_KEY_FN fn, void *arg, PCredHandle cred,
                                              PTimeStamp ts)
{
    (void)pr, (void)pkg, (void)use, (void)luid, (void)auth, (void)fn, (void)arg, (void)cred, (void)ts;
    SetLastError(0x4242);
    return SEC_E_SECPKG_NOT_FOUND;
}

static SECURITY_STATUS SEC_ENTRY absent_ach_a(SEC_CHAR *pr, SEC_CHAR *pkg, unsigned long use, void *luid,
                                              void *auth, SEC_GET_KEY_FN fn, void *arg, PCredHandle cred,
                                              PTimeStamp ts)
{
    (void)pr, (void)pkg, (void)use, (void)luid, (void)auth, (void)fn, (void)arg, (void)cred, (void)ts;
    SetLastError(0x4242);
    return SEC_E_SECPKG_NOT_FOUND;
}

static void absent_package_backend(int on)
{
    static lgs__backend b;
    b = lgs__system_backend;
    b.AcquireCredentialsHandleW = absent_ach_w;
    b.AcquireCredentialsHandleA = absent_ach_a;
    lgs__backend_set(on ? &b : NULL);
}

static int ach_same(wchar_t *package, void *auth)
{
    CredHandle c1, c2;
    TimeStamp t1, t2;
    result api = code_result(absent_ach_w(NULL, package, SECPKG_CRED_OUTBOUND, NULL, auth, NULL, NULL, &c1, &t1));
    absent_package_backend(1);
    result wrap = code_result(lgs_AcquireCredentialsHandleW(NULL, package, SECPKG_CRED_OUTBOUND, NULL, auth, NULL,
                                                            NULL, &c2, &t2));
    absent_package_backend(0);
    return SAME(api, wrap);
}

static int ach_identity_forms_w(void)
{
    ex2_blob ex2, ex2_bad;
    int ok = ach_same(ntlm_w, make_ex2(&ex2, L"ex2user", L"CORP"));
    /* Offsets past the structure: no name is read, the API decides. */
    make_ex2(&ex2_bad, L"ex2bad", L"CORP");
    ex2_bad.h.UserOffset = 0x7FFFFFF0u;
    ex2_bad.h.DomainOffset = 0x7FFFFFF0u;
    ok &= ach_same(ntlm_w, &ex2_bad);
    static wchar_t u[] = L"exwuser", d[] = L"CORP", p[] = L"x";
    SEC_WINNT_AUTH_IDENTITY_EXW exw = {SEC_WINNT_AUTH_IDENTITY_VERSION, sizeof exw, (unsigned short *)u, 7,
                                       (unsigned short *)d, 4, (unsigned short *)p, 1,
                                       SEC_WINNT_AUTH_IDENTITY_UNICODE, NULL, 0};
    ok &= ach_same(ntlm_w, &exw);
    return ok;
}

static int ach_identity_forms_a(void)
{
    static char u[] = "exauser", d[] = "CORP", p[] = "x";
    SEC_WINNT_AUTH_IDENTITY_EXA exa = {SEC_WINNT_AUTH_IDENTITY_VERSION, sizeof exa, (unsigned char *)u, 7,
                                       (unsigned char *)d, 4, (unsigned char *)p, 1,
                                       SEC_WINNT_AUTH_IDENTITY_ANSI, NULL, 0};
    CredHandle c1, c2;
    TimeStamp t1, t2;
    result api = code_result(absent_ach_a(NULL, ntlm_a, SECPKG_CRED_OUTBOUND, NULL, &exa, NULL, NULL, &c1, &t1));
    absent_package_backend(1);
    result wrap = code_result(lgs_AcquireCredentialsHandleA(NULL, ntlm_a, SECPKG_CRED_OUTBOUND, NULL, &exa, NULL,
                                                            NULL, &c2, &t2));
    absent_package_backend(0);
    return SAME(api, wrap);
}

static int isc_bad_handles(void)
{
    int ok = 1;
    PCredHandle creds[] = {NULL, &zero_cred};
    for (size_t i = 0; i < 2; i++) {
        CtxtHandle n1 = {7, 7}, n2 = {7, 7};
        unsigned long a1, a2;
        TimeStamp t1, t2;
        result api = code_result(InitializeSecurityContextW(creds[i], NULL, target_w, 0, 0, SECURITY_NATIVE_DREP,
                                                            NULL, 0, &n1, NULL, &a1, &t1));
        result wrap = code_result(lgs_InitializeSecurityContextW(creds[i], NULL, target_w, 0, 0,
                                                                 SECURITY_NATIVE_DREP, NULL, 0, &n2, NULL, &a2, &t2));
        ok &= SAME(api, wrap);
        /* The caller's handle is untouched by a failure. */
        ok &= wrap.code == SEC_E_OK || (n2.dwLower == 7 && n2.dwUpper == 7);
        api = code_result(InitializeSecurityContextA(creds[i], &zero_ctx, target_a, 0, 0, SECURITY_NATIVE_DREP, NULL,
                                                     0, &n1, NULL, &a1, &t1));
        wrap = code_result(lgs_InitializeSecurityContextA(creds[i], &zero_ctx, target_a, 0, 0, SECURITY_NATIVE_DREP,
                                                          NULL, 0, &n2, NULL, &a2, &t2));
        ok &= SAME(api, wrap);
    }
    return ok;
}

static int isc_output_desc_edge(void)
{
    /* More buffers than the wrapper copies, and zero buffers: both go to
     * the API as they are. */
    SecBuffer many[12];
    memset(many, 0, sizeof many);
    SecBufferDesc big = {SECBUFFER_VERSION, 12, many}, none = {SECBUFFER_VERSION, 0, NULL};
    CtxtHandle n;
    unsigned long a;
    TimeStamp t;
    result api = code_result(InitializeSecurityContextW(&zero_cred, NULL, target_w, 0, 0, 0, NULL, 0, &n, &big, &a,
                                                        &t));
    result wrap = code_result(lgs_InitializeSecurityContextW(&zero_cred, NULL, target_w, 0, 0, 0, NULL, 0, &n, &big,
                                                             &a, &t));
    int ok = SAME(api, wrap);
    api = code_result(InitializeSecurityContextW(&zero_cred, NULL, long_w, 0, 0, 0, NULL, 0, &n, &none, &a, &t));
    wrap = code_result(lgs_InitializeSecurityContextW(&zero_cred, NULL, long_w, 0, 0, 0, NULL, 0, &n, &none, &a, &t));
    ok &= SAME(api, wrap);
    return ok;
}

static int asc_bad_handles(void)
{
    int ok = 1;
    PCredHandle creds[] = {NULL, &zero_cred};
    for (size_t i = 0; i < 2; i++) {
        CtxtHandle n1, n2;
        unsigned long a1, a2;
        TimeStamp t1, t2;
        result api = code_result(AcceptSecurityContext(creds[i], NULL, NULL, 0, SECURITY_NATIVE_DREP, &n1, NULL, &a1,
                                                       &t1));
        result wrap = code_result(lgs_AcceptSecurityContext(creds[i], NULL, NULL, 0, SECURITY_NATIVE_DREP, &n2, NULL,
                                                            &a2, &t2));
        ok &= SAME(api, wrap);
    }
    return ok;
}

/* Message protection with NULL and zeroed contexts, a NULL message and
 * an empty one, NULL and given quality-of-protection outputs: the API's
 * result and the same bytes in what it may write. */
static int message_calls_bad_handles(void)
{
    int ok = 1;
    PCtxtHandle ctxs[] = {NULL, &zero_ctx};
    for (size_t i = 0; i < 2; i++) {
        SecBufferDesc empty = {SECBUFFER_VERSION, 0, NULL};
        PSecBufferDesc msgs[] = {NULL, &empty};
        for (size_t m = 0; m < 2; m++) {
            unsigned long q1 = 0xA5A5A5A5u, q2 = 0xA5A5A5A5u;
            ok &= EncryptMessage(ctxs[i], 0, msgs[m], 0) == lgs_EncryptMessage(ctxs[i], 0, msgs[m], 0);
            ok &= MakeSignature(ctxs[i], 0xFFFFFFFFu, msgs[m], 7) == lgs_MakeSignature(ctxs[i], 0xFFFFFFFFu, msgs[m], 7);
            ok &= DecryptMessage(ctxs[i], msgs[m], 0, &q1) == lgs_DecryptMessage(ctxs[i], msgs[m], 0, &q2) && q1 == q2;
            ok &= DecryptMessage(ctxs[i], msgs[m], 0, NULL) == lgs_DecryptMessage(ctxs[i], msgs[m], 0, NULL);
            ok &= VerifySignature(ctxs[i], msgs[m], 3, &q1) == lgs_VerifySignature(ctxs[i], msgs[m], 3, &q2) && q1 == q2;
        }
    }
    return ok;
}

/* The function tables take no input: the row checks that what they give is
 * the system's table with the wrappers in it, the same on every call. */
static int function_tables(void)
{
    PSecurityFunctionTableW w = lgs_InitSecurityInterfaceW(), sw = InitSecurityInterfaceW();
    PSecurityFunctionTableA a = lgs_InitSecurityInterfaceA(), sa = InitSecurityInterfaceA();
    if (w == NULL || a == NULL || sw == NULL || sa == NULL)
        return 0;
    return w == lgs_InitSecurityInterfaceW() && w->dwVersion == sw->dwVersion &&
           w->AcquireCredentialsHandleW == lgs_AcquireCredentialsHandleW &&
           w->ApplyControlToken == lgs_ApplyControlToken && w->ExportSecurityContext == sw->ExportSecurityContext &&
           a->InitializeSecurityContextA == lgs_InitializeSecurityContextA && a->ApplyControlToken == lgs_ApplyControlToken &&
           w->SetContextAttributesW == lgs_SetContextAttributesW && a->QueryCredentialsAttributesA == lgs_QueryCredentialsAttributesA &&
           w->QuerySecurityContextToken == lgs_QuerySecurityContextToken && a->ImportSecurityContextA == sa->ImportSecurityContextA;
}

/* The calls on one context handle, each with NULL, zeroed, invalid and
 * made-up handles. */
static int context_calls_bad_handles(void)
{
    int ok = 1;
    PCtxtHandle ctxs[] = {NULL, &zero_ctx};
    for (size_t i = 0; i < 2; i++) {
        SecPkgContext_Sizes s1, s2;
        ok &= CompleteAuthToken(ctxs[i], NULL) == lgs_CompleteAuthToken(ctxs[i], NULL);
        ok &= QueryContextAttributesW(ctxs[i], SECPKG_ATTR_SIZES, &s1) ==
              lgs_QueryContextAttributesW(ctxs[i], SECPKG_ATTR_SIZES, &s2);
        ok &= QueryContextAttributesA(ctxs[i], 0xFFFFFFFFu, &s1) == lgs_QueryContextAttributesA(ctxs[i], 0xFFFFFFFFu, &s2);
        ok &= ImpersonateSecurityContext(ctxs[i]) == lgs_ImpersonateSecurityContext(ctxs[i]);
        ok &= RevertSecurityContext(ctxs[i]) == lgs_RevertSecurityContext(ctxs[i]);
        ok &= DeleteSecurityContext(ctxs[i]) == lgs_DeleteSecurityContext(ctxs[i]);
        ok &= SetContextAttributesW(ctxs[i], SECPKG_ATTR_SIZES, NULL, 0) ==
              lgs_SetContextAttributesW(ctxs[i], SECPKG_ATTR_SIZES, NULL, 0);
        ok &= SetContextAttributesA(ctxs[i], 0xFFFFFFFFu, &s1, sizeof s1) ==
              lgs_SetContextAttributesA(ctxs[i], 0xFFFFFFFFu, &s2, sizeof s2);
        HANDLE t1 = (HANDLE)(uintptr_t)0x77, t2 = t1;
        ok &= QuerySecurityContextToken(ctxs[i], &t1) == lgs_QuerySecurityContextToken(ctxs[i], &t2) && t1 == t2;
        ok &= ApplyControlToken(ctxs[i], NULL) == lgs_ApplyControlToken(ctxs[i], NULL);
    }
    return ok;
}

static int free_credentials_bad_handles(void)
{
    int ok = 1;
    PCredHandle creds[] = {NULL, &zero_cred};
    for (size_t i = 0; i < 2; i++) {
        SecPkgCredentials_NamesW n1, n2;
        ok &= QueryCredentialsAttributesW(creds[i], SECPKG_CRED_ATTR_NAMES, &n1) ==
              lgs_QueryCredentialsAttributesW(creds[i], SECPKG_CRED_ATTR_NAMES, &n2);
        ok &= QueryCredentialsAttributesA(creds[i], 0xFFFFFFFFu, &n1) ==
              lgs_QueryCredentialsAttributesA(creds[i], 0xFFFFFFFFu, &n2);
        ok &= FreeCredentialsHandle(creds[i]) == lgs_FreeCredentialsHandle(creds[i]);
    }
    return ok;
}

static int package_info_bad_names(void)
{
    PSecPkgInfoW w1 = NULL, w2 = NULL;
    PSecPkgInfoA a1 = NULL, a2 = NULL;
    int ok = QuerySecurityPackageInfoW(long_w, &w1) == lgs_QuerySecurityPackageInfoW(long_w, &w2);
    /* Wine crashes on a NULL name; the wrappers refuse it. */
    ok &= lgs_QuerySecurityPackageInfoA(NULL, &a2) == SEC_E_INVALID_PARAMETER && a2 == NULL;
    ok &= lgs_QuerySecurityPackageInfoW(NULL, NULL) == SEC_E_INVALID_PARAMETER;
    /* A 300-character name (Wine's ANSI path crashes on the 40 000-character
     * one inside the API itself; the wide path above takes it). */
    char name300[301];
    memset(name300, 'A', 300);
    name300[300] = '\0';
    ok &= QuerySecurityPackageInfoA(name300, &a1) == lgs_QuerySecurityPackageInfoA(name300, &a2);
    /* No place for the result: Wine writes it unchecked, the wrapper refuses. */
    ok &= lgs_QuerySecurityPackageInfoW(kerberos_w, NULL) == SEC_E_INVALID_PARAMETER;
    if (w1 != NULL)
        FreeContextBuffer(w1);
    if (w2 != NULL)
        FreeContextBuffer(w2);
    return ok;
}

static int enumerate_packages_nulls(void)
{
    SECURITY_STATUS a = lgs_EnumerateSecurityPackagesW(NULL, NULL);
    SECURITY_STATUS b = lgs_EnumerateSecurityPackagesA(NULL, NULL);
    unsigned long n = 0;
    PSecPkgInfoA info = NULL;
    SECURITY_STATUS c = lgs_EnumerateSecurityPackagesA(&n, NULL);
    SECURITY_STATUS d = lgs_EnumerateSecurityPackagesA(NULL, &info);
    /* Wine writes both outputs unchecked: the wrappers refuse NULLs. */
    return a == SEC_E_INVALID_PARAMETER && b == a && c == a && d == a && info == NULL;
}

static int free_context_buffer_null(void)
{
    return FreeContextBuffer(NULL) == lgs_FreeContextBuffer(NULL);
}

/* ---- Event Log registration (log.h, Windows only) ---- */

static int eventlog_register_bad(void)
{
    char why[64];
    memset(why, 'x', sizeof why);
    int ok = lgs_eventlog_register(long_a, NULL, why, sizeof why) == LGS_EINVAL && memchr(why, '\0', sizeof why);
    ok &= lgs_eventlog_register("", NULL, NULL, 0) == LGS_EINVAL;
    ok &= lgs_eventlog_register("lgs-badinput", long_a, NULL, 0) == LGS_EINVAL;
    return ok;
}

static int eventlog_unregister_bad(void)
{
    char why[64];
    int ok = lgs_eventlog_unregister("lgs-never-registered", why, sizeof why) == LGS_ENOTFOUND;
    ok &= lgs_eventlog_unregister(long_a, NULL, 0) == LGS_EINVAL;
    ok &= lgs_eventlog_unregister("", why, 1) == LGS_EINVAL;
    return ok;
}

/* This program links the static library, which exports no wrappers: the
 * hooks have nothing to point at, say so, and change nothing, not even the
 * last error. (tests/hook_test.sh and hook_stress test them in the DLL.) */
static int hook_install_static(void)
{
    SetLastError(12345);
    int ok = lgs_hook_install() == LGS_ENOTFOUND && lgs_hook_install() == LGS_ENOTFOUND;
    return ok && GetLastError() == 12345;
}

static int hook_remove_uninstalled(void)
{
    SetLastError(12345);
    int ok = lgs_hook_remove() == LGS_OK && lgs_hook_remove() == LGS_OK;
    return ok && GetLastError() == 12345;
}

static const lgs_badinput_row rows[] = {
    {"lgs_hook_install", "twice, in a program without the DLL's wrappers", hook_install_static},
    {"lgs_hook_remove", "twice, nothing installed", hook_remove_uninstalled},
    {"lgs_LogonUserW", "user, domain, password NULL", logonuser_w_nulls},
    {"lgs_LogonUserA", "logon type and provider 0xFFFFFFFF", logonuser_a_bad_type},
    {"lgs_LogonUserW", "40 000-char names", logonuser_w_long_names},
    {"lgs_LogonUserW", "phToken NULL (and lgs_LogonUserA, long names)", logonuser_w_null_token},
    {"lgs_LogonUserExA", "everything NULL (lgs_LogonUserExW: long user, bad type)", logonuserex_nulls},
    {"lgs_LogonUserExW", "everything NULL", logonuserex_nulls},
    {"lgs_ImpersonateLoggedOnUser", "token NULL, made up", impersonate_user_bad_handles},
    {"lgs_CredReadW", "target NULL, 40 000 chars; type and flags 0xFFFF..., out left alone", cred_read_bad},
    {"lgs_CredWriteW", "credential NULL, bad type with a 40 000-char target, no target", cred_write_bad},
    {"lgs_CreateProcessAsUserW", "token NULL, no such program", create_process_bad},
    {"lgs_CreateProcessAsUserA", "made-up token, flags 0xFFFFFFFF", create_process_bad},
    {"lgs_CreateProcessWithTokenW", "token NULL, logon flags 0xFFFFFFFF", create_process_bad},
    {"lgs_CreateProcessWithLogonW", "names NULL; 40 000-char names, flags 0xFFFFFFFF", create_process_bad},
    {"lgs_LsaConnectUntrusted", "LsaHandle NULL", lsa_connect_null},
    {"lgs_LsaRegisterLogonProcess", "everything NULL", lsa_register_nulls},
    LGS_NO_CRASH_ROW("lgs_LsaRegisterLogonProcess", "name longer than its buffer claims", lsa_register_long_name),
    {"lgs_LsaDeregisterLogonProcess", "handle NULL", lsa_deregister_null},
    {"lgs_LsaLookupAuthenticationPackage", "handle and name NULL, out NULL", lsa_lookup_nulls},
    {"lgs_LsaLookupAuthenticationPackage", "long and empty names, out NULL", lsa_lookup_unknown_long},
    {"lgs_LsaLogonUser", "everything NULL, enums out of range: the API's result", lsa_logon_user_nulls},
    LGS_NO_CRASH_ROW("lgs_LsaLogonUser", "short info, strings outside the buffer", lsa_logon_user_short_info),
    {"lgs_LsaCallAuthenticationPackage", "everything NULL", lsa_call_package_nulls},
    {"lgs_LsaGetLogonSessionData", "LogonId NULL", lsa_session_data_null_luid},
    LGS_NO_CRASH_ROW("lgs_LsaGetLogonSessionData", "bogus LUID, out NULL", lsa_session_data_bogus_luid_null_out),
    {"lgs_LsaEnumerateLogonSessions", "count and list NULL", lsa_enumerate_nulls},
    {"lgs_LsaFreeReturnBuffer", "NULL", lsa_free_null},
    {"lgs_AcquireCredentialsHandleW", "package NULL (A: use 0xFFFFFFFF)", ach_nulls_and_bad_use},
    {"lgs_AcquireCredentialsHandleA", "use 0xFFFFFFFF", ach_nulls_and_bad_use},
    {"lgs_AcquireCredentialsHandleW", "40 000-char names; handle and expiry NULL", ach_long_package_null_out},
    {"lgs_LogonUserW", "200 CJK characters: the last error after the call is the API's", logonuser_long_names_last_error},
    {"lgs_AcquireCredentialsHandleW", "NTLM identities _EX2 (offsets in and out of it), _EXW", ach_identity_forms_w},
    {"lgs_AcquireCredentialsHandleA", "NTLM identity _EXA", ach_identity_forms_a},
    {"lgs_InitializeSecurityContextW", "credential NULL, zeroed", isc_bad_handles},
    {"lgs_InitializeSecurityContextA", "zeroed context", isc_bad_handles},
    {"lgs_InitializeSecurityContextW", "12 output buffers, 0 buffers, long target", isc_output_desc_edge},
    {"lgs_AcceptSecurityContext", "credential NULL, zeroed", asc_bad_handles},
    {"lgs_CompleteAuthToken", "context NULL, zeroed", context_calls_bad_handles},
    {"lgs_QueryContextAttributesW", "the same handles", context_calls_bad_handles},
    {"lgs_QueryContextAttributesA", "the same handles, attribute 0xFFFFFFFF", context_calls_bad_handles},
    {"lgs_ImpersonateSecurityContext", "the same handles", context_calls_bad_handles},
    {"lgs_RevertSecurityContext", "the same handles", context_calls_bad_handles},
    {"lgs_DeleteSecurityContext", "the same handles", context_calls_bad_handles},
    {"lgs_FreeCredentialsHandle", "credential NULL, zeroed", free_credentials_bad_handles},
    {"lgs_QueryCredentialsAttributesW", "the same credentials", free_credentials_bad_handles},
    {"lgs_QueryCredentialsAttributesA", "the same credentials, attribute 0xFFFFFFFF", free_credentials_bad_handles},
    {"lgs_SetContextAttributesW", "context NULL, zeroed; buffer NULL", context_calls_bad_handles},
    {"lgs_SetContextAttributesA", "the same handles, attribute 0xFFFFFFFF", context_calls_bad_handles},
    {"lgs_QuerySecurityContextToken", "the same handles: the token left as the API left it", context_calls_bad_handles},
    {"lgs_ApplyControlToken", "the same handles, input NULL", context_calls_bad_handles},
    {"lgs_InitSecurityInterfaceW", "no input: the system's table, wrapped entries replaced", function_tables},
    {"lgs_InitSecurityInterfaceA", "the same", function_tables},
    {"lgs_EncryptMessage", "context NULL, zeroed; message NULL, empty", message_calls_bad_handles},
    {"lgs_DecryptMessage", "the same, QOP NULL and given", message_calls_bad_handles},
    {"lgs_MakeSignature", "the same, QOP 0xFFFFFFFF", message_calls_bad_handles},
    {"lgs_VerifySignature", "the same", message_calls_bad_handles},
    {"lgs_QuerySecurityPackageInfoW", "40 000-char name, out NULL", package_info_bad_names},
    {"lgs_QuerySecurityPackageInfoA", "name NULL (and W), 300 chars", package_info_bad_names},
    {"lgs_EnumerateSecurityPackagesW", "both NULL", enumerate_packages_nulls},
    {"lgs_EnumerateSecurityPackagesA", "either NULL", enumerate_packages_nulls},
    {"lgs_FreeContextBuffer", "NULL", free_context_buffer_null},
    {"lgs_eventlog_register", "40 000-char and empty source, long file", eventlog_register_bad},
    {"lgs_eventlog_unregister", "unknown, 40 000-char and empty source", eventlog_unregister_bad},
};

static void test_table(void)
{
    lgs_badinput_run(rows, sizeof rows / sizeof rows[0], "the Windows API");
}

static int setup(void)
{
    static wchar_t wbuf[LONG_LEN + 1];
    static char abuf[LONG_LEN + 1];
    for (int i = 0; i < LONG_LEN; i++) {
        wbuf[i] = L'W';
        abuf[i] = 'A';
    }
    long_w = wbuf;
    long_a = abuf;
    vt_setup(1000, 5);
    lgs_faults_clear();
    lgs_log_reset();
    (void)lgs_log_config_set("log.sinks", "none", NULL, 0);
    return 0;
}

static int teardown(void)
{
    lgs_log_reset();
    (void)lgs_log_config_set("log.sinks", "none", NULL, 0);
    return vt_teardown();
}

/* A continuation call whose package leaves phNewContext alone (it may: the
 * context stays the same) must leave the caller's phNewContext as the API
 * did: untouched. The wrapper once invalidated half of it (SecInvalidateHandle
 * is two statements, and only the first was under the `else`), and later
 * wrote *phContext there, where the API writes nothing (issue 17). */
static SECURITY_STATUS WINAPI isc_writes_nothing(PCredHandle cred, PCtxtHandle ctx, SEC_WCHAR *target,
                                                 unsigned long req, unsigned long r1, unsigned long rep,
                                                 PSecBufferDesc in, unsigned long r2, PCtxtHandle new_ctx,
                                                 PSecBufferDesc out, unsigned long *attr, PTimeStamp expiry)
{
    (void)cred, (void)ctx, (void)target, (void)req, (void)r1, (void)rep, (void)in, (void)r2, (void)new_ctx,
        (void)out, (void)attr, (void)expiry;
    return SEC_E_OK;
}

static void test_continuation_keeps_context(void)
{
    lgs__backend b = lgs__system_backend;
    b.InitializeSecurityContextW = isc_writes_nothing;
    lgs__backend_set(&b);
    CredHandle cred = {1, 2};
    CtxtHandle ctx = {5, 6}, out = {7, 7};
    unsigned long attr;
    TimeStamp ts;
    SECURITY_STATUS st = lgs_InitializeSecurityContextW(&cred, &ctx, target_w, 0, 0, SECURITY_NATIVE_DREP, NULL, 0,
                                                        &out, NULL, &attr, &ts);
    lgs__backend_set(NULL);
    CU_ASSERT_EQUAL(st, SEC_E_OK);
    CU_ASSERT_EQUAL(out.dwLower, 7);
    CU_ASSERT_EQUAL(out.dwUpper, 7);
}

static CU_TestInfo tests[] = {
    {"every wrapper, bad input: the API's result, no crash", test_table},
    {"ISC continuation keeps the caller's context (regression)", test_continuation_keeps_context},
    CU_TEST_INFO_NULL,
};

int lgs_suite_badinput_win(void)
{
    LGS_REGISTER("badinput_win", tests, setup, teardown);
}
