/* hook_dll.c — logonshim-hook.dll: the DLL a program that was never
 * compiled with logonshim loads to get the wrappers. It links logonshim.dll
 * and, when it is loaded, installs the in-process hooks (logonshim/hook.h).
 * logonshim-run injects it into the program it starts; logonshim-patch adds
 * an import of its one export, lgs_hook_anchor, to a program's import table,
 * so the loader loads it with the program. Not part of the library. */
#include <windows.h>

#include "logonshim/hook.h"

/* Does nothing: it exists so that an import table can name this DLL. */
__declspec(dllexport) void lgs_hook_anchor(void);
BOOL WINAPI DllMain(HINSTANCE dll, DWORD reason, LPVOID reserved);

void lgs_hook_anchor(void)
{
}

BOOL WINAPI DllMain(HINSTANCE dll, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(dll);
        lgs_hook_install();
    } else if (reason == DLL_PROCESS_DETACH && reserved == NULL) {
        /* Unloaded by FreeLibrary (not at process exit): the hooks go with it. */
        lgs_hook_remove();
    }
    return TRUE;
}
