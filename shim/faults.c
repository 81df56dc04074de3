/* faults.c — the fault injector: parses fault specs (see faults.h) into a
 * fixed script and hands out one queued code per call of an API.
 *
 * A spec is parsed completely into a scratch script before anything changes,
 * so a bad spec leaves the active one as it was. The script has a fixed size
 * (no allocation); when nothing is queued a call costs one atomic load. */
#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "faults_internal.h"
#include "hot.h"
#include "logonshim/faults.h"
#include "spinlock.h"
#include "suggest.h"
#include "why.h"

enum { MAX_ENTRIES = 512, MAX_REPEAT = 1000000, MAX_TOKEN = 96 };

typedef struct fault_entry {
    uint32_t code;
    uint32_t count;
} fault_entry;

typedef struct api_queue {
    uint16_t next; /* entry being consumed */
    uint16_t end;  /* one past the API's last entry */
    uint32_t used; /* how many of entries[next].count are consumed */
} api_queue;

typedef struct script {
    fault_entry entries[MAX_ENTRIES];
    api_queue queue[LGS_API_ID_COUNT_];
} script;

static script active;
static lgs__spinlock lock = LGS__SPINLOCK_INIT;
atomic_ulong lgs__faults_queued; /* codes left in the active script */

/* An API's space (never krb: no API returns a Kerberos protocol code). */
static const char *const space_prefix[LGS_SPACE_COUNT_] = {"win32", "ntstatus", "sec", "krb"};

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && isspace((unsigned char)**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && isspace((unsigned char)(*s)[*len - 1]))
        (*len)--;
}

/* Parses one "code" or "code*N" for an API of the given space. */
static int parse_code(const char *s, size_t len, lgs_space space, fault_entry *out, char *why,
                      size_t why_size)
{
    uint32_t count = 1;
    const char *star = memchr(s, '*', len);
    size_t code_len = star != NULL ? (size_t)(star - s) : len;
    if (star != NULL) {
        const char *n = star + 1;
        size_t nlen = len - code_len - 1;
        trim(&n, &nlen);
        if (nlen == 0)
            return lgs__why(why, why_size, "'*' with no repeat count after it");
        uint64_t v = 0;
        for (size_t i = 0; i < nlen; i++) {
            if (!isdigit((unsigned char)n[i]))
                return lgs__why(why, why_size, "repeat count '%.*s' is not a number", (int)nlen, n);
            v = v * 10 + (uint64_t)(n[i] - '0');
            if (v > MAX_REPEAT)
                return lgs__why(why, why_size, "repeat count above %d", MAX_REPEAT);
        }
        if (v == 0)
            return lgs__why(why, why_size, "repeat count 0");
        count = (uint32_t)v;
    }
    trim(&s, &code_len);
    if (code_len == 0)
        return lgs__why(why, why_size, "empty code");
    if (code_len > MAX_TOKEN)
        return lgs__why(why, why_size, "code longer than %d characters", MAX_TOKEN);
    char text[MAX_TOKEN + 16], reason[160];
    snprintf(text, sizeof text, "%s:%.*s", space_prefix[space], (int)code_len, s);
    lgs_parsed_code code;
    if (lgs_code_parse(text, &code, reason, sizeof reason) != LGS_OK)
        return lgs__why(why, why_size, "code '%.*s': %s", (int)code_len, s, reason);
    if (code.value == 0)
        return lgs__why(why, why_size, "code '%.*s' is success, not a fault", (int)code_len, s);
    out->code = code.value;
    out->count = count;
    return LGS_OK;
}

