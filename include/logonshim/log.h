/* log.h — where failure records go: a callback, text on stderr, JSON lines in
 * a file, the Windows Event Log and the debugger (OutputDebugStringW), with
 * storm control and redaction of account names.
 *
 * The sinks are configured by LOGONSHIM_LOG (read once, the first time the
 * library logs or a function below is called), by lgs_log_config_set() with
 * the keys below, and by lgs_log_configure() with LOGONSHIM_LOG's syntax.
 * Every key, the syntax, the JSON keys and the event ids are documented in
 * docs/logging.md. A bad setting is reported once (a "setting" record to
 * the sinks that work, or the why text of the call) and the previous valid
 * setting stays in force.
 *
 * Portable: the Event Log and debugger sinks exist on Windows only; asking
 * for them elsewhere is a bad setting.
 */
#ifndef LOGONSHIM_LOG_H
#define LOGONSHIM_LOG_H

#include <stddef.h>

#include "logonshim/export.h"
#include "logonshim/record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Receives each record that passes the level and storm control. The record
 *  is valid during the call only; copy it to keep it. Called on the thread
 *  that logged, one call at a time (calls are serialised), so it must be
 *  quick and must not call lgs_log_set_callback(); records the callback
 *  itself causes (for example by calling a wrapper) are dropped. */
typedef void (*lgs_log_callback)(void *ctx, const lgs_record *record);

/** Installs the callback sink (NULL removes it). There is one owner: the
 *  new callback replaces the previous one. Safe while other threads log:
 *  once this returns, the previous callback is not running and is never
 *  called again. */
LGS_API void lgs_log_set_callback(lgs_log_callback callback, void *ctx);

/** Sets one log setting. Keys (case-insensitive; the "log." prefix may be
 *  left out):
 *  - log.sinks: comma list of stderr, jsonl, eventlog, debugger, or none
 *    (the callback is not in the list: it is on while installed);
 *  - log.level: debug, info, warning, error or critical (default warning);
 *  - log.storm.limit: identical records let through per interval (default
 *    10; 0 turns storm control off);
 *  - log.storm.interval_ms: the interval (default 60 s; "ms", "s", "min");
 *  - log.redact: plain, hash or omit (default hash);
 *  - log.eventlog.source: the Event Log source name (default "logonshim");
 *  - log.jsonl.path: the JSON lines file (UTF-8); it is opened here, so a
 *    path that cannot be opened is refused.
 *  Returns LGS_OK; LGS_ENOTFOUND for an unknown key; LGS_EINVAL for NULL
 *  arguments or a refused value, with the reason (naming the key and the
 *  value) in why when why is not NULL and why_size > 0. */
LGS_API int lgs_log_config_set(const char *key, const char *value, char *why, size_t why_size);

/** Writes the effective value of key to buf (NUL-terminated, truncated).
 *  Returns LGS_OK, LGS_ENOTFOUND for an unknown key, LGS_EINVAL when key
 *  or buf is NULL or size is 0. */
LGS_API int lgs_log_config_get(const char *key, char *buf, size_t size);

/** Applies a specification in LOGONSHIM_LOG's syntax, for example
 *  "stderr,jsonl:C:\\ProgramData\\svc\\logonshim.jsonl,eventlog,level=warning":
 *  comma-separated items, each a sink (stderr, debugger, eventlog,
 *  eventlog:SOURCE, jsonl:PATH, none) or key=value with a key of
 *  lgs_log_config_set() ("level", "redact", "storm=LIMIT/INTERVAL", ...).
 *  The sinks listed replace the sinks in force. Each bad item is reported by
 *  a "setting" record and skipped; the others still apply. Returns the number
 *  of bad items (0 when all applied), or -1 when spec is NULL. */
LGS_API int lgs_log_configure(const char *spec);

/** Writes to out the digest records show for an account under log.redact
 *  "hash" ("#" and 16 hex digits, NUL-terminated), so that an operator can
 *  find one account's failures in the logs. name is UTF-8: "user",
 *  "DOMAIN\\user" or "user@domain", matched as the lockout guard matches
 *  accounts (case-insensitive, a UPN like its down-level name). The digest
 *  is keyed by log.redact.key, which must be configured: the random key of
 *  a process without one gives digests no other process can reproduce.
 *  Returns LGS_OK; LGS_ENOTFOUND when no log.redact.key is in force (out is
 *  then empty); LGS_EINVAL when name or out is NULL, name is empty, or size
 *  is below 18. */
LGS_API int lgs_log_hash_name(const char *name, char *out, size_t size);

/** Emits now the summaries of every run of suppressed records, whether or
 *  not its interval has ended (call it before exit). */
LGS_API void lgs_log_flush(void);

/** Restores every log setting to its compiled default (stderr, level
 *  warning, storm 10 per 60 s, redact hash, source "logonshim", no file),
 *  closes the file and Event Log source, forgets suppressed runs and
 *  removes the callback. LOGONSHIM_LOG is not read again. For tests. */
LGS_API void lgs_log_reset(void);

/** Formats a record as one line of text without the newline, as the stderr
 *  sink writes it, into buf (NUL-terminated, truncated to size; buf may be
 *  NULL when size is 0). Returns the length the whole line needs, as
 *  snprintf does; 0 when r is NULL. */
LGS_API size_t lgs_record_format_text(const lgs_record *r, char *buf, size_t size);

/** Formats a record as one JSON object on one line, without the newline, as
 *  the JSON lines sink writes it. Same contract as lgs_record_format_text(). */
LGS_API size_t lgs_record_format_json(const lgs_record *r, char *buf, size_t size);

#ifdef _WIN32
/** Registers `source` (UTF-8; NULL for the configured source) as an Event Log
 *  source of the Application log: HKLM\SYSTEM\CurrentControlSet\Services\
 *  EventLog\Application\<source> with EventMessageFile = message_file (UTF-8;
 *  NULL for the module that holds this library) and TypesSupported = 7.
 *  Needs administrator rights. Returns LGS_OK, or LGS_EINVAL with the reason
 *  in why (which may be NULL). */
LGS_API int lgs_eventlog_register(const char *source, const char *message_file, char *why,
                                  size_t why_size);

/** Removes what lgs_eventlog_register() created. Returns LGS_OK, LGS_ENOTFOUND
 *  when the source is not registered, or LGS_EINVAL with the reason in why. */
LGS_API int lgs_eventlog_unregister(const char *source, char *why, size_t why_size);
#endif

#ifdef __cplusplus
}
#endif

#endif
