/* log_config.c — the log settings: compiled defaults, LOGONSHIM_LOG (read
 * once, on first use), lgs_log_config_set() and lgs_log_configure().
 *
 * A setting that needs a resource (the JSON lines file, the Event Log
 * source) is applied only once the resource is open, so a refused value
 * leaves the previous one in force and the other sinks keep working. Bad
 * items of LOGONSHIM_LOG become "setting" records, reported after the whole
 * specification is applied so that they reach every sink it turns on.
 * docs/logging.md documents every key and the syntax.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_sources.h"
#include "engine_internal.h"
#include "log_internal.h"
#include "log_sink.h"
#include "spinlock.h"

static lgs__spinlock settings_lock = LGS__SPINLOCK_INIT; /* guards `live` */
static lgs__spinlock apply_lock = LGS__SPINLOCK_INIT;    /* one change at a time */
static lgs__log_settings live;

static atomic_int init_state; /* 0 not started, 1 running, 2 done */
static _Thread_local int initialising;

static const char *const level_names[] = {"debug", "info", "warning", "error", "critical"};
static const char *const redact_names[] = {"plain", "hash", "omit"};
static const struct {
    const char *name;
    unsigned bit;
} sink_names[] = {
    {"stderr", LGS__SINK_STDERR},
    {"jsonl", LGS__SINK_JSONL},
    {"eventlog", LGS__SINK_EVENTLOG},
    {"debugger", LGS__SINK_DEBUGGER},
};
#define SINK_COUNT (sizeof sink_names / sizeof sink_names[0])

static void set_defaults(lgs__log_settings *s)
{
    memset(s, 0, sizeof *s);
    s->sinks = LGS__SINK_STDERR;
    s->level = LGS_SEVERITY_WARNING;
    s->storm_limit = 10;
    s->storm_interval_ms = 60000;
    s->redact = LGS__REDACT_HASH;
    snprintf(s->source, sizeof s->source, "logonshim");
}

void lgs__log_settings_fast(lgs__log_settings *out)
{
    lgs__spin_lock(&settings_lock);
    out->sinks = live.sinks;
    out->level = live.level;
    out->storm_limit = live.storm_limit;
    out->storm_interval_ms = live.storm_interval_ms;
    out->redact = live.redact;
    lgs__spin_unlock(&settings_lock);
}

static void read_all(lgs__log_settings *out)
{
    lgs__spin_lock(&settings_lock);
    *out = live;
    lgs__spin_unlock(&settings_lock);
}

static void write_all(const lgs__log_settings *in)
{
    lgs__spin_lock(&settings_lock);
    live = *in;
    lgs__spin_unlock(&settings_lock);
}

/* Copies src into dst, cut to fit; 0 when it had to be cut. */
static int copy_str(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    int fits = n < size;
    if (!fits)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return fits;
}

static void say(char *why, size_t why_size, const char *key, const char *value, const char *reason)
{
    if (why != NULL && why_size > 0)
        snprintf(why, why_size, "%s = \"%s\": %s", key, value, reason);
}

/* Copies text without surrounding blanks into buf; 0 when it does not fit. */
static int trimmed(const char *text, size_t n, char *buf, size_t size)
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

static int find_name(const char *const *names, size_t count, const char *v)
{
    for (size_t i = 0; i < count; i++) {
        if (lgs__ascii_casecmp(names[i], v) == 0)
            return (int)i;
    }
    return -1;
}

/* A whole number with an optional unit: "ms", "s" or "min" when ms is set. */
static const char *parse_number(const char *v, int ms, uint32_t *out)
{
    uint64_t n = 0;
    const char *p = v;
    if (*p < '0' || *p > '9')
        return *p == '-' ? "must not be negative" : "not a whole number";
    while (*p >= '0' && *p <= '9') {
        n = n * 10u + (uint64_t)(*p++ - '0');
        if (n > 0xFFFFFFFFull)
            return "number too large";
    }
    uint64_t scale = 1;
    if (*p != '\0') {
        if (!ms)
            return "not a whole number";
        if (lgs__ascii_casecmp(p, "ms") == 0)
            scale = 1;
        else if (lgs__ascii_casecmp(p, "s") == 0)
            scale = 1000;
        else if (lgs__ascii_casecmp(p, "min") == 0)
            scale = 60000;
        else
            return "unknown unit (use ms, s or min)";
    }
    if (n * scale > 0xFFFFFFFFull)
        return "number too large";
    *out = (uint32_t)(n * scale);
    return NULL;
}

/* Parses a sink list into *mask; "jsonl:PATH" and "eventlog:SOURCE" also
 * set the path or source in *s. Returns NULL or the reason. */
