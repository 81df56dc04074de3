/* test_storm.c — storm control and redaction. Storms run in virtual time:
 * a million identical failures give exactly `limit` records and one summary
 * of the rest, in bounded time; runs that lose their slot to others report
 * their counts; different decisions are different runs. Redaction: plain,
 * hash (stable, case-insensitive, keyed) and omit, SipHash's reference
 * vector, and the hash's promises: one digest per account, a digest that
 * depends on the key, and a key that nothing logged gives away.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <CUnit/CUnit.h>

#include "engine_internal.h"
#include "log_internal.h"
#include "log_sink.h"
#include "logtest.h"
#include "suites.h"

typedef struct tally {
    uint64_t attempts, summaries, suppressed, other;
} tally;

static void count(void *ctx, const lgs_record *r)
{
    tally *t = ctx;
    if (r->kind == LGS_RECORD_ATTEMPT)
        t->attempts++;
    else if (r->kind == LGS_RECORD_SUPPRESSED) {
        t->summaries++;
        t->suppressed += r->suppressed;
    } else
        t->other++;
}

static void fail(uint32_t code, lgs_decision d)
{
    static const lgs__call_log cl = {.api = "LogonUserW", .user = "alice", .domain = "CONTOSO"};
    lgs_attempt a = {"LogonUser", 1, 1, LGS_SPACE_WIN32, code, lgs_classify(LGS_SPACE_WIN32, code),
                     d, 1, 0, 0, 20000, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
}

static void test_million_identical(void)
{
    lt_setup_all();
    tally t = {0, 0, 0, 0};
    lgs_log_set_callback(count, &t);
    clock_t start = clock();
    for (unsigned i = 0; i < 1000000; i++)
        fail(1311, LGS_DECISION_GIVE_UP);
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    CU_ASSERT_EQUAL(t.attempts, 10);
    CU_ASSERT_EQUAL(t.summaries, 0); /* the interval has not ended */
    lgs_log_flush();
    CU_ASSERT_EQUAL(t.summaries, 1);
    CU_ASSERT_EQUAL(t.suppressed, 999990);
    CU_ASSERT(secs < 20.0);
    lgs_record last;
    CU_ASSERT_EQUAL(lgs_last_failure(&last), LGS_OK); /* kept even when suppressed */
}

/* One record per virtual millisecond, 1 s interval: every window lets 10
 * through and reports the other 990 when it ends. */
static void test_windows(void)
{
    lt_setup_all();
    CU_ASSERT_EQUAL(lgs_log_config_set("log.storm.interval_ms", "1s", NULL, 0), LGS_OK);
    tally t = {0, 0, 0, 0};
    lgs_log_set_callback(count, &t);
    for (unsigned i = 0; i < 100000; i++) {
        fail(1311, LGS_DECISION_GIVE_UP);
        vt_advance(1);
    }
    CU_ASSERT_EQUAL(t.attempts, 1000);
    CU_ASSERT_EQUAL(t.summaries, 99);
    CU_ASSERT_EQUAL(t.suppressed, 99u * 990u);
    lgs_log_flush();
    CU_ASSERT_EQUAL(t.summaries, 100);
    CU_ASSERT_EQUAL(t.suppressed, 100u * 990u);
}

/* Far more distinct runs than the table holds: every count is still
 * reported exactly once (by eviction or by the flush). */
static void test_many_codes_bounded(void)
{
    lt_setup_all();
    tally t = {0, 0, 0, 0};
    lgs_log_set_callback(count, &t);
    for (uint32_t code = 20000; code < 21000; code++) {
        for (unsigned i = 0; i < 25; i++)
            fail(code, LGS_DECISION_GIVE_UP);
    }
    lgs_log_flush();
    CU_ASSERT_EQUAL(t.attempts, 1000u * 10u);
    CU_ASSERT_EQUAL(t.suppressed, 1000u * 15u);
    CU_ASSERT_EQUAL(t.summaries, 1000);
}

