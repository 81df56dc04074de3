/* plain.h — what the programs of tests/hook/ share. They stand for
 * programs that never heard of logonshim: plain mingw-w64 C against the
 * SDK, no logonshim header, no logonshim library. Each one logs on N times
 * (argv[1], default 1) and makes one SSPI call, by its own route, and
 * exits with argv[2] (default 0), and
 * prints one line per call that tests/hook_test.sh reads:
 *   LogonUserW ok            LogonUserW failed 1326
 *   QuerySecurityPackageInfoW 0x00000000 */
#ifndef LGS_TESTS_PLAIN_H
#define LGS_TESTS_PLAIN_H

#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the lines go: standard output, or a stream of the program's own
 * (a service has none). */
#ifndef PLAIN_OUT
#define PLAIN_OUT stdout
#endif

typedef BOOL(WINAPI *plain_logon_fn)(LPCWSTR, LPCWSTR, LPCWSTR, DWORD, DWORD, PHANDLE);
typedef SECURITY_STATUS(WINAPI *plain_qspi_fn)(LPWSTR, PSecPkgInfoW *);
typedef SECURITY_STATUS(WINAPI *plain_free_fn)(PVOID);

static inline int plain_count(int argc, char **argv)
{
    return argc > 1 ? atoi(argv[1]) : 1;
}

static inline int plain_exit(int argc, char **argv)
{
    return argc > 2 ? atoi(argv[2]) : 0;
}

/* One LogonUserW through logon, reported. */
static inline void plain_logon(plain_logon_fn logon)
{
    HANDLE token = NULL;
    if (logon(L"alice", L".", L"not-the-password", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT,
              &token)) {
        fprintf(PLAIN_OUT, "LogonUserW ok\n");
    } else {
        fprintf(PLAIN_OUT, "LogonUserW failed %lu\n", (unsigned long)GetLastError());
    }
    fflush(PLAIN_OUT);
}

/* One QuerySecurityPackageInfoW("Kerberos") through qspi, reported. */
static inline void plain_qspi(plain_qspi_fn qspi, plain_free_fn free_buffer)
{
    PSecPkgInfoW info = NULL;
    wchar_t package[] = L"Kerberos";
    SECURITY_STATUS s = qspi(package, &info);
    fprintf(PLAIN_OUT, "QuerySecurityPackageInfoW 0x%08lx\n", (unsigned long)s);
    if (s == SEC_E_OK && info != NULL)
        free_buffer(info);
    fflush(PLAIN_OUT);
}

/* Runs plain_later_dll.dll's calls (plain_later_run) from the loaded dll;
 * returns the program's exit code, 3 when the DLL is not usable. */
static inline int plain_run_later(HMODULE dll, int argc, char **argv)
{
    FARPROC r = dll != NULL ? GetProcAddress(dll, "plain_later_run") : NULL;
    if (r == NULL)
        return 3;
    void (*run)(int count);
    memcpy(&run, &r, sizeof r);
    run(plain_count(argc, argv));
    return plain_exit(argc, argv);
}

#endif
