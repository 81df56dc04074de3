/* dll_path.h — where logonshim.dll is, for the tests that load it: LGS_DLL,
 * which CTest sets to the DLL it built; a Unix path is mapped to Wine's Z:
 * drive. */
#ifndef LGS_TESTS_DLL_PATH_H
#define LGS_TESTS_DLL_PATH_H

#include <stdio.h>
#include <stdlib.h>

/* Fills buf with the DLL's path and returns 1, or returns 0 when LGS_DLL is
 * not set (the test was run by hand, not through CTest). */
static inline int lgs_test_dll_path(char *buf, size_t size)
{
    const char *dll = getenv("LGS_DLL");
    if (dll == NULL || dll[0] == '\0')
        return 0;
    snprintf(buf, size, "%s%s", dll[0] == '/' ? "Z:" : "", dll);
    return 1;
}

#endif
