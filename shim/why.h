/* why.h — how the parsers and the settings in shim/ report a rejection: the
 * reason goes into the caller's buffer (which may be NULL), and a refused
 * setting is written the one way every message and record shows it. */
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

/* Writes `key = "value": reason` (or `key: reason` when value is NULL) to
 * why when why is not NULL and why_size > 0: how a refused setting reads in
 * every message and "setting" record. */
void lgs__say(char *why, size_t why_size, const char *key, const char *value, const char *reason);
/** 1 when key names a secret (log.redact.key, however it is spelled or
 *  prefixed): lgs__say() then writes "(not shown)" for its value. */
int lgs__secret_key(const char *key);

/* Copies text[0..n) without surrounding blanks (and a trailing CR or LF)
 * into buf, NUL-terminated; 0 when it does not fit in size. */
int lgs__trimmed(const char *text, size_t n, char *buf, size_t size);

#endif
