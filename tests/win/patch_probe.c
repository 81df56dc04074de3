/* patch_probe.c — a DLL of the tests' own that logonshim-patch --dll adds to
 * a program (tests/patch_test.sh): when it is loaded it writes one line to
 * standard error, so the test sees that the patched import loaded it before
 * the program ran, and the program's standard output stays its own. */
#include <windows.h>

/* The function the patched import names (--symbol lgs_probe_anchor). */
__declspec(dllexport) void lgs_probe_anchor(void);
void lgs_probe_anchor(void) {}

BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved);
BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved) {
    (void)module;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        static const char line[] = "lgs_patch_probe: loaded\n";
        DWORD written;
        WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, sizeof line - 1, &written, NULL);
    }
    return TRUE;
}
