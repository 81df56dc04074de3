/* log_file.c (POSIX) — the JSON lines file off Windows: opened with
 * O_APPEND, so each record is one write() that the kernel places at the end
 * of the file as a whole, even with other threads or processes appending.
 * The Windows twin (FILE_APPEND_DATA) is port/win32/log_file.c.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log_sink.h"

int lgs__file_open_append(const char *path, intptr_t *handle, char *why, size_t why_size)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) {
        if (why != NULL && why_size > 0)
            snprintf(why, why_size, "cannot open for appending: %s", strerror(errno));
        return LGS_EINVAL;
    }
    *handle = (intptr_t)fd;
    return LGS_OK;
}

int lgs__file_append(intptr_t handle, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t w = write((int)handle, data, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return LGS_EINVAL;
        }
        data += w;
        n -= (size_t)w;
    }
    return LGS_OK;
}

void lgs__file_close(intptr_t handle)
{
    (void)close((int)handle);
}
