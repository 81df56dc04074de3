/* test_wrappers.c — the wrapper contract under Wine: for every wrapper and a
 * code of each class, the result is exactly the API's (FALSE + last error for
 * BOOL APIs, the code for NTSTATUS/SECURITY_STATUS APIs), outputs are left
 * untouched and the number of attempts is the class policy's; recovery;
 * continue codes pass through; real failures from Wine's secur32. Virtual
 * time (tests/vtime.c) keeps backoff from sleeping for real. */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "apis.h"
#include "backend.h" /* <windows.h>, which <schannel.h> needs first */
#include <schannel.h>
#include "logonshim/logonshim.h"
#include "suites.h"
#include "threads.h"
#include "vtime.h"

/* From ntstatus.h, which cannot follow <windows.h> without redefinitions. */
#define T_STATUS_WRONG_PASSWORD ((NTSTATUS)0xC000006AL)
#define T_STATUS_LOGON_SESSION_COLLISION ((NTSTATUS)0xC0000105L)
#define T_STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000DL)

/* Every output any wrapper has, filled with a pattern before the call. */
typedef struct outs {
    HANDLE h;
    PSID sid;
    PVOID buf;
    DWORD len;
    ULONG ulen;
    QUOTA_LIMITS quotas;
    LUID luid;
    NTSTATUS sub;
    ULONG package;
    LSA_OPERATIONAL_MODE mode;
    CredHandle cred;
    CtxtHandle ctx;
    TimeStamp ts;
    unsigned long attr;
    unsigned long count;
    SecBuffer sb;
    SecBufferDesc desc;
    SecPkgContext_Sizes sizes;
} outs;

static void fill(outs *o)
{
    memset(o, 0xA5, sizeof *o);
    o->desc.ulVersion = SECBUFFER_VERSION;
    o->desc.cBuffers = 1;
    o->desc.pBuffers = &o->sb;
}

static wchar_t kerberos_w[] = L"Kerberos";
static char kerberos_a[] = "Kerberos";
static wchar_t target_w[] = L"host/localhost";
static char target_a[] = "host/localhost";
static char origin[] = "logonshim";