static const char *parse_sinks(const char *v, unsigned *mask, lgs__log_settings *s)
{
    *mask = 0;
    while (*v != '\0') {
        const char *end = strchr(v, ',');
        size_t n = end != NULL ? (size_t)(end - v) : strlen(v);
        char item[LGS__PATH_MAX + 16];
        if (!trimmed(v, n, item, sizeof item))
            return "an item is too long";
        char *colon = strchr(item, ':');
        if (colon != NULL)
            *colon = '\0';
        if (lgs__ascii_casecmp(item, "none") == 0 && colon == NULL) {
            /* nothing */
        } else if (item[0] != '\0') {
            size_t i = 0;
            while (i < SINK_COUNT && lgs__ascii_casecmp(item, sink_names[i].name) != 0)
                i++;
            if (i == SINK_COUNT)
                return "unknown sink (use stderr, jsonl, eventlog, debugger or none)";
            if (colon != NULL) {
                if (sink_names[i].bit == LGS__SINK_JSONL) {
                    if (!copy_str(s->jsonl_path, sizeof s->jsonl_path, colon + 1))
                        return "the path is too long";
                } else if (sink_names[i].bit == LGS__SINK_EVENTLOG) {
                    if (!copy_str(s->source, sizeof s->source, colon + 1))
                        return "the source name is too long";
                } else
                    return "only jsonl:PATH and eventlog:SOURCE take a value";
            }
            *mask |= sink_names[i].bit;
        }
        v += n;
        if (*v == ',')
            v++;
    }
    return NULL;
}

/* Writes the names of the sinks in mask, comma-separated, or "none". */
static void sinks_list(unsigned mask, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < SINK_COUNT; i++) {
        if (mask & sink_names[i].bit) {
            int n = snprintf(buf + len, size - len, "%s%s", len > 0 ? "," : "",
                             sink_names[i].name);
            if (n < 0 || (size_t)n >= size - len)
                break;
            len += (size_t)n;
        }
    }
    if (len == 0)
        snprintf(buf, size, "none");
}

/* Opens what `next` needs and `cur` does not have. Returns NULL, or the
 * reason (then nothing in `cur` changed). Called with apply_lock held. */
static const char *open_resources(const lgs__log_settings *cur, const lgs__log_settings *next,
                                  char *reason, size_t size)
{
    if ((next->sinks & LGS__SINK_EVENTLOG) &&
        (!(cur->sinks & LGS__SINK_EVENTLOG) || strcmp(cur->source, next->source) != 0)) {
        if (next->source[0] == '\0')
            return "the Event Log source name is empty";
        if (lgs__eventlog_source(next->source, reason, size) != LGS_OK)
            return reason;
    }
    if (strcmp(cur->jsonl_path, next->jsonl_path) != 0 ||
        ((next->sinks & LGS__SINK_JSONL) && !(cur->sinks & LGS__SINK_JSONL))) {
        if (next->jsonl_path[0] == '\0') {
            if (next->sinks & LGS__SINK_JSONL)
                return "the jsonl sink needs a path: log.jsonl.path or jsonl:PATH";
        } else if (lgs__jsonl_open(next->jsonl_path, reason, size) != LGS_OK) {
            return reason;
        }
    }
    return NULL;
}

/* The key without its optional "log." prefix. */
static const char *short_key(const char *key)
{
    if (strlen(key) > 4 && lgs__ascii_casecmp("log.", key) != 0) {
        char head[5];
        memcpy(head, key, 4);
        head[4] = '\0';
        if (lgs__ascii_casecmp(head, "log.") == 0)
            return key + 4;
    }
    return key;
}

