/* test_fntable.c — a function-table SSPI client, written the way curl's
 * SSPI code is (InitSecurityInterface, then every call through the table),
 * compiled with logonshim/dropin.h and nothing else changed. It must
 * compile (`table->AcquireCredentialsHandleW(...)` once failed with "no
 * member named lgs_AcquireCredentialsHandleW") and its calls must go
 * through the shim: a fault injected for the wrapped API reaches it and is
 * retried as the class says. */
#include <windows.h>

#include "logonshim/dropin.h"

#include <CUnit/CUnit.h>

#include "suites.h"
#include "vtime.h"

/* As curl keeps it: one table pointer, loaded once. */
static PSecurityFunctionTableW s_pSecFn;

static SECURITY_STATUS client_acquire(CredHandle *cred)
{
    static wchar_t package[] = L"Kerberos";
    TimeStamp expiry;
    return s_pSecFn->AcquireCredentialsHandleW(NULL, package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, cred,
                                               &expiry);
}

static void test_table_client(void)
{
    vt_setup(1000, 41);
    vt_set("budget.floor", "1000000");
    vt_set("breaker.threshold", "0");
    s_pSecFn = InitSecurityInterfaceW();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s_pSecFn);
    /* The table's entries are the wrappers (the names are the shim's here). */
    CU_ASSERT(s_pSecFn->AcquireCredentialsHandleW == AcquireCredentialsHandleW);
    CU_ASSERT(s_pSecFn->InitializeSecurityContextW == InitializeSecurityContextW);
    CU_ASSERT(s_pSecFn->DecryptMessage == DecryptMessage);
    /* A resource failure, injected, is retried as its class allows: the
     * call went through the shim. */
    CU_ASSERT_EQUAL_FATAL(lgs_faults_set("AcquireCredentialsHandleW=SEC_E_INSUFFICIENT_MEMORY*10", NULL, 0), LGS_OK);
    CredHandle cred;
    CU_ASSERT_EQUAL(client_acquire(&cred), SEC_E_INSUFFICIENT_MEMORY);
    CU_ASSERT(lgs_faults_pending("AcquireCredentialsHandleW") < 9);
    lgs_faults_clear();
    lgs_record r;
    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&r), LGS_OK);
    CU_ASSERT_STRING_EQUAL(r.api, "AcquireCredentialsHandleW");
    /* And a real call through the table. */
    PSecPkgInfoW info = NULL;
    static wchar_t kerberos[] = L"Kerberos";
    CU_ASSERT_EQUAL(s_pSecFn->QuerySecurityPackageInfoW(kerberos, &info), SEC_E_OK);
    if (info != NULL)
        CU_ASSERT_EQUAL(s_pSecFn->FreeContextBuffer(info), SEC_E_OK);
    /* The A table too. */
    PSecurityFunctionTableA a = InitSecurityInterfaceA();
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT(a->AcquireCredentialsHandleA == AcquireCredentialsHandleA);
}

int lgs_suite_fntable(void)
{
    static CU_TestInfo tests[] = {
        {"a curl-style table client with dropin.h", test_table_client},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("fntable", tests, NULL, vt_teardown);
}
