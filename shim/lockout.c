/* lockout.c — the per-account part of the lockout guard.
 *
 * A domain locks an account after a number of bad logons inside an
 * observation window; a service that keeps trying a wrong password locks its
 * own account and everyone else who uses it. So once an account (user@domain,
 * hashed, folded as Windows compares names: keyhash.c) has `lockout.threshold`
 * failures of class `credentials` or `account` inside `lockout.window_ms`,
 * further calls for it fail fast with the last real code, without reaching
 * the authority, until the oldest of those failures leaves the window or a
 * logon succeeds. (That these classes are never retried within a call is one
 * rule, in classes.c, which engine.c and config.c apply; it is not enforced
 * here.)
 *
 * Attempts in flight count: an attempt is admitted (lgs__lockout_admit) only
 * while the failures in the window plus the attempts admitted and not yet
 * reported stay under the threshold, in one step under the lock, so that
 * however many threads try one wrong password at once, at most `threshold`
 * attempts for an account are ever outstanding or failed inside the window.
 * An attempt that never reports back (a call that hangs forever) keeps its
 * place: the guard errs towards refusing.
 *
 * The table has a fixed number of accounts. A new account takes an empty
 * slot, or else the slot of the account with the fewest failures in the
 * window (the least recently used among equals): an account that is being
 * guarded or has attempts in flight is pinned and never evicted, so junk
 * names cannot wash out a victim's count. When every slot is pinned, a new
 * account is refused (fail closed) and the refusal is a lockout_guard
 * decision like any other.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "catalogue_internal.h"
#include "engine_internal.h"
#include "slots.h"
#include "spinlock.h"

#define LOCKOUT_SLOTS 128
#define MAX_FAILURES LGS__LOCKOUT_MAX_THRESHOLD /* config.c accepts no larger threshold */

typedef struct account {
    lgs__slot_head head;        /* key and last use */
    uint32_t count;             /* failures remembered, at most MAX_FAILURES */
    uint32_t next;              /* ring position of the next failure */
    uint32_t in_flight;         /* attempts admitted and not yet reported */
    uint64_t times[MAX_FAILURES];
    lgs_status_code last;
} account;

static lgs__spinlock lockout_lock = LGS__SPINLOCK_INIT;
static account accounts[LOCKOUT_SLOTS];
/* Accounts in use: 0 in a process with no recent credential failure and no
 * attempt in flight; then a success has nothing to report. */
atomic_int lgs__lockout_in_use;
static const lgs__slot_table table = {accounts, sizeof accounts[0], LOCKOUT_SLOTS, &lgs__lockout_in_use};

/* Called with lockout_lock held: the account's failures inside the window,
 * at most the threshold (no more are needed to decide). */
static uint32_t failures_in_window(const lgs__config *cfg, const account *a, uint64_t now)
{
    uint32_t n = cfg->lockout_threshold < a->count ? cfg->lockout_threshold : a->count;
    uint32_t in = 0;
    for (uint32_t i = 1; i <= n; i++) {
        uint32_t pos = (a->next + MAX_FAILURES - i) % MAX_FAILURES;
        if (now - a->times[pos] < cfg->lockout_window_ms)
            in++;
    }
    return in;
}

/* What the eviction rank needs. */
typedef struct guard_arg {
    const lgs__config *cfg;
    uint64_t now;
} guard_arg;

/* Fewer failures go first; guarded accounts and accounts with attempts in
 * flight never go. */
static int rank(const void *entry, const void *arg)
{
    const guard_arg *g = arg;
    const account *a = entry;
    uint32_t f = failures_in_window(g->cfg, a, g->now);
    if (a->in_flight != 0 || f >= g->cfg->lockout_threshold)
        return LGS__SLOT_PINNED;
    return (int)f;
}

/* The code a refusal replays: the account's last real failure, or, when
 * there is none yet (the threshold is reached by attempts in flight, or the
 * table is full), a logon failure; the wrapper restates it in its API's
 * code space. */
static lgs_status_code replay_code(const account *a)
{
    if (a != NULL && a->count != 0)
        return a->last;
    return LGS__CODE(ERROR_LOGON_FAILURE);
}

