/* test_faults_env.c — LOGONSHIM_FAULTS as a process sees it: read once, at
 * the first wrapped call. CTest runs these suites in processes of their own
 * with the variable set (see tests/CMakeLists.txt); they fail when it is not
 * set, rather than pass vacuously.
 *   faults_env_bad:  LOGONSHIM_FAULTS="LogonUserW=bogus"
 *   faults_env_good: LOGONSHIM_FAULTS="LogonUserW=1366;LsaConnectUntrusted=STATUS_NO_MEMORY*3" */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "log_internal.h"
#include "logonshim/logonshim.h"
#include "suites.h"
#include "vtime.h"

static int spec_is(const char *expect)
{
    const char *spec = getenv("LOGONSHIM_FAULTS");
    return spec != NULL && strcmp(spec, expect) == 0;
}

/* A bad spec fails the first wrapped call (whatever the API) with
 * ERROR_INVALID_PARAMETER; later calls are real calls, with no faults. */
static void test_bad_spec_fails_first_call(void)
{
    CU_ASSERT_FATAL(spec_is("LogonUserW=bogus"));
    /* A failure record from before, which the refused call must not leave
     * for lgs_last_failure() to hand back as its own. */
    lgs__call_log before = {.api = "LsaLogonUser"};
    lgs_attempt a = {.api = "LogonUser", .attempt = 1, .max_attempts = 1, .space = LGS_SPACE_WIN32,
                     .value = 1312, .cls = LGS_CLASS_SESSION_GONE, .decision = LGS_DECISION_NEVER_RETRY,
                     .reached_api = 1};
    lgs__log_attempt(&before, &a);
    lgs_record r;
    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&r), LGS_OK);
    HANDLE token = (HANDLE)(uintptr_t)0x77;
    SetLastError(0);
    BOOL ok = lgs_LogonUserA("alice", ".", "pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &token);
    CU_ASSERT_EQUAL(ok, FALSE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    CU_ASSERT_EQUAL(token, (HANDLE)(uintptr_t)0x77);
    CU_ASSERT_EQUAL(lgs_faults_pending("LogonUserW"), 0);
    CU_ASSERT_EQUAL(lgs_last_failure(&r), LGS_ENOTFOUND);
    /* The second call reaches Wine's LogonUserW stub, which succeeds. */
    ok = lgs_LogonUserW(L"alice", L".", L"pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &token);
    CU_ASSERT_EQUAL(ok, TRUE);
}

static void test_good_spec_injects(void)
{
    CU_ASSERT_FATAL(spec_is("LogonUserW=1366;LsaConnectUntrusted=STATUS_NO_MEMORY*3"));
    vt_setup(1000, 3);
    lgs_stats before, after;
    lgs_stats_snapshot(&before);
    HANDLE token = NULL;
    BOOL ok = lgs_LogonUserW(L"alice", L".", L"pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &token);
    lgs_stats_snapshot(&after);
    CU_ASSERT_EQUAL(ok, TRUE); /* 1366, cleanup, retry: the stub succeeds */
    CU_ASSERT_EQUAL(after.attempts - before.attempts, 2);
    HANDLE lsa = (HANDLE)(uintptr_t)0x99;
    NTSTATUS st = lgs_LsaConnectUntrusted(&lsa);
    CU_ASSERT_EQUAL(st, (NTSTATUS)0xC0000017L); /* resource: 3 attempts, all injected */
    CU_ASSERT_EQUAL(lsa, (HANDLE)(uintptr_t)0x99);
    CU_ASSERT_EQUAL(lgs_faults_pending("LsaConnectUntrusted"), 0);
}

int lgs_suite_faults_env_bad(void)
{
    static CU_TestInfo tests[] = {
        {"bad LOGONSHIM_FAULTS fails the first call", test_bad_spec_fails_first_call},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("faults_env_bad", tests, NULL, NULL);
}

int lgs_suite_faults_env_good(void)
{
    static CU_TestInfo tests[] = {
        {"LOGONSHIM_FAULTS injects", test_good_spec_injects},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("faults_env_good", tests, NULL, vt_teardown);
}
