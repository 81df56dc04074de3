/* suites.h — the one list of CUnit suites. Each suite lives in its own file
 * and provides `int lgs_suite_<name>(void)`, which registers its tests with
 * CUnit and returns 0 (or non-zero when registration failed). */
#ifndef LGS_TESTS_SUITES_H
#define LGS_TESTS_SUITES_H

#define LGS_PORTABLE_SUITES(S) \
    S(catalogue)               \
    S(log)                     \
    S(records)                 \
    S(storm)                   \
    S(parse)                   \
    S(faults)                  \
    S(engine)                  \
    S(deadline)                \
    S(budget)                  \
    S(breaker)                 \
    S(lockout)                 \
    S(identity)                \
    S(config_engine)           \
    S(engine_threads)          \
    S(stress)                  \
    S(badinput)

#ifdef _WIN32
#define LGS_WINDOWS_SUITES(S) \
    S(sdk)                    \
    S(log_win)                \
    S(ntstatus_map)           \
    S(wrappers)               \
    S(sidebyside)             \
    S(fntable)                \
    S(cleanup)                \
    S(badinput_win)           \
    S(config_sources)         \
    S(retry_last_error)
#else
#define LGS_WINDOWS_SUITES(S)
#endif

#define LGS_ALL_SUITES(S) LGS_PORTABLE_SUITES(S) LGS_WINDOWS_SUITES(S)

/* Suites that need a process of their own with a prepared environment: run
 * only when named (CTest sets the environment), never in a run of all. */
#ifdef _WIN32
#define LGS_NAMED_SUITES(S) \
    S(faults_env_bad)       \
    S(faults_env_good)      \
    S(config_first_use)     \
    S(first_call)
#else
#define LGS_NAMED_SUITES(S)
#endif

#define LGS_DECLARE_SUITE(name) int lgs_suite_##name(void);
LGS_ALL_SUITES(LGS_DECLARE_SUITE)
LGS_NAMED_SUITES(LGS_DECLARE_SUITE)
#undef LGS_DECLARE_SUITE

/* Registers a suite from a CU_TestInfo array terminated by CU_TEST_INFO_NULL. */
#define LGS_REGISTER(suite_name, tests, setup, teardown)                        \
    do {                                                                        \
        CU_SuiteInfo lgs_si_[] = {{suite_name, setup, teardown, NULL, NULL,     \
                                   tests},                                      \
                                  CU_SUITE_INFO_NULL};                          \
        return CU_register_suites(lgs_si_) == CUE_SUCCESS ? 0 : 1;             \
    } while (0)

#endif
