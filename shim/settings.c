/* settings.c — every key the library takes, in one table: the engine's and
 * the logs' alike, each with its unit, range, setter, getter and doc line.
 * lgs_config_set(), lgs_log_config_set(), their getters, lgs_config_dump(),
 * the configuration sources and the documentation check all go through it,
 * so they cannot disagree about which keys exist or how a value is read.
 *
 * Values stay with their owners (config.c, log_config.c). Numbers and
 * durations are read here, by one parser, for every key. Adding a key means
 * adding one row below.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "engine_internal.h"
#include "log_sink.h"
#include "settings.h"
#include "suggest.h"
#include "why.h"

#define MAX_ATTEMPTS 20u
#define MAX_DELAY_MS 600000u
#define HOUR_MS 3600000u
#define U32_MAX 0xFFFFFFFFu

/* ---- setters and getters ---- */

/* The offset in lgs__config of a row's value, for class cls on '*' rows. */
static size_t engine_offset(const lgs__setting *row, int cls)
{
    if (cls < 0)
        return row->field;
    return offsetof(lgs__config, policy) + (size_t)cls * sizeof(lgs__class_policy) + row->field;
}

static const char *out_of_range(const lgs__setting *row, uint64_t v, char *reason, size_t size)
{
    if (v >= row->min && v <= row->max)
        return NULL;
    snprintf(reason, size, "out of range: must be between %lu and %lu", (unsigned long)row->min,
             (unsigned long)row->max);
    return reason;
}

static const char *engine_set(const lgs__setting *row, int cls, const char *text, uint32_t v,
                              char *reason, size_t size)
{
    (void)text;
    size_t offset = engine_offset(row, cls);
    const char *why = lgs__config_refuse(offset, v);
    if (why == NULL)
        why = out_of_range(row, v, reason, size);
    if (why == NULL)
        lgs__config_store(offset, v);
    return why;
}

static void engine_get(const lgs__setting *row, int cls, char *buf, size_t size)
{
    snprintf(buf, size, "%lu", (unsigned long)lgs__config_read(engine_offset(row, cls)));
}

static const char *log_set(const lgs__setting *row, int cls, const char *text, uint32_t v,
                           char *reason, size_t size)
{
    (void)cls;
    const char *why = row->unit == LGS__UNIT_TEXT ? NULL : out_of_range(row, v, reason, size);
    if (why == NULL)
        why = lgs__log_set((lgs__log_field)row->field, text, v, reason, size);
    return why;
}

static void log_get(const lgs__setting *row, int cls, char *buf, size_t size)
{
    (void)cls;
    lgs__log_get((lgs__log_field)row->field, buf, size);
}

/* log.storm: LIMIT/INTERVAL, or off. Both halves are read before either
 * is applied, so a bad half changes nothing. */
static const char *storm_set(const lgs__setting *row, int cls, const char *text, uint32_t v,
                             char *reason, size_t size)
{
    (void)row, (void)cls, (void)v;
    if (lgs__ascii_casecmp(text, "off") == 0)
        return lgs__log_set(LGS__LOG_STORM_LIMIT, text, 0, reason, size);
    const char *slash = strchr(text, '/');
    if (slash == NULL)
        return "use LIMIT/INTERVAL (for example 10/1min) or off";
    char limit_text[32];
    uint64_t limit, interval;
    if ((size_t)(slash - text) >= sizeof limit_text)
        return "number too large";
    memcpy(limit_text, text, (size_t)(slash - text));
    limit_text[slash - text] = '\0';
    const char *why = lgs__settings_parse(limit_text, LGS__UNIT_COUNT, &limit);
    if (why == NULL)
        why = lgs__settings_parse(slash + 1, LGS__UNIT_MS, &interval);
    if (why == NULL && (limit > U32_MAX || interval > U32_MAX))
        why = "number too large";
    if (why == NULL && interval == 0)
        why = "the interval must be at least 1 ms";
    if (why == NULL)
        why = lgs__log_set(LGS__LOG_STORM_LIMIT, text, (uint32_t)limit, reason, size);
    if (why == NULL)
        why = lgs__log_set(LGS__LOG_STORM_INTERVAL, text, (uint32_t)interval, reason, size);
    return why;
}

