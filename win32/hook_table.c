/* hook_table.c — which functions the in-process hooks redirect, and where.
 *
 * The list is not written here: it is logonshim.dll's own export table, the
 * same list the .def file and the MSVC import library are made from
 * (toolchain/dll_def.sh). Every export lgs_<Api> (lgs_<Api>@<n> on i686)
 * whose <Api> advapi32, secur32 or sspicli exports is a wrapper of that
 * API, so a wrapper added to the DLL is hooked without a change here, and
 * a public function that wraps nothing (lgs_config_set) matches no system
 * export and is left out. Each row also keeps every address the system DLLs
 * give for the API (GetProcAddress follows their forwarders), so an import
 * through an api-ms-win-* set, or by ordinal, is recognised by the address
 * the loader wrote into the import table.
 *
 * The loader's LoadLibrary* and GetProcAddress are in the table too, with
 * hook.c's replacements: modules loaded later get patched, and a wrapped
 * API looked up by name gets its wrapper. */
#include <stdio.h>
#include <string.h>

#include "hook_internal.h"

#define MAX_FNS 128

static lgs__hook_fn fns[MAX_FNS];
static size_t fn_count, wrapped_count;
static INIT_ONCE table_once = INIT_ONCE_STATIC_INIT;
lgs__hook_loader lgs__hook_real;

/* The system DLLs the wrapped APIs come from, and the loader's. */
static const wchar_t *const api_dlls[] = {L"advapi32.dll", L"secur32.dll", L"sspicli.dll"};
static const wchar_t *const loader_dlls[] = {L"kernel32.dll", L"kernelbase.dll"};

/* Adds the address of name in each loaded DLL of dlls to row; returns how
 * many it found. */
static int add_reals(lgs__hook_fn *row, const wchar_t *const *dlls, size_t n)
{
    for (size_t i = 0; i < n && row->real_count < LGS__HOOK_REAL_MAX; i++) {
        HMODULE m = GetModuleHandleW(dlls[i]);
        void *p = m != NULL ? (void *)GetProcAddress(m, row->name) : NULL;
        if (p == NULL)
            continue;
        int seen = 0;
        for (int k = 0; k < row->real_count; k++)
            seen |= row->real[k] == p;
        if (!seen)
            row->real[row->real_count++] = p;
    }
    return row->real_count;
}

/* This module's image, or NULL. */
static HMODULE self_module(void)
{
    HMODULE self = NULL;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       (LPCWSTR)(void *)&fns, &self);
    return self;
}

const void *lgs__pe_directory(HMODULE m, unsigned index, DWORD min_size)
{
    const BYTE *base = (const BYTE *)m;
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)(const void *)base;
    if (dos->e_magic != IMAGE_DOS_SIGNATURE)
        return NULL;
    const IMAGE_NT_HEADERS *nt = (const IMAGE_NT_HEADERS *)(const void *)(base + dos->e_lfanew);
    if (nt->Signature != IMAGE_NT_SIGNATURE || nt->OptionalHeader.Magic != IMAGE_NT_OPTIONAL_HDR_MAGIC ||
        nt->OptionalHeader.NumberOfRvaAndSizes <= index)
        return NULL;
    const IMAGE_DATA_DIRECTORY *d = &nt->OptionalHeader.DataDirectory[index];
    if (d->VirtualAddress == 0 || d->Size < min_size)
        return NULL;
    return base + d->VirtualAddress;
}

