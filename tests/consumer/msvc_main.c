/* msvc_main.c — a program built the way an MSVC user builds one: compiled
 * for the *-pc-windows-msvc target (clang standing in for cl) and linked by
 * lld-link against the MSVC-format logonshim.lib, with no C runtime at all,
 * so that nothing from mingw reaches it but the system headers. It calls
 * a portable function (cdecl) and a wrapper (__stdcall: on i686 a wrong
 * convention or decoration would fail to link or unbalance the stack), and
 * prints "msvc consumer ok" when both answer as documented. */
#include <logonshim/logonshim.h>

static void say(const char *s)
{
    DWORD n = 0, len = 0;
    while (s[len] != '\0') {
        len++;
    }
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), s, len, &n, NULL);
}

/* The entry point itself (lld-link /ENTRY): there is no CRT to call main. */
void __stdcall lgs_msvc_entry(void);
void __stdcall lgs_msvc_entry(void)
{
    if (lgs_classify(LGS_SPACE_WIN32, 1366) != LGS_CLASS_SESSION_COLLISION) {
        say("msvc consumer: lgs_classify(1366) is not session_collision\n");
        ExitProcess(1);
    }
    /* A bad handle: the wrapper must return what the API returns
     * (SEC_E_INVALID_HANDLE) through its __stdcall frame. */
    CredHandle none;
    /* Field by field: an aggregate initialiser becomes a call to memset,
     * which a program without a C runtime does not have. */
    none.dwLower = 0;
    none.dwUpper = 0;
    SECURITY_STATUS st = lgs_FreeCredentialsHandle(&none);
    if (st != SEC_E_INVALID_HANDLE) {
        say("msvc consumer: lgs_FreeCredentialsHandle(zeroed) is not SEC_E_INVALID_HANDLE\n");
        ExitProcess(1);
    }
    say("msvc consumer ok: logonshim " LGS_VERSION_STRING "\n");
    ExitProcess(0);
}
