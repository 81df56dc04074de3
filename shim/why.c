/* why.c — the reason writer the parsers share (see why.h). */
#include <stdarg.h>
#include <stdio.h>

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
