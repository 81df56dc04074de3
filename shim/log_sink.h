/* log_sink.h — what the files of the log layer share with each other and
 * nothing else: the settings, the dispatcher, storm control, redaction, the
 * two formatters' helpers and the platform pieces (clock, ids, stderr, the
 * JSON lines file, the Event Log and debugger sinks: port/<platform>/). The public
 * side is logonshim/record.h and logonshim/log.h; the wrappers' side is
 * log_internal.h.
 */
#ifndef LGS_LOG_SINK_H
#define LGS_LOG_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "logonshim/log.h"
#include "logonshim/record.h"

/* ---- sinks and settings (log_config.c) ---- */

#define LGS__SINK_STDERR 1u
#define LGS__SINK_JSONL 2u
#define LGS__SINK_EVENTLOG 4u
#define LGS__SINK_DEBUGGER 8u
#define LGS__SINK_ALL 15u

/** log.records: which of a call's records are written. */
typedef enum lgs__records {
    LGS__RECORDS_OUTCOMES = 0, /* retried attempts and each call's outcome (default) */
    LGS__RECORDS_ATTEMPTS,     /* every attempt and fail-fast, no outcome */
    LGS__RECORDS_ALL           /* both: a call's last attempt and its outcome */
} lgs__records;

typedef enum lgs__redact {
    LGS__REDACT_PLAIN = 0,
    LGS__REDACT_HASH,
    LGS__REDACT_OMIT
} lgs__redact;

#define LGS__PATH_MAX 1024
#define LGS__SOURCE_MAX 128

/** The log configuration. The fast path reads only the first six fields. */
typedef struct lgs__log_settings {
    unsigned sinks;              /* LGS__SINK_* bits */
    lgs_severity level;          /* records below it go nowhere */
    uint32_t storm_limit;        /* 0: storm control off */
    uint32_t storm_interval_ms;
    lgs__redact redact;
    lgs__records records;
    char jsonl_path[LGS__PATH_MAX];
    char source[LGS__SOURCE_MAX];
} lgs__log_settings;

/** Copies the fields the dispatcher needs (not the path or source). */
void lgs__log_settings_fast(lgs__log_settings *out);

/* ---- sink resources (log_sinks.c) ---- */

/** Opens the JSON lines file at path (closing any file open before) and
 *  returns LGS_OK, or LGS_EINVAL with the reason in why and the file that
 *  was open before kept. */
int lgs__jsonl_open(const char *path, char *why, size_t why_size);
void lgs__jsonl_close(void);
/** Opens the Event Log source; LGS_EINVAL with a reason when it cannot be
 *  opened (always, off Windows). */
int lgs__eventlog_source(const char *source, char *why, size_t why_size);
void lgs__eventlog_close(void);
/** Sends one record to the sinks in mask. Never fails the caller. */
void lgs__sinks_write(const lgs_record *r, unsigned mask);

/* ---- the dispatcher (log.c) ---- */

/** Storm control, level, then every sink. r is the caller's copy. */
void lgs__log_emit(const lgs_record *r);
/** Removes the callback (lgs_log_reset). */
void lgs__log_drop_callback(void);
/** lgs_log_set_callback() and lgs_log_flush() without the first use. */
void lgs__log_set_callback(lgs_log_callback cb, void *ctx);
void lgs__log_flush(void);
/** Fills the record's common fields: kind, time, pid, tid, guidance. */
void lgs__record_init(lgs_record *r, lgs_record_kind kind, const char *api);
/** Empties the thread's last-failure slot: a call that fails without a
 *  record of its own must not leave an earlier call's for lgs_last_failure(). */
void lgs__record_forget(void);

/* ---- storm control (storm.c) ---- */

/** 1 when r may pass, 0 when it is suppressed, for `limit` identical
 *  records per `interval_ms` at time now (ms, monotonic). When a full table
 *  made another run give up its slot while it had a pending count, that
 *  run's summary is written to *evicted and *have_evicted set to 1. */
int lgs__storm_admit(const lgs_record *r, uint32_t limit, uint64_t interval_ms, uint64_t now,
                     lgs_record *evicted, int *have_evicted);
