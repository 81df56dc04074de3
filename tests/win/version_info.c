/* version_info.c — reads the VERSIONINFO resource of the files named on
 * its command line back with GetFileVersionInfoW, as Explorer and
 * inventory tools read it, and checks it against version.h: the fixed
 * file and product versions, and the FileVersion and ProductVersion
 * strings of the US English Unicode block. Prints one line per file and
 * exits 0 when every file carries the right version. */
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#include "logonshim/version.h"

/* LGS_VERSION_STRING as a wide string. */
#define LGS_WIDEN2(s) L##s
#define LGS_WIDEN(s) LGS_WIDEN2(s)

static int check_string(void *info, const wchar_t *key, const wchar_t *path)
{
    wchar_t query[128];
    swprintf(query, sizeof query / sizeof query[0], L"\\StringFileInfo\\040904B0\\%ls", key);
    wchar_t *value = NULL;
    UINT len = 0;
    if (!VerQueryValueW(info, query, (void **)&value, &len) || value == NULL) {
        fwprintf(stderr, L"%ls: no %ls string\n", path, key);
        return 0;
    }
    if (wcscmp(value, LGS_WIDEN(LGS_VERSION_STRING)) != 0) {
        fwprintf(stderr, L"%ls: %ls is \"%ls\", version.h says " LGS_WIDEN(LGS_VERSION_STRING) L"\n",
                 path, key, value);
        return 0;
    }
    return 1;
}

static int check_file(const wchar_t *path)
{
    DWORD ignored = 0;
    DWORD size = GetFileVersionInfoSizeW(path, &ignored);
    if (size == 0) {
        fwprintf(stderr, L"%ls: no version resource (error %lu)\n", path, GetLastError());
        return 0;
    }
    void *info = malloc(size);
    if (info == NULL || !GetFileVersionInfoW(path, 0, size, info)) {
        fwprintf(stderr, L"%ls: GetFileVersionInfoW failed (error %lu)\n", path, GetLastError());
        free(info);
        return 0;
    }
    VS_FIXEDFILEINFO *fixed = NULL;
    UINT len = 0;
    int ok = VerQueryValueW(info, L"\\", (void **)&fixed, &len) && fixed != NULL &&
             fixed->dwSignature == VS_FFI_SIGNATURE;
    const DWORD ms = MAKELONG(LGS_VERSION_MINOR, LGS_VERSION_MAJOR);
    const DWORD ls = MAKELONG(0, LGS_VERSION_PATCH);
    if (!ok || fixed->dwFileVersionMS != ms || fixed->dwFileVersionLS != ls ||
        fixed->dwProductVersionMS != ms || fixed->dwProductVersionLS != ls) {
        fwprintf(stderr, L"%ls: the fixed file or product version is not version.h's\n", path);
        ok = 0;
    }
    ok = check_string(info, L"FileVersion", path) && ok;
    ok = check_string(info, L"ProductVersion", path) && ok;
    if (ok) {
        wprintf(L"version ok: %ls " LGS_WIDEN(LGS_VERSION_STRING) L"\n", path);
    }
    free(info);
    return ok;
}

int wmain(int argc, wchar_t **argv);
int wmain(int argc, wchar_t **argv)
{
    int ok = argc > 1;
    for (int i = 1; i < argc; i++) {
        ok = check_file(argv[i]) && ok;
    }
    return ok ? 0 : 1;
}
