/* log_file.c (Windows) — the JSON lines file on Windows: opened with
 * FILE_APPEND_DATA only, so every WriteFile lands at the end of the file as
 * a whole, even with other threads or processes appending (the POSIX twin
 * is port/posix/log_file.c). The path is UTF-8 and is converted to UTF-16, so
 * any path Windows accepts works; other processes may read, append, rename
 * and delete the file while it is open (log rotation).
 *
 * Windows serialises writes on a synchronous handle, but Wine places an
 * append at the end it read before writing, so two threads can write over
 * each other there: the writes of this process are serialised by an SRW
 * lock, held for the one WriteFile of one record.
 */
#include <windows.h>

#include <stdio.h>

#include "log_sink.h"

int lgs__file_open_append(const char *path, intptr_t *handle, char *why, size_t why_size)
{
    wchar_t wpath[LGS__PATH_MAX];
    if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, wpath,
                            (int)(sizeof wpath / sizeof wpath[0])) == 0) {
        if (why != NULL && why_size > 0)
            snprintf(why, why_size, "the path is not valid UTF-8 or is too long");
        return LGS_EINVAL;
    }
    HANDLE h = CreateFileW(wpath, FILE_APPEND_DATA | SYNCHRONIZE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        DWORD err = GetLastError();
        if (why != NULL && why_size > 0)
            snprintf(why, why_size, "cannot open for appending: Win32 error %lu",
                     (unsigned long)err);
        return LGS_EINVAL;
    }
    *handle = (intptr_t)h;
    return LGS_OK;
}

static SRWLOCK append_lock = SRWLOCK_INIT;

int lgs__file_append(intptr_t handle, const char *data, size_t n)
{
    int rc = LGS_OK;
    AcquireSRWLockExclusive(&append_lock);
    while (n > 0) {
        DWORD chunk = n > 0x10000000u ? 0x10000000u : (DWORD)n;
        DWORD written = 0;
        if (!WriteFile((HANDLE)handle, data, chunk, &written, NULL) || written == 0) {
            rc = LGS_EINVAL;
            break;
        }
        data += written;
        n -= written;
    }
    ReleaseSRWLockExclusive(&append_lock);
    return rc;
}

void lgs__file_close(intptr_t handle)
{
    CloseHandle((HANDLE)handle);
}
