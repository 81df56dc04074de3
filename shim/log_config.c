/* log_config.c — the log settings' values: the compiled defaults, the live
 * copy the dispatcher reads, and applying one value (settings_values.h).
 *
 * A value that needs a resource (the JSON lines file, the Event Log source)
 * is applied only once the resource is open, so a refused value leaves the
 * previous one in force and the other sinks keep working. Which keys exist
 * and how their text is parsed is the settings module's (settings.c);
 * LOGONSHIM_LOG's syntax is log_spec.c's. docs/logging.md documents both.
 */
#include <stdio.h>
#include <string.h>

#include "log_sink.h"
#include "settings_values.h"
#include "spinlock.h"
#include "suggest.h"
#include "why.h"

static lgs__spinlock settings_lock = LGS__SPINLOCK_INIT; /* guards `live` */
static lgs__spinlock apply_lock = LGS__SPINLOCK_INIT;    /* one change at a time */
static lgs__log_settings live;
static int live_ready; /* guarded by settings_lock */

static const char *const redact_names[] = {"plain", "hash", "omit"};
static const char *const records_names[] = {"outcomes", "attempts", "all"};
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

/* The defaults hold before anything is set, so a record made before the
 * first use (lgs__init) still goes where the defaults say. Called with
 * settings_lock held. */
static void ensure_ready(void)
{
    if (!live_ready) {
        set_defaults(&live);
        live_ready = 1;
    }
}

void lgs__log_settings_fast(lgs__log_settings *out)
{
    lgs__spin_lock(&settings_lock);
    ensure_ready();
    out->sinks = live.sinks;
    out->level = live.level;
    out->storm_limit = live.storm_limit;
    out->storm_interval_ms = live.storm_interval_ms;
    out->redact = live.redact;
    out->records = live.records;
    lgs__spin_unlock(&settings_lock);
}

static void read_all(lgs__log_settings *out)
{
    lgs__spin_lock(&settings_lock);
    ensure_ready();
    *out = live;
    lgs__spin_unlock(&settings_lock);
}

