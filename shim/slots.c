/* slots.c — the entry table shared by the circuit breakers and the lockout
 * guard (see slots.h): lookup, taking an entry with eviction, and keeping
 * the count of entries in use that lets calls skip the table. */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "hot.h"
#include "slots.h"

static lgs__slot_head *entry_at(const lgs__slot_table *t, unsigned i)
{
    return (lgs__slot_head *)((char *)t->entries + (size_t)i * t->size);
}

void *lgs__slot_find(const lgs__slot_table *t, uint64_t key)
{
    for (unsigned i = 0; i < t->count; i++) {
        lgs__slot_head *e = entry_at(t, i);
        if (e->key == key)
            return e;
    }
    return NULL;
}

void *lgs__slot_take(const lgs__slot_table *t, uint64_t key,
                     int (*keep)(const void *entry, const void *arg), const void *arg)
{
    lgs__slot_head *victim = lgs__slot_find(t, key);
    if (victim != NULL)
        return victim;
    int victim_rank = LGS__SLOT_PINNED;
    for (unsigned i = 0; i < t->count; i++) {
        lgs__slot_head *c = entry_at(t, i);
        if (c->key == 0) {
            victim = c;
            break;
        }
        int k = keep(c, arg);
        if (k >= LGS__SLOT_PINNED)
            continue; /* never evicted, whoever asks */
        if (victim == NULL || k < victim_rank || (k == victim_rank && c->last_used < victim->last_used)) {
            victim = c;
            victim_rank = k;
        }
    }
    if (victim == NULL)
        return NULL; /* every entry is pinned: the owner decides what that means */
    if (victim->key == 0)
        if (atomic_fetch_add_explicit(t->in_use, 1, memory_order_release) == 0)
            lgs__fast_epoch_bump(); /* calls must now look at the table */
    memset(victim, 0, t->size);
    victim->key = key;
    return victim;
}

void lgs__slot_free(const lgs__slot_table *t, void *entry)
{
    memset(entry, 0, t->size);
    if (atomic_fetch_sub_explicit(t->in_use, 1, memory_order_release) == 1)
        lgs__fast_epoch_bump(); /* calls may skip the table again */
}

void lgs__slot_clear(const lgs__slot_table *t)
{
    memset(t->entries, 0, (size_t)t->count * t->size);
    atomic_store(t->in_use, 0);
    lgs__fast_epoch_bump();
}