static void test_decisions_differ(void)
{
    lt_setup_all();
    tally t = {0, 0, 0, 0};
    lgs_log_set_callback(count, &t);
    for (unsigned i = 0; i < 30; i++) {
        fail(1311, LGS_DECISION_RETRY);
        fail(1311, LGS_DECISION_GIVE_UP);
    }
    CU_ASSERT_EQUAL(t.attempts, 20);
    lgs_log_flush();
    CU_ASSERT_EQUAL(t.summaries, 2);
    CU_ASSERT_EQUAL(t.suppressed, 40);
}

static void test_storm_off(void)
{
    lt_setup_all();
    CU_ASSERT_EQUAL(lgs_log_configure("storm=off"), 0);
    tally t = {0, 0, 0, 0};
    lgs_log_set_callback(count, &t);
    for (unsigned i = 0; i < 1000; i++)
        fail(1311, LGS_DECISION_GIVE_UP);
    lgs_log_flush();
    CU_ASSERT_EQUAL(t.attempts, 1000);
    CU_ASSERT_EQUAL(t.summaries, 0);
}

static void test_summary_text(void)
{
    lt_setup_all();
    for (unsigned i = 0; i < 12; i++)
        fail(1311, LGS_DECISION_GIVE_UP);
    lgs_log_flush();
    CU_ASSERT_EQUAL_FATAL(lt_count, 11);
    const lgs_record *s = &lt_records[10];
    CU_ASSERT_EQUAL(s->kind, LGS_RECORD_SUPPRESSED);
    CU_ASSERT_EQUAL(s->suppressed, 2);
    CU_ASSERT_EQUAL(s->value, 1311);
    char line[1024];
    lgs_record_format_text(s, line, sizeof line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "2 identical records"));
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "ERROR_NO_LOGON_SERVERS"));
}

static void test_siphash_vector(void)
{
    uint8_t key[16], msg[15];
    for (unsigned i = 0; i < 16; i++)
        key[i] = (uint8_t)i;
    for (unsigned i = 0; i < 15; i++)
        msg[i] = (uint8_t)i;
    /* From the SipHash paper's appendix: key 00..0f, message 00..0e. */
    CU_ASSERT_EQUAL(lgs__siphash24(key, msg, 15), 0xA129CA6149BE45E5ull);
    CU_ASSERT_EQUAL(lgs__siphash24(key, msg, 0), 0x726FDB47DD0E0E31ull);
}

