/* storm.c — storm control: identical records (same kind, API, code and
 * decision; for warnings without a code, the same text) beyond a limit per
 * interval are dropped, and one summary record per run says how many were.
 *
 * Memory is one fixed table whatever the number of distinct codes: when it
 * is full, the run seen least recently gives up its slot, and its pending
 * count leaves as a summary first, so no suppression goes unreported. A slot
 * keeps a copy of the first record it suppressed, from which its summary is
 * made. Times are the engine's monotonic clock hook, so tests run storms in
 * virtual time.
 */
#include <stdio.h>
#include <string.h>

#include "log_sink.h"
#include "spinlock.h"

#define SLOTS 64

typedef struct slot {
    uint64_t key;         /* 0: free */
    uint64_t window_start;
    uint64_t last_seen;
    uint32_t passed;      /* let through in this window */
    uint64_t suppressed;  /* dropped and not yet reported */
    uint64_t first_drop;  /* when the first unreported drop happened */
    lgs_record first;     /* the first unreported dropped record */
} slot;

static lgs__spinlock storm_lock = LGS__SPINLOCK_INIT;
static slot table[SLOTS];

#define FNV_OFFSET 0xCBF29CE484222325ull
#define FNV_PRIME 0x100000001B3ull

static uint64_t mix(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        /* The analyzer loses track of strlen() over a record's array. */
        h = (h ^ p[i]) * FNV_PRIME; // NOLINT(clang-analyzer-core.UndefinedBinaryOperatorResult)
    return h;
}

static uint64_t key_of(const lgs_record *r)
{
    uint32_t parts[4] = {(uint32_t)r->kind, (uint32_t)r->space, r->value, (uint32_t)r->decision};
    uint64_t h = mix(FNV_OFFSET, r->api, strlen(r->api));
    h = mix(h, parts, sizeof parts);
    /* Stub warnings and bad settings carry no code: their text tells them apart. */
    if (r->kind == LGS_RECORD_WINE_STUB || r->kind == LGS_RECORD_SETTING)
        h = mix(h, r->detail, strlen(r->detail));
    return h == 0 ? 1 : h;
}

/* Turns a slot's pending count into a summary record; the slot's count is
 * then reported. Called with storm_lock held. */
static void take_summary(slot *s, lgs_record *out, uint64_t now)
{
    *out = s->first;
    out->kind = LGS_RECORD_SUPPRESSED;
    if (out->severity < LGS_SEVERITY_WARNING)
        out->severity = LGS_SEVERITY_WARNING;
    out->suppressed = s->suppressed;
    out->time_ms = lgs__utc_ms();
    out->tid = lgs__thread_id();
    snprintf(out->detail, sizeof out->detail,
             "%llu identical records (%s %s, %s) suppressed over %llu ms",
             (unsigned long long)s->suppressed, lgs_record_kind_name(s->first.kind),
             s->first.name != NULL ? s->first.name : "code",
             lgs_decision_name(s->first.decision), (unsigned long long)(now - s->first_drop));
    s->suppressed = 0;
}

int lgs__storm_admit(const lgs_record *r, uint32_t limit, uint64_t interval_ms, uint64_t now,
                     lgs_record *evicted, int *have_evicted)
{
    *have_evicted = 0;
    if (limit == 0 || r->kind == LGS_RECORD_SUPPRESSED)
        return 1;
    uint64_t key = key_of(r);
    size_t start = (size_t)(key % SLOTS);
    lgs__spin_lock(&storm_lock);
    slot *s = NULL, *free_slot = NULL, *oldest = NULL;
    for (size_t i = 0; i < SLOTS; i++) {
        slot *c = &table[(start + i) % SLOTS];
        if (c->key == key) {
            s = c;
            break;
        }
        if (c->key == 0) {
            if (free_slot == NULL)
                free_slot = c;
        } else if (oldest == NULL || c->last_seen < oldest->last_seen) {
            oldest = c;
        }
    }
    if (s == NULL) {
        s = free_slot;
        if (s == NULL) {
            s = oldest;
            if (s->suppressed > 0) {
                take_summary(s, evicted, now);
                *have_evicted = 1;
            }
        }
        s->key = key;
        s->window_start = now;
        s->passed = 0;
        s->suppressed = 0;
    } else if (now - s->window_start >= interval_ms) {
        /* A new window. A count not yet reported stays pending. */
        s->window_start = now;
        s->passed = 0;
    }
    s->last_seen = now;
    int pass = s->passed < limit;
    if (pass) {
        s->passed++;
    } else {
        if (s->suppressed == 0) {
            s->first = *r;
            s->first_drop = now;
        }
        s->suppressed++;
    }
    lgs__spin_unlock(&storm_lock);
    return pass;
}

size_t lgs__storm_summaries(lgs_record *out, size_t max, uint64_t interval_ms, uint64_t now,
                            int all)
{
    size_t n = 0;
    lgs__spin_lock(&storm_lock);
    for (size_t i = 0; i < SLOTS && n < max; i++) {
        slot *s = &table[i];
        if (s->key == 0 || s->suppressed == 0)
            continue;
        if (all || now - s->window_start >= interval_ms)
            take_summary(s, &out[n++], now);
    }
    lgs__spin_unlock(&storm_lock);
    return n;
}

void lgs__storm_reset(void)
{
    lgs__spin_lock(&storm_lock);
    memset(table, 0, sizeof table);
    lgs__spin_unlock(&storm_lock);
}
