/* why.c — the reason writers the parsers and settings share (see why.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "logonshim/codes.h"
#include "why.h"

int lgs__why(char *why, size_t why_size, const char *fmt, ...)
{
    if (why != NULL && why_size > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, why_size, fmt, ap);
        va_end(ap);
    }
    return LGS_EINVAL;
}

void lgs__say(char *why, size_t why_size, const char *key, const char *value, const char *reason)
{
    if (why == NULL || why_size == 0)
        return;
    if (value == NULL)
        snprintf(why, why_size, "%s: %s", key != NULL ? key : "(null key)", reason);
    else
        snprintf(why, why_size, "%s = \"%s\": %s", key != NULL ? key : "(null key)", value, reason);
}

int lgs__trimmed(const char *text, size_t n, char *buf, size_t size)
{
    while (n > 0 && (*text == ' ' || *text == '\t')) {
        text++;
        n--;
    }
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\r' ||
                     text[n - 1] == '\n'))
        n--;
    if (n >= size)
        return 0;
    memcpy(buf, text, n);
    buf[n] = '\0';
    return 1;
}
