/* hook.c — lgs_hook_install() and lgs_hook_remove(): the wrappers put into
 * programs that were never compiled with logonshim, by their import tables.
 *
 * Every module loaded in the process is walked (logonshim's own DLLs, the
 * system's and those hook.exclude names excepted): each import-address-table
 * entry that holds a function of hook_table.c's table, recognised by the
 * address the loader wrote there or by the name it imports, is pointed at
 * the replacement, and the entry and its old value are remembered so that
 * lgs_hook_remove() can put the old value back. The wrappers themselves call
 * the system through the backend table (backend.c), which logonshim.dll's
 * own import table filled and which is never patched, so a wrapper never
 * calls itself and the nesting guard sees one layer.
 *
 * LoadLibrary* are hooked the same way, in the same modules: after a load
 * the new modules are patched; a module the loader brings in otherwise (a
 * system DLL's own load) is patched from LdrRegisterDllNotification's
 * callback, which Wine 8 implements too. GetProcAddress is hooked too, and answers
 * with the replacement when the system's answer is a hooked function, so
 * programs that resolve the APIs at run time (and delay-load helpers) get
 * the wrappers; InitSecurityInterfaceA/W is one of the wrapped APIs, so its
 * table comes from wrap_sspi_table.c.
 *
 * One lock serialises install, remove and the patching after a load. An
 * entry is written with one aligned pointer store, so a thread calling
 * through it meanwhile reaches either the API or its wrapper, both with the
 * same contract.
 *
 * Lock order: the loader's lock, then the hooks' lock. A scan needs the
 * loader's lock (GetModuleFileNameW, GetModuleHandleW take it), and
 * logonshim-hook.dll calls lgs_hook_install() and lgs_hook_remove() from
 * its DllMain, where the loader holds it. A thread that took the hooks'
 * lock first (after a hooked LoadLibrary, or calling lgs_hook_install()
 * itself) would wait in its scan for the loader's lock while the thread in
 * DllMain waits for the hooks' lock: a deadlock. So every path takes the
 * loader's lock (LdrLockLoaderLock, recursive) before the hooks' lock, and
 * the loader's callback, which runs under the loader's lock, only tries it.
 */
#define PSAPI_VERSION 2
#include <windows.h>
#include <psapi.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "hook_internal.h"
#include "log_internal.h"
#include "logonshim/config.h"
#include "logonshim/hook.h"

/* One import-table entry the hooks changed. */
typedef struct patch {
    void **slot;
    void *original;
    void *replacement;
} patch;

static SRWLOCK lock = SRWLOCK_INIT;
static patch *patches; /* guarded by lock */
static size_t patch_count, patch_capacity;
static atomic_int installed;

#define MAX_MODULES 1024

/* ---- which modules ---- */

/* The base name of path (after the last '\' or '/'). */
static const wchar_t *base_name(const wchar_t *path)
{
    const wchar_t *b = path;
    for (const wchar_t *p = path; *p != L'\0'; p++)
        if (*p == L'\\' || *p == L'/')
            b = p + 1;
    return b;
}

/* 1 when name is one of the comma-separated names in list (blanks around
 * each ignored, case-insensitive). */
static int listed(const wchar_t *name, const char *list)
{
    wchar_t wide[512];
    if (list[0] == '\0' || MultiByteToWideChar(CP_UTF8, 0, list, -1, wide, 512) == 0)
        return 0;
    size_t n = wcslen(name);
    for (wchar_t *p = wide; *p != L'\0';) {
        while (*p == L' ' || *p == L'\t' || *p == L',')
            p++;
        wchar_t *end = p;
        while (*end != L'\0' && *end != L',')
            end++;
        wchar_t *last = end;
        while (last > p && (last[-1] == L' ' || last[-1] == L'\t'))
            last--;
        if ((size_t)(last - p) == n && n > 0 && _wcsnicmp(p, name, n) == 0)
            return 1;
        p = end;
    }
    return 0;
}

/* What a scan needs to know once: the modules never patched. */
typedef struct scan_ctx {
    HMODULE self, hook_dll;
    wchar_t windows[MAX_PATH];
    size_t windows_len;
    char exclude[512];
} scan_ctx;