/* Each wrapper called with outputs in *o; returns the code it reports. */
static uint32_t call_api(lgs__api_id api, outs *o)
{
    LSA_STRING name = {9, 10, origin};
    CredHandle cred = {1, 2};
    CtxtHandle ctx = {3, 4};
    BOOL ok;
    switch (api) {
    case LGS_API_ID_LogonUserA:
        ok = lgs_LogonUserA("u", "d", "p", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &o->h);
        return ok ? 0 : GetLastError();
    case LGS_API_ID_LogonUserW:
        ok = lgs_LogonUserW(L"u", L"d", L"p", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &o->h);
        return ok ? 0 : GetLastError();
    case LGS_API_ID_LogonUserExA:
        ok = lgs_LogonUserExA("u", "d", "p", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &o->h, &o->sid,
                              &o->buf, &o->len, &o->quotas);
        return ok ? 0 : GetLastError();
    case LGS_API_ID_LogonUserExW:
        ok = lgs_LogonUserExW(L"u", L"d", L"p", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &o->h,
                              &o->sid, &o->buf, &o->len, &o->quotas);
        return ok ? 0 : GetLastError();
    case LGS_API_ID_LsaConnectUntrusted:
        return (uint32_t)lgs_LsaConnectUntrusted(&o->h);
    case LGS_API_ID_LsaRegisterLogonProcess:
        return (uint32_t)lgs_LsaRegisterLogonProcess(&name, &o->h, &o->mode);
    case LGS_API_ID_LsaDeregisterLogonProcess:
        return (uint32_t)lgs_LsaDeregisterLogonProcess((HANDLE)(uintptr_t)0x1234);
    case LGS_API_ID_LsaLookupAuthenticationPackage:
        return (uint32_t)lgs_LsaLookupAuthenticationPackage((HANDLE)(uintptr_t)0x1234, &name, &o->package);
    case LGS_API_ID_LsaLogonUser:
        return (uint32_t)lgs_LsaLogonUser((HANDLE)(uintptr_t)0x1234, &name, Interactive, 0, NULL, 0, NULL,
                                          NULL, &o->buf, &o->ulen, &o->luid, &o->h, &o->quotas, NULL);
    case LGS_API_ID_LsaCallAuthenticationPackage:
        return (uint32_t)lgs_LsaCallAuthenticationPackage((HANDLE)(uintptr_t)0x1234, 0, NULL, 0, &o->buf,
                                                          &o->ulen, &o->sub);
    case LGS_API_ID_LsaGetLogonSessionData:
        return (uint32_t)lgs_LsaGetLogonSessionData(&o->luid, (PSECURITY_LOGON_SESSION_DATA *)&o->buf);
    case LGS_API_ID_LsaEnumerateLogonSessions:
        return (uint32_t)lgs_LsaEnumerateLogonSessions(&o->ulen, (PLUID *)&o->buf);
    case LGS_API_ID_LsaFreeReturnBuffer:
        return (uint32_t)lgs_LsaFreeReturnBuffer(NULL);
    case LGS_API_ID_AcquireCredentialsHandleA:
        return (uint32_t)lgs_AcquireCredentialsHandleA(NULL, kerberos_a, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                                       NULL, NULL, &o->cred, &o->ts);
    case LGS_API_ID_AcquireCredentialsHandleW:
        return (uint32_t)lgs_AcquireCredentialsHandleW(NULL, kerberos_w, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                                       NULL, NULL, &o->cred, &o->ts);
    case LGS_API_ID_InitializeSecurityContextA:
        return (uint32_t)lgs_InitializeSecurityContextA(&cred, NULL, target_a, ISC_REQ_ALLOCATE_MEMORY, 0,
                                                        SECURITY_NATIVE_DREP, NULL, 0, &o->ctx, &o->desc,
                                                        &o->attr, &o->ts);
    case LGS_API_ID_InitializeSecurityContextW:
        return (uint32_t)lgs_InitializeSecurityContextW(&cred, NULL, target_w, ISC_REQ_ALLOCATE_MEMORY, 0,
                                                        SECURITY_NATIVE_DREP, NULL, 0, &o->ctx, &o->desc,
                                                        &o->attr, &o->ts);
    case LGS_API_ID_AcceptSecurityContext:
        return (uint32_t)lgs_AcceptSecurityContext(&cred, NULL, NULL, ASC_REQ_ALLOCATE_MEMORY,
                                                   SECURITY_NATIVE_DREP, &o->ctx, &o->desc, &o->attr, &o->ts);
    case LGS_API_ID_CompleteAuthToken:
        return (uint32_t)lgs_CompleteAuthToken(&ctx, &o->desc);
    case LGS_API_ID_QueryContextAttributesA:
        return (uint32_t)lgs_QueryContextAttributesA(&ctx, SECPKG_ATTR_SIZES, &o->sizes);
    case LGS_API_ID_QueryContextAttributesW:
        return (uint32_t)lgs_QueryContextAttributesW(&ctx, SECPKG_ATTR_SIZES, &o->sizes);
    case LGS_API_ID_ImpersonateSecurityContext:
        return (uint32_t)lgs_ImpersonateSecurityContext(&ctx);
    case LGS_API_ID_RevertSecurityContext:
        return (uint32_t)lgs_RevertSecurityContext(&ctx);
    case LGS_API_ID_DeleteSecurityContext:
        return (uint32_t)lgs_DeleteSecurityContext(&ctx);
    case LGS_API_ID_FreeCredentialsHandle:
        return (uint32_t)lgs_FreeCredentialsHandle(&cred);
    case LGS_API_ID_QuerySecurityPackageInfoA:
        return (uint32_t)lgs_QuerySecurityPackageInfoA(kerberos_a, (PSecPkgInfoA *)&o->buf);
    case LGS_API_ID_QuerySecurityPackageInfoW:
        return (uint32_t)lgs_QuerySecurityPackageInfoW(kerberos_w, (PSecPkgInfoW *)&o->buf);
    case LGS_API_ID_EnumerateSecurityPackagesA:
        return (uint32_t)lgs_EnumerateSecurityPackagesA(&o->count, (PSecPkgInfoA *)&o->buf);
    case LGS_API_ID_EnumerateSecurityPackagesW:
        return (uint32_t)lgs_EnumerateSecurityPackagesW(&o->count, (PSecPkgInfoW *)&o->buf);
    case LGS_API_ID_FreeContextBuffer:
        return (uint32_t)lgs_FreeContextBuffer(NULL);
    case LGS_API_ID_EncryptMessage:
        return (uint32_t)lgs_EncryptMessage(&ctx, 0, &o->desc, 0);
    case LGS_API_ID_DecryptMessage:
        return (uint32_t)lgs_DecryptMessage(&ctx, &o->desc, 0, &o->attr);
    case LGS_API_ID_MakeSignature:
        return (uint32_t)lgs_MakeSignature(&ctx, 0, &o->desc, 0);
    case LGS_API_ID_VerifySignature:
        return (uint32_t)lgs_VerifySignature(&ctx, &o->desc, 0, &o->attr);
    case LGS_API_ID_QueryCredentialsAttributesA:
        return (uint32_t)lgs_QueryCredentialsAttributesA(&cred, SECPKG_CRED_ATTR_NAMES, &o->sizes);
    case LGS_API_ID_QueryCredentialsAttributesW:
        return (uint32_t)lgs_QueryCredentialsAttributesW(&cred, SECPKG_CRED_ATTR_NAMES, &o->sizes);
    case LGS_API_ID_SetContextAttributesA:
        return (uint32_t)lgs_SetContextAttributesA(&ctx, SECPKG_ATTR_SIZES, &o->sizes, sizeof o->sizes);
    case LGS_API_ID_SetContextAttributesW:
        return (uint32_t)lgs_SetContextAttributesW(&ctx, SECPKG_ATTR_SIZES, &o->sizes, sizeof o->sizes);
    case LGS_API_ID_QuerySecurityContextToken:
        return (uint32_t)lgs_QuerySecurityContextToken(&ctx, &o->h);
    case LGS_API_ID_ApplyControlToken:
        return (uint32_t)lgs_ApplyControlToken(&ctx, &o->desc);
    case LGS_API_ID_ImpersonateLoggedOnUser:
        return lgs_ImpersonateLoggedOnUser((HANDLE)(uintptr_t)0x1234) ? 0 : GetLastError();
    case LGS_API_ID_CredReadW:
        return lgs_CredReadW(L"logonshim-wrappers", CRED_TYPE_GENERIC, 0, (PCREDENTIALW *)&o->buf) ? 0
                                                                                                    : GetLastError();
    case LGS_API_ID_CreateProcessAsUserA: {
        STARTUPINFOA si = {.cb = sizeof si};
        PROCESS_INFORMATION pi;
        return lgs_CreateProcessAsUserA(NULL, "C:\\logonshim-none\\x.exe", NULL, NULL, NULL, FALSE, 0, NULL, NULL,
                                        &si, &pi) ? 0 : GetLastError();
    }
    case LGS_API_ID_CreateProcessAsUserW: {
        STARTUPINFOW si = {.cb = sizeof si};
        PROCESS_INFORMATION pi;
        return lgs_CreateProcessAsUserW(NULL, L"C:\\logonshim-none\\x.exe", NULL, NULL, NULL, FALSE, 0, NULL,
                                        NULL, &si, &pi) ? 0 : GetLastError();
    }
    case LGS_API_ID_CreateProcessWithLogonW: {
        STARTUPINFOW si = {.cb = sizeof si};
        PROCESS_INFORMATION pi;
        return lgs_CreateProcessWithLogonW(L"u", L"d", L"p", 0, L"C:\\logonshim-none\\x.exe", NULL, 0, NULL, NULL,
                                           &si, &pi) ? 0 : GetLastError();
    }
    case LGS_API_ID_CreateProcessWithTokenW: {
        STARTUPINFOW si = {.cb = sizeof si};
        PROCESS_INFORMATION pi;
        return lgs_CreateProcessWithTokenW((HANDLE)(uintptr_t)0x1234, 0, L"C:\\logonshim-none\\x.exe", NULL, 0,
                                           NULL, NULL, &si, &pi) ? 0 : GetLastError();
    }
    case LGS_API_ID_CredWriteW: {
        static wchar_t target[] = L"logonshim-wrappers";
        CREDENTIALW cw = {.Type = CRED_TYPE_GENERIC, .TargetName = target, .Persist = CRED_PERSIST_LOCAL_MACHINE};
        return lgs_CredWriteW(&cw, 0) ? 0 : GetLastError();
    }
    default:
        CU_FAIL("an API without a test invocation");
        return 0;
    }
}

