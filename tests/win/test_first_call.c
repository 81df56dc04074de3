/* test_first_call.c — GetLastError() after the first wrapped call of a
 * process, side by side with the raw API. The first call loads the
 * configuration (environment variables that are usually not set, so the
 * library's own GetEnvironmentVariable calls fail with 203,
 * ERROR_ENVVAR_NOT_FOUND); an API that leaves the last error alone on
 * success, as Wine's LogonUserW stub does, would then pass that 203 on to
 * the caller. CTest runs this suite in a process of its own (first_call),
 * with no LOGONSHIM_* variable set, so its first test is the library's
 * first call. */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "logonshim/logonshim.h"
#include "suites.h"

#define MARK 0x4321u

typedef struct seen {
    int ret;
    DWORD last_error;
} seen;

static seen raw_logon(void)
{
    HANDLE token = NULL;
    SetLastError(MARK);
    seen s = {LogonUserW(L"alice", L".", L"pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &token), 0};
    s.last_error = GetLastError();
    if (s.ret && token != NULL)
        CloseHandle(token);
    return s;
}

static seen shim_logon(void)
{
    HANDLE token = NULL;
    SetLastError(MARK);
    seen s = {lgs_LogonUserW(L"alice", L".", L"pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &token),
              0};
    s.last_error = GetLastError();
    if (s.ret && token != NULL)
        CloseHandle(token);
    return s;
}

/* Must run first: the library has not been called yet in this process. */
static void test_first_logon_leaves_what_the_api_leaves(void)
{
    const char *faults = getenv("LOGONSHIM_FAULTS");
    CU_ASSERT_FATAL(faults == NULL || faults[0] == '\0');
    seen raw = raw_logon();
    seen shim = shim_logon();
    CU_ASSERT_EQUAL(shim.ret, raw.ret);
    CU_ASSERT_EQUAL(shim.last_error, raw.last_error);
    CU_ASSERT_NOT_EQUAL(shim.last_error, ERROR_ENVVAR_NOT_FOUND);
    /* A later call, through whatever path it takes now, alike. */
    shim = shim_logon();
    CU_ASSERT_EQUAL(shim.ret, raw.ret);
    CU_ASSERT_EQUAL(shim.last_error, raw.last_error);
}

/* A failure of an SSPI call: the same status, and the caller's last error
 * (SSPI returns its code, it does not set one) as the raw call leaves it. */
static void test_failed_sspi_call_alike(void)
{
    CredHandle cred;
    TimeStamp expiry;
    SetLastError(MARK);
    SECURITY_STATUS raw = AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"NoSuchPackage", SECPKG_CRED_OUTBOUND,
                                                    NULL, NULL, NULL, NULL, &cred, &expiry);
    DWORD raw_le = GetLastError();
    SetLastError(MARK);
    SECURITY_STATUS shim = lgs_AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"NoSuchPackage",
                                                         SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred,
                                                         &expiry);
    CU_ASSERT_NOT_EQUAL(raw, SEC_E_OK);
    CU_ASSERT_EQUAL(shim, raw);
    CU_ASSERT_EQUAL(GetLastError(), raw_le);
}

int lgs_suite_first_call(void)
{
    static CU_TestInfo tests[] = {
        {"first LogonUserW: GetLastError as the raw API's", test_first_logon_leaves_what_the_api_leaves},
        {"failed ACH: status and GetLastError as the raw API's", test_failed_sspi_call_alike},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("first_call", tests, NULL, NULL);
}
