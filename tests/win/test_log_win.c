/* test_log_win.c — the Windows sinks under Wine: placeholder. */
#include <CUnit/CUnit.h>

#include "suites.h"

static void test_nothing(void)
{
    CU_PASS("placeholder");
}

int lgs_suite_log_win(void)
{
    static CU_TestInfo tests[] = {
        {"placeholder", test_nothing},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("log_win", tests, NULL, NULL);
}