/* Called first in every test: CUnit assertions (used by vt_set) need a
 * running test. */
static void prepare(void)
{
    vt_setup(1000, 7);
    /* Each call is judged on its own: no budget, breaker or lockout carry-over. */
    vt_set("budget.floor", "1000000");
    vt_set("breaker.threshold", "0");
    vt_set("lockout.threshold", "0");
}

static int teardown(void)
{
    lgs_faults_clear();
    return vt_teardown();
}

/* A code of class cls in the given space: the catalogue's first, or for
 * `unknown` a value the catalogue does not know. 0 when the space has none. */
static uint32_t code_of(lgs_space space, lgs_class cls)
{
    static const uint32_t unknown[LGS_SPACE_COUNT_] = {0xFFFEu, 0xC0FFFFFEu, 0x8009FFFEu};
    if (cls == LGS_CLASS_UNKNOWN)
        return unknown[space];
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        if (r->space == space && r->cls == cls)
            return r->value;
    }
    return 0;
}

static unsigned policy_attempts(lgs_class cls)
{
    char key[64], value[32];
    snprintf(key, sizeof key, "retry.%s.attempts", lgs_class_name(cls));
    CU_ASSERT_EQUAL_FATAL(lgs_config_get(key, value, sizeof value), LGS_OK);
    return (unsigned)strtoul(value, NULL, 10);
}

