/* hook_internal.h — what the in-process hooks' two files share: the table
 * of functions to redirect (hook_table.c) and the import-table patching
 * that uses it (hook.c). Not public. */
#ifndef LGS_WIN32_HOOK_INTERNAL_H
#define LGS_WIN32_HOOK_INTERNAL_H

#include <windows.h>

/* How many addresses of one function the table keeps: the same name in
 * advapi32, secur32, sspicli, kernel32 and kernelbase resolves to at most
 * that many distinct entry points. */
#define LGS__HOOK_REAL_MAX 4

/* One function the hooks redirect: its name, the address a patched entry
 * gets, and every address the system gives for it (an import that holds
 * one of them is an import of this function, whatever DLL it names). */
typedef struct lgs__hook_fn {
    char name[64];
    void *replacement;
    void *real[LGS__HOOK_REAL_MAX];
    int real_count;
    int loader; /* 1: one of the loader's (LoadLibrary*, GetProcAddress) */
} lgs__hook_fn;

/** Builds the table once per process (thread-safe): every export of
 *  logonshim.dll named lgs_<Api> whose <Api> a system DLL exports, and the
 *  loader functions. Returns how many wrapped APIs it holds (0 in the
 *  static library, which has no export table). */
size_t lgs__hook_table_ready(void);

/** The table's row for an import: by its address, or by name when the
 *  import names a DLL that exports the API (advapi32, secur32, sspicli,
 *  kernel32, kernelbase, an api-ms-win-* set). name or dll may be NULL. */
const lgs__hook_fn *lgs__hook_find(const void *address, const char *dll, const char *name);

/** Data directory index of the loaded image m (in this process, of this
 *  process's architecture), or NULL when m has none of at least min_size
 *  bytes or its headers are not a PE image's. */
const void *lgs__pe_directory(HMODULE m, unsigned index, DWORD min_size);

/** The replacement for an address the system returned, or NULL. */
void *lgs__hook_replacement_of(const void *address);

/** The real entry points of the loader functions the hooks wrap. */
typedef struct lgs__hook_loader {
    HMODULE(WINAPI *LoadLibraryA)(LPCSTR);
    HMODULE(WINAPI *LoadLibraryW)(LPCWSTR);
    HMODULE(WINAPI *LoadLibraryExA)(LPCSTR, HANDLE, DWORD);
    HMODULE(WINAPI *LoadLibraryExW)(LPCWSTR, HANDLE, DWORD);
    FARPROC(WINAPI *GetProcAddress)(HMODULE, LPCSTR);
} lgs__hook_loader;
extern lgs__hook_loader lgs__hook_real;

/** hook.c: the hooked loader functions' replacements (hook_table.c puts
 *  them in the table). */
HMODULE WINAPI lgs__hook_LoadLibraryA(LPCSTR name);
HMODULE WINAPI lgs__hook_LoadLibraryW(LPCWSTR name);
HMODULE WINAPI lgs__hook_LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags);
HMODULE WINAPI lgs__hook_LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags);
FARPROC WINAPI lgs__hook_GetProcAddress(HMODULE module, LPCSTR name);

#endif