static void one_user(const char *mode, const char *user, const char *domain, char *out,
                     size_t size)
{
    lt_setup_all();
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact", mode, NULL, 0), LGS_OK);
    lgs__call_log cl = {.api = "LogonUserW", .user = user, .domain = domain};
    lgs_attempt a = {"LogonUser", 1, 1, LGS_SPACE_WIN32, 1326, LGS_CLASS_CREDENTIALS,
                     LGS_DECISION_NEVER_RETRY, 1, 0, 0, 20000, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    snprintf(out, size, "%s|%s|%s", lt_records[0].user, lt_records[0].authority, lt_records[0].domain);
}

static void test_redaction(void)
{
    char plain[400], h1[400], h2[400], h3[400], omit[400];
    one_user("plain", "alice", "CONTOSO", plain, sizeof plain);
    CU_ASSERT_STRING_EQUAL(plain, "CONTOSO\\alice|CONTOSO|CONTOSO");
    /* hash: the account is a digest (case-insensitive, whatever the form);
     * the domain, and the authority that is the account's domain, are
     * shown as the caller passed them (docs/logging.md, Redaction). */
    one_user("hash", "alice", "CONTOSO", h1, sizeof h1);
    one_user("hash", "ALICE", "contoso", h2, sizeof h2);
    one_user("hash", "CONTOSO\\Alice", NULL, h3, sizeof h3);
    CU_ASSERT_EQUAL(h1[0], '#');
    CU_ASSERT_STRING_EQUAL(h1 + 17, "|CONTOSO|CONTOSO");
    CU_ASSERT_STRING_EQUAL(h2 + 17, "|contoso|contoso");
    CU_ASSERT_NSTRING_EQUAL(h1, h2, 17);
    CU_ASSERT_NSTRING_EQUAL(h1, h3, 17);
    /* A user that carries its domain: the account is hashed whole, its
     * domain is the domain field (no authority: the call named none). */
    CU_ASSERT_STRING_EQUAL(h3 + 17, "||CONTOSO");
    CU_ASSERT_PTR_NULL(strstr(h1, "alice"));
    CU_ASSERT_PTR_NULL(strstr(h3, "Alice"));
    char upn[400];
    one_user("hash", "alice@contoso.example.com", NULL, upn, sizeof upn);
    CU_ASSERT_NSTRING_EQUAL(upn, h1, 17);
    CU_ASSERT_STRING_EQUAL(upn + 17, "||contoso.example.com");
    CU_ASSERT_PTR_NULL(strstr(upn, "alice"));
    one_user("omit", "CONTOSO\\alice", NULL, omit, sizeof omit);
    CU_ASSERT_STRING_EQUAL(omit, "||");
    one_user("omit", "alice", "CONTOSO", omit, sizeof omit);
    CU_ASSERT_STRING_EQUAL(omit, "||");
    /* An authority that is not the account's domain is kept: the operator
     * needs to know which server or target failed. */
    lt_setup_all();
    lgs__call_log cl = {.api = "InitializeSecurityContextW", .user = "bob",
                        .domain = "CONTOSO", .authority = "host/db1.contoso.com"};
    lgs_attempt a = {"SSPI.ISC", 1, 1, LGS_SPACE_SECURITY, 0x80090311u, LGS_CLASS_TRANSIENT,
                     LGS_DECISION_GIVE_UP, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    CU_ASSERT_STRING_EQUAL(lt_records[0].authority, "host/db1.contoso.com");
    CU_ASSERT_PTR_NULL(strstr(lt_records[0].user, "bob"));
    /* Under omit a target goes too: it can carry a person's name. */
    lt_setup_all();
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact", "omit", NULL, 0), LGS_OK);
    cl.authority = "HTTP/alice-laptop";
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    CU_ASSERT_STRING_EQUAL(lt_records[0].authority, "");
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact", "hash", NULL, 0), LGS_OK);
}

/* The hashed account field of the record that logging user\domain makes. */
static void hashed(const char *user, const char *domain, char out[32])
{
    char both[400];
    one_user("hash", user, domain, both, sizeof both);
    snprintf(out, 32, "%.17s", both);
    CU_ASSERT_EQUAL(out[0], '#');
    CU_ASSERT_EQUAL(strlen(out), 17);
}

/* Each account has its own digest, one after another on the same thread
 * (which remembers the last digest it made) and across many accounts; the
 * same account gets the same digest again under the same key. */
static void test_redaction_distinct_accounts(void)
{
    lgs__redact_set_key_for_test(NULL);
    char alice[32], bob[32], again[32];
    hashed("alice", "CONTOSO", alice);
    hashed("bob", "CONTOSO", bob);
    hashed("alice", "CONTOSO", again);
    CU_ASSERT_STRING_NOT_EQUAL(alice, bob);
    CU_ASSERT_STRING_EQUAL(alice, again);
    hashed("alice", "FABRIKAM", again);
    CU_ASSERT_STRING_NOT_EQUAL(alice, again);
    enum { N = 64 };
    static char many[N][32];
    unsigned same = 0;
    for (unsigned i = 0; i < N; i++) {
        char user[16];
        snprintf(user, sizeof user, "user%u", i);
        hashed(user, "CONTOSO", many[i]);
        for (unsigned j = 0; j < i; j++)
            same += strcmp(many[i], many[j]) == 0;
    }
    CU_ASSERT_EQUAL(same, 0);
}

/* The digest depends on the key: the same key gives the same digest, a
 * different key a different one, whatever the thread remembered. */
static void test_redaction_keyed(void)
{
    uint8_t k1[16], k2[16];
    for (unsigned i = 0; i < 16; i++) {
        k1[i] = (uint8_t)(i + 1);
        k2[i] = (uint8_t)(0xA0u + i);
    }
    char d1[32], d2[32], d1_again[32], bob1[32], bob2[32];
    lgs__redact_set_key_for_test(k1);
    hashed("alice", "CONTOSO", d1);
    hashed("bob", "CONTOSO", bob1);
    lgs__redact_set_key_for_test(k2);
    hashed("alice", "CONTOSO", d2);
    hashed("bob", "CONTOSO", bob2);
    lgs__redact_set_key_for_test(k1);
    hashed("alice", "CONTOSO", d1_again);
    CU_ASSERT_STRING_NOT_EQUAL(d1, d2);
    CU_ASSERT_STRING_NOT_EQUAL(bob1, bob2);
    CU_ASSERT_STRING_EQUAL(d1, d1_again);
    /* A key drawn afresh is a different key again. */
    char drawn[32];
    lgs__redact_set_key_for_test(NULL);
    hashed("alice", "CONTOSO", drawn);
    CU_ASSERT_STRING_NOT_EQUAL(drawn, d1);
    CU_ASSERT_STRING_NOT_EQUAL(drawn, d2);
    lgs__redact_set_key_for_test(NULL);
}

/* Writes the bytes of key as hex, most significant first when `reversed`. */
static void key_hex(const uint8_t *key, size_t n, int reversed, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", key[reversed ? n - 1 - i : i]);
}

/* Whether `hex` appears in s, in either case. */
static unsigned has_hex(const char *s, const char *hex)
{
    char upper[40];
    size_t n = strlen(hex);
    for (size_t i = 0; i <= n; i++)
        upper[i] = (char)(hex[i] >= 'a' && hex[i] <= 'f' ? hex[i] - 'a' + 'A' : hex[i]);
    return strstr(s, hex) != NULL || strstr(s, upper) != NULL ? 1u : 0u;
}

/* The key the process draws cannot be read from what it logs: a digest is
 * not the one an all-zero key (or no key: plain SipHash under zeros, which
 * anyone can compute for a list of names) gives, and neither the key nor
 * either half of it appears in a record or in its text and JSON forms. */
static void test_redaction_key_not_logged(void)
{
    uint8_t zero[16] = {0};
    char unkeyed[32], drawn[32];
    lgs__redact_set_key_for_test(zero);
    hashed("alice", "CONTOSO", unkeyed);
    lgs__redact_set_key_for_test(NULL);
    hashed("alice", "CONTOSO", drawn);
    CU_ASSERT_STRING_NOT_EQUAL(drawn, unkeyed);
    uint64_t name_key = lgs__account_key("alice", "CONTOSO");
    uint8_t bytes[8];
    for (unsigned i = 0; i < 8; i++)
        bytes[i] = (uint8_t)(name_key >> (8u * i));
    char plain[32];
    snprintf(plain, sizeof plain, "#%016llx", (unsigned long long)lgs__siphash24(zero, bytes, 8));
    CU_ASSERT_STRING_NOT_EQUAL(drawn, plain);

    uint8_t key[16];
    lgs__redact_key_for_test(key);
    CU_ASSERT(memcmp(key, zero, sizeof key) != 0);
    CU_ASSERT(memcmp(key, key + 8, 8) != 0);
    /* One record of every field the library fills, and its two forms. */
    lt_setup_all();
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact", "hash", NULL, 0), LGS_OK);
    lgs__call_log cl = {.api = "LogonUserW", .user = "alice", .domain = "CONTOSO",
                        .authority = "CONTOSO", .has_substatus = 1, .substatus = 0xC000006Au};
    lgs_attempt a = {"LogonUser", 1, 3, LGS_SPACE_WIN32, 1311, LGS_CLASS_TRANSIENT,
                     LGS_DECISION_RETRY, 1, 250, 10, 19990, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    const lgs_record *r = &lt_records[0];
    char text[2048], json[2048];
    CU_ASSERT(lgs_record_format_text(r, text, sizeof text) < sizeof text);
    CU_ASSERT(lgs_record_format_json(r, json, sizeof json) < sizeof json);
    const uint8_t *raw = (const uint8_t *)r;
    unsigned found = 0;
    for (size_t half = 0; half < 16; half += 8) {
        for (size_t at = 0; at + 8 <= sizeof *r; at++)
            found += memcmp(raw + at, key + half, 8) == 0 ? 1u : 0u;
        for (int reversed = 0; reversed < 2; reversed++) {
            char hex[17];
            key_hex(key + half, 8, reversed, hex);
            found += has_hex(text, hex) + has_hex(json, hex) + has_hex(r->user, hex) +
                     has_hex(r->authority, hex) + has_hex(r->detail, hex);
        }
    }
    CU_ASSERT_EQUAL(found, 0);
    lgs__redact_set_key_for_test(NULL);
}

/* The key comes from the system's CSPRNG, not from the hooks' random
 * source, the clock or the pid: with a random hook that always says the same
 * and the same process, two draws still give two keys (issue 15: the old
 * key, made of those, was recovered from two processes' logs). */
static uint64_t constant_random(void *user)
{
    (void)user;
    return 0x0123456789ABCDEFull;
}

static void test_redaction_key_from_csprng(void)
{
    lgs_hooks h;
    lgs__hooks_snapshot(&h); /* the defaults, with the random source replaced */
    h.random = constant_random;
    lgs_engine_set_hooks(&h);
    uint8_t k1[16], k2[16], k3[16];
    lgs__redact_set_key_for_test(NULL);
    lgs__redact_key_for_test(k1);
    lgs__redact_set_key_for_test(NULL);
    lgs__redact_key_for_test(k2);
    lgs__redact_set_key_for_test(NULL);
    lgs__redact_key_for_test(k3);
    CU_ASSERT(memcmp(k1, k2, 16) != 0);
    CU_ASSERT(memcmp(k2, k3, 16) != 0);
    CU_ASSERT(memcmp(k1, k3, 16) != 0);
    lgs_engine_set_hooks(NULL);
}

/* log.redact.key: the same key gives the same digests (across restarts and
 * machines), it is never shown by get, dump or an error, and a short one is
 * refused. */
static void test_redaction_configured_key(void)
{
    static const char secret[] = "correct horse battery staple";
    char why[300], got[128], d1[32], d2[32], d3[32];
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact.key", secret, why, sizeof why), LGS_OK);
    hashed("alice", "CONTOSO", d1);
    CU_ASSERT_EQUAL(lgs_log_config_get("log.redact.key", got, sizeof got), LGS_OK);
    CU_ASSERT_PTR_NULL(strstr(got, "horse"));
    CU_ASSERT_STRING_EQUAL(got, "(set, not shown)");
    static char dump[65536];
    lgs_config_dump(dump, sizeof dump);
    CU_ASSERT_PTR_NULL(strstr(dump, "horse"));
    CU_ASSERT_PTR_NOT_NULL(strstr(dump, "log.redact.key = (set, not shown)\n"));
    /* A dump applied again keeps the key. */
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact.key", got, why, sizeof why), LGS_OK);
    char d0[32];
    hashed("alice", "CONTOSO", d0);
    CU_ASSERT_STRING_EQUAL(d0, d1);
    /* Back to a random key, then the same text again: the same digest. */
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact.key", "", why, sizeof why), LGS_OK);
    hashed("alice", "CONTOSO", d2);
    CU_ASSERT_STRING_NOT_EQUAL(d1, d2);
    CU_ASSERT_EQUAL(lgs_config_set("log.redact.key", secret, why, sizeof why), LGS_OK);
    hashed("ALICE", "contoso", d3);
    CU_ASSERT_STRING_EQUAL(d1, d3);
    /* Too short: refused, and the value is not in the reason. */
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact.key", "hunter2", why, sizeof why), LGS_EINVAL);
    CU_ASSERT_PTR_NULL(strstr(why, "hunter2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "16 characters"));
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact.key", "", why, sizeof why), LGS_OK);
}

int lgs_suite_storm(void)
{
    static CU_TestInfo tests[] = {
        {"1 000 000 identical failures", test_million_identical},
        {"one summary per interval", test_windows},
        {"many distinct runs, bounded table", test_many_codes_bounded},
        {"different decisions are different runs", test_decisions_differ},
        {"storm control off", test_storm_off},
        {"summary record", test_summary_text},
        {"SipHash-2-4 reference vectors", test_siphash_vector},
        {"redaction: plain, hash, omit", test_redaction},
        {"redaction: each account its own digest", test_redaction_distinct_accounts},
        {"redaction: the digest depends on the key", test_redaction_keyed},
        {"redaction: the key is not in what is logged", test_redaction_key_not_logged},
        {"redaction: the key comes from the CSPRNG", test_redaction_key_from_csprng},
        {"redaction: log.redact.key, never shown", test_redaction_configured_key},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("storm", tests, lt_suite_setup, lt_suite_teardown);
}