static void test_every_wrapper_every_class(void)
{
    prepare();
    unsigned checked = 0;
    for (int api = 0; api < LGS_API_ID_COUNT_; api++) {
        const lgs__api_info *info = &lgs__apis[api];
        for (int cls = LGS_CLASS_TRANSIENT; cls < LGS_CLASS_COUNT_; cls++) {
            uint32_t code = code_of(info->space, (lgs_class)cls);
            if (code == 0)
                continue;
            char spec[128];
            snprintf(spec, sizeof spec, "%s=0x%08lX*10", info->name, (unsigned long)code);
            CU_ASSERT_EQUAL_FATAL(lgs_faults_set(spec, NULL, 0), LGS_OK);
            lgs_engine_reset_state();
            outs o, before;
            fill(&o);
            before = o;
            uint32_t got = call_api((lgs__api_id)api, &o);
            unsigned attempts = 10u - (unsigned)lgs_faults_pending(info->name);
            /* Release and message calls make one attempt whatever the class. */
            unsigned expect = info->release ? 1u : policy_attempts((lgs_class)cls);
            int ok = got == code && memcmp(&o, &before, sizeof o) == 0 && attempts == expect;
            if (!ok) {
                printf("\n  %s, %s 0x%08lX: returned 0x%08lX, %u attempts (policy %u), outputs %s",
                       info->name, lgs_class_name((lgs_class)cls), (unsigned long)code, (unsigned long)got,
                       attempts, expect, memcmp(&o, &before, sizeof o) == 0 ? "untouched" : "WRITTEN");
                CU_FAIL("wrapper contract broken");
            }
            checked++;
        }
    }
    lgs_faults_clear();
    CU_ASSERT(checked >= 29 * 10);
}

/* A wrong password is never tried twice, whatever the API. */
static void test_credentials_one_attempt(void)
{
    prepare();
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set("LogonUserW=ERROR_LOGON_FAILURE*5;LsaLogonUser=STATUS_WRONG_PASSWORD*5;"
                                         "AcquireCredentialsHandleW=SEC_E_LOGON_DENIED*5",
                                         NULL, 0),
                          LGS_OK);
    outs o;
    fill(&o);
    CU_ASSERT_EQUAL(call_api(LGS_API_ID_LogonUserW, &o), ERROR_LOGON_FAILURE);
    CU_ASSERT_EQUAL(call_api(LGS_API_ID_LsaLogonUser, &o), (uint32_t)T_STATUS_WRONG_PASSWORD);
    CU_ASSERT_EQUAL(call_api(LGS_API_ID_AcquireCredentialsHandleW, &o), (uint32_t)SEC_E_LOGON_DENIED);
    CU_ASSERT_EQUAL(lgs_faults_pending("LogonUserW"), 4);
    CU_ASSERT_EQUAL(lgs_faults_pending("LsaLogonUser"), 4);
    CU_ASSERT_EQUAL(lgs_faults_pending("AcquireCredentialsHandleW"), 4);
    lgs_faults_clear();
}

