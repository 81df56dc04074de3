/* test_faults.c — the fault-spec parser and injector: codes consumed one per
 * call in order, repeats, every code form, per-API code spaces, and bad specs
 * rejected with a reason while the previous script stays in force. */
#include <string.h>

#include <CUnit/CUnit.h>

#include "faults_internal.h"
#include "logonshim/faults.h"
#include "suites.h"

static int teardown(void)
{
    lgs_faults_clear();
    return 0;
}

static uint32_t next(lgs__api_id api)
{
    uint32_t code = 0;
    return lgs__fault_next(api, &code) ? code : 0;
}

static void test_consumed_in_order(void)
{
    char why[200];
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set("LogonUserW=1366,1366;AcquireCredentialsHandleW="
                                         "SEC_E_NO_AUTHENTICATING_AUTHORITY*3",
                                         why, sizeof why),
                          LGS_OK);
    CU_ASSERT_EQUAL(lgs_faults_pending("LogonUserW"), 2);
    CU_ASSERT_EQUAL(lgs_faults_pending("AcquireCredentialsHandleW"), 3);
    CU_ASSERT_EQUAL(lgs_faults_pending("LogonUserA"), 0);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LogonUserW), 1366);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LogonUserA), 0);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LogonUserW), 1366);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LogonUserW), 0); /* then the real call */
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(next(LGS_API_ID_AcquireCredentialsHandleW), 0x80090311u);
    CU_ASSERT_EQUAL(next(LGS_API_ID_AcquireCredentialsHandleW), 0);
    CU_ASSERT_EQUAL(lgs_faults_pending("AcquireCredentialsHandleW"), 0);
}

static void test_code_forms(void)
{
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set(" LsaLogonUser = 0xC0000105 , STATUS_LOGON_SESSION_COLLISION*2,"
                                         "-1073741571 ; LogonUserA=0x556,ERROR_LOGON_FAILURE, 0x80070005;",
                                         NULL, 0),
                          LGS_OK);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LsaLogonUser), 0xC0000105u);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LsaLogonUser), 0xC0000105u);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LsaLogonUser), 0xC0000105u);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LsaLogonUser), 0xC00000FDu);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LogonUserA), 1366);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LogonUserA), 1326);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LogonUserA), 5); /* HRESULT_FROM_WIN32 unwraps */
    CU_ASSERT_EQUAL(next(LGS_API_ID_LsaLogonUser), 0);
}

static void expect_bad(const char *spec, const char *mention)
{
    char why[200] = "";
    CU_ASSERT_EQUAL(lgs_faults_set(spec, why, sizeof why), LGS_EINVAL);
    CU_ASSERT(strlen(why) > 0);
    if (mention != NULL && strstr(why, mention) == NULL) {
        CU_FAIL("reason does not name the culprit");
    }
}

static void test_bad_specs_rejected(void)
{
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set("LogonUserW=1312", NULL, 0), LGS_OK);
    expect_bad("LogonUserX=1366", "LogonUserX");
    expect_bad("LogonUserX=1366", "did you mean \"LogonUser"); /* A or W: one edit each */
    expect_bad("AcquireCredentialHandleW=1366", "did you mean \"AcquireCredentialsHandleW\"?");
    expect_bad("LogonUserW", "API=codes");
    expect_bad("LogonUserW=", "empty code");
    expect_bad("LogonUserW=1366,,1366", "empty code");
    expect_bad("LogonUserW=bogus", "bogus");
    expect_bad("LogonUserW=STATUS_LOGON_SESSION_COLLISION", "ntstatus");
    expect_bad("LsaLogonUser=SEC_E_NO_CREDENTIALS", "hresult");
    expect_bad("LogonUserW=0x10000", "Win32");
    expect_bad("LogonUserW=0", "success");
    expect_bad("LogonUserW=1366*0", "repeat count 0");
    expect_bad("LogonUserW=1366*", "no repeat count");
    expect_bad("LogonUserW=1366*x", "not a number");
    expect_bad("LogonUserW=1366*1000001", "repeat count above");
    expect_bad("LogonUserW=1;LogonUserW=2", "named twice");
    expect_bad("LogonUserW=1366;LsaLogonUser=bogus", "item 2");
    /* The previous script stays in force after every rejection. */
    CU_ASSERT_EQUAL(lgs_faults_pending("LogonUserW"), 1);
    CU_ASSERT_EQUAL(next(LGS_API_ID_LogonUserW), 1312);
}

static void test_clear_and_blank(void)
{
    CU_ASSERT_EQUAL(lgs_faults_set("FreeContextBuffer=SEC_E_INVALID_HANDLE*5", NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(lgs_faults_set("   ", NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(lgs_faults_pending("FreeContextBuffer"), 0);
    CU_ASSERT_EQUAL(lgs_faults_set("FreeContextBuffer=SEC_E_INVALID_HANDLE*5", NULL, 0), LGS_OK);
    lgs_faults_clear();
    CU_ASSERT_EQUAL(next(LGS_API_ID_FreeContextBuffer), 0);
    CU_ASSERT_EQUAL(lgs_faults_set(NULL, NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(lgs_faults_pending(NULL), 0);
    CU_ASSERT_EQUAL(lgs_faults_pending("NoSuchApi"), 0);
}

static void test_large_repeat(void)
{
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set("RevertSecurityContext=SEC_E_INVALID_HANDLE*1000000", NULL, 0),
                          LGS_OK);
    CU_ASSERT_EQUAL(lgs_faults_pending("RevertSecurityContext"), 1000000);
    unsigned long n = 0;
    uint32_t code;
    while (lgs__fault_next(LGS_API_ID_RevertSecurityContext, &code))
        n++;
    CU_ASSERT_EQUAL(n, 1000000);
}

int lgs_suite_faults(void)
{
    static CU_TestInfo tests[] = {
        {"codes consumed in order, then the real call", test_consumed_in_order},
        {"code forms", test_code_forms},
        {"bad specs rejected, previous kept", test_bad_specs_rejected},
        {"clear and blank", test_clear_and_blank},
        {"large repeat", test_large_repeat},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("faults", tests, NULL, teardown);
}
