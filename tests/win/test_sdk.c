/* test_sdk.c — the catalogue against the SDK headers (mingw build only).
 *
 * Every row's value is compared with the header macro of the same name at
 * compile time: a wrong number, or a name the SDK does not define, stops the
 * build. The headers are winerror.h (Win32, Winsock, RPC, DS, SEC_E, SCARD,
 * CERT/CRYPT/TRUST, NTE), ntstatus.h and lmerr.h (NERR_); the few codes
 * mingw-w64 lacks are in shim/sdk_gaps.h with their source. The run-time test makes sure the table checked here is the table
 * compiled into the library. */
#define WIN32_NO_STATUS
#include <windows.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <lmerr.h>
#include <stdint.h>

#include <CUnit/CUnit.h>

#include "code_table.h"
#include "sdk_gaps.h"
#include "logonshim/codes.h"
#include "suites.h"

#define LGS_CHECK_ROW(name, space, value, win32, cls, g) \
    _Static_assert((uint32_t)(name) == (value), #name " differs from the SDK header");
LGS_CODE_TABLE(LGS_CHECK_ROW)
#undef LGS_CHECK_ROW

#define LGS_COUNT_ROW(name, space, value, win32, cls, g) +1
enum { CHECKED_ROWS = 0 LGS_CODE_TABLE(LGS_COUNT_ROW) };
#undef LGS_COUNT_ROW
/* The Kerberos protocol codes are in no SDK header (RFC 4120 is their
 * authority; test_catalogue.c checks them against its list). */
#define LGS_COUNT_KRB_ROW(...) +1
enum { KRB_ROWS = 0 LGS_KRB_TABLE(LGS_COUNT_KRB_ROW) };
#undef LGS_COUNT_KRB_ROW

static void test_checked_table_is_the_library_table(void)
{
    CU_ASSERT_EQUAL(lgs_catalogue_count(), (size_t)CHECKED_ROWS + KRB_ROWS);
    /* Spot checks through the SDK's own macros, as a program would use them. */
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_WIN32, ERROR_LOGON_SESSION_COLLISION),
                    LGS_CLASS_SESSION_COLLISION);
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_NTSTATUS, (uint32_t)STATUS_NO_SUCH_LOGON_SESSION),
                    LGS_CLASS_SESSION_GONE);
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_SECURITY, (uint32_t)SEC_E_NO_CREDENTIALS),
                    LGS_CLASS_SESSION_GONE);
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_SECURITY, (uint32_t)HRESULT_FROM_WIN32(ERROR_LOGON_SESSION_EXISTS)),
                    LGS_CLASS_SESSION_COLLISION);
}

int lgs_suite_sdk(void)
{
    static CU_TestInfo tests[] = {
        {"checked table is the library table", test_checked_table_is_the_library_table},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("sdk", tests, NULL, NULL);
}