int lgs__lockout_admit(const lgs__config *cfg, uint64_t key, uint64_t now, lgs_status_code *last)
{
    if (key == 0 || cfg->lockout_threshold == 0)
        return LGS__LOCKOUT_NOT_GUARDED;
    int verdict;
    lgs__spin_lock(&lockout_lock);
    guard_arg g = {cfg, now};
    account *a = lgs__slot_take(&table, key, rank, &g);
    if (a == NULL) {
        *last = replay_code(NULL);
        verdict = LGS__LOCKOUT_TABLE_FULL;
    } else if (failures_in_window(cfg, a, now) + a->in_flight >= cfg->lockout_threshold) {
        a->head.last_used = now;
        *last = replay_code(a);
        verdict = LGS__LOCKOUT_REFUSED;
    } else {
        a->head.last_used = now;
        a->in_flight++;
        verdict = LGS__LOCKOUT_ADMITTED;
    }
    lgs__spin_unlock(&lockout_lock);
    return verdict;
}

/* Whether an attempt's result is evidence about the password. STATUS_UNSUCCESSFUL
 * from a call that names an account may be a bad password in disguise (Wine's
 * AcquireCredentialsHandle returns it for every failed Kerberos login): it
 * counts. Other unknown codes are not evidence and do not. */
static int counted(lgs_class cls, lgs_status_code code)
{
    return cls == LGS_CLASS_CREDENTIALS || cls == LGS_CLASS_ACCOUNT ||
           (cls == LGS_CLASS_UNKNOWN && code.value == LGS__CODE(STATUS_UNSUCCESSFUL).value);
}

void lgs__lockout_report(const lgs__config *cfg, uint64_t key, uint64_t now, int admitted,
                         lgs_class cls, lgs_status_code code)
{
    if (key == 0 || cfg->lockout_threshold == 0)
        return;
    lgs__spin_lock(&lockout_lock);
    account *a = lgs__slot_find(&table, key);
    if (a != NULL && admitted && a->in_flight > 0)
        a->in_flight--;
    if (counted(cls, code)) {
        if (a == NULL) {
            /* Not admitted here (the guard was off when the call began, or
             * the table was reset): still remembered, if there is room. */
            guard_arg g = {cfg, now};
            a = lgs__slot_take(&table, key, rank, &g);
        }
        if (a != NULL) {
            a->head.last_used = now;
            a->last = code;
            a->times[a->next] = now;
            a->next = (a->next + 1u) % MAX_FAILURES;
            if (a->count < MAX_FAILURES)
                a->count++;
        }
    } else if (a != NULL) {
        if (cls == LGS_CLASS_OK) {
            a->count = 0; /* a good logon resets the domain's count too */
            a->next = 0;
        }
        if (a->count == 0 && a->in_flight == 0)
            lgs__slot_free(&table, a); /* nothing left to remember */
    }
    lgs__spin_unlock(&lockout_lock);
}

int lgs__lockout_status(const lgs__config *cfg, uint64_t key, uint64_t now, uint64_t *lift_ms,
                        uint32_t *failures)
{
    if (key == 0 || cfg->lockout_threshold == 0)
        return 0;
    int found = 0;
    lgs__spin_lock(&lockout_lock);
    const account *a = lgs__slot_find(&table, key);
    if (a != NULL) {
        uint32_t f = failures_in_window(cfg, a, now);
        *failures = f;
        *lift_ms = 0;
        /* The guard admits again once enough failures have left the window
         * for failures + in flight to fall below the threshold: the
         * (excess)th oldest of the ones in it decides when. */
        uint64_t held = (uint64_t)f + a->in_flight;
        if (held >= cfg->lockout_threshold && f > 0) {
            uint64_t excess = held - cfg->lockout_threshold + 1u;
            if (excess <= f) {
                uint32_t i = f - (uint32_t)excess + 1u; /* i-th most recent */
                uint64_t t = a->times[(a->next + MAX_FAILURES - i) % MAX_FAILURES];
                uint64_t end = t + cfg->lockout_window_ms;
                *lift_ms = end > now ? end - now : 0;
            }
        }
        found = 1;
    }
    lgs__spin_unlock(&lockout_lock);
    return found;
}

void lgs__lockout_reset(void)
{
    lgs__spin_lock(&lockout_lock);
    lgs__slot_clear(&table);
    lgs__spin_unlock(&lockout_lock);
}
