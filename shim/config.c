/* config.c — the engine configuration: compiled defaults, lgs_config_set()
 * with validation, lgs_config_get() and the dump of the effective values.
 *
 * Keys are of two kinds: fixed keys (deadline, budget, breaker, lockout),
 * listed once in `scalar_keys`, and per-class retry keys
 * "retry.<class>.attempts|base_ms|cap_ms", generated from the class names for
 * every class except ok and continue, which are not failures. The live
 * configuration sits behind a spinlock; a call copies it once when it starts.
 * docs/configuration.md documents every key.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "catalogue_internal.h"
#include "engine_internal.h"
#include "hot.h"
#include "log_sink.h"
#include "logonshim/config.h"
#include "logonshim/log.h"
#include "spinlock.h"

typedef enum unit { UNIT_COUNT, UNIT_MS, UNIT_PERCENT } unit;

typedef struct scalar_key {
    const char *name;
    size_t offset; /* of a uint32_t in lgs__config */
    unit unit;
    uint32_t min, max;
} scalar_key;

#define CFG_FIELD(f) offsetof(lgs__config, f)
static const scalar_key scalar_keys[] = {
    {"deadline_ms", CFG_FIELD(deadline_ms), UNIT_MS, 1, 3600000},
    {"budget.percent", CFG_FIELD(budget_percent), UNIT_PERCENT, 0, 100},
    {"budget.window_ms", CFG_FIELD(budget_window_ms), UNIT_MS, 100, 3600000},
    {"budget.floor", CFG_FIELD(budget_floor), UNIT_COUNT, 0, 1000000},
    {"breaker.threshold", CFG_FIELD(breaker_threshold), UNIT_COUNT, 0, 1000},
    {"breaker.break_min_ms", CFG_FIELD(breaker_break_min_ms), UNIT_MS, 1, 3600000},
    {"breaker.break_max_ms", CFG_FIELD(breaker_break_max_ms), UNIT_MS, 1, 3600000},
    {"lockout.threshold", CFG_FIELD(lockout_threshold), UNIT_COUNT, 0, LGS__LOCKOUT_MAX_THRESHOLD},
    {"lockout.window_ms", CFG_FIELD(lockout_window_ms), UNIT_MS, 1000, 86400000},
};
#define SCALAR_COUNT (sizeof scalar_keys / sizeof scalar_keys[0])

typedef enum policy_field { PF_ATTEMPTS, PF_BASE, PF_CAP, PF_COUNT_ } policy_field;
static const char *const policy_field_names[PF_COUNT_] = {"attempts", "base_ms", "cap_ms"};
#define MAX_ATTEMPTS 20u
#define MAX_DELAY_MS 600000u

static lgs__spinlock config_lock = LGS__SPINLOCK_INIT;
static lgs__config live;
static int live_ready; /* guarded by config_lock */
/* Bumped after every change of `live`, so that a thread can keep a copy and
 * take a new one only when something changed (see engine.c). */
atomic_uint lgs__config_gen;

static void set_defaults(lgs__config *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < LGS_CLASS_COUNT_; i++)
        c->policy[i] = (lgs__class_policy){1, 100, 1000};
    c->policy[LGS_CLASS_TRANSIENT] = (lgs__class_policy){4, 200, 5000};
    c->policy[LGS_CLASS_RESOURCE] = (lgs__class_policy){3, 100, 2000};
    c->policy[LGS_CLASS_SESSION_COLLISION] = (lgs__class_policy){2, 10, 100};
    /* Re-establishing an expired context needs no wait. */
    c->policy[LGS_CLASS_CONTEXT_EXPIRED] = (lgs__class_policy){2, 0, 0};
    c->deadline_ms = 20000;
    c->budget_percent = 10;
    c->budget_window_ms = 10000;
    c->budget_floor = 10;
    c->breaker_threshold = 5;
    c->breaker_break_min_ms = 5000;
    c->breaker_break_max_ms = 60000;
    c->lockout_threshold = 3;
    c->lockout_window_ms = 15u * 60u * 1000u;
}

/* Called with config_lock held. */
static void ensure_ready(void)
{
    if (!live_ready) {
        set_defaults(&live);
        live_ready = 1;
    }
}

void lgs__config_snapshot(lgs__config *out)
{
    lgs__spin_lock(&config_lock);
    ensure_ready();
    *out = live;
    lgs__spin_unlock(&config_lock);
}