/* The wrappers: the exports lgs_<Api>[@n] whose <Api> a system DLL has. */
static void add_wrappers(void)
{
    HMODULE self = self_module();
    const IMAGE_EXPORT_DIRECTORY *ex =
        self != NULL ? lgs__pe_directory(self, IMAGE_DIRECTORY_ENTRY_EXPORT, sizeof *ex) : NULL;
    if (ex == NULL)
        return;
    const BYTE *base = (const BYTE *)self;
    const DWORD *names = (const DWORD *)(const void *)(base + ex->AddressOfNames);
    const WORD *ordinals = (const WORD *)(const void *)(base + ex->AddressOfNameOrdinals);
    const DWORD *functions = (const DWORD *)(const void *)(base + ex->AddressOfFunctions);
    for (DWORD i = 0; i < ex->NumberOfNames && fn_count < MAX_FNS; i++) {
        const char *export_name = (const char *)(base + names[i]);
        if (strncmp(export_name, "lgs_", 4) != 0)
            continue;
        lgs__hook_fn *row = &fns[fn_count];
        memset(row, 0, sizeof *row);
        size_t n = strcspn(export_name + 4, "@");
        if (n == 0 || n >= sizeof row->name)
            continue;
        memcpy(row->name, export_name + 4, n);
        row->name[n] = '\0';
        if (add_reals(row, api_dlls, sizeof api_dlls / sizeof api_dlls[0]) == 0)
            continue;
        row->replacement = (void *)(base + functions[ordinals[i]]);
        fn_count++;
        wrapped_count++;
    }
}

static void add_loader(const char *name, void *replacement, void **real)
{
    if (fn_count >= MAX_FNS)
        return;
    lgs__hook_fn *row = &fns[fn_count];
    memset(row, 0, sizeof *row);
    snprintf(row->name, sizeof row->name, "%s", name);
    row->replacement = replacement;
    row->loader = 1;
    if (add_reals(row, loader_dlls, sizeof loader_dlls / sizeof loader_dlls[0]) == 0)
        return;
    /* kernel32's entry point first: the one a call would have reached. */
    *real = row->real[0];
    fn_count++;
}

static BOOL CALLBACK build(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    (void)once, (void)param, (void)ctx;
    add_wrappers();
    if (wrapped_count == 0)
        return TRUE;
    lgs__hook_loader *r = &lgs__hook_real;
    add_loader("LoadLibraryA", (void *)lgs__hook_LoadLibraryA, (void **)&r->LoadLibraryA);
    add_loader("LoadLibraryW", (void *)lgs__hook_LoadLibraryW, (void **)&r->LoadLibraryW);
    add_loader("LoadLibraryExA", (void *)lgs__hook_LoadLibraryExA, (void **)&r->LoadLibraryExA);
    add_loader("LoadLibraryExW", (void *)lgs__hook_LoadLibraryExW, (void **)&r->LoadLibraryExW);
    add_loader("GetProcAddress", (void *)lgs__hook_GetProcAddress, (void **)&r->GetProcAddress);
    /* Without every real loader entry point a replacement could not call
     * through: then the wrappers alone are hooked. */
    if (r->LoadLibraryA == NULL || r->LoadLibraryW == NULL || r->LoadLibraryExA == NULL ||
        r->LoadLibraryExW == NULL || r->GetProcAddress == NULL)
        fn_count = wrapped_count;
    return TRUE;
}

size_t lgs__hook_table_ready(void)
{
    DWORD err = GetLastError();
    InitOnceExecuteOnce(&table_once, build, NULL, NULL);
    SetLastError(err);
    return wrapped_count;
}

/* ASCII, case-insensitive. */
static int same_ascii(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
        if (x == '\0')
            return 1;
    }
    return 1;
}

/* A DLL an import by name of a hooked function may come from. */
static int system_api_dll(const char *dll)
{
    static const char *const whole[] = {"advapi32.dll", "secur32.dll",  "sspicli.dll",
                                        "security.dll", "kernel32.dll", "kernelbase.dll"};
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++)
        if (same_ascii(dll, whole[i], strlen(whole[i]) + 1))
            return 1;
    return same_ascii(dll, "api-ms-win-", 11) || same_ascii(dll, "ext-ms-win-", 11);
}

const lgs__hook_fn *lgs__hook_find(const void *address, const char *dll, const char *name)
{
    int by_name = dll != NULL && name != NULL && system_api_dll(dll);
    for (size_t i = 0; i < fn_count; i++) {
        const lgs__hook_fn *row = &fns[i];
        for (int k = 0; k < row->real_count; k++)
            if (address != NULL && row->real[k] == address)
                return row;
        if (by_name && strcmp(row->name, name) == 0)
            return row;
    }
    return NULL;
}

void *lgs__hook_replacement_of(const void *address)
{
    const lgs__hook_fn *row = lgs__hook_find(address, NULL, NULL);
    return row != NULL ? row->replacement : NULL;
}
