/* lockout.c — the per-account part of the lockout guard.
 *
 * A domain locks an account after a number of bad logons inside an
 * observation window; a service that keeps trying a wrong password locks its
 * own account and everyone else who uses it. So once an account (user@domain,
 * hashed, case-insensitive) has `lockout.threshold` failures of class
 * `credentials` or `account` inside `lockout.window_ms`, further calls for it
 * fail fast with the last real code, without reaching the authority, until
 * the oldest of those failures leaves the window or a logon succeeds.
 * (That these classes are never retried within a call is one rule, in
 * classes.c, which engine.c and config.c apply; it is not enforced here.)
 *
 * The table has a fixed number of accounts, each remembering the times of its
 * last `lockout.threshold` failures. When it is full, a new account takes the
 * slot of the least recently used account that is not being guarded, or, if
 * every account is guarded, the least recently used one.
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
    uint64_t times[MAX_FAILURES];
    lgs_status_code last;
} account;

static lgs__spinlock lockout_lock = LGS__SPINLOCK_INIT;
static account accounts[LOCKOUT_SLOTS];
/* Accounts in use: 0 in a process with no recent credential failure, and
 * then calls skip the table (and hashing the account) entirely. */
atomic_int lgs__lockout_in_use;
static const lgs__slot_table table = {accounts, sizeof accounts[0], LOCKOUT_SLOTS, &lgs__lockout_in_use};

/* Called with lockout_lock held: whether the account is being guarded. */
static int guarded(const lgs__config *cfg, const account *a, uint64_t now)
{
    uint32_t n = cfg->lockout_threshold;
    if (n == 0 || n > MAX_FAILURES || a->count < n)
        return 0;
    /* The n-th most recent failure. */
    uint32_t pos = (a->next + MAX_FAILURES - n) % MAX_FAILURES;
    return now - a->times[pos] < cfg->lockout_window_ms;
}

/* What guarded() needs, for the table's eviction. */
typedef struct guard_arg {
    const lgs__config *cfg;
    uint64_t now;
} guard_arg;

/* A guarded account is evicted only when every account is guarded. */
static int keep_guarded(const void *entry, const void *arg)
{
    const guard_arg *g = arg;
    return guarded(g->cfg, entry, g->now);
}

int lgs__lockout_check(const lgs__config *cfg, uint64_t key, uint64_t now, lgs_status_code *last)
{
    if (key == 0 || cfg->lockout_threshold == 0)
        return 0;
    int refuse = 0;
    lgs__spin_lock(&lockout_lock);
    account *a = lgs__slot_find(&table, key);
    if (a != NULL && guarded(cfg, a, now)) {
        a->head.last_used = now;
        *last = a->last;
        refuse = 1;
    }
    lgs__spin_unlock(&lockout_lock);
    return refuse;
}

void lgs__lockout_report(const lgs__config *cfg, uint64_t key, uint64_t now, lgs_class cls,
                         lgs_status_code code)
{
    if (key == 0 || cfg->lockout_threshold == 0)
        return;
    lgs__spin_lock(&lockout_lock);
    if (cls == LGS_CLASS_OK) {
        account *a = lgs__slot_find(&table, key);
        if (a != NULL)
            lgs__slot_free(&table, a); /* a good logon resets the domain's count too */
    } else if (cls == LGS_CLASS_CREDENTIALS || cls == LGS_CLASS_ACCOUNT ||
               (cls == LGS_CLASS_UNKNOWN && code.value == LGS__CODE(STATUS_UNSUCCESSFUL).value)) {
        /* STATUS_UNSUCCESSFUL from a call that names an account may be a bad
         * password in disguise (Wine's AcquireCredentialsHandle returns it for
         * every failed Kerberos login): count it. Other unknown codes are not
         * evidence about the password and are not counted. */
        guard_arg g = {cfg, now};
        account *a = lgs__slot_take(&table, key, keep_guarded, &g);
        a->head.last_used = now;
        a->last = code;
        a->times[a->next] = now;
        a->next = (a->next + 1u) % MAX_FAILURES;
        if (a->count < MAX_FAILURES)
            a->count++;
    }
    lgs__spin_unlock(&lockout_lock);
}

void lgs__lockout_reset(void)
{
    lgs__spin_lock(&lockout_lock);
    lgs__slot_clear(&table);
    lgs__spin_unlock(&lockout_lock);
}
