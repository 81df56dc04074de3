/* hook_stress.c — lgs_hook_install() and lgs_hook_remove() 1000 times each
 * while 8 threads call the hooked APIs by this program's own imports
 * (LogonUserW, QuerySecurityPackageInfoW, as a program that never heard of
 * logonshim calls them).
 *
 * It checks what a user relies on: no crash; every call returns the API's
 * answer (none is lost or answered wrongly while its entry is rewritten);
 * the hooks really were in (this program's import entry for LogonUserW
 * held lgs_LogonUserW after each install, and the wrappers ran calls);
 * and after the last removal this program's whole import address table is
 * byte-identical to what it was before the first install. It prints
 * "hook_stress: ok" and exits 0, or says what failed and exits 1.
 *
 * Usage: hook_stress [ROUNDS] (default 1000) */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logonshim/engine.h"
#include "logonshim/hook.h"

#define THREADS 8

static atomic_int stop;
static atomic_long calls, wrong;

static DWORD WINAPI caller(LPVOID arg)
{
    (void)arg;
    wchar_t package[] = L"Kerberos";
    while (!atomic_load(&stop)) {
        HANDLE token = NULL;
        /* Wine's LogonUserW is a stub that succeeds; through the wrapper too. */
        if (!LogonUserW(L"alice", L".", L"pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &token))
            atomic_fetch_add(&wrong, 1);
        PSecPkgInfoW info = NULL;
        if (QuerySecurityPackageInfoW(package, &info) != SEC_E_OK || info == NULL)
            atomic_fetch_add(&wrong, 1);
        else
            FreeContextBuffer(info);
        atomic_fetch_add(&calls, 2);
    }
    return 0;
}

/* This program's import address table (the loader's IAT directory). */
static BYTE *iat(size_t *size)
{
    BYTE *base = (BYTE *)GetModuleHandleW(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(void *)(base + ((IMAGE_DOS_HEADER *)(void *)base)->e_lfanew);
    IMAGE_DATA_DIRECTORY *d = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IAT];
    *size = d->Size;
    return base + d->VirtualAddress;
}

/* This program's import entry for name (by name in the import directory),
 * or NULL. Read through it, not through the function's name: the compiler
 * takes an import's entry for a constant and may read it once. */
static void *volatile *entry_of(const char *name)
{
    BYTE *base = (BYTE *)GetModuleHandleW(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(void *)(base + ((IMAGE_DOS_HEADER *)(void *)base)->e_lfanew);
    IMAGE_DATA_DIRECTORY *d = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    for (IMAGE_IMPORT_DESCRIPTOR *imp = (IMAGE_IMPORT_DESCRIPTOR *)(void *)(base + d->VirtualAddress);
         imp->Name != 0; imp++) {
        IMAGE_THUNK_DATA *names = (IMAGE_THUNK_DATA *)(void *)(base + imp->OriginalFirstThunk);
        IMAGE_THUNK_DATA *slots = (IMAGE_THUNK_DATA *)(void *)(base + imp->FirstThunk);
        for (size_t i = 0; imp->OriginalFirstThunk != 0 && names[i].u1.AddressOfData != 0; i++) {
            if (IMAGE_SNAP_BY_ORDINAL(names[i].u1.Ordinal))
                continue;
            IMAGE_IMPORT_BY_NAME *n = (IMAGE_IMPORT_BY_NAME *)(void *)(base + names[i].u1.AddressOfData);
            if (strcmp((const char *)n->Name, name) == 0)
                return (void *volatile *)(void *)&slots[i].u1.Function;
        }
    }
    return NULL;
}

static void *volatile *logon_slot;

static void *logon_entry(void)
{
    return logon_slot != NULL ? *logon_slot : NULL;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 1000;
    size_t size;
    BYTE *table = iat(&size);
    BYTE *before = malloc(size);
    if (before == NULL || size == 0) {
        puts("hook_stress: no import address table");
        return 1;
    }
    memcpy(before, table, size);
    logon_slot = entry_of("LogonUserW");
    FARPROC w = GetProcAddress(GetModuleHandleW(L"logonshim.dll"), "lgs_LogonUserW");
    void *wrapper;
    memcpy(&wrapper, &w, sizeof wrapper);
    void *real = logon_entry();

    HANDLE t[THREADS];
    for (int i = 0; i < THREADS; i++)
        t[i] = CreateThread(NULL, 0, caller, NULL, 0, NULL);
    int not_in = 0, not_out = 0, bad_status = 0;
    lgs_stats s0, s1;
    lgs_stats_snapshot(&s0);
    for (int r = 0; r < rounds; r++) {
        if (lgs_hook_install() != LGS_OK || lgs_hook_install() != LGS_OK)
            bad_status++;
        if (logon_entry() != wrapper)
            not_in++;
        Sleep(0);
        if (lgs_hook_remove() != LGS_OK || lgs_hook_remove() != LGS_OK)
            bad_status++;
        if (logon_entry() != real)
            not_out++;
    }
    atomic_store(&stop, 1);
    int hung = WaitForMultipleObjects(THREADS, t, TRUE, 60000) != WAIT_OBJECT_0;
    lgs_stats_snapshot(&s1);
    int differ = memcmp(before, table, size) != 0;
    long n = atomic_load(&calls), bad = atomic_load(&wrong);
    unsigned long long through = (unsigned long long)(s1.calls - s0.calls);
    printf("hook_stress: %d rounds, %ld calls by %d threads, %llu through the wrappers, %ld wrong answers\n",
           rounds, n, THREADS, through, bad);
    printf("hook_stress: entry not hooked after install %d times, not restored after remove %d times, "
           "%d bad statuses, IAT (%zu bytes) %s, threads %s\n",
           not_in, not_out, bad_status, size, differ ? "CHANGED" : "identical", hung ? "HUNG" : "done");
    if (wrapper == NULL || hung || differ || bad != 0 || not_in != 0 || not_out != 0 || bad_status != 0 ||
        through == 0 || n == 0 || real == NULL || wrapper == real) {
        puts("hook_stress: FAILED");
        return 1;
    }
    puts("hook_stress: ok");
    return 0;
}
