/* test_cleanup.c — nothing of a retried attempt is left open. A fake system
 * behind the wrappers (backend.h) fails every call *and* hands out partial
 * outputs (a real handle, an LSA buffer, a context, a credential), which no
 * real system does on demand. The last attempt's outputs are the caller's,
 * as the API left them (the wrapper contract), so the test releases those
 * itself, as a caller of the API would; after 10 000 failing wrapped calls,
 * with every retry the policy allows, the process's handle count and the
 * fake's live handles, buffers, contexts and credentials are back where
 * they started. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "backend.h"
#include "logonshim/logonshim.h"
#include "dll_path.h"
#include "suites.h"
#include "vtime.h"

static long live_buffers, live_contexts, live_creds, live_handles, fake_calls;

/* Wine 8's GetProcessHandleCount reports 0 whatever is open, so handles the
 * fake hands out are also counted here: created, and closed through the
 * backend's CloseHandle (which must succeed: a double close would not). */
static HANDLE fake_handle(void)
{
    live_handles++;
    return CreateEventW(NULL, TRUE, FALSE, NULL);
}

static BOOL WINAPI fake_close(HANDLE h)
{
    BOOL ok = CloseHandle(h);
    if (ok)
        live_handles--;
    return ok;
}

static void *fake_alloc(void)
{
    live_buffers++;
    return HeapAlloc(GetProcessHeap(), 0, 64);
}

static NTSTATUS NTAPI fake_lsa_free(PVOID b)
{
    if (b != NULL) {
        live_buffers--;
        HeapFree(GetProcessHeap(), 0, b);
    }
    return 0;
}

static SECURITY_STATUS WINAPI fake_free_context_buffer(void *b)
{
    return (SECURITY_STATUS)fake_lsa_free(b);
}

static BOOL WINAPI fake_logon_user_w(LPCWSTR u, LPCWSTR d, LPCWSTR p, DWORD t, DWORD pr, PHANDLE tok)
{
    (void)u, (void)d, (void)p, (void)t, (void)pr;
    fake_calls++;
    *tok = fake_handle();
    SetLastError(ERROR_LOGON_SESSION_COLLISION);
    return FALSE;
}

static NTSTATUS NTAPI fake_lsa_logon_user(HANDLE h, PLSA_STRING o, SECURITY_LOGON_TYPE t, ULONG pkg, PVOID info,
                                          ULONG len, PTOKEN_GROUPS g, PTOKEN_SOURCE s, PVOID *profile,
                                          PULONG profile_len, PLUID luid, PHANDLE token, PQUOTA_LIMITS q,
                                          PNTSTATUS sub)
{
    (void)h, (void)o, (void)t, (void)pkg, (void)info, (void)len, (void)g, (void)s, (void)luid, (void)q;
    fake_calls++;
    *profile = fake_alloc();
    *profile_len = 64;
    *token = fake_handle();
    *sub = (NTSTATUS)0xC0000071L;
    return (NTSTATUS)0xC0000105L; /* STATUS_LOGON_SESSION_COLLISION */
}

static SECURITY_STATUS WINAPI fake_isc_w(PCredHandle cred, PCtxtHandle ctx, SEC_WCHAR *target, unsigned long req,
                                         unsigned long r1, unsigned long rep, PSecBufferDesc in, unsigned long r2,
                                         PCtxtHandle new_ctx, PSecBufferDesc out, unsigned long *attr,
                                         PTimeStamp expiry)
{
    (void)cred, (void)ctx, (void)target, (void)req, (void)r1, (void)rep, (void)in, (void)r2, (void)attr,
        (void)expiry;
    fake_calls++;
    out->pBuffers[0].pvBuffer = fake_alloc();
    out->pBuffers[0].cbBuffer = 64;
    new_ctx->dwLower = 1;
    new_ctx->dwUpper = 2;
    live_contexts++;
    return SEC_E_NO_AUTHENTICATING_AUTHORITY;
}

static SECURITY_STATUS WINAPI fake_delete_context(PCtxtHandle h)
{
    (void)h;
    live_contexts--;
    return SEC_E_OK;
}

