/* log_platform.c (POSIX) — the three facts every record carries that only
 * the platform knows (the UTC time in milliseconds, the process id and the
 * thread id), the write of a line to stderr, and the system's CSPRNG for the
 * redaction key. The Windows twin is port/win32/log_platform.c.
 */
#define _GNU_SOURCE 1 /* gettid() */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "log_sink.h"

uint64_t lgs__utc_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint32_t lgs__process_id(void)
{
    return (uint32_t)getpid();
}

uint32_t lgs__thread_id(void)
{
    return (uint32_t)gettid();
}

void lgs__port_stderr_write(const char *text, size_t len)
{
    fwrite(text, 1, len, stderr);
    fflush(stderr);
}

int lgs__port_random(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n > 0) {
        ssize_t k = getrandom(p, n, 0); /* blocks only until the pool is first seeded */
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}