/** Takes up to max summary records of suppressed runs whose interval has
 *  ended at now (every pending one when all is 1) into out; returns how many. */
size_t lgs__storm_summaries(lgs_record *out, size_t max, uint64_t interval_ms, uint64_t now,
                            int all);
/** Forgets every run (pending counts are dropped). */
void lgs__storm_reset(void);

/* ---- redaction (redact.c, siphash.c) ---- */

/** Writes the account `user` (with `domain` when not NULL or empty) to out
 *  as mode says: "DOMAIN\\user", "#" and 16 hex digits of a keyed hash
 *  (stable within the process, case-insensitive), or "" (omit). */
void lgs__redact_account(lgs__redact mode, const char *user, const char *domain, char *out,
                         size_t size);
/** A domain or realm name as mode says: as it is under plain and hash (a
 *  domain names an authority, not a person: docs/logging.md, Redaction),
 *  "" under omit. */
void lgs__redact_domain(lgs__redact mode, const char *name, char *out, size_t size);
/** For tests only: makes `key` the hash key (NULL: forgets it, so the next
 *  digest draws a new one from the process's own source) and makes every
 *  thread forget the digest it remembered. */
void lgs__redact_set_key_for_test(const uint8_t key[16]);
/** For tests only: copies the hash key in use (drawing it first if none is)
 *  to out, so that a test can look for it in what is logged. */
void lgs__redact_key_for_test(uint8_t out[16]);
/** Sets the hash key from an operator's text (log.redact.key), so digests
 *  match across restarts and machines: "" goes back to a key drawn from the
 *  system's CSPRNG. NULL, or the reason it refused (the text is never in
 *  it). */
const char *lgs__redact_set_key_text(const char *text);
/** What get and dump show for a key in force; set back, it keeps the key. */
#define LGS__REDACT_KEY_SHOWN "(set, not shown)"
/** 1 when an operator's key is in force. */
int lgs__redact_key_configured(void);
/** Compares two strings ignoring ASCII case: <0, 0 or >0 like strcmp. */
int lgs__ascii_casecmp(const char *a, const char *b);
/** The same for at most n characters, like strncmp. */
int lgs__ascii_casecmp_n(const char *a, const char *b, size_t n);
/** SipHash-2-4 of data under a 128-bit key. */
uint64_t lgs__siphash24(const uint8_t key[16], const void *data, size_t n);

/* ---- platform (port/<platform>/: log_platform.c, log_file.c, and the
 * Event Log and debugger sinks) ---- */

uint64_t lgs__utc_ms(void);
uint32_t lgs__process_id(void);
/** Fills buf with n bytes from the operating system's CSPRNG (getrandom,
 *  BCryptGenRandom). Returns 0, or -1 when the system could not give them
 *  (then buf must not be used). Never the hooks' random source. */
int lgs__port_random(void *buf, size_t n);
uint32_t lgs__thread_id(void);
/** Writes one whole line (len bytes) to stderr, unbuffered. */
void lgs__port_stderr_write(const char *text, size_t len);

/** A file opened for appending: each lgs__file_append() is one write. */
int lgs__file_open_append(const char *path, intptr_t *handle, char *why, size_t why_size);
int lgs__file_append(intptr_t handle, const char *data, size_t n);
void lgs__file_close(intptr_t handle);

/* The Event Log and debugger sinks: port/win32/log_eventlog.c and
 * log_debugger.c; off Windows port/posix/log_sinks_none.c refuses the
 * source and writes nothing. */
int lgs__port_eventlog_open(const char *source, char *why, size_t why_size);
void lgs__port_eventlog_close(void);
/** text is the record's text line without its newline. */
void lgs__port_eventlog_report(const lgs_record *r, const char *text);
/** text is the record's text line with its newline. */
void lgs__port_debugger_write(const char *text);

/* ---- formatting helpers (log_format.c) ---- */

/** "2026-11-23T06:32:27.123Z" into out (at least 25 bytes). */
void lgs__format_utc(uint64_t utc_ms, char *out, size_t size);

#endif