static SECURITY_STATUS WINAPI fake_ach_w(SEC_WCHAR *principal, SEC_WCHAR *package, unsigned long use,
                                         void *luid, void *auth, SEC_GET_KEY_FN fn, void *arg, PCredHandle cred,
                                         PTimeStamp expiry)
{
    (void)principal, (void)package, (void)use, (void)luid, (void)auth, (void)fn, (void)arg, (void)expiry;
    fake_calls++;
    cred->dwLower = 5;
    cred->dwUpper = 6;
    live_creds++;
    return SEC_E_INSUFFICIENT_MEMORY;
}

static SECURITY_STATUS WINAPI fake_free_cred(PCredHandle h)
{
    (void)h;
    live_creds--;
    return SEC_E_OK;
}

static NTSTATUS NTAPI fake_connect(PHANDLE h)
{
    fake_calls++;
    *h = fake_handle();
    return (NTSTATUS)0xC000009AL; /* STATUS_INSUFFICIENT_RESOURCES */
}

static NTSTATUS NTAPI fake_deregister(HANDLE h)
{
    fake_close(h);
    return 0;
}

static void install_fakes(void)
{
    lgs__backend b = lgs__system_backend;
    b.LogonUserW = fake_logon_user_w;
    b.LsaLogonUser = fake_lsa_logon_user;
    b.LsaFreeReturnBuffer = fake_lsa_free;
    b.InitializeSecurityContextW = fake_isc_w;
    b.FreeContextBuffer = fake_free_context_buffer;
    b.DeleteSecurityContext = fake_delete_context;
    b.AcquireCredentialsHandleW = fake_ach_w;
    b.FreeCredentialsHandle = fake_free_cred;
    b.LsaConnectUntrusted = fake_connect;
    b.LsaDeregisterLogonProcess = fake_deregister;
    b.CloseHandle = fake_close;
    lgs__backend_set(&b);
}

static void test_no_leaks_after_failures(void)
{
    vt_setup(1000, 11);
    vt_set("budget.floor", "1000000");
    vt_set("breaker.threshold", "0");
    vt_set("lockout.threshold", "0");
    install_fakes();
    static wchar_t target[] = L"host/x", package[] = L"Kerberos";
    static char origin[] = "logonshim";
    LSA_STRING name = {9, 10, origin};
    DWORD handles_before = 0, handles_after = 0;
    CU_ASSERT_FATAL(GetProcessHandleCount(GetCurrentProcess(), &handles_before));
    long failures = 0;
    for (int i = 0; i < 10000; i++) {
        HANDLE h = NULL;
        PVOID profile = NULL;
        ULONG plen = 0;
        LUID luid;
        QUOTA_LIMITS q;
        NTSTATUS sub = 0;
        CredHandle cred = {9, 9}, cred_out = {0, 0};
        CtxtHandle ctx_out = {7, 7};
        TimeStamp ts;
        SecBuffer sb = {0, SECBUFFER_TOKEN, NULL};
        SecBufferDesc desc = {SECBUFFER_VERSION, 1, &sb};
        unsigned long attr;
        switch (i % 4) {
        case 0:
            failures += !lgs_LogonUserW(L"u", L"d", L"p", LOGON32_LOGON_NETWORK, 0, &h);
            CU_ASSERT_PTR_NOT_NULL(h); /* the last attempt's, as the API left it */
            if (h != NULL)
                fake_close(h);
            break;
        case 1:
            failures += lgs_LsaLogonUser(NULL, &name, Interactive, 0, NULL, 0, NULL, NULL, &profile, &plen, &luid,
                                         &h, &q, &sub) < 0;
            CU_ASSERT(profile != NULL && h != NULL && plen == 64);
            CU_ASSERT_EQUAL(sub, (NTSTATUS)0xC0000071L); /* SubStatus reaches the caller on failure */
            if (h != NULL)
                fake_close(h);
            fake_lsa_free(profile);
            break;
        case 2:
            failures += lgs_InitializeSecurityContextW(&cred, NULL, target, ISC_REQ_ALLOCATE_MEMORY, 0,
                                                       SECURITY_NATIVE_DREP, NULL, 0, &ctx_out, &desc, &attr,
                                                       &ts) != SEC_E_OK;
            CU_ASSERT(sb.pvBuffer != NULL && ctx_out.dwLower == 1 && ctx_out.dwUpper == 2);
            fake_free_context_buffer(sb.pvBuffer);
            if (ctx_out.dwLower == 1)
                fake_delete_context(&ctx_out);
            break;
        default:
            failures += lgs_AcquireCredentialsHandleW(NULL, package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                                      &cred_out, &ts) != SEC_E_OK;
            if (cred_out.dwLower == 5)
                fake_free_cred(&cred_out);
            failures += lgs_LsaConnectUntrusted(&h) < 0;
            CU_ASSERT_PTR_NOT_NULL(h);
            if (h != NULL)
                fake_deregister(h);
            break;
        }
    }
    CU_ASSERT_FATAL(GetProcessHandleCount(GetCurrentProcess(), &handles_after));
    lgs__backend_set(NULL);
    printf("\n  %ld failing calls, %ld attempts reached the fake system; GetProcessHandleCount %lu -> %lu; "
           "live handles %ld, buffers %ld, contexts %ld, credentials %ld\n",
           failures, fake_calls, handles_before, handles_after, live_handles, live_buffers, live_contexts,
           live_creds);
    CU_ASSERT_EQUAL(failures, 12500);
    /* Retries happened: 2 + 2 + 4 + 3 + 3 attempts per round of four calls. */
    CU_ASSERT_EQUAL(fake_calls, 2500L * (2 + 2 + 4 + 3 + 3));
    CU_ASSERT_EQUAL(handles_after, handles_before);
    CU_ASSERT_EQUAL(live_handles, 0);
    CU_ASSERT_EQUAL(live_buffers, 0);
    CU_ASSERT_EQUAL(live_contexts, 0);
    CU_ASSERT_EQUAL(live_creds, 0);
}

