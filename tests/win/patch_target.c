/* patch_target.c — a program built with plain mingw and no logonshim
 * header, for tests/patch_test.sh: logonshim-patch writes a copy that also
 * imports a DLL, and the copy must behave exactly as this one. It prints its
 * arguments and one call's result through the import table, and exits with
 * the status its first argument names.
 *
 * "patch_target --checksum FILE" instead checks FILE's PE checksum as
 * Windows computes it (MapFileAndCheckSumA): exit 0 when the header's value
 * is right, 1 when not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <imagehlp.h>

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--checksum") == 0) {
        DWORD header = 0, computed = 0;
        DWORD rc = MapFileAndCheckSumA(argv[2], &header, &computed);
        printf("checksum: header 0x%08lx computed 0x%08lx (rc %lu)\n", (unsigned long)header,
               (unsigned long)computed, (unsigned long)rc);
        return rc == CHECKSUM_SUCCESS && header != 0 && header == computed ? 0 : 1;
    }
    for (int i = 1; i < argc; i++)
        printf("arg %d: %s\n", i, argv[i]);
    /* A call through KERNEL32's address table, whose RVA the patch keeps. */
    printf("GetCurrentProcessId matches: %s\n",
           GetCurrentProcessId() == (DWORD)GetProcessId(GetCurrentProcess()) ? "yes" : "no");
    fflush(stdout);
    return argc > 1 ? atoi(argv[1]) : 0;
}
