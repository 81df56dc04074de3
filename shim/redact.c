/* redact.c — how account and domain names appear in records: plain, as a
 * keyed hash, or not at all (the log.redact setting, default hash).
 *
 * The hash key is drawn once per process from the engine's random source,
 * the wall clock and the process id, so digests are stable within a process
 * (an operator can see that two failures concern the same account) and
 * differ between processes. Names are folded to lower case first, because
 * Windows compares account names without regard to case, and "DOMAIN\user"
 * or "user@domain" in the user string are split: both by the engine's own
 * account key (keyhash.c), which the digest is taken of. Tests may put a
 * key of their own in place, or make the process draw a new one; nothing
 * else changes the key once drawn.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "engine_internal.h"
#include "log_sink.h"
#include "spinlock.h"

static lgs__spinlock key_lock = LGS__SPINLOCK_INIT;
static uint8_t hash_key[16];
static atomic_int key_ready;
/* Changes whenever a test replaces the key, so that no thread keeps a
 * digest it remembered under the old one. */
static atomic_uint key_generation;

static int lower(int ch)
{
    return (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch;
}

int lgs__ascii_casecmp_n(const char *a, const char *b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        int d = lower((unsigned char)*a) - lower((unsigned char)*b);
        if (d != 0 || *a == '\0')
            return d;
    }
    return 0;
}

int lgs__ascii_casecmp(const char *a, const char *b)
{
    return lgs__ascii_casecmp_n(a, b, (size_t)-1);
}

static void ensure_key(void)
{
    if (atomic_load_explicit(&key_ready, memory_order_acquire))
        return;
    lgs__spin_lock(&key_lock);
    if (!atomic_load_explicit(&key_ready, memory_order_relaxed)) {
        lgs_hooks h;
        lgs__hooks_snapshot(&h);
        uint64_t a = h.random(h.user) ^ lgs__utc_ms();
        uint64_t b = h.random(h.user) ^ ((uint64_t)lgs__process_id() << 32) ^
                     (uint64_t)(uintptr_t)&key_lock;
        for (unsigned i = 0; i < 8; i++) {
            hash_key[i] = (uint8_t)(a >> (8u * i));
            hash_key[8 + i] = (uint8_t)(b >> (8u * i));
        }
        atomic_store_explicit(&key_ready, 1, memory_order_release);
    }
    lgs__spin_unlock(&key_lock);
}

void lgs__redact_set_key_for_test(const uint8_t key[16])
{
    lgs__spin_lock(&key_lock);
    if (key != NULL)
        memcpy(hash_key, key, sizeof hash_key);
    atomic_store_explicit(&key_ready, key != NULL, memory_order_release);
    atomic_fetch_add_explicit(&key_generation, 1u, memory_order_acq_rel);
    lgs__spin_unlock(&key_lock);
}

void lgs__redact_key_for_test(uint8_t out[16])
{
    ensure_key();
    lgs__spin_lock(&key_lock);
    memcpy(out, hash_key, sizeof hash_key);
    lgs__spin_unlock(&key_lock);
}

/* The digest of a 64-bit name key: "#" and 16 hex digits. The key comes
 * from the engine's own normalisation (keyhash.c: case folded, "DOMAIN\\user"
 * and "user@domain" split), so the logs and the lockout guard agree on what
 * one account is; SipHash under the process key makes it unguessable. */
static void digest(uint64_t name_key, char *out, size_t size)
{
    /* A thread usually logs the same account again (each attempt of a
     * call): the last digest is remembered per thread. */
    static _Thread_local uint64_t memo_key, memo_digest;
    static _Thread_local unsigned memo_generation;
    unsigned generation = atomic_load_explicit(&key_generation, memory_order_acquire);
    if (name_key == 0 || name_key != memo_key || generation != memo_generation) {
        uint8_t bytes[8];
        for (unsigned i = 0; i < 8; i++)
            bytes[i] = (uint8_t)(name_key >> (8u * i));
        ensure_key();
        memo_digest = lgs__siphash24(hash_key, bytes, 8);
        memo_key = name_key;
        memo_generation = generation;
    }
    snprintf(out, size, "#%016llx", (unsigned long long)memo_digest);
}

void lgs__redact_account(lgs__redact mode, const char *user, const char *domain, char *out,
                         size_t size)
{
    if (size == 0)
        return;
    out[0] = '\0';
    if (user == NULL || user[0] == '\0' || mode == LGS__REDACT_OMIT)
        return;
    if (mode == LGS__REDACT_PLAIN) {
        if (domain != NULL && domain[0] != '\0')
            snprintf(out, size, "%s\\%s", domain, user);
        else
            snprintf(out, size, "%s", user);
        return;
    }
    digest(lgs__account_key(user, domain), out, size);
}

void lgs__redact_name(lgs__redact mode, const char *name, char *out, size_t size)
{
    if (size == 0)
        return;
    out[0] = '\0';
    if (name == NULL || name[0] == '\0' || mode == LGS__REDACT_OMIT)
        return;
    if (mode == LGS__REDACT_PLAIN) {
        snprintf(out, size, "%s", name);
        return;
    }
    /* The breaker key of a fixed family folds case the same way. */
    digest(lgs__breaker_key("redact.domain", name), out, size);
}