/* ---- the fast path: a first attempt that succeeds goes straight to the API ---- */

static int qspi_fail_first; /* the next call fails (with a partial output) */
static DWORD qspi_success_error; /* the last error a success leaves; 0: untouched */

static SECURITY_STATUS SEC_ENTRY fake_qspi_w(SEC_WCHAR *name, PSecPkgInfoW *info)
{
    (void)name;
    fake_calls++;
    *info = fake_alloc();
    if (qspi_fail_first) {
        qspi_fail_first = 0;
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return SEC_E_INSUFFICIENT_MEMORY; /* class resource: retried */
    }
    if (qspi_success_error != 0)
        SetLastError(qspi_success_error);
    return SEC_E_OK;
}

static void install_qspi_fake(void)
{
    lgs__backend b = lgs__system_backend;
    b.QuerySecurityPackageInfoW = fake_qspi_w;
    b.FreeContextBuffer = fake_free_context_buffer;
    lgs__backend_set(&b);
    live_buffers = 0;
    fake_calls = 0;
    qspi_fail_first = 0;
    qspi_success_error = 0;
}

/* A success leaves GetLastError() as the API left it: set by the API, or
 * untouched from before the call, just as without the wrapper. */
static void test_success_keeps_last_error(void)
{
    vt_setup(1000, 12);
    install_qspi_fake();
    static wchar_t package[] = L"Kerberos";
    PSecPkgInfoW info = NULL;
    for (int i = 0; i < 3; i++) { /* the first call of a thread takes the full path */
        qspi_success_error = 4242;
        SetLastError(1);
        CU_ASSERT_EQUAL(lgs_QuerySecurityPackageInfoW(package, &info), SEC_E_OK);
        CU_ASSERT_EQUAL(GetLastError(), 4242);
        SetLastError(777);
        CU_ASSERT_EQUAL(lgs_FreeContextBuffer(info), SEC_E_OK);
        CU_ASSERT_EQUAL(GetLastError(), 777);
        qspi_success_error = 0;
        SetLastError(778);
        CU_ASSERT_EQUAL(lgs_QuerySecurityPackageInfoW(package, &info), SEC_E_OK);
        CU_ASSERT_EQUAL(GetLastError(), 778);
        CU_ASSERT_EQUAL(lgs_FreeContextBuffer(info), SEC_E_OK);
    }
    lgs__backend_set(NULL);
    CU_ASSERT_EQUAL(live_buffers, 0);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.calls, 12);
    CU_ASSERT_EQUAL(st.by_decision[LGS_DECISION_OK], 12);
}