static void test_logonuser_recovers_after_collision(void)
{
    prepare();
    lgs_engine_reset_state();
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set("LogonUserW=1366", NULL, 0), LGS_OK);
    lgs_stats before, after;
    lgs_stats_snapshot(&before);
    HANDLE token = NULL;
    BOOL ok = lgs_LogonUserW(L"alice", L".", L"pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &token);
    lgs_stats_snapshot(&after);
    /* Wine's LogonUserW is a stub that succeeds: the retry reaches it. */
    CU_ASSERT_EQUAL(ok, TRUE);
    CU_ASSERT_PTR_NOT_NULL(token);
    CU_ASSERT_EQUAL(after.attempts - before.attempts, 2);
    CU_ASSERT_EQUAL(after.recovered - before.recovered, 1);
    CU_ASSERT_EQUAL(lgs_faults_pending("LogonUserW"), 0);
    lgs_record r;
    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&r), LGS_OK);
    CU_ASSERT_STRING_EQUAL(r.api, "LogonUserW");
    CU_ASSERT_EQUAL(r.value, 1366);
    CU_ASSERT_EQUAL(r.cls, LGS_CLASS_SESSION_COLLISION);
}

/* A failed call whose record lgs_last_failure() holds: 1312 is never
 * retried and is not a credential failure (no lockout guard state). */
static void leave_a_failure(void)
{
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set("LogonUserW=1312", NULL, 0), LGS_OK);
    HANDLE token = NULL;
    CU_ASSERT_EQUAL(lgs_LogonUserW(L"bob", L".", L"pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &token),
                    FALSE);
    lgs_record r;
    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&r), LGS_OK);
    CU_ASSERT_EQUAL(r.value, 1312);
}

/* A call refused before any attempt (a NULL the API would crash on) makes
 * no record: lgs_last_failure() must then say so, not hand back the
 * previous call's record (whose guidance would be about another failure). */
