/* redact.c — how account and domain names appear in records: plain, as a
 * keyed hash, or not at all (the log.redact setting, default hash). Under
 * hash only the account is hashed: the domain is shown as it is.
 *
 * The hash key is drawn once per process from the operating system's
 * CSPRNG (lgs__port_random: getrandom, BCryptGenRandom), never from the
 * hooks' random source (SplitMix64, whose outputs the records show as
 * delay_ms) nor from the time, pid or an address: a key made of those was
 * recovered from two processes' logs. Digests are stable within a process
 * (an operator can see that two failures concern the same account); an
 * operator who needs them stable across restarts and machines sets
 * log.redact.key, from which the key is derived (never echoed, never
 * logged). Without a key (the CSPRNG failed and none is configured) account
 * names are omitted, not hashed under a guessable key. Names are folded
 * first, because Windows compares account names without regard to case,
 * and "DOMAIN\user" or "user@domain" in the user string are split: both by
 * the engine's own account key (keyhash.c), which the digest is taken of.
 * The digest is 64 bits: among a million accounts the chance that two share
 * a digest is about 3 in 100 million.
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
static atomic_int key_configured; /* log.redact.key is in force */
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
    if (!atomic_load_explicit(&key_ready, memory_order_relaxed) &&
        lgs__port_random(hash_key, sizeof hash_key) == 0)
        atomic_store_explicit(&key_ready, 1, memory_order_release);
    lgs__spin_unlock(&key_lock);
}

/* Keys that turn an operator's text into a hash key. They are public: the
 * secret is the text; they only make the derivation SipHash's own. */
static const uint8_t derive_lo[17] = "logonshim.key.lo";
static const uint8_t derive_hi[17] = "logonshim.key.hi";

const char *lgs__redact_set_key_text(const char *text)
{
    size_t n = text != NULL ? strlen(text) : 0;
    /* What get and dump show for a key in force: setting it back (a dump
     * applied again) keeps the key. */
    if (text != NULL && strcmp(text, LGS__REDACT_KEY_SHOWN) == 0)
        return NULL;
    if (n > 0 && n < 16)
        return "the key must be at least 16 characters (it is not shown)";
    lgs__spin_lock(&key_lock);
    if (n == 0) {
        atomic_store_explicit(&key_ready, 0, memory_order_release); /* draw afresh */
        atomic_store_explicit(&key_configured, 0, memory_order_release);
    } else {
        uint64_t lo = lgs__siphash24(derive_lo, text, n), hi = lgs__siphash24(derive_hi, text, n);
        for (unsigned i = 0; i < 8; i++) {
            hash_key[i] = (uint8_t)(lo >> (8u * i));
            hash_key[8 + i] = (uint8_t)(hi >> (8u * i));
        }
        atomic_store_explicit(&key_ready, 1, memory_order_release);
        atomic_store_explicit(&key_configured, 1, memory_order_release);
    }
    atomic_fetch_add_explicit(&key_generation, 1u, memory_order_acq_rel);
    lgs__spin_unlock(&key_lock);
    return NULL;
}

int lgs__redact_key_configured(void)
{
    return atomic_load_explicit(&key_configured, memory_order_acquire);
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
        if (!atomic_load_explicit(&key_ready, memory_order_acquire)) {
            out[0] = '\0'; /* no key to hash under: omitted */
            return;
        }
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

int lgs_log_hash_name(const char *name, char *out, size_t size)
{
    enum { DIGEST_SIZE = 18 }; /* '#', 16 hex digits, NUL */
    if (out != NULL && size > 0)
        out[0] = '\0';
    if (name == NULL || name[0] == '\0' || out == NULL || size < DIGEST_SIZE)
        return LGS_EINVAL;
    if (!lgs__redact_key_configured())
        return LGS_ENOTFOUND;
    lgs__redact_account(LGS__REDACT_HASH, name, NULL, out, size);
    return out[0] != '\0' ? LGS_OK : LGS_ENOTFOUND;
}

/* Only omit drops a domain: under hash it is shown as it is, because what
 * an operator acts on when logons fail is which domain (which domain
 * controllers, which realm) fails, and a digest of it hides exactly that.
 * A domain names an authority, not a person: it is published in DNS and
 * the directory and travels in clear in every Kerberos request and NTLM
 * message, while an account name is half of what a password-spraying
 * attacker needs, so the account stays hashed. */
void lgs__redact_domain(lgs__redact mode, const char *name, char *out, size_t size)
{
    if (size == 0)
        return;
    out[0] = '\0';
    if (name == NULL || mode == LGS__REDACT_OMIT)
        return;
    snprintf(out, size, "%s", name);
}
