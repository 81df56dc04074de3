/* slots.h — the small fixed table that the circuit breakers (breaker.c) and
 * the lockout guard (lockout.c) keep their entries in: searched linearly
 * (a few dozen entries, looked at only while some entry is in use), an entry
 * per key, and a count of entries in use that lets every call skip the table
 * while it is 0. Taking an entry for a new key when the table is full evicts
 * the least recently used entry that its owner does not want kept (a closed
 * breaker, an account not being guarded), and only when every entry is to
 * be kept the least recently used of them. The table's users hold their own
 * lock around every call here.
 */
#ifndef LGS_SLOTS_H
#define LGS_SLOTS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/** The start of every entry. */
typedef struct lgs__slot_head {
    uint64_t key;       /* 0: empty */
    uint64_t last_used; /* for eviction: the least recently used goes first */
} lgs__slot_head;

/** A table: `count` entries of `size` bytes, each starting with an
 *  lgs__slot_head. Going from no entry in use to one, and back, bumps the
 *  fast-path epoch (hot.h): calls must start or may stop looking. */
typedef struct lgs__slot_table {
    void *entries;
    size_t size;
    unsigned count;
    atomic_int *in_use;
} lgs__slot_table;

/** The entry for key, or NULL. */
void *lgs__slot_find(const lgs__slot_table *t, uint64_t key);
/** The entry for key, taking one (zeroed, key set) when there is none:
 *  an empty one, or the least recently used of those keep(entry, arg)
 *  says 0 for, or else the least recently used of all. */
void *lgs__slot_take(const lgs__slot_table *t, uint64_t key,
                     int (*keep)(const void *entry, const void *arg), const void *arg);
/** lgs__slot_take(), except that an entry keep() says 1 for is never
 *  evicted: NULL when every entry is in use and to be kept. */
void *lgs__slot_try_take(const lgs__slot_table *t, uint64_t key,
                         int (*keep)(const void *entry, const void *arg), const void *arg);
/** Empties an entry that is in use. */
void lgs__slot_free(const lgs__slot_table *t, void *entry);
/** Empties every entry. */
void lgs__slot_clear(const lgs__slot_table *t);

#endif
