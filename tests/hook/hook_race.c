/* hook_race.c — logonshim-hook.dll loaded and freed over and over by one
 * thread while another loads and frees a DLL through this program's own
 * LoadLibraryW import, which the hooks point at their LoadLibraryW while
 * they are in. The hook DLL's DllMain installs the hooks on load and
 * removes them on FreeLibrary, with the loader's lock held; the other
 * thread's hooked LoadLibraryW rescans the modules after its load. Taken
 * in the opposite order, the two locks deadlock (win32/hook.c).
 *
 * A program that never heard of logonshim, but for its names: it pins
 * logonshim.dll (so the hooks' code stays while the hook DLL comes and
 * goes) and loads logonshim-hook.dll by name, so it runs next to them.
 * It prints "hook_race: ok ..." and exits 0 when every round ended and
 * the hooks were in at each load; a round that does not end within
 * TIMEOUT seconds is a deadlock: it says so and exits 2 (the process is
 * terminated, as a deadlocked loader cannot exit); other failures exit 1.
 *
 * Usage: hook_race [ROUNDS] [TIMEOUT] [DLL] (defaults 300, 60, version.dll) */
#include <windows.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_int stop;
static atomic_long loads;
static const wchar_t *dll = L"version.dll";

/* This program's import entry for LoadLibraryW, by its linker name: the
 * compiler takes LoadLibraryW's address for a constant and would read the
 * entry once, so a call through it in a loop would miss the hooks. */
#ifdef _WIN64
extern void *imp_LoadLibraryW __asm__("__imp_LoadLibraryW");
#else
extern void *imp_LoadLibraryW __asm__("__imp__LoadLibraryW@4");
#endif

static void *entry(void)
{
    return *(void *volatile *)&imp_LoadLibraryW;
}

typedef HMODULE(WINAPI *load_fn)(LPCWSTR);

static DWORD WINAPI loader(LPVOID arg)
{
    (void)arg;
    while (!atomic_load(&stop)) {
        void *p = entry();
        load_fn load;
        memcpy(&load, &p, sizeof load);
        HMODULE m = load(dll);
        if (m != NULL)
            FreeLibrary(m);
        atomic_fetch_add(&loads, 1);
    }
    return 0;
}


static int rounds = 300;
static atomic_long hooked, done;

static DWORD WINAPI hooker(LPVOID arg)
{
    (void)arg;
    void *before = entry();
    for (int i = 0; i < rounds; i++) {
        HMODULE h = LoadLibraryW(L"logonshim-hook.dll");
        if (h == NULL)
            return 1;
        if (entry() != before)
            atomic_fetch_add(&hooked, 1);
        /* Hooks in for 0 to 3 ms, so that the other thread's loads meet
         * both the install and the removal. */
        Sleep((DWORD)(i % 4));
        FreeLibrary(h);
        atomic_fetch_add(&done, 1);
    }
    return 0;
}

static void say(const char *text)
{
    DWORD n;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)strlen(text), &n, NULL);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        rounds = atoi(argv[1]);
    DWORD timeout = argc > 2 ? (DWORD)atoi(argv[2]) * 1000u : 60000u;
    wchar_t name[MAX_PATH];
    if (argc > 3 && MultiByteToWideChar(CP_UTF8, 0, argv[3], -1, name, MAX_PATH) > 0)
        dll = name;
    if (LoadLibraryW(L"logonshim.dll") == NULL) {
        say("hook_race: logonshim.dll not found\n");
        return 1;
    }
    HANDLE a = CreateThread(NULL, 0, loader, NULL, 0, NULL);
    HANDLE b = CreateThread(NULL, 0, hooker, NULL, 0, NULL);
    if (a == NULL || b == NULL) {
        say("hook_race: no threads\n");
        return 1;
    }
    char line[200];
    if (WaitForSingleObject(b, timeout) != WAIT_OBJECT_0) {
        snprintf(line, sizeof line, "hook_race: deadlock: round %ld of %d has not ended after %lu s (%ld loads)\n",
                 atomic_load(&done) + 1, rounds, (unsigned long)(timeout / 1000), atomic_load(&loads));
        say(line);
        TerminateProcess(GetCurrentProcess(), 2);
    }
    atomic_store(&stop, 1);
    WaitForSingleObject(a, INFINITE);
    DWORD rc = 1;
    GetExitCodeThread(b, &rc);
    if (rc != 0 || atomic_load(&hooked) != rounds) {
        snprintf(line, sizeof line, "hook_race: FAIL: the hook DLL %s, hooks in at %ld of %d loads\n",
                 rc != 0 ? "did not load" : "loaded", atomic_load(&hooked), rounds);
        say(line);
        return 1;
    }
    snprintf(line, sizeof line, "hook_race: ok: %d rounds, hooks in at each, %ld loads meanwhile\n", rounds,
             atomic_load(&loads));
    say(line);
    return 0;
}
