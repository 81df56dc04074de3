/* run.c — logonshim-run: runs a program that was never compiled with
 * logonshim with logonshim in it.
 *
 *   logonshim-run [--faults SPEC] [--log SPEC] [--config FILE] [--hook DLL]
 *                 -- PROGRAM [ARGS...]
 *
 * It starts PROGRAM suspended, makes it load logonshim-hook.dll (which
 * installs the in-process hooks, logonshim/hook.h) with a thread of its own
 * running LoadLibraryW, waits for that, then lets the program's first
 * instruction run. --faults, --log and --config set LOGONSHIM_FAULTS,
 * LOGONSHIM_LOG and LOGONSHIM_CONFIG for the program (without them it
 * inherits whatever the environment has). The program shares the console
 * and standard handles; logonshim-run waits for it and exits with its exit
 * code. logonshim-hook.dll is looked for next to logonshim-run.exe unless
 * --hook names it; its folder goes first on the program's PATH, so that
 * logonshim.dll beside it is found.
 *
 * Exit codes of its own: 2 for a bad command line, 126 when the hooks could
 * not be put into the program (which is then ended), 127 when the program
 * could not be started. */
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

enum { EXIT_USAGE = 2, EXIT_NO_HOOK = 126, EXIT_NOT_STARTED = 127 };
#define INJECT_TIMEOUT_MS 60000

static void usage(void)
{
    fputs("usage: logonshim-run [--faults SPEC] [--log SPEC] [--config FILE] [--hook DLL] "
          "-- PROGRAM [ARGS...]\n",
          stderr);
}

static void fail(const char *what, DWORD err)
{
    fprintf(stderr, "logonshim-run: %s (error %lu)\n", what, (unsigned long)err);
}

/* Appends arg to cmd (capacity cap) quoted as CommandLineToArgvW and the C
 * runtime read it back: backslashes are literal except before a quote.
 * Returns 0 when it does not fit. */
static int append_arg(wchar_t *cmd, size_t cap, size_t *len, const wchar_t *arg)
{
    size_t n = *len;
#define PUT(c)              \
    do {                    \
        if (n + 1 >= cap)   \
            return 0;       \
        cmd[n++] = (c);     \
    } while (0)
    if (n > 0)
        PUT(L' ');
    int quote = arg[0] == L'\0' || wcspbrk(arg, L" \t\n\v\"") != NULL;
    if (!quote) {
        for (const wchar_t *p = arg; *p != L'\0'; p++)
            PUT(*p);
    } else {
        PUT(L'"');
        for (const wchar_t *p = arg;; p++) {
            size_t slashes = 0;
            while (*p == L'\\') {
                slashes++;
                p++;
            }
            if (*p == L'\0') {
                /* Doubled, so the closing quote stays a quote. */
                for (size_t i = 0; i < slashes * 2; i++)
                    PUT(L'\\');
                break;
            }
            if (*p == L'"') {
                for (size_t i = 0; i < slashes * 2 + 1; i++)
                    PUT(L'\\');
            } else {
                for (size_t i = 0; i < slashes; i++)
                    PUT(L'\\');
            }
            PUT(*p);
        }
        PUT(L'"');
    }
#undef PUT
    cmd[n] = L'\0';
    *len = n;
    return 1;
}

/* The default hook DLL: logonshim-hook.dll beside this program. */
static int default_hook(wchar_t *out, size_t cap)
{
    DWORD n = GetModuleFileNameW(NULL, out, (DWORD)cap);
    if (n == 0 || n >= cap)
        return 0;
    wchar_t *slash = wcsrchr(out, L'\\');
    size_t dir = slash != NULL ? (size_t)(slash - out) + 1 : 0;
    static const wchar_t name[] = L"logonshim-hook.dll";
    if (dir + wcslen(name) + 1 > cap)
        return 0;
    wcscpy(out + dir, name);
    return 1;
}

/* Puts the folder of dll first on PATH (inherited by the program). */
static void path_first(const wchar_t *dll)
{
    static wchar_t path[32768];
    const wchar_t *slash = wcsrchr(dll, L'\\');
    if (slash == NULL)
        return;
    size_t dir = (size_t)(slash - dll);
    if (dir + 2 >= sizeof path / sizeof path[0])
        return;
    wmemcpy(path, dll, dir);
    path[dir] = L';';
    DWORD cap = (DWORD)(sizeof path / sizeof path[0] - dir - 1);
    DWORD n = GetEnvironmentVariableW(L"PATH", path + dir + 1, cap);
    if (n >= cap)
        return;
    if (n == 0)
        path[dir] = L'\0';
    SetEnvironmentVariableW(L"PATH", path);
}

/* Makes the program load dll with a thread of its own, before its first
 * instruction. Returns 0, or the error. */