/* Applies one key to a copy of the settings; with resources opened. */
static int set_locked(const char *key, const char *raw, char *why, size_t why_size)
{
    char value[LGS__PATH_MAX + 64];
    if (!trimmed(raw, strlen(raw), value, sizeof value)) {
        say(why, why_size, key, "...", "the value is too long");
        return LGS_EINVAL;
    }
    lgs__log_settings cur, next;
    read_all(&cur);
    next = cur;
    const char *k = short_key(key);
    const char *reason = NULL;
    char buf[256];
    if (lgs__ascii_casecmp(k, "sinks") == 0) {
        reason = parse_sinks(value, &next.sinks, &next);
    } else if (lgs__ascii_casecmp(k, "level") == 0) {
        int i = find_name(level_names, LGS_SEVERITY_COUNT_, value);
        if (i < 0 && lgs__ascii_casecmp(value, "warn") == 0)
            i = LGS_SEVERITY_WARNING;
        if (i < 0)
            reason = "unknown level (use debug, info, warning, error or critical)";
        else
            next.level = (lgs_severity)i;
    } else if (lgs__ascii_casecmp(k, "storm.limit") == 0) {
        reason = parse_number(value, 0, &next.storm_limit);
    } else if (lgs__ascii_casecmp(k, "storm.interval_ms") == 0 ||
               lgs__ascii_casecmp(k, "storm.interval") == 0) {
        reason = parse_number(value, 1, &next.storm_interval_ms);
        if (reason == NULL && next.storm_interval_ms == 0)
            reason = "must be at least 1 ms";
    } else if (lgs__ascii_casecmp(k, "storm") == 0) {
        /* LIMIT/INTERVAL, or off */
        char *slash = strchr(value, '/');
        if (lgs__ascii_casecmp(value, "off") == 0) {
            next.storm_limit = 0;
        } else if (slash == NULL) {
            reason = "use LIMIT/INTERVAL (for example 10/1min) or off";
        } else {
            *slash = '\0';
            reason = parse_number(value, 0, &next.storm_limit);
            if (reason == NULL)
                reason = parse_number(slash + 1, 1, &next.storm_interval_ms);
            if (reason == NULL && next.storm_interval_ms == 0)
                reason = "the interval must be at least 1 ms";
            *slash = '/';
        }
    } else if (lgs__ascii_casecmp(k, "redact") == 0) {
        int i = find_name(redact_names, 3, value);
        if (i < 0)
            reason = "unknown mode (use plain, hash or omit)";
        else
            next.redact = (lgs__redact)i;
    } else if (lgs__ascii_casecmp(k, "eventlog.source") == 0 ||
               lgs__ascii_casecmp(k, "source") == 0) {
        if (value[0] == '\0' || !copy_str(next.source, sizeof next.source, value))
            reason = "must be 1 to 127 characters";
    } else if (lgs__ascii_casecmp(k, "jsonl.path") == 0) {
        if (!copy_str(next.jsonl_path, sizeof next.jsonl_path, value))
            reason = "the path is too long";
    } else {
        if (why != NULL && why_size > 0)
            snprintf(why, why_size, "%s: unknown log setting (see docs/logging.md)", key);
        return LGS_ENOTFOUND;
    }
    if (reason == NULL)
        reason = open_resources(&cur, &next, buf, sizeof buf);
    if (reason != NULL) {
        say(why, why_size, key, value, reason);
        return LGS_EINVAL;
    }
    write_all(&next);
    if ((cur.sinks & LGS__SINK_EVENTLOG) && !(next.sinks & LGS__SINK_EVENTLOG))
        lgs__eventlog_close();
    if (!(next.sinks & LGS__SINK_JSONL) && next.jsonl_path[0] == '\0')
        lgs__jsonl_close();
    if (why != NULL && why_size > 0)
        why[0] = '\0';
    return LGS_OK;
}

int lgs_log_config_set(const char *key, const char *value, char *why, size_t why_size)
{
    if (key == NULL || value == NULL) {
        if (why != NULL && why_size > 0)
            snprintf(why, why_size, "log setting: key and value must not be NULL");
        return LGS_EINVAL;
    }
    lgs__log_init();
    lgs__spin_lock(&apply_lock);
    int rc = set_locked(key, value, why, why_size);
    lgs__spin_unlock(&apply_lock);
    return rc;
}

int lgs_log_config_get(const char *key, char *buf, size_t size)
{
    if (key == NULL || buf == NULL || size == 0)
        return LGS_EINVAL;
    lgs__log_init();
    lgs__log_settings s;
    read_all(&s);
    const char *k = short_key(key);
    if (lgs__ascii_casecmp(k, "sinks") == 0) {
        sinks_list(s.sinks, buf, size);
    } else if (lgs__ascii_casecmp(k, "level") == 0) {
        snprintf(buf, size, "%s", level_names[s.level]);
    } else if (lgs__ascii_casecmp(k, "storm.limit") == 0) {
        snprintf(buf, size, "%lu", (unsigned long)s.storm_limit);
    } else if (lgs__ascii_casecmp(k, "storm.interval_ms") == 0) {
        snprintf(buf, size, "%lu", (unsigned long)s.storm_interval_ms);
    } else if (lgs__ascii_casecmp(k, "redact") == 0) {
        snprintf(buf, size, "%s", redact_names[s.redact]);
    } else if (lgs__ascii_casecmp(k, "eventlog.source") == 0) {
        snprintf(buf, size, "%s", s.source);
    } else if (lgs__ascii_casecmp(k, "jsonl.path") == 0) {
        snprintf(buf, size, "%s", s.jsonl_path);
    } else {
        buf[0] = '\0';
        return LGS_ENOTFOUND;
    }
    return LGS_OK;
}

#define MAX_REPORTS 8

typedef struct bad_item {
    char setting[80];
    char value[160];
    char why[256];
} bad_item;

/* Applies a specification; bad items are stored in bad[] (up to max) and
 * counted. Called with apply_lock held. */