static void test_refused_call_leaves_no_stale_record(void)
{
    prepare();
    lgs_engine_reset_state();
    lgs_record r;
    leave_a_failure();
    SetLastError(0x1234);
    CU_ASSERT_EQUAL(lgs_LogonUserW(L"bob", L".", L"pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, NULL),
                    FALSE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    CU_ASSERT_EQUAL(lgs_last_failure(&r), LGS_ENOTFOUND);

    leave_a_failure();
    SetLastError(0x1234);
    CU_ASSERT_EQUAL(lgs_LsaConnectUntrusted(NULL), T_STATUS_INVALID_PARAMETER);
    CU_ASSERT_EQUAL(GetLastError(), 0x1234); /* an NTSTATUS API: the caller's last error stays */
    CU_ASSERT_EQUAL(lgs_last_failure(&r), LGS_ENOTFOUND);

    leave_a_failure();
    SetLastError(0x1234);
    CU_ASSERT_EQUAL(lgs_QuerySecurityPackageInfoW(NULL, NULL), SEC_E_INVALID_PARAMETER);
    CU_ASSERT_EQUAL(GetLastError(), 0x1234);
    CU_ASSERT_EQUAL(lgs_last_failure(&r), LGS_ENOTFOUND);
    lgs_faults_clear();
}

/* ---- the lockout guard through the wrapper (issue 15) ---- */

#define WRAP_RACE_THREADS 32
static atomic_uint race_inside, race_refused, race_reached;

/* A LogonUserW that rejects the password, and holds each call until every
 * thread is either inside it or refused, so that all the attempts the guard
 * let through are in flight at once: the worst interleaving, every run.
 * Bounded by 10 s, in case a thread never arrives. */
static BOOL WINAPI race_logon(LPCWSTR user, LPCWSTR domain, LPCWSTR password, DWORD type, DWORD provider,
                              PHANDLE token)
{
    (void)user, (void)domain, (void)password, (void)type, (void)provider, (void)token;
    atomic_fetch_add(&race_reached, 1u);
    atomic_fetch_add(&race_inside, 1u);
    ULONGLONG until = GetTickCount64() + 10000u;
    while (atomic_load(&race_inside) + atomic_load(&race_refused) < WRAP_RACE_THREADS &&
           GetTickCount64() < until)
        Sleep(0);
    SetLastError(ERROR_LOGON_FAILURE);
    return FALSE;
}

static void race_worker(void *arg, unsigned index)
{
    (void)arg, (void)index;
    HANDLE token = NULL;
    BOOL ok = lgs_LogonUserW(L"victim", L"CORP", L"wrong", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT,
                             &token);
    DWORD err = GetLastError();
    lgs_record r;
    if (!ok && err == ERROR_LOGON_FAILURE && lgs_last_failure(&r) == LGS_OK &&
        r.decision == LGS_DECISION_LOCKOUT_GUARD)
        atomic_fetch_add(&race_refused, 1u);
}

/* 32 threads send one wrong password through lgs_LogonUserW at once: at most
 * lockout.threshold (3) of them reach the system's LogonUserW, every other
 * one fails fast with ERROR_LOGON_FAILURE and decision lockout_guard. */
static void test_lockout_race_through_wrapper(void)
{
    prepare();
    vt_set("lockout.threshold", "3");
    lgs_engine_reset_state();
    atomic_store(&race_inside, 0u);
    atomic_store(&race_refused, 0u);
    atomic_store(&race_reached, 0u);
    lgs__backend b = lgs__system_backend;
    b.LogonUserW = race_logon;
    lgs__backend_set(&b);
    int started = lgs_test_run_threads(WRAP_RACE_THREADS, race_worker, NULL);
    lgs__backend_set(NULL);
    CU_ASSERT_EQUAL_FATAL(started, 0);
    unsigned reached = atomic_load(&race_reached);
    printf("\n    wrapper race: %u of %d calls reached LogonUserW (threshold 3)\n", reached,
           WRAP_RACE_THREADS);
    CU_ASSERT(reached >= 1 && reached <= 3);
    CU_ASSERT_EQUAL(atomic_load(&race_refused), WRAP_RACE_THREADS - reached);
    lgs_engine_reset_state();
}

/* ACH through the shim, SEC_E_LOGON_DENIED injected; the decision taken. */
static lgs_decision ach_denied(const wchar_t *package, void *auth)
{
    CredHandle cred;
    TimeStamp expiry;
    SECURITY_STATUS st = lgs_AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL,
                                                       auth, NULL, NULL, &cred, &expiry);
    CU_ASSERT_EQUAL(st, SEC_E_LOGON_DENIED);
    lgs_record r;
    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&r), LGS_OK);
    return r.decision;
}

/* Under Schannel SEC_E_LOGON_DENIED is the TLS access_denied alert, a
 * certificate refused, not a password guess (issue 16): five in a row all
 * reach the package, while the same code for a Kerberos identity is stopped
 * by the guard after lockout.threshold (3). */
static void test_schannel_denied_not_a_guess(void)
{
    prepare();
    vt_set("lockout.threshold", "3");
    lgs_engine_reset_state();
    SCHANNEL_CRED sc;
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    const wchar_t *packages[] = {SCHANNEL_NAME_W, UNISP_NAME_W};
    for (size_t p = 0; p < sizeof packages / sizeof packages[0]; p++) {
        CU_ASSERT_EQUAL_FATAL(lgs_faults_set("AcquireCredentialsHandleW=SEC_E_LOGON_DENIED*5", NULL, 0), LGS_OK);
        for (int i = 0; i < 5; i++)
            CU_ASSERT_EQUAL(ach_denied(packages[p], &sc), LGS_DECISION_NEVER_RETRY);
        CU_ASSERT_EQUAL(lgs_faults_pending("AcquireCredentialsHandleW"), 0);
    }
    wchar_t user[] = L"victim", domain[] = L"CORP", password[] = L"wrong";
    SEC_WINNT_AUTH_IDENTITY_W id = {(unsigned short *)user, 6, (unsigned short *)domain, 4,
                                    (unsigned short *)password, 5, SEC_WINNT_AUTH_IDENTITY_UNICODE};
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set("AcquireCredentialsHandleW=SEC_E_LOGON_DENIED*5", NULL, 0), LGS_OK);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(ach_denied(L"Kerberos", &id), LGS_DECISION_NEVER_RETRY);
    CU_ASSERT_EQUAL(ach_denied(L"Kerberos", &id), LGS_DECISION_LOCKOUT_GUARD);
    CU_ASSERT_EQUAL(lgs_faults_pending("AcquireCredentialsHandleW"), 2);
    lgs_faults_clear();
    lgs_engine_reset_state();
}

