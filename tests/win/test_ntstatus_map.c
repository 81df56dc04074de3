/* test_ntstatus_map.c — every NTSTATUS row's Win32 equivalent is what the
 * system's RtlNtStatusToDosError says (run under Wine in CI, and on Windows).
 * Rows in the security space that claim a Win32 equivalent are held to the
 * same check. A row that claims none must be unmapped by the system too
 * (ERROR_MR_MID_NOT_FOUND), except that for some Kerberos and smart card
 * NTSTATUS codes the system answers with an HRESULT (SEC_E_/NTE_, facility 9,
 * or SCARD_, facility 16), which is not Win32. */
#define WIN32_NO_STATUS
#include <windows.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <winternl.h>
#include <stdio.h>

#include <CUnit/CUnit.h>

#include "logonshim/codes.h"
#include "suites.h"

static void test_ntstatus_equivalents(void)
{
    size_t checked = 0, wrong = 0;
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        /* A Kerberos row's win32 is its twin's, checked against the twin's
         * row in test_catalogue.c (the twin is checked here). */
        if (r->space == LGS_SPACE_WIN32 || r->space == LGS_SPACE_KRB)
            continue;
        ULONG sys = RtlNtStatusToDosError((NTSTATUS)r->value);
        int ok;
        if (r->win32 != LGS_NO_WIN32)
            ok = (int32_t)sys == r->win32;
        else
            ok = sys == ERROR_MR_MID_NOT_FOUND
              || (r->space == LGS_SPACE_NTSTATUS && ((sys & 0xFFFF0000u) == 0x80090000u ||
                                                      (sys & 0xFFFF0000u) == 0x80100000u));
        if (!ok) {
            printf("\n  %s: catalogue %ld, RtlNtStatusToDosError %lu", r->name, (long)r->win32, sys);
            wrong++;
        }
        checked++;
    }
    CU_ASSERT(checked >= 250);
    CU_ASSERT_EQUAL(wrong, 0);
}

int lgs_suite_ntstatus_map(void)
{
    static CU_TestInfo tests[] = {
        {"NTSTATUS equivalents match RtlNtStatusToDosError", test_ntstatus_equivalents},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("ntstatus_map", tests, NULL, NULL);
}