static void scan_ctx_init(scan_ctx *c)
{
    memset(c, 0, sizeof *c);
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       (LPCWSTR)(void *)&lock, &c->self);
    c->hook_dll = GetModuleHandleW(L"logonshim-hook.dll");
    UINT n = GetSystemWindowsDirectoryW(c->windows, MAX_PATH);
    if (n > 0 && n < MAX_PATH - 1) {
        if (c->windows[n - 1] != L'\\')
            c->windows[n++] = L'\\';
        c->windows[n] = L'\0';
        c->windows_len = n;
    }
    if (lgs_config_get("hook.exclude", c->exclude, sizeof c->exclude) != LGS_OK)
        c->exclude[0] = '\0';
}

static int excluded(const scan_ctx *c, HMODULE m)
{
    if (m == c->self || (c->hook_dll != NULL && m == c->hook_dll))
        return 1;
    wchar_t path[MAX_PATH];
    DWORD n = GetModuleFileNameW(m, path, MAX_PATH);
    if (n == 0 || n >= MAX_PATH)
        return 1;
    if (c->windows_len > 0 && _wcsnicmp(path, c->windows, c->windows_len) == 0)
        return 1;
    return listed(base_name(path), c->exclude);
}

/* ---- the entries ---- */

static void log_skip(HMODULE m, const char *api, const char *what, DWORD err)
{
    wchar_t path[MAX_PATH];
    char module[MAX_PATH * 3], why[160];
    if (GetModuleFileNameW(m, path, MAX_PATH) == 0 ||
        WideCharToMultiByte(CP_UTF8, 0, base_name(path), -1, module, sizeof module, NULL, NULL) == 0)
        snprintf(module, sizeof module, "?");
    snprintf(why, sizeof why, "%s the import of %s (error %lu); skipped", what, api,
             (unsigned long)err);
    lgs__log_setting("hook", module, why);
}

/* Writes value into slot with one aligned store, opening the page for
 * writing just for it. Returns 0 or the error. */
static DWORD write_slot(void **slot, void *value)
{
    MEMORY_BASIC_INFORMATION mbi;
    if (VirtualQuery(slot, &mbi, sizeof mbi) == 0)
        return GetLastError();
    /* A page that is also code stays executable while it is written. */
    DWORD exec = PAGE_EXECUTE | PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY;
    DWORD want = (mbi.Protect & exec) != 0 ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
    DWORD old;
    if (!VirtualProtect(slot, sizeof *slot, want, &old))
        return GetLastError();
    InterlockedExchangePointer(slot, value);
    DWORD ignored;
    VirtualProtect(slot, sizeof *slot, old, &ignored);
    FlushInstructionCache(GetCurrentProcess(), slot, sizeof *slot);
    return 0;
}

static int remember(void **slot, void *original, void *replacement)
{
    if (patch_count == patch_capacity) {
        size_t cap = patch_capacity != 0 ? patch_capacity * 2 : 256;
        patch *p = realloc(patches, cap * sizeof *p);
        if (p == NULL)
            return 0;
        patches = p;
        patch_capacity = cap;
    }
    patches[patch_count++] = (patch){slot, original, replacement};
    return 1;
}

/* Points m's imports of hooked functions at their replacements. Called
 * with the lock held. */
static void patch_module(HMODULE m)
{
    BYTE *base = (BYTE *)m;
    const IMAGE_IMPORT_DESCRIPTOR *imp =
        lgs__pe_directory(m, IMAGE_DIRECTORY_ENTRY_IMPORT, sizeof(IMAGE_IMPORT_DESCRIPTOR));
    for (; imp != NULL && imp->Name != 0 && imp->FirstThunk != 0; imp++) {
        const char *dll = (const char *)(base + imp->Name);
        IMAGE_THUNK_DATA *iat = (IMAGE_THUNK_DATA *)(void *)(base + imp->FirstThunk);
        const IMAGE_THUNK_DATA *names = imp->OriginalFirstThunk != 0
                                            ? (const IMAGE_THUNK_DATA *)(const void *)(base + imp->OriginalFirstThunk)
                                            : NULL;
        for (size_t i = 0; iat[i].u1.Function != 0; i++) {
            void **slot = (void **)(void *)&iat[i].u1.Function;
            void *now = *slot;
            const char *name = NULL;
            if (names != NULL && !IMAGE_SNAP_BY_ORDINAL(names[i].u1.Ordinal))
                name = (const char *)((const IMAGE_IMPORT_BY_NAME *)(const void *)(base + names[i].u1.AddressOfData))->Name;
            const lgs__hook_fn *row = lgs__hook_find(now, dll, name);
            if (row == NULL || now == row->replacement)
                continue;
            if (!remember(slot, now, row->replacement)) {
                log_skip(m, row->name, "no memory to remember", ERROR_NOT_ENOUGH_MEMORY);
                continue;
            }
            DWORD err = write_slot(slot, row->replacement);
            if (err != 0) {
                patch_count--;
                log_skip(m, row->name, "could not write", err);
            }
        }
    }
}