/* An engine value that is on or off, stored as 1 or 0. The numbers are
 * taken too: a registry source hands a REG_DWORD over as its number. */
static const char *onoff_set(const lgs__setting *row, int cls, const char *text, uint32_t v,
                             char *reason, size_t size)
{
    (void)v, (void)reason, (void)size;
    if (lgs__ascii_casecmp(text, "on") == 0 || strcmp(text, "1") == 0)
        v = 1;
    else if (lgs__ascii_casecmp(text, "off") == 0 || strcmp(text, "0") == 0)
        v = 0;
    else
        return "use on or off";
    lgs__config_store(engine_offset(row, cls), v);
    return NULL;
}

static void onoff_get(const lgs__setting *row, int cls, char *buf, size_t size)
{
    snprintf(buf, size, "%s", lgs__config_read(engine_offset(row, cls)) ? "on" : "off");
}

/* hook.exclude: module names, kept as written (the hooks read them). */
static const char *exclude_set(const lgs__setting *row, int cls, const char *text, uint32_t v,
                               char *reason, size_t size)
{
    (void)row, (void)cls, (void)v, (void)reason, (void)size;
    return lgs__config_exclude_set(text);
}

static void exclude_get(const lgs__setting *row, int cls, char *buf, size_t size)
{
    (void)row, (void)cls;
    lgs__config_exclude_get(buf, size);
}

/* ---- the table ---- */

#define ENGINE(name, f, unit, min, max, doc) \
    {name, unit, min, max, offsetof(lgs__config, f), engine_set, engine_get, doc}
#define RETRY(name, f, unit, min, max, doc) \
    {name, unit, min, max, offsetof(lgs__class_policy, f), engine_set, engine_get, doc}
#define LOG(name, f, unit, min, max, doc) {name, unit, min, max, f, log_set, log_get, doc}
#define LOG_ALIAS(name, f, unit, min, max) {name, unit, min, max, f, log_set, NULL, NULL}

