/* settings_values.h — what the owners of the settings' values offer the
 * settings module above them (settings.h): config.c keeps the engine's
 * values, log_config.c the logs'. They read and write values; which keys
 * exist and how text is parsed is not theirs to know, so this header is all
 * they share with settings.c, and neither includes settings.h.
 */
#ifndef LGS_SETTINGS_VALUES_H
#define LGS_SETTINGS_VALUES_H

#include <stddef.h>
#include <stdint.h>

/* ---- the values: the engine's (config.c) ---- */

/** The compiled defaults, for every engine key. */
void lgs__config_defaults(void);
/** The engine's own refusal of a value for the uint32_t at offset (asking
 *  to retry credentials or account failures), or NULL. */
const char *lgs__config_refuse(size_t offset, uint64_t v);
void lgs__config_store(size_t offset, uint32_t v);
uint32_t lgs__config_read(size_t offset);
/** hook.exclude, the one text value of config.c: the module names the
 *  in-process hooks never patch. Set stores text (NULL or the reason it
 *  refused: too long); get writes it. The defaults clear it. */
const char *lgs__config_exclude_set(const char *text);
void lgs__config_exclude_get(char *buf, size_t size);

/* ---- the values: the logs' (log_config.c) ---- */

typedef enum lgs__log_field {
    LGS__LOG_SINKS,
    LGS__LOG_LEVEL,
    LGS__LOG_STORM_LIMIT,
    LGS__LOG_STORM_INTERVAL,
    LGS__LOG_REDACT,
    LGS__LOG_SOURCE,
    LGS__LOG_JSONL_PATH,
    LGS__LOG_REDACT_KEY, /* a secret: never echoed, never logged */
    LGS__LOG_RECORDS
} lgs__log_field;

/** Sets one log value: number for the storm fields, text for the others
 *  (opening what it needs first). Returns NULL or the reason it refused;
 *  then nothing changed. */
const char *lgs__log_set(lgs__log_field f, const char *text, uint32_t number, char *reason,
                         size_t size);
/** Writes one log value as text. */
void lgs__log_get(lgs__log_field f, char *buf, size_t size);
/** Parses a sink list into *mask; "jsonl:PATH" and "eventlog:SOURCE" also
 *  write the path or the source (each size bytes). NULL or the reason. */
const char *lgs__log_parse_sinks(const char *v, unsigned *mask, char *path, size_t path_size,
                                 char *source, size_t source_size);
struct lgs__nearest;
/** Offers every sink name ("none" too) to a "did you mean" search (suggest.h). */
void lgs__log_sink_offer(struct lgs__nearest *near);
/** The names of the sinks in mask, comma-separated, or "none". */
void lgs__log_sinks_list(unsigned mask, char *buf, size_t size);
/** Makes mask the sinks in force without opening anything (each was opened
 *  when it was turned on); closes the Event Log when it is not in mask. */
void lgs__log_sinks_settle(unsigned mask);
/** The compiled log defaults, closing the JSON lines file and Event Log. */
void lgs__log_defaults(void);

#endif