/* Patches every loaded module that may be patched. Called with the lock
 * held, while installed. */
static void patch_all(void)
{
    scan_ctx c;
    scan_ctx_init(&c);
    HMODULE mods[MAX_MODULES];
    DWORD bytes = 0;
    if (!EnumProcessModules(GetCurrentProcess(), mods, sizeof mods, &bytes))
        return;
    size_t n = bytes / sizeof(HMODULE);
    if (n > MAX_MODULES)
        n = MAX_MODULES;
    for (size_t i = 0; i < n; i++)
        if (!excluded(&c, mods[i]))
            patch_module(mods[i]);
}

/* ---- modules the loader brings in by itself ---- */

/* LdrRegisterDllNotification's types (winternl.h has not got them): the
 * flags and the two names (UNICODE_STRING pointers) come before the base. */
typedef struct dll_loaded {
    ULONG flags;
    const void *names[2]; // cppcheck-suppress unusedStructMember
    void *base;
} dll_loaded;
typedef VOID(CALLBACK *dll_notify_fn)(ULONG reason, const dll_loaded *data, PVOID ctx);
typedef LONG(NTAPI *register_fn)(ULONG flags, dll_notify_fn fn, PVOID ctx, PVOID *cookie);
#define DLL_REASON_LOADED 1

/* A module loaded by anyone, a system DLL included (LoadLibrary* from a
 * hooked module is caught by its replacement too). It runs under the
 * loader's lock, after the module's imports are bound and before its
 * DllMain: so it only tries the hooks' lock, never waits for it — the
 * holder may be this very thread, whose scan made the load — and a module
 * it cannot take now is patched by that thread's scan or the next load's. */
static VOID CALLBACK dll_loaded_cb(ULONG reason, const dll_loaded *data, PVOID ctx)
{
    (void)ctx;
    if (reason != DLL_REASON_LOADED || data == NULL || !atomic_load(&installed))
        return;
    DWORD err = GetLastError();
    if (TryAcquireSRWLockExclusive(&lock)) {
        if (atomic_load(&installed)) {
            scan_ctx c;
            scan_ctx_init(&c);
            if (!excluded(&c, (HMODULE)data->base))
                patch_module((HMODULE)data->base);
        }
        ReleaseSRWLockExclusive(&lock);
    }
    SetLastError(err);
}

static INIT_ONCE notify_once = INIT_ONCE_STATIC_INIT;

/* Registered once per process and never removed: the callback does nothing
 * while the hooks are out, and logonshim.dll, which holds it, stays loaded. */
static BOOL CALLBACK register_notification(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    (void)once, (void)param, (void)ctx;
    FARPROC p = GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "LdrRegisterDllNotification");
    register_fn reg;
    memcpy(&reg, &p, sizeof reg);
    PVOID cookie = NULL;
    if (reg != NULL)
        reg(0, dll_loaded_cb, NULL, &cookie);
    return TRUE;
}

/* ---- the lock ---- */

