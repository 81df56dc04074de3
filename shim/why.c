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

int lgs__secret_key(const char *key)
{
    /* Matched at the end: the key may come as "log.redact.key", as
     * "redact.key" in a LOGONSHIM_LOG item, or after the source that named
     * it ("INI file ...: [log] redact.key"). */
    static const char secret[] = "redact.key";
    size_t n = key != NULL ? strlen(key) : 0, m = sizeof secret - 1;
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++) {
        char c = key[n - m + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != secret[i])
            return 0;
    }
    return 1;
}

void lgs__say(char *why, size_t why_size, const char *key, const char *value, const char *reason)
{
    if (why == NULL || why_size == 0)
        return;
    if (value != NULL && lgs__secret_key(key))
        value = "(not shown)";
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
