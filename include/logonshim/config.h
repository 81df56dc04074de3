/* config.h — setting the policy engine's configuration by key and value.
 *
 * Keys and values are strings, exactly as an INI file, the registry or the
 * environment gives them, so every configuration source goes through the same
 * validation. A rejected value leaves the previous setting in force and comes
 * back with a message naming the key, the value and the reason. Every key,
 * its default and its range are in docs/configuration.md.
 */
#ifndef LOGONSHIM_CONFIG_H
#define LOGONSHIM_CONFIG_H

#include <stddef.h>

/* The status codes (LGS_OK, LGS_EINVAL...) these functions return. */
#include "logonshim/codes.h"
#include "logonshim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Sets `key` to `value`. Numbers are decimal; durations (keys ending in
 *  _ms) take an optional unit suffix "ms", "s" or "min", right after the
 *  digits ("10s"; "10 s" is refused); budget.percent takes an optional "%".
 *  log.* keys are taken too (logonshim/log.h), their numbers read the same way. Blanks around the value are ignored; keys are compared
 *  case-insensitively. Returns LGS_OK; LGS_ENOTFOUND for an unknown key;
 *  LGS_EINVAL for a NULL key or value, or a value out of range or refused
 *  (asking to retry `credentials` or `account` failures is refused). On
 *  error the setting is unchanged and, when why is not NULL and why_size > 0,
 *  a NUL-terminated message naming the key, the value and the reason is
 *  written to why. Safe to call while calls run: each call uses the
 *  configuration as it was when the call started. */
LGS_API int lgs_config_set(const char *key, const char *value, char *why, size_t why_size);

/** Writes the effective value of `key` (a plain number, durations in ms) to
 *  buf, NUL-terminated and truncated to size. Returns LGS_OK, LGS_ENOTFOUND
 *  for an unknown key, LGS_EINVAL when key or buf is NULL or size is 0. */
LGS_API int lgs_config_get(const char *key, char *buf, size_t size);

/** Writes the whole effective configuration, engine and log.* keys alike,
 *  one "key = value" line per key that lgs_config_get() takes, in a stable
 *  order, to buf (NUL-terminated, truncated to size; buf may be
 *  NULL when size is 0). Returns the length the full text needs, without
 *  the NUL, as snprintf does. */
LGS_API size_t lgs_config_dump(char *buf, size_t size);

/** Restores every key to its compiled default. */
LGS_API void lgs_config_reset(void);

/** Reads the configuration sources and applies them, engine and log keys
 *  alike: the INI file named by LOGONSHIM_CONFIG, then the registry
 *  (HKLM\SOFTWARE\logonshim), then the environment (LOGONSHIM_<SECTION>_<KEY>,
 *  then LOGONSHIM_LOG); later wins. The library does this by itself once, at
 *  its first use (a wrapped call, or a configuration or log call), so calls
 *  to lgs_config_set() made afterwards win. Call it to read the sources
 *  again (a service on SERVICE_CONTROL_PARAMCHANGE): values from the sources
 *  then replace values set by calls. Each bad value (source, key, value and
 *  reason) is reported once, as a "setting" record, and the previous setting
 *  stays. Returns the number of bad values found (0 when all applied). Off
 *  Windows there are no sources: returns 0. See docs/configuration.md. */
LGS_API int lgs_config_load(void);

#ifdef __cplusplus
}
#endif

#endif
