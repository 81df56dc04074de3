/* patch_probe.c — a DLL of the tests' own that logonshim-patch --dll adds to
 * a program (tests/patch_test.sh). When it is loaded it writes one line to
 * standard error, so the test sees that the patched import loaded it before
 * the program ran while the program's standard output stays its own; and it
 * appends "loaded in EXE" to a file beside itself, DLLNAME.loaded, for
 * processes whose standard error nobody reads (a service the SCM starts). */
#include <wchar.h>
#include <windows.h>

/* The function the patched import names (--symbol lgs_probe_anchor). */
__declspec(dllexport) void lgs_probe_anchor(void);
void lgs_probe_anchor(void) {}

static void mark(HINSTANCE module)
{
    wchar_t path[MAX_PATH + 16], exe[MAX_PATH];
    DWORD n = GetModuleFileNameW(module, path, MAX_PATH);
    DWORD m = GetModuleFileNameW(NULL, exe, MAX_PATH);
    if (n == 0 || n >= MAX_PATH || m == 0 || m >= MAX_PATH)
        return;
    wcscat(path, L".loaded");
    HANDLE f = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (f == INVALID_HANDLE_VALUE)
        return;
    char line[MAX_PATH * 3 + 16] = "loaded in ";
    int len = WideCharToMultiByte(CP_UTF8, 0, exe, (int)m, line + 10, MAX_PATH * 3, NULL, NULL);
    if (len > 0) {
        line[10 + len] = '\n';
        DWORD written;
        WriteFile(f, line, (DWORD)(11 + len), &written, NULL);
    }
    CloseHandle(f);
}

BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved);
BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved)
{
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        static const char line[] = "lgs_patch_probe: loaded\n";
        DWORD written;
        WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, sizeof line - 1, &written, NULL);
        mark(module);
    }
    return TRUE;
}