/* A first attempt made on the fast path that fails is handed to the engine
 * as it is: its partial output is released, the retry the class allows is
 * made, the caller gets the second attempt's output and last error, and the
 * failed attempt is on record. */
static void test_fast_first_failure_recovers(void)
{
    vt_setup(1000, 13);
    install_qspi_fake();
    static wchar_t package[] = L"Kerberos";
    PSecPkgInfoW info = NULL;
    CU_ASSERT_EQUAL(lgs_QuerySecurityPackageInfoW(package, &info), SEC_E_OK); /* first use */
    CU_ASSERT_EQUAL(lgs_FreeContextBuffer(info), SEC_E_OK);
    fake_calls = 0;
    qspi_fail_first = 1;
    qspi_success_error = 5151;
    info = NULL;
    CU_ASSERT_EQUAL(lgs_QuerySecurityPackageInfoW(package, &info), SEC_E_OK);
    CU_ASSERT_EQUAL(GetLastError(), 5151);
    CU_ASSERT_EQUAL(fake_calls, 2);
    CU_ASSERT_PTR_NOT_NULL(info);
    CU_ASSERT_EQUAL(live_buffers, 1); /* the first attempt's buffer was freed */
    CU_ASSERT_EQUAL(lgs_FreeContextBuffer(info), SEC_E_OK);
    CU_ASSERT_EQUAL(live_buffers, 0);
    lgs_record f;
    CU_ASSERT_EQUAL(lgs_last_failure(&f), LGS_OK);
    CU_ASSERT_EQUAL(f.value, (uint32_t)SEC_E_INSUFFICIENT_MEMORY);
    CU_ASSERT_STRING_EQUAL(f.api, "QuerySecurityPackageInfoW");
    CU_ASSERT_EQUAL(f.attempt, 1);
    lgs_stats st;
    lgs_stats_snapshot(&st);
    CU_ASSERT_EQUAL(st.recovered, 1);
    CU_ASSERT_EQUAL(st.retries, 1);
    lgs__backend_set(NULL);
}

/* logonshim.dll keeps each thread's engine state in a TLS slot. Loaded,
 * used and unloaded more times than a process has TLS indexes, it leaves
 * none taken (LGS_DLL names the DLL; CTest sets it). */
static lgs_status_code dll_noop(void *ctx)
{
    (void)ctx;
    lgs_status_code c = {LGS_SPACE_WIN32, 0};
    return c;
}

static void test_dll_unload_frees_tls(void)
{
    char path[MAX_PATH * 2];
    if (!lgs_test_dll_path(path, sizeof path)) {
        CU_PASS("LGS_DLL not set: run through CTest");
        return;
    }
    typedef int (*run_fn)(const lgs_call *, lgs_outcome *);
    const int cycles = 1100; /* more than TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS (1088) */
    int ran = 0;
    for (int i = 0; i < cycles; i++) {
        HMODULE m = LoadLibraryA(path);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        run_fn run = (run_fn)(void (*)(void))GetProcAddress(m, "lgs_engine_run");
        CU_ASSERT_PTR_NOT_NULL_FATAL(run);
        lgs_call c;
        memset(&c, 0, sizeof c);
        c.api = "Test";
        c.attempt = dll_noop;
        lgs_outcome o;
        ran += run(&c, &o) == LGS_OK && o.decision == LGS_DECISION_OK;
        CU_ASSERT_FATAL(FreeLibrary(m));
    }
    CU_ASSERT_EQUAL(ran, cycles);
    DWORD index = TlsAlloc();
    CU_ASSERT_NOT_EQUAL(index, TLS_OUT_OF_INDEXES);
    if (index != TLS_OUT_OF_INDEXES)
        TlsFree(index);
}

int lgs_suite_cleanup(void)
{
    static CU_TestInfo tests[] = {
        {"no leaks after 10 000 failing calls", test_no_leaks_after_failures},
        {"a success keeps the API's last error", test_success_keeps_last_error},
        {"a fast first attempt that fails is retried", test_fast_first_failure_recovers},
        {"unloading logonshim.dll frees its TLS index", test_dll_unload_frees_tls},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("cleanup", tests, NULL, vt_teardown);
}
