/* patch_target.c — a program built with plain mingw and no logonshim
 * header, for tests/patch_test.sh: logonshim-patch writes a copy that also
 * imports a DLL, and the copy must behave exactly as this one. It prints its
 * arguments and one call's result through the import table, and exits with
 * the status its first argument names. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        printf("arg %d: %s\n", i, argv[i]);
    /* A call through KERNEL32's address table, whose RVA the patch keeps. */
    printf("GetCurrentProcessId matches: %s\n",
           GetCurrentProcessId() == (DWORD)GetProcessId(GetCurrentProcess()) ? "yes" : "no");
    fflush(stdout);
    return argc > 1 ? atoi(argv[1]) : 0;
}