static const lgs__setting table[] = {
    ENGINE("deadline_ms", deadline_ms, LGS__UNIT_MS, 1, HOUR_MS,
           "one absolute deadline per call, waits included"),
    ENGINE("budget.percent", budget_percent, LGS__UNIT_PERCENT, 0, 100,
           "retries allowed as a share of calls in the window"),
    ENGINE("budget.window_ms", budget_window_ms, LGS__UNIT_MS, 100, HOUR_MS,
           "the retry budget's window"),
    ENGINE("budget.floor", budget_floor, LGS__UNIT_COUNT, 0, 1000000,
           "retries allowed in a window whatever the share"),
    ENGINE("breaker.threshold", breaker_threshold, LGS__UNIT_COUNT, 0, 1000,
           "consecutive transient failures that open the breaker (0: off)"),
    ENGINE("breaker.break_min_ms", breaker_break_min_ms, LGS__UNIT_MS, 1, HOUR_MS,
           "the shortest wait between probes while open"),
    ENGINE("breaker.break_max_ms", breaker_break_max_ms, LGS__UNIT_MS, 1, HOUR_MS,
           "the longest wait between probes while open"),
    {"breaker.wait", LGS__UNIT_TEXT, 0, 0, offsetof(lgs__config, breaker_wait), onoff_set, onoff_get,
     "while open, calls wait for the next probe (on) or fail fast (off)"},
    ENGINE("breaker.probe_lease_ms", breaker_lease_ms, LGS__UNIT_MS, 1, HOUR_MS,
           "how long a probe holds the breaker before another may go"),
    ENGINE("breaker.release_ms", breaker_release_ms, LGS__UNIT_MS, 0, 60000,
           "the window calls that waited are released over after a probe succeeds"),
    ENGINE("lockout.threshold", lockout_threshold, LGS__UNIT_COUNT, 0, LGS__LOCKOUT_MAX_THRESHOLD,
           "credential failures per account in the window before failing fast (0: off)"),
    ENGINE("lockout.window_ms", lockout_window_ms, LGS__UNIT_MS, 1000, 86400000,
           "the lockout guard's window"),
    {"hook.exclude", LGS__UNIT_TEXT, 0, 0, 0, exclude_set, exclude_get,
     "modules the in-process hooks never patch: file names, separated by commas"},
    RETRY("retry.*.attempts", attempts, LGS__UNIT_COUNT, 1, MAX_ATTEMPTS,
          "attempts in total while the last code is of this class"),
    RETRY("retry.*.base_ms", base_ms, LGS__UNIT_MS, 0, MAX_DELAY_MS, "the backoff's base"),
    RETRY("retry.*.cap_ms", cap_ms, LGS__UNIT_MS, 0, MAX_DELAY_MS, "the backoff's cap"),
    LOG("log.sinks", LGS__LOG_SINKS, LGS__UNIT_TEXT, 0, 0,
        "where records go: stderr, jsonl, eventlog, debugger or none"),
    LOG("log.level", LGS__LOG_LEVEL, LGS__UNIT_TEXT, 0, 0, "records below it go nowhere"),
    LOG("log.storm.limit", LGS__LOG_STORM_LIMIT, LGS__UNIT_COUNT, 0, U32_MAX,
        "identical records per interval before they are summarised (0: off)"),
    LOG("log.storm.interval_ms", LGS__LOG_STORM_INTERVAL, LGS__UNIT_MS, 1, U32_MAX,
        "storm control's interval"),
    LOG("log.records", LGS__LOG_RECORDS, LGS__UNIT_TEXT, 0, 0,
        "which call records are written: outcomes, attempts or all"),
    LOG("log.redact", LGS__LOG_REDACT, LGS__UNIT_TEXT, 0, 0,
        "how account names are written: plain, hash or omit"),
    LOG("log.redact.key", LGS__LOG_REDACT_KEY, LGS__UNIT_TEXT, 0, 0,
        "the redaction hash's key (16+ characters, never shown); empty: a random key per process"),
    LOG("log.eventlog.source", LGS__LOG_SOURCE, LGS__UNIT_TEXT, 0, 0,
        "the Event Log source name"),
    LOG("log.jsonl.path", LGS__LOG_JSONL_PATH, LGS__UNIT_TEXT, 0, 0,
        "the JSON lines file"),
    /* Second names, set only. */
    LOG_ALIAS("log.storm.interval", LGS__LOG_STORM_INTERVAL, LGS__UNIT_MS, 1, U32_MAX),
    LOG_ALIAS("log.source", LGS__LOG_SOURCE, LGS__UNIT_TEXT, 0, 0),
    {"log.storm", LGS__UNIT_TEXT, 0, 0, 0, storm_set, NULL, NULL},
};
#define TABLE_SIZE (sizeof table / sizeof table[0])

/* ---- lookup and enumeration ---- */

int lgs__is_log_key(const char *key)
{
    return lgs__ascii_casecmp_n(key, "log.", 4) == 0;
}

/* Classes that can fail: every class but ok and continue. */
static int retry_class(int cls)
{
    return cls > LGS_CLASS_CONTINUE && cls < LGS_CLASS_COUNT_;
}

static void make_key(lgs__key *k, const lgs__setting *row, int cls)
{
    k->row = row;
    k->cls = cls;
    const char *star = strchr(row->name, '*');
    if (star == NULL)
        snprintf(k->name, sizeof k->name, "%s", row->name);
    else
        snprintf(k->name, sizeof k->name, "%.*s%s%s", (int)(star - row->name), row->name,
                 lgs_class_name((lgs_class)cls), star + 1);
}

void lgs__settings_each(int (*fn)(void *ctx, const lgs__key *key), void *ctx)
{
    lgs__key k;
    for (size_t i = 0; i < TABLE_SIZE; i++) {
        if (table[i].get == NULL)
            continue;
        if (strchr(table[i].name, '*') == NULL) {
            make_key(&k, &table[i], -1);
            if (fn(ctx, &k))
                return;
            continue;
        }
        /* Consecutive per-class rows are listed class by class. */
        size_t end = i;
        while (end < TABLE_SIZE && strchr(table[end].name, '*') != NULL)
            end++;
        for (int cls = 0; cls < LGS_CLASS_COUNT_; cls++) {
            for (size_t j = i; retry_class(cls) && j < end; j++) {
                make_key(&k, &table[j], cls);
                if (fn(ctx, &k))
                    return;
            }
        }
        i = end - 1;
    }
}