static DWORD inject(HANDLE process, const wchar_t *dll)
{
    size_t bytes = (wcslen(dll) + 1) * sizeof(wchar_t);
    void *remote = VirtualAllocEx(process, NULL, bytes, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    if (remote == NULL)
        return GetLastError();
    DWORD err = 0;
    SIZE_T written = 0;
    if (!WriteProcessMemory(process, remote, dll, bytes, &written) || written != bytes) {
        err = GetLastError();
    } else {
        /* kernel32 is at the same address in every process of a session. */
        FARPROC load = GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "LoadLibraryW");
        LPTHREAD_START_ROUTINE start;
        memcpy(&start, &load, sizeof start);
        HANDLE t = CreateRemoteThread(process, NULL, 0, start, remote, 0, NULL);
        if (t == NULL) {
            err = GetLastError();
        } else {
            DWORD loaded = 0;
            if (WaitForSingleObject(t, INJECT_TIMEOUT_MS) != WAIT_OBJECT_0)
                err = WAIT_TIMEOUT;
            else if (!GetExitCodeThread(t, &loaded))
                err = GetLastError();
            else if (loaded == 0) /* the low half of the HMODULE: 0 when it failed */
                err = ERROR_MOD_NOT_FOUND;
            CloseHandle(t);
        }
    }
    if (err != WAIT_TIMEOUT)
        VirtualFreeEx(process, remote, 0, MEM_RELEASE);
    return err;
}

/* The standard handles, inheritable, so the program writes where we do. */
static void share_std(STARTUPINFOW *si)
{
    si->dwFlags |= STARTF_USESTDHANDLES;
    si->hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si->hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    si->hStdError = GetStdHandle(STD_ERROR_HANDLE);
    HANDLE h[3] = {si->hStdInput, si->hStdOutput, si->hStdError};
    for (int i = 0; i < 3; i++)
        if (h[i] != NULL && h[i] != INVALID_HANDLE_VALUE)
            SetHandleInformation(h[i], HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
}

/* Ctrl+C reaches the program too (same console); we wait for it to end. */
static BOOL WINAPI ignore_ctrl(DWORD type)
{
    (void)type;
    return TRUE;
}

int wmain(int argc, wchar_t **argv);
int wmain(int argc, wchar_t **argv)
{
    static wchar_t hook[MAX_PATH], cmd[32768];
    int i = 1;
    const wchar_t *hook_arg = NULL;
    for (; i < argc; i++) {
        const wchar_t *a = argv[i];
        if (wcscmp(a, L"--") == 0) {
            i++;
            break;
        }
        const wchar_t *var = wcscmp(a, L"--faults") == 0   ? L"LOGONSHIM_FAULTS"
                             : wcscmp(a, L"--log") == 0    ? L"LOGONSHIM_LOG"
                             : wcscmp(a, L"--config") == 0 ? L"LOGONSHIM_CONFIG"
                             : wcscmp(a, L"--hook") == 0   ? L""
                                                           : NULL;
        if (var == NULL || i + 1 >= argc) {
            usage();
            return EXIT_USAGE;
        }
        if (var[0] == L'\0')
            hook_arg = argv[++i];
        else
            SetEnvironmentVariableW(var, argv[++i]);
    }
    if (i >= argc) {
        usage();
        return EXIT_USAGE;
    }
    if (hook_arg != NULL) {
        if (GetFullPathNameW(hook_arg, MAX_PATH, hook, NULL) == 0) {
            fail("--hook: not a usable path", GetLastError());
            return EXIT_USAGE;
        }
    } else if (!default_hook(hook, MAX_PATH)) {
        fail("cannot name logonshim-hook.dll beside this program", GetLastError());
        return EXIT_NO_HOOK;
    }
    if (GetFileAttributesW(hook) == INVALID_FILE_ATTRIBUTES) {
        fprintf(stderr, "logonshim-run: %ls: not found\n", hook);
        return EXIT_NO_HOOK;
    }
    path_first(hook);
    size_t len = 0;
    for (int k = i; k < argc; k++)
        if (!append_arg(cmd, sizeof cmd / sizeof cmd[0], &len, argv[k])) {
            fputs("logonshim-run: the command line is too long\n", stderr);
            return EXIT_USAGE;
        }

    STARTUPINFOW si = {.cb = sizeof si};
    share_std(&si);
    PROCESS_INFORMATION pi;
    if (!CreateProcessW(NULL, cmd, NULL, NULL, TRUE, CREATE_SUSPENDED, NULL, NULL, &si, &pi)) {
        DWORD err = GetLastError();
        fprintf(stderr, "logonshim-run: cannot start %ls (error %lu)\n", argv[i], (unsigned long)err);
        return EXIT_NOT_STARTED;
    }
    DWORD err = inject(pi.hProcess, hook);
    if (err != 0) {
        fprintf(stderr, "logonshim-run: cannot load %ls into %ls (error %lu)\n", hook, argv[i],
                (unsigned long)err);
        TerminateProcess(pi.hProcess, EXIT_NO_HOOK);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
        return EXIT_NO_HOOK;
    }
    SetConsoleCtrlHandler(ignore_ctrl, TRUE);
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 0;
    if (!GetExitCodeProcess(pi.hProcess, &code))
        code = EXIT_NOT_STARTED;
    CloseHandle(pi.hProcess);
    return (int)code;
}
