/* why.h — how the parsers in shim/ report a rejection: the reason goes into
 * the caller's buffer (which may be NULL) and LGS_EINVAL comes back. */
#ifndef LGS_WHY_H
#define LGS_WHY_H

#include <stddef.h>

/* Writes the formatted reason to why (when why is not NULL and why_size > 0;
 * always NUL-terminated) and returns LGS_EINVAL. */
int lgs__why(char *why, size_t why_size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