/* Matches name against a row's name, '*' standing for a class that can
 * fail; the class in *cls (-1 without a '*'). */
static int matches(const lgs__setting *row, const char *name, int *cls)
{
    const char *star = strchr(row->name, '*');
    if (star == NULL) {
        *cls = -1;
        return lgs__ascii_casecmp(row->name, name) == 0;
    }
    size_t head = (size_t)(star - row->name), tail = strlen(star + 1), n = strlen(name);
    char middle[32];
    if (n <= head + tail || n - head - tail >= sizeof middle ||
        lgs__ascii_casecmp_n(name, row->name, head) != 0 ||
        lgs__ascii_casecmp(name + n - tail, star + 1) != 0)
        return 0;
    for (size_t i = 0; i < n - head - tail; i++) {
        char c = name[head + i];
        middle[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    middle[n - head - tail] = '\0';
    lgs_class found;
    if (lgs_class_from_name(middle, &found) != LGS_OK || !retry_class((int)found))
        return 0;
    *cls = (int)found;
    return 1;
}

int lgs__settings_find(const char *name, lgs__key *out)
{
    for (size_t i = 0; i < TABLE_SIZE; i++) {
        int cls;
        if (matches(&table[i], name, &cls)) {
            make_key(out, &table[i], cls);
            return 1;
        }
    }
    return 0;
}

/* The key as the scope reads it: lgs_log_config_set() takes "level" for
 * "log.level". 0 when the scope does not take it. */
static int find_in_scope(const char *key, int scope, lgs__key *out)
{
    char full[96];
    if (scope == LGS__SET_LOG_ONLY && !lgs__is_log_key(key)) {
        if (strlen(key) + 5 > sizeof full)
            return 0;
        snprintf(full, sizeof full, "log.%s", key);
        key = full;
    }
    if (!lgs__settings_find(key, out))
        return 0;
    return scope != LGS__SET_LOG_ONLY || lgs__is_log_key(out->name);
}

/* ---- the parser ---- */

const char *lgs__settings_parse(const char *text, lgs__unit unit, uint64_t *out)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p < '0' || *p > '9')
        return *p == '-' ? "must not be negative" : "not a whole number";
    uint64_t v = 0;
    while (*p >= '0' && *p <= '9') {
        v = v * 10u + (uint64_t)(*p - '0');
        if (v > 0xFFFFFFFFull * 60000u)
            return "number too large";
        p++;
    }
    const char *suffix = p;
    while (*p != '\0' && *p != ' ' && *p != '\t')
        p++;
    size_t len = (size_t)(p - suffix);
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '\0')
        return "unexpected text after the number";
    /* The suffixes a value may carry, by unit; a bare number is always
     * taken as it is. */
    static const struct {
        lgs__unit unit;
        const char *suffix;
        uint64_t scale;
    } suffixes[] = {
        {LGS__UNIT_MS, "ms", 1},
        {LGS__UNIT_MS, "s", 1000},
        {LGS__UNIT_MS, "min", 60000},
        {LGS__UNIT_PERCENT, "%", 1},
    };
    uint64_t scale = len == 0 ? 1 : 0;
    for (size_t i = 0; scale == 0 && i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (suffixes[i].unit == unit && strlen(suffixes[i].suffix) == len &&
            lgs__ascii_casecmp_n(suffix, suffixes[i].suffix, len) == 0)
            scale = suffixes[i].scale;
    if (scale == 0)
        return unit == LGS__UNIT_MS ? "unknown unit (use ms, s or min)" : "not a whole number";
    *out = v * scale;
    return NULL;
}

/* ---- set, get, dump ---- */

/* The search for the key nearest to a misspelt one. */
typedef struct near_key {
    lgs__nearest near;
    int log_only; /* offer log keys only, without their "log." */
} near_key;

static int offer_key(void *ctx, const lgs__key *k)
{
    near_key *nk = ctx;
    if (!nk->log_only)
        lgs__nearest_offer(&nk->near, k->name);
    else if (lgs__is_log_key(k->name))
        lgs__nearest_offer(&nk->near, k->name + 4);
    return 0;
}