static void write_all(const lgs__log_settings *in)
{
    lgs__spin_lock(&settings_lock);
    live = *in;
    live_ready = 1;
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

static int find_name(const char *(*name)(int i), int count, const char *v)
{
    for (int i = 0; i < count; i++) {
        if (lgs__ascii_casecmp(name(i), v) == 0)
            return i;
    }
    return -1;
}

static const char *severity_name(int i)
{
    return lgs_severity_name((lgs_severity)i);
}

static const char *redact_name(int i)
{
    return redact_names[i];
}

static const char *records_name(int i)
{
    return records_names[i];
}

/* One of three names (redact, records): NULL with its index in *out, or why
 * in reason ("unknown WHAT; did you mean ...? (use USE)"). */
static const char *choose(const char *(*name)(int i), const char *value, int *out,
                          const char *what, const char *use, char *reason, size_t size)
{
    int i = find_name(name, 3, value);
    if (i >= 0) {
        *out = i;
        return NULL;
    }
    lgs__nearest near;
    char hint[LGS__NEAREST_MAX + 32];
    lgs__nearest_init(&near, value);
    for (int m = 0; m < 3; m++)
        lgs__nearest_offer(&near, name(m));
    snprintf(reason, size, "unknown %s%s (use %s)", what, lgs__nearest_hint(&near, hint, sizeof hint), use);
    return reason;
}

void lgs__log_sink_offer(struct lgs__nearest *near)
{
    for (size_t i = 0; i < SINK_COUNT; i++)
        lgs__nearest_offer(near, sink_names[i].name);
    lgs__nearest_offer(near, "none");
}

const char *lgs__log_parse_sinks(const char *v, unsigned *mask, char *path, size_t path_size,
                                 char *source, size_t source_size)
{
    *mask = 0;
    while (*v != '\0') {
        const char *end = strchr(v, ',');
        size_t n = end != NULL ? (size_t)(end - v) : strlen(v);
        char item[LGS__PATH_MAX + 16];
        if (!lgs__trimmed(v, n, item, sizeof item))
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
                    if (!copy_str(path, path_size, colon + 1))
                        return "the path is too long";
                } else if (sink_names[i].bit == LGS__SINK_EVENTLOG) {
                    if (!copy_str(source, source_size, colon + 1))
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

void lgs__log_sinks_list(unsigned mask, char *buf, size_t size)
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

const char *lgs__log_set(lgs__log_field f, const char *value, uint32_t number, char *reason,
                         size_t size)
{
    lgs__spin_lock(&apply_lock);
    lgs__log_settings cur, next;
    read_all(&cur);
    next = cur;
    const char *why = NULL;
    int i = 0;
    switch (f) {
    case LGS__LOG_SINKS:
        why = lgs__log_parse_sinks(value, &next.sinks, next.jsonl_path, sizeof next.jsonl_path,
                                   next.source, sizeof next.source);
        break;
    case LGS__LOG_LEVEL:
        i = find_name(severity_name, LGS_SEVERITY_COUNT_, value);
        if (i < 0 && lgs__ascii_casecmp(value, "warn") == 0)
            i = LGS_SEVERITY_WARNING;
        if (i < 0) {
            lgs__nearest near;
            char hint[LGS__NEAREST_MAX + 32];
            lgs__nearest_init(&near, value);
            for (int s = 0; s < LGS_SEVERITY_COUNT_; s++)
                lgs__nearest_offer(&near, severity_name(s));
            snprintf(reason, size, "unknown level%s (use debug, info, warning, error or critical)",
                     lgs__nearest_hint(&near, hint, sizeof hint));
            why = reason;
        } else
            next.level = (lgs_severity)i;
        break;
    case LGS__LOG_STORM_LIMIT:
        next.storm_limit = number;
        break;
    case LGS__LOG_STORM_INTERVAL:
        next.storm_interval_ms = number;
        break;
    case LGS__LOG_REDACT:
        why = choose(redact_name, value, &i, "mode", "plain, hash or omit", reason, size);
        next.redact = why == NULL ? (lgs__redact)i : next.redact;
        break;
    case LGS__LOG_RECORDS:
        why = choose(records_name, value, &i, "choice", "outcomes, attempts or all", reason, size);
        next.records = why == NULL ? (lgs__records)i : next.records;
        break;
    case LGS__LOG_SOURCE:
        if (value[0] == '\0' || !copy_str(next.source, sizeof next.source, value))
            why = "must be 1 to 127 characters";
        break;
    case LGS__LOG_JSONL_PATH:
        if (!copy_str(next.jsonl_path, sizeof next.jsonl_path, value))
            why = "the path is too long";
        break;
    case LGS__LOG_REDACT_KEY:
        /* Not one of the settings read_all() copies: the key lives in
         * redact.c alone, so no copy of it is left here. */
        lgs__spin_unlock(&apply_lock);
        return lgs__redact_set_key_text(value);
    }
    if (why == NULL)
        why = open_resources(&cur, &next, reason, size);
    if (why == NULL) {
        write_all(&next);
        if ((cur.sinks & LGS__SINK_EVENTLOG) && !(next.sinks & LGS__SINK_EVENTLOG))
            lgs__eventlog_close();
        if (!(next.sinks & LGS__SINK_JSONL) && next.jsonl_path[0] == '\0')
            lgs__jsonl_close();
    }
    lgs__spin_unlock(&apply_lock);
    return why;
}

void lgs__log_get(lgs__log_field f, char *buf, size_t size)
{
    lgs__log_settings s;
    read_all(&s);
    switch (f) {
    case LGS__LOG_SINKS:
        lgs__log_sinks_list(s.sinks, buf, size);
        break;
    case LGS__LOG_LEVEL:
        snprintf(buf, size, "%s", lgs_severity_name(s.level));
        break;
    case LGS__LOG_STORM_LIMIT:
        snprintf(buf, size, "%lu", (unsigned long)s.storm_limit);
        break;
    case LGS__LOG_STORM_INTERVAL:
        snprintf(buf, size, "%lu", (unsigned long)s.storm_interval_ms);
        break;
    case LGS__LOG_REDACT:
        snprintf(buf, size, "%s", redact_names[s.redact]);
        break;
    case LGS__LOG_RECORDS:
        snprintf(buf, size, "%s", records_names[s.records]);
        break;
    case LGS__LOG_SOURCE:
        snprintf(buf, size, "%s", s.source);
        break;
    case LGS__LOG_JSONL_PATH:
        snprintf(buf, size, "%s", s.jsonl_path);
        break;
    case LGS__LOG_REDACT_KEY:
        snprintf(buf, size, "%s", lgs__redact_key_configured() ? LGS__REDACT_KEY_SHOWN : "");
        break;
    }
}

void lgs__log_sinks_settle(unsigned mask)
{
    lgs__spin_lock(&apply_lock);
    lgs__log_settings cur;
    read_all(&cur);
    cur.sinks = mask;
    write_all(&cur);
    if (!(mask & LGS__SINK_EVENTLOG))
        lgs__eventlog_close();
    lgs__spin_unlock(&apply_lock);
}

void lgs__log_defaults(void)
{
    lgs__spin_lock(&apply_lock);
    lgs__log_settings s;
    set_defaults(&s);
    write_all(&s);
    lgs__jsonl_close();
    lgs__eventlog_close();
    lgs__spin_unlock(&apply_lock);
}