typedef LONG(NTAPI *loader_lock_fn)(ULONG flags, ULONG *disposition, ULONG_PTR *cookie);
typedef LONG(NTAPI *loader_unlock_fn)(ULONG flags, ULONG_PTR cookie);
static loader_lock_fn loader_lock;
static loader_unlock_fn loader_unlock;
static INIT_ONCE loader_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK find_loader_lock(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    (void)once, (void)param, (void)ctx;
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    FARPROC l = ntdll != NULL ? GetProcAddress(ntdll, "LdrLockLoaderLock") : NULL;
    FARPROC u = ntdll != NULL ? GetProcAddress(ntdll, "LdrUnlockLoaderLock") : NULL;
    if (l != NULL && u != NULL) {
        memcpy(&loader_lock, &l, sizeof l);
        memcpy(&loader_unlock, &u, sizeof u);
    }
    return TRUE;
}

/* The loader's lock as lock_both() took it. */
typedef struct held {
    ULONG_PTR cookie;
    int loader;
} held;

/* Takes the loader's lock, then the hooks'. */
static held lock_both(void)
{
    InitOnceExecuteOnce(&loader_once, find_loader_lock, NULL, NULL);
    held h = {0, 0};
    if (loader_lock != NULL)
        h.loader = loader_lock(0, NULL, &h.cookie) >= 0;
    AcquireSRWLockExclusive(&lock);
    return h;
}

static void unlock_both(held h)
{
    ReleaseSRWLockExclusive(&lock);
    if (h.loader)
        loader_unlock(0, h.cookie);
}

/* ---- the public functions ---- */

int lgs_hook_install(void)
{
    DWORD err = GetLastError();
    int rc = LGS_OK;
    if (lgs__hook_table_ready() == 0) {
        rc = LGS_ENOTFOUND;
    } else {
        InitOnceExecuteOnce(&notify_once, register_notification, NULL, NULL);
        held h = lock_both();
        atomic_store(&installed, 1);
        patch_all();
        unlock_both(h);
    }
    SetLastError(err);
    return rc;
}

int lgs_hook_remove(void)
{
    DWORD err = GetLastError();
    held h = lock_both();
    atomic_store(&installed, 0);
    /* Newest first, so an entry patched twice ends with its first value. */
    for (size_t i = patch_count; i-- > 0;) {
        patch *p = &patches[i];
        if (*p->slot != p->replacement)
            continue; /* someone else has changed it since: theirs stays */
        DWORD e = write_slot(p->slot, p->original);
        if (e != 0) {
            HMODULE m = NULL;
            GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                               (LPCWSTR)(void *)p->slot, &m);
            log_skip(m, "a hooked function", "could not restore", e);
        }
    }
    patch_count = 0;
    unlock_both(h);
    SetLastError(err);
    return LGS_OK;
}

/* ---- the loader's replacements ---- */

/* After a load: patch what it brought in, leaving the last error as the
 * load set it. The loader's lock first (see the top): another thread may
 * be in logonshim-hook.dll's DllMain, waiting for the hooks' lock. */
static HMODULE loaded(HMODULE m)
{
    if (m != NULL && atomic_load(&installed)) {
        DWORD err = GetLastError();
        held h = lock_both();
        if (atomic_load(&installed))
            patch_all();
        unlock_both(h);
        SetLastError(err);
    }
    return m;
}

HMODULE WINAPI lgs__hook_LoadLibraryA(LPCSTR name)
{
    return loaded(lgs__hook_real.LoadLibraryA(name));
}

HMODULE WINAPI lgs__hook_LoadLibraryW(LPCWSTR name)
{
    return loaded(lgs__hook_real.LoadLibraryW(name));
}

HMODULE WINAPI lgs__hook_LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags)
{
    return loaded(lgs__hook_real.LoadLibraryExA(name, file, flags));
}

HMODULE WINAPI lgs__hook_LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags)
{
    return loaded(lgs__hook_real.LoadLibraryExW(name, file, flags));
}

/* The wrapper for a hooked function; anything else as the system has it.
 * Also after lgs_hook_remove(): a caller that kept this address from a
 * patched table still gets the system's answer. */
FARPROC WINAPI lgs__hook_GetProcAddress(HMODULE module, LPCSTR name)
{
    FARPROC p = lgs__hook_real.GetProcAddress(module, name);
    if (p != NULL && atomic_load(&installed)) {
        void *w = lgs__hook_replacement_of((const void *)p);
        if (w != NULL)
            p = (FARPROC)w;
    }
    return p;
}