int lgs__settings_set(const char *key, const char *value, int scope, char *reason, size_t size)
{
    lgs__key k;
    if (!find_in_scope(key, scope, &k)) {
        /* A typo is answered with the key meant: "did you mean ...?". */
        near_key nk = {.log_only = scope == LGS__SET_LOG_ONLY && !lgs__is_log_key(key)};
        char hint[LGS__NEAREST_MAX + 32];
        lgs__nearest_init(&nk.near, key);
        lgs__settings_each(offer_key, &nk);
        lgs__nearest_hint(&nk.near, hint, sizeof hint);
        snprintf(reason, size, "%s%s (see %s)",
                 scope == LGS__SET_LOG_ONLY || lgs__is_log_key(key) ? "unknown log setting" : "unknown key",
                 hint, scope == LGS__SET_LOG_ONLY || lgs__is_log_key(key) ? "docs/logging.md"
                                                                           : "docs/configuration.md");
        return LGS_ENOTFOUND;
    }
    char text[LGS__PATH_MAX + 64];
    if (!lgs__trimmed(value, strlen(value), text, sizeof text)) {
        snprintf(reason, size, "the value is too long");
        return LGS_EINVAL;
    }
    uint64_t v = 0;
    const char *why = NULL;
    if (k.row->unit != LGS__UNIT_TEXT)
        why = lgs__settings_parse(text, k.row->unit, &v);
    if (why == NULL && v > U32_MAX)
        why = out_of_range(k.row, v, reason, size);
    if (why == NULL)
        why = k.row->set(k.row, k.cls, text, (uint32_t)v, reason, size);
    if (why == NULL)
        return LGS_OK;
    if (why != reason)
        snprintf(reason, size, "%s", why);
    return LGS_EINVAL;
}

int lgs__settings_set_why(const char *key, const char *value, int scope, char *why,
                          size_t why_size)
{
    if (key == NULL || value == NULL) {
        if (scope == LGS__SET_LOG_ONLY)
            lgs__say(why, why_size, "log setting", NULL, "key and value must not be NULL");
        else
            lgs__say(why, why_size, key, NULL, "key and value must not be NULL");
        return LGS_EINVAL;
    }
    char reason[300];
    int rc = lgs__settings_set(key, value, scope, reason, sizeof reason);
    if (rc == LGS_OK) {
        if (why != NULL && why_size > 0)
            why[0] = '\0';
    } else if (rc == LGS_ENOTFOUND && (scope == LGS__SET_LOG_ONLY || lgs__is_log_key(key))) {
        lgs__say(why, why_size, key, NULL, reason);
    } else {
        lgs__say(why, why_size, key, strcmp(reason, "the value is too long") == 0 ? "..." : value,
                 reason);
    }
    return rc;
}

int lgs__settings_get(const char *key, int scope, char *buf, size_t size)
{
    if (key == NULL || buf == NULL || size == 0)
        return LGS_EINVAL;
    lgs__key k;
    if (!find_in_scope(key, scope, &k) || k.row->get == NULL) {
        buf[0] = '\0';
        return LGS_ENOTFOUND;
    }
    k.row->get(k.row, k.cls, buf, size);
    return LGS_OK;
}

typedef struct dump_ctx {
    char *buf;
    size_t size, len;
} dump_ctx;

/* Appends one line, snprintf-style: len counts what the full text needs. */
static int dump_one(void *ctx, const lgs__key *k)
{
    dump_ctx *d = ctx;
    char value[LGS__PATH_MAX + 8], line[LGS__PATH_MAX + 96];
    k->row->get(k->row, k->cls, value, sizeof value);
    int n = snprintf(line, sizeof line, "%s = %s\n", k->name, value);
    if (n <= 0)
        return 0;
    if (d->len < d->size)
        snprintf(d->buf + d->len, d->size - d->len, "%s", line);
    d->len += (size_t)n;
    return 0;
}

size_t lgs__settings_dump(char *buf, size_t size)
{
    dump_ctx d = {buf, size, 0};
    if (buf != NULL && size > 0)
        buf[0] = '\0';
    else
        d.size = 0;
    lgs__settings_each(dump_one, &d);
    return d.len;
}
