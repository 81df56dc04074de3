/* settings.h — the settings module: one table of every key the library
 * takes, engine and log alike (settings.c), the one parser for numbers and
 * durations, and the one enumerator that lgs_config_dump(), the
 * configuration sources and the documentation check walk.
 *
 * The values themselves stay with their owners: config.c keeps the
 * engine's, log_config.c the logs'. Both are below this module; it calls
 * them through settings_values.h, and they never call back. Adding a key means adding one row to the table in
 * settings.c (and its line in docs/configuration.md or docs/logging.md).
 */
#ifndef LGS_SETTINGS_H
#define LGS_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "settings_values.h"

/* How a key's text is read. */
typedef enum lgs__unit {
    LGS__UNIT_COUNT,   /* a whole number */
    LGS__UNIT_MS,      /* a duration: a whole number and "ms", "s" or "min" (ms by default) */
    LGS__UNIT_PERCENT, /* a whole number and an optional "%" */
    LGS__UNIT_TEXT     /* words the setter reads itself */
} lgs__unit;

typedef struct lgs__setting lgs__setting;

/* One row of the table. A '*' in the name stands for each class that can
 * fail (every class but ok and continue): "retry.*.attempts". */
struct lgs__setting {
    const char *name;
    lgs__unit unit;
    uint32_t min, max; /* numbers only */
    size_t field;      /* the owner's handle: an offset in lgs__config or an lgs__log_field */
    /* Applies the value: the number parsed and range-checked, or the text
     * without surrounding blanks. Returns NULL, or the reason it refused
     * (then nothing changed); reason is a buffer it may write that reason to. */
    const char *(*set)(const lgs__setting *row, int cls, const char *text, uint32_t number,
                       char *reason, size_t size);
    /* Writes the effective value; NULL for a second name of another key,
     * which can be set but is neither read nor listed. */
    void (*get)(const lgs__setting *row, int cls, char *buf, size_t size);
    const char *doc; /* one line: what the key does */
};

/* A key as the enumerator and the lookup give it: its row, its class (for
 * '*' rows, else -1) and its full name. */
typedef struct lgs__key {
    const lgs__setting *row;
    int cls;
    char name[64];
} lgs__key;

/** Calls fn for every key lgs_config_get() accepts, in the dump's order,
 *  until fn returns non-zero. */
void lgs__settings_each(int (*fn)(void *ctx, const lgs__key *key), void *ctx);

/** Finds a key, case-insensitively: 1 and *out, or 0 when there is none. */
int lgs__settings_find(const char *name, lgs__key *out);

/** 1 when key names the logs' section: it starts with "log.", any case. */
int lgs__is_log_key(const char *key);

/** The one number parser: blanks around the value are ignored; the unit, if
 *  any, follows the digits directly ("10s", not "10 s"). Returns NULL and
 *  *out, or the reason the text is not acceptable. */
const char *lgs__settings_parse(const char *text, lgs__unit unit, uint64_t *out);

/* Whom lgs__settings_set() serves: lgs_config_set() takes every key;
 * lgs_log_config_set() takes log keys only, with or without "log.". */
#define LGS__SET_ANY 0
#define LGS__SET_LOG_ONLY 1

/** Sets key to value through its row: LGS_OK; LGS_ENOTFOUND or LGS_EINVAL
 *  with the reason alone (no key, no value) in reason. Does not run the
 *  first-use initialisation, so the configuration sources can use it. */
int lgs__settings_set(const char *key, const char *value, int scope, char *reason, size_t size);

/** The same, with the message the public functions give: the key, the
 *  value and the reason. */
int lgs__settings_set_why(const char *key, const char *value, int scope, char *why,
                          size_t why_size);

/** lgs_config_get() and lgs_log_config_get() without the first use. */
int lgs__settings_get(const char *key, int scope, char *buf, size_t size);

/** lgs_config_dump() without the first use. */
size_t lgs__settings_dump(char *buf, size_t size);

/* ---- LOGONSHIM_LOG's syntax (log_spec.c) ---- */

/** Applies a log specification ("stderr,jsonl:PATH,level=info"); each bad
 *  item becomes a "setting" record naming origin. Returns how many items
 *  were bad. */
int lgs__log_configure(const char *spec, const char *origin);

#endif
