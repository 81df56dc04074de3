/* runner.c — the test program: `lgs_tests [SUITE...]` registers the named
 * suites (all of them without arguments), runs them with CUnit's basic
 * interface and exits non-zero when any test failed, any suite could not be
 * set up, or nothing ran at all. */
#include <stdio.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "suites.h"

typedef struct suite_entry {
    const char *name;
    int (*add)(void);
} suite_entry;

#define LGS_SUITE_ENTRY(name) {#name, lgs_suite_##name},
static const suite_entry all_suites[] = {LGS_ALL_SUITES(LGS_SUITE_ENTRY)};
static const suite_entry named_suites[] = {LGS_NAMED_SUITES(LGS_SUITE_ENTRY){NULL, NULL}};
#undef LGS_SUITE_ENTRY

static const suite_entry *find_suite(const char *name)
{
    for (size_t i = 0; i < sizeof all_suites / sizeof all_suites[0]; i++) {
        if (strcmp(all_suites[i].name, name) == 0)
            return &all_suites[i];
    }
    for (const suite_entry *s = named_suites; s->name != NULL; s++) {
        if (strcmp(s->name, name) == 0)
            return s;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "lgs_tests: cannot initialise CUnit: %s\n", CU_get_error_msg());
        return 2;
    }
    int status = 0;
    if (argc < 2) {
        for (size_t i = 0; i < sizeof all_suites / sizeof all_suites[0]; i++)
            status |= all_suites[i].add();
    } else {
        for (int i = 1; i < argc; i++) {
            const suite_entry *s = find_suite(argv[i]);
            if (s == NULL) {
                fprintf(stderr, "lgs_tests: no suite named '%s'\n", argv[i]);
                CU_cleanup_registry();
                return 2;
            }
            status |= s->add();
        }
    }
    if (status != 0) {
        fprintf(stderr, "lgs_tests: registering the suites failed: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    const CU_RunSummary *sum = CU_get_run_summary();
    unsigned failed = CU_get_number_of_failures();
    unsigned ran = sum->nTestsRun;
    unsigned suites_failed = sum->nSuitesFailed;
    CU_cleanup_registry();
    printf("\n");
    if (ran == 0) {
        fprintf(stderr, "lgs_tests: no test ran\n");
        return 1;
    }
    return (failed != 0 || suites_failed != 0) ? 1 : 0;
}