/* Parses "API=code,code..." into sc, appending to its entries. */
static int parse_item(const char *s, size_t len, script *sc, size_t *n, int item, char *why,
                      size_t why_size)
{
    char reason[200];
    const char *eq = memchr(s, '=', len);
    if (eq == NULL)
        return lgs__why(why, why_size, "item %d '%.40s': expected API=codes", item, s);
    const char *name = s;
    size_t name_len = (size_t)(eq - s);
    trim(&name, &name_len);
    int api = lgs__api_by_name(name, name_len);
    if (api < 0) {
        char word[LGS__NEAREST_MAX + 1], hint[LGS__NEAREST_MAX + 32];
        lgs__nearest near;
        snprintf(word, sizeof word, "%.*s", (int)(name_len < sizeof word ? name_len : 0), name);
        lgs__nearest_init(&near, word);
        for (int i = 0; i < LGS_API_ID_COUNT_; i++)
            lgs__nearest_offer(&near, lgs__apis[i].name);
        return lgs__why(why, why_size, "item %d: '%.*s' is not a wrapped API%s", item, (int)name_len, name,
                        lgs__nearest_hint(&near, hint, sizeof hint));
    }
    api_queue *q = &sc->queue[api];
    if (q->end != 0)
        return lgs__why(why, why_size, "item %d: %s is named twice", item, lgs__apis[api].name);
    q->next = (uint16_t)*n;
    const char *p = eq + 1, *end = s + len;
    for (;;) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma != NULL ? comma : end;
        if (*n >= MAX_ENTRIES)
            return lgs__why(why, why_size, "more than %d codes", MAX_ENTRIES);
        if (parse_code(p, (size_t)(stop - p), lgs__apis[api].space, &sc->entries[*n], reason,
                       sizeof reason) != LGS_OK)
            return lgs__why(why, why_size, "item %d (%s): %s", item, lgs__apis[api].name, reason);
        (*n)++;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    q->end = (uint16_t)*n;
    return LGS_OK;
}

int lgs_faults_set(const char *spec, char *why, size_t why_size)
{
    static script scratch; /* only touched under `lock`: parsing is rare */
    if (why != NULL && why_size > 0)
        why[0] = '\0';
    lgs__spin_lock(&lock);
    memset(&scratch, 0, sizeof scratch);
    size_t n = 0;
    unsigned long total = 0;
    int rc = LGS_OK, item = 0;
    const char *p = spec != NULL ? spec : "";
    while (rc == LGS_OK && *p != '\0') {
        const char *semi = strchr(p, ';');
        size_t len = semi != NULL ? (size_t)(semi - p) : strlen(p);
        const char *s = p;
        trim(&s, &len);
        item++;
        if (len > 0)
            rc = parse_item(s, len, &scratch, &n, item, why, why_size);
        p = semi != NULL ? semi + 1 : p + strlen(p);
    }
    if (rc == LGS_OK) {
        for (size_t i = 0; i < n; i++)
            total += scratch.entries[i].count;
        active = scratch;
        atomic_store(&lgs__faults_queued, total);
        lgs__fast_epoch_bump(); /* queued codes take calls off the fast path */
    }
    lgs__spin_unlock(&lock);
    return rc;
}

void lgs_faults_clear(void)
{
    lgs_faults_set(NULL, NULL, 0);
}

int lgs__fault_next(lgs__api_id api, uint32_t *code)
{
    if (atomic_load_explicit(&lgs__faults_queued, memory_order_relaxed) == 0 || (unsigned)api >= LGS_API_ID_COUNT_)
        return 0;
    int injected = 0;
    lgs__spin_lock(&lock);
    api_queue *q = &active.queue[api];
    if (q->next < q->end) {
        const fault_entry *e = &active.entries[q->next];
        *code = e->code;
        if (++q->used >= e->count) {
            q->next++;
            q->used = 0;
        }
        if (atomic_fetch_sub(&lgs__faults_queued, 1) == 1)
            lgs__fast_epoch_bump();
        injected = 1;
    }
    lgs__spin_unlock(&lock);
    return injected;
}

unsigned long lgs_faults_pending(const char *api)
{
    if (api == NULL)
        return 0;
    int id = lgs__api_by_name(api, strlen(api));
    if (id < 0)
        return 0;
    unsigned long left = 0;
    lgs__spin_lock(&lock);
    const api_queue *q = &active.queue[id];
    for (unsigned i = q->next; i < q->end; i++)
        left += active.entries[i].count;
    left -= q->used;
    lgs__spin_unlock(&lock);
    return left;
}