static void test_lsalogonuser_collision_twice(void)
{
    prepare();
    lgs_engine_reset_state();
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set("LsaLogonUser=STATUS_LOGON_SESSION_COLLISION*2", NULL, 0), LGS_OK);
    outs o, before;
    fill(&o);
    before = o;
    NTSTATUS sub = 0x1234;
    LSA_STRING name = {9, 10, origin};
    NTSTATUS st = lgs_LsaLogonUser((HANDLE)(uintptr_t)0x1234, &name, Interactive, 0, NULL, 0, NULL, NULL,
                                   &o.buf, &o.ulen, &o.luid, &o.h, &o.quotas, &sub);
    /* session_collision allows two attempts: both collide, the call fails. */
    CU_ASSERT_EQUAL(st, T_STATUS_LOGON_SESSION_COLLISION);
    CU_ASSERT_EQUAL(lgs_faults_pending("LsaLogonUser"), 0);
    CU_ASSERT(memcmp(&o, &before, sizeof o) == 0);
    CU_ASSERT_EQUAL(sub, 0x1234); /* injected: the API never ran, so no SubStatus */
    lgs_record r;
    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&r), LGS_OK);
    CU_ASSERT_EQUAL(r.decision, LGS_DECISION_GIVE_UP);
}

static void test_continue_passes_through(void)
{
    prepare();
    lgs_engine_reset_state();
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set("InitializeSecurityContextW=SEC_I_CONTINUE_NEEDED*3", NULL, 0), LGS_OK);
    outs o;
    fill(&o);
    CU_ASSERT_EQUAL(call_api(LGS_API_ID_InitializeSecurityContextW, &o), (uint32_t)SEC_I_CONTINUE_NEEDED);
    CU_ASSERT_EQUAL(lgs_faults_pending("InitializeSecurityContextW"), 2);
    lgs_faults_clear();
}

/* Whether the system offers a package, as the system itself says. */
static int have_package(const wchar_t *name)
{
    unsigned long n = 0;
    PSecPkgInfoW p = NULL;
    int found = 0;
    if (EnumerateSecurityPackagesW(&n, &p) != SEC_E_OK)
        return 0;
    for (unsigned long i = 0; i < n; i++)
        found |= p[i].Name != NULL && _wcsicmp(p[i].Name, name) == 0;
    FreeContextBuffer(p);
    return found;
}

/* Real calls into Wine's secur32 through the wrappers. What the system can
 * do is asked, not assumed: with winbind's ntlm_auth installed, NTLM is
 * there and Negotiate falls back to it; without, NTLM is absent. Kerberos
 * without a KDC has no credentials either way. */