void lgs_config_reset(void)
{
    lgs__log_init(); /* the sources load once, at first use (config_sources.h) */
    lgs__spin_lock(&config_lock);
    set_defaults(&live);
    live_ready = 1;
    atomic_fetch_add_explicit(&lgs__config_gen, 1u, memory_order_release);
    lgs__fast_epoch_bump();
    lgs__spin_unlock(&config_lock);
}

static int lower(int ch)
{
    return (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch;
}

static int key_equals(const char *a, const char *b)
{
    while (*a != '\0' && lower((unsigned char)*a) == lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

/* A resolved key: where its value lives and how it is validated. */
typedef struct key_ref {
    size_t offset;
    unit unit;
    uint32_t min, max;
    lgs_class cls;   /* LGS_CLASS_COUNT_ for scalar keys */
    policy_field field;
} key_ref;

static int resolve_key(const char *key, key_ref *ref)
{
    for (size_t i = 0; i < SCALAR_COUNT; i++) {
        if (key_equals(key, scalar_keys[i].name)) {
            *ref = (key_ref){scalar_keys[i].offset, scalar_keys[i].unit, scalar_keys[i].min,
                             scalar_keys[i].max, LGS_CLASS_COUNT_, PF_COUNT_};
            return 1;
        }
    }
    char buf[64];
    size_t n = strlen(key);
    if (n >= sizeof buf || n < 7)
        return 0;
    for (size_t i = 0; i <= n; i++)
        buf[i] = (char)lower((unsigned char)key[i]);
    if (strncmp(buf, "retry.", 6) != 0)
        return 0;
    char *cls_name = buf + 6;
    char *dot = strchr(cls_name, '.');
    if (dot == NULL)
        return 0;
    *dot = '\0';
    lgs_class cls;
    if (lgs_class_from_name(cls_name, &cls) != LGS_OK || cls == LGS_CLASS_OK ||
        cls == LGS_CLASS_CONTINUE)
        return 0;
    for (int f = 0; f < PF_COUNT_; f++) {
        if (strcmp(dot + 1, policy_field_names[f]) == 0) {
            size_t off = offsetof(lgs__config, policy) + (size_t)cls * sizeof(lgs__class_policy);
            if (f == PF_ATTEMPTS) {
                *ref = (key_ref){off + offsetof(lgs__class_policy, attempts), UNIT_COUNT, 1,
                                 MAX_ATTEMPTS, cls, PF_ATTEMPTS};
            } else {
                off += f == PF_BASE ? offsetof(lgs__class_policy, base_ms)
                                    : offsetof(lgs__class_policy, cap_ms);
                *ref = (key_ref){off, UNIT_MS, 0, MAX_DELAY_MS, cls, (policy_field)f};
            }
            return 1;
        }
    }
    return 0;
}

static void say(char *why, size_t why_size, const char *key, const char *value, const char *reason)
{
    if (why == NULL || why_size == 0)
        return;
    if (value == NULL)
        snprintf(why, why_size, "%s: %s", key != NULL ? key : "(null key)", reason);
    else
        snprintf(why, why_size, "%s = \"%s\": %s", key, value, reason);
}

/* Parses a whole number with an optional unit suffix. Returns NULL on
 * success, or the reason the text is not acceptable. */
static const char *parse_number(const char *text, unit u, uint64_t *out)
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
    if (len == 0) {
        *out = v;
        return NULL;
    }
    if (u == UNIT_MS) {
        uint64_t scale = 0;
        if (len == 2 && lower(suffix[0]) == 'm' && lower(suffix[1]) == 's')
            scale = 1;
        else if (len == 1 && lower(suffix[0]) == 's')
            scale = 1000;
        else if (len == 3 && lower(suffix[0]) == 'm' && lower(suffix[1]) == 'i' &&
                 lower(suffix[2]) == 'n')
            scale = 60000;
        if (scale == 0)
            return "unknown unit (use ms, s or min)";
        *out = v * scale;
        return NULL;
    }
    if (u == UNIT_PERCENT && len == 1 && suffix[0] == '%') {
        *out = v;
        return NULL;
    }
    return "not a whole number";
}

/* "log.*" keys belong to the log layer (docs/logging.md). */
static int is_log_key(const char *key)
{
    return lower((unsigned char)key[0]) == 'l' && lower((unsigned char)key[1]) == 'o' &&
           lower((unsigned char)key[2]) == 'g' && key[3] == '.';
}

int lgs_config_set(const char *key, const char *value, char *why, size_t why_size)
{
    lgs__log_init(); /* the sources load once, at first use (config_sources.h) */
    if (key == NULL || value == NULL) {
        say(why, why_size, key, NULL, "key and value must not be NULL");
        return LGS_EINVAL;
    }
    /* One entry point for every key: the logs' keys go to their owner. */
    if (is_log_key(key))
        return lgs_log_config_set(key, value, why, why_size);
    key_ref ref;
    if (!resolve_key(key, &ref)) {
        say(why, why_size, key, value, "unknown key (see docs/configuration.md)");
        return LGS_ENOTFOUND;
    }
    uint64_t v;
    const char *reason = parse_number(value, ref.unit, &v);
    if (reason != NULL) {
        say(why, why_size, key, value, reason);
        return LGS_EINVAL;
    }
    if (ref.field == PF_ATTEMPTS && v > 1 && lgs__class_never_retried(ref.cls)) {
        say(why, why_size, key, value,
            "credentials and account failures are never retried: each retry is another bad "
            "logon counted against the account's lockout threshold; only 1 is accepted");
        return LGS_EINVAL;
    }
    if (v < ref.min || v > ref.max) {
        char range[80];
        snprintf(range, sizeof range, "out of range: must be between %lu and %lu",
                 (unsigned long)ref.min, (unsigned long)ref.max);
        say(why, why_size, key, value, range);
        return LGS_EINVAL;
    }
    lgs__spin_lock(&config_lock);
    ensure_ready();
    uint32_t v32 = (uint32_t)v;
    memcpy((char *)&live + ref.offset, &v32, sizeof v32);
    atomic_fetch_add_explicit(&lgs__config_gen, 1u, memory_order_release);
    lgs__fast_epoch_bump();
    lgs__spin_unlock(&config_lock);
    if (why != NULL && why_size > 0)
        why[0] = '\0';
    return LGS_OK;
}

static uint32_t read_field(const lgs__config *c, size_t offset)
{
    uint32_t v;
    memcpy(&v, (const char *)c + offset, sizeof v);
    return v;
}

int lgs_config_get(const char *key, char *buf, size_t size)
{
    lgs__log_init(); /* the sources load once, at first use (config_sources.h) */
    if (key == NULL || buf == NULL || size == 0)
        return LGS_EINVAL;
    if (is_log_key(key))
        return lgs_log_config_get(key, buf, size);
    key_ref ref;
    if (!resolve_key(key, &ref)) {
        buf[0] = '\0';
        return LGS_ENOTFOUND;
    }
    lgs__config c;
    lgs__config_snapshot(&c);
    snprintf(buf, size, "%lu", (unsigned long)read_field(&c, ref.offset));
    return LGS_OK;
}

/* Appends one line, snprintf-style: *len counts what the full text needs. */
static void emit(char *buf, size_t size, size_t *len, const char *key, uint32_t v)
{
    char line[96];
    int n = snprintf(line, sizeof line, "%s = %lu\n", key, (unsigned long)v);
    if (n <= 0)
        return;
    if (*len < size)
        snprintf(buf + *len, size - *len, "%s", line);
    *len += (size_t)n;
}

size_t lgs_config_dump(char *buf, size_t size)
{
    lgs__log_init(); /* the sources load once, at first use (config_sources.h) */
    lgs__config c;
    lgs__config_snapshot(&c);
    size_t len = 0;
    if (buf != NULL && size > 0)
        buf[0] = '\0';
    else
        size = 0;
    for (size_t i = 0; i < SCALAR_COUNT; i++)
        emit(buf, size, &len, scalar_keys[i].name, read_field(&c, scalar_keys[i].offset));
    for (int cls = LGS_CLASS_CONTINUE + 1; cls < LGS_CLASS_COUNT_; cls++) {
        const lgs__class_policy *p = &c.policy[cls];
        const uint32_t values[PF_COUNT_] = {p->attempts, p->base_ms, p->cap_ms};
        for (int f = 0; f < PF_COUNT_; f++) {
            char key[64];
            snprintf(key, sizeof key, "retry.%s.%s", lgs_class_name((lgs_class)cls),
                     policy_field_names[f]);
            emit(buf, size, &len, key, values[f]);
        }
    }
    return len;
}