static int apply_spec(const char *spec, const char *origin, bad_item *bad, size_t max,
                      size_t *nbad)
{
    int failures = 0;
    unsigned sinks = 0;
    int any_sink = 0;
    const char *p = spec;
    while (*p != '\0') {
        const char *end = strchr(p, ',');
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        char item[LGS__PATH_MAX + 64];
        char why[256];
        int ok = 1;
        if (!trimmed(p, n, item, sizeof item)) {
            snprintf(why, sizeof why, "the item is too long");
            ok = 0;
            item[0] = '\0';
        } else if (item[0] == '\0') {
            /* empty item: ignored */
        } else if (strchr(item, '=') != NULL && strchr(item, ':') == NULL) {
            char *eq = strchr(item, '=');
            *eq = '\0';
            ok = set_locked(item, eq + 1, why, sizeof why) == LGS_OK;
            *eq = '=';
        } else {
            /* A sink: opened on its own, so one bad sink spares the others. */
            unsigned bit;
            lgs__log_settings scratch;
            read_all(&scratch);
            const char *reason = parse_sinks(item, &bit, &scratch);
            int has_value = strchr(item, ':') != NULL;
            any_sink = 1;
            if (reason != NULL) {
                snprintf(why, sizeof why, "%s", reason);
                ok = 0;
            } else if (has_value && bit == LGS__SINK_JSONL) {
                ok = set_locked("jsonl.path", scratch.jsonl_path, why, sizeof why) == LGS_OK;
            } else if (has_value && bit == LGS__SINK_EVENTLOG) {
                ok = set_locked("eventlog.source", scratch.source, why, sizeof why) == LGS_OK;
            }
            if (ok && bit != 0) {
                /* Turned on now so that it opens; the final list is set below. */
                char list[96];
                lgs__log_settings cur;
                read_all(&cur);
                sinks_list(cur.sinks | bit, list, sizeof list);
                ok = set_locked("sinks", list, why, sizeof why) == LGS_OK;
            }
            if (ok)
                sinks |= bit;
        }
        if (!ok) {
            if (*nbad < max) {
                snprintf(bad[*nbad].setting, sizeof bad[*nbad].setting, "%s item", origin);
                copy_str(bad[*nbad].value, sizeof bad[*nbad].value, item);
                snprintf(bad[*nbad].why, sizeof bad[*nbad].why, "%s", why);
                (*nbad)++;
            }
            failures++;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    if (any_sink) {
        lgs__log_settings cur;
        read_all(&cur);
        cur.sinks = sinks;
        write_all(&cur);
        if (!(sinks & LGS__SINK_EVENTLOG))
            lgs__eventlog_close();
    }
    return failures;
}

static int configure(const char *spec, const char *origin)
{
    bad_item bad[MAX_REPORTS];
    size_t nbad = 0;
    lgs__spin_lock(&apply_lock);
    int failures = apply_spec(spec, origin, bad, MAX_REPORTS, &nbad);
    lgs__spin_unlock(&apply_lock);
    for (size_t i = 0; i < nbad; i++)
        lgs__log_setting(bad[i].setting, bad[i].value, bad[i].why);
    return failures;
}

int lgs_log_configure(const char *spec)
{
    if (spec == NULL)
        return -1;
    lgs__log_init();
    return configure(spec, "lgs_log_configure");
}

int lgs__log_ready(void)
{
    return atomic_load_explicit(&init_state, memory_order_acquire) == 2;
}

void lgs__log_init(void)
{
    if (atomic_load_explicit(&init_state, memory_order_acquire) == 2 || initialising)
        return;
    int expected = 0;
    if (atomic_compare_exchange_strong(&init_state, &expected, 1)) {
        initialising = 1;
        lgs__log_settings s;
        set_defaults(&s);
        write_all(&s);
        /* The INI file, registry and per-key environment variables come
         * before LOGONSHIM_LOG (config_sources.h). */
        (void)lgs__config_sources_load();
        const char *env = getenv("LOGONSHIM_LOG");
        if (env != NULL && env[0] != '\0')
            (void)configure(env, "LOGONSHIM_LOG");
        initialising = 0;
        atomic_store_explicit(&init_state, 2, memory_order_release);
        return;
    }
    while (atomic_load_explicit(&init_state, memory_order_acquire) != 2)
        lgs__yield();
}

void lgs_log_reset(void)
{
    lgs__log_init();
    lgs__spin_lock(&apply_lock);
    lgs__log_settings s;
    set_defaults(&s);
    write_all(&s);
    lgs__jsonl_close();
    lgs__eventlog_close();
    lgs__spin_unlock(&apply_lock);
    lgs__storm_reset();
    lgs__log_drop_callback();
}