static void test_real_secur32_failures(void)
{
    prepare();
    lgs_engine_reset_state();
    static wchar_t negotiate[] = L"Negotiate", nosuch[] = L"logonshim-no-such-package";
    wchar_t *packages[] = {negotiate, kerberos_w};
    int ntlm = have_package(L"NTLM");
    printf("\n  NTLM %s on this system\n", ntlm ? "present" : "absent");
    for (int i = 0; i < 2; i++) {
        lgs_stats before, after;
        lgs_stats_snapshot(&before);
        CredHandle cred;
        TimeStamp ts;
        SECURITY_STATUS st = lgs_AcquireCredentialsHandleW(NULL, packages[i], SECPKG_CRED_OUTBOUND, NULL, NULL,
                                                           NULL, NULL, &cred, &ts);
        lgs_stats_snapshot(&after);
        CU_ASSERT_EQUAL(after.attempts - before.attempts, 1);
        if (i == 0 && ntlm) {
            CU_ASSERT_EQUAL(st, SEC_E_OK);
            if (st == SEC_E_OK)
                FreeCredentialsHandle(&cred);
            continue;
        }
        CU_ASSERT_EQUAL(st, SEC_E_NO_CREDENTIALS);
        CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_SECURITY, (uint32_t)st), LGS_CLASS_SESSION_GONE);
    }
    CredHandle cred;
    TimeStamp ts;
    SECURITY_STATUS st = lgs_AcquireCredentialsHandleW(NULL, nosuch, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                                       NULL, &cred, &ts);
    CU_ASSERT_EQUAL(st, SEC_E_SECPKG_NOT_FOUND);
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_SECURITY, (uint32_t)st), LGS_CLASS_CONFIG);
    lgs_record r;
    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&r), LGS_OK);
    CU_ASSERT_STRING_EQUAL(r.api, "AcquireCredentialsHandleW");
    CU_ASSERT_EQUAL(r.cls, LGS_CLASS_CONFIG);

    CtxtHandle zero = {0, 0};
    st = lgs_DeleteSecurityContext(&zero);
    CU_ASSERT_EQUAL(st, SEC_E_INVALID_HANDLE);
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_SECURITY, (uint32_t)st), LGS_CLASS_PROGRAMMING);
}

static void test_enumerate_same_packages(void)
{
    prepare();
    unsigned long n1 = 0, n2 = 0;
    PSecPkgInfoW p1 = NULL, p2 = NULL;
    CU_ASSERT_EQUAL_FATAL(EnumerateSecurityPackagesW(&n1, &p1), SEC_E_OK);
    CU_ASSERT_EQUAL_FATAL(lgs_EnumerateSecurityPackagesW(&n2, &p2), SEC_E_OK);
    CU_ASSERT(n1 > 0);
    CU_ASSERT_EQUAL_FATAL(n1, n2);
    for (unsigned long i = 0; i < n1; i++)
        CU_ASSERT(wcscmp(p1[i].Name, p2[i].Name) == 0);
    FreeContextBuffer(p1);
    CU_ASSERT_EQUAL(lgs_FreeContextBuffer(p2), SEC_E_OK);
}

static void test_logonuserex_missing(void)
{
    prepare();
    lgs_engine_reset_state();
    HANDLE token = (HANDLE)(uintptr_t)0x5555;
    SetLastError(0);
    BOOL ok = lgs_LogonUserExW(L"alice", L".", L"pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &token,
                               NULL, NULL, NULL, NULL);
    HMODULE advapi = GetModuleHandleW(L"advapi32.dll");
    if (advapi != NULL && GetProcAddress(advapi, "LogonUserExW") == NULL) {
        CU_ASSERT_EQUAL(ok, FALSE);
        CU_ASSERT_EQUAL(GetLastError(), ERROR_PROC_NOT_FOUND);
        CU_ASSERT_EQUAL(token, (HANDLE)(uintptr_t)0x5555);
        lgs_record r;
        CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&r), LGS_OK);
        CU_ASSERT_STRING_EQUAL(r.api, "LogonUserExW");
        CU_ASSERT_EQUAL(r.cls, LGS_CLASS_CONFIG);
    }
}

int lgs_suite_wrappers(void)
{
    static CU_TestInfo tests[] = {
        {"every wrapper, a code of every class", test_every_wrapper_every_class},
        {"credentials: one attempt", test_credentials_one_attempt},
        {"LogonUserW recovers after 1366", test_logonuser_recovers_after_collision},
        {"LsaLogonUser collision twice", test_lsalogonuser_collision_twice},
        {"a refused call leaves no stale record", test_refused_call_leaves_no_stale_record},
        {"32 threads: the lockout guard through lgs_LogonUserW", test_lockout_race_through_wrapper},
        {"Schannel SEC_E_LOGON_DENIED is not counted by the guard", test_schannel_denied_not_a_guess},
        {"continue codes pass through", test_continue_passes_through},
        {"real secur32 failures", test_real_secur32_failures},
        {"EnumerateSecurityPackages lists the same", test_enumerate_same_packages},
        {"LogonUserExW missing under Wine", test_logonuserex_missing},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("wrappers", tests, NULL, teardown);
}
