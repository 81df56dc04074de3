/* test_storm.c — storm control and redaction. Storms run in virtual time:
 * a million identical failures give exactly `limit` records and one summary
 * of the rest, in bounded time; runs that lose their slot to others report
 * their counts; different decisions are different runs. Redaction: plain,
 * hash (stable, case-insensitive, keyed) and omit, and SipHash's reference
 * vector.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <CUnit/CUnit.h>

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
                     d, 1, 0, 0, 20000};
    lgs__log_attempt(&cl, &a);
}

static void test_million_identical(void)
{
    lt_setup();
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
    lt_setup();
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
    lt_setup();
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
    lt_setup();
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
    lt_setup();
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
    lt_setup();
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
    lt_setup();
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact", mode, NULL, 0), LGS_OK);
    lgs__call_log cl = {.api = "LogonUserW", .user = user, .domain = domain};
    lgs_attempt a = {"LogonUser", 1, 1, LGS_SPACE_WIN32, 1326, LGS_CLASS_CREDENTIALS,
                     LGS_DECISION_NEVER_RETRY, 1, 0, 0, 20000};
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    snprintf(out, size, "%s|%s", lt_records[0].user, lt_records[0].authority);
}

static void test_redaction(void)
{
    char plain[300], h1[300], h2[300], h3[300], omit[300];
    one_user("plain", "alice", "CONTOSO", plain, sizeof plain);
    CU_ASSERT_STRING_EQUAL(plain, "CONTOSO\\alice|CONTOSO");
    one_user("hash", "alice", "CONTOSO", h1, sizeof h1);
    one_user("hash", "ALICE", "contoso", h2, sizeof h2);
    one_user("hash", "CONTOSO\\Alice", NULL, h3, sizeof h3);
    CU_ASSERT_EQUAL(h1[0], '#');
    CU_ASSERT_EQUAL(strlen(h1), 17 + 1 + 17);
    CU_ASSERT_STRING_EQUAL(h1, h2);
    CU_ASSERT_NSTRING_EQUAL(h1, h3, 17);
    CU_ASSERT_PTR_NULL(strstr(h1, "alice"));
    CU_ASSERT_PTR_NULL(strstr(h1, "CONTOSO"));
    one_user("omit", "alice", "CONTOSO", omit, sizeof omit);
    CU_ASSERT_STRING_EQUAL(omit, "|");
    /* An authority that is not the account's domain is kept: the operator
     * needs to know which server or target failed. */
    lt_setup();
    lgs__call_log cl = {.api = "InitializeSecurityContextW", .user = "bob",
                        .domain = "CONTOSO", .authority = "host/db1.contoso.com"};
    lgs_attempt a = {"SSPI.ISC", 1, 1, LGS_SPACE_SECURITY, 0x80090311u, LGS_CLASS_TRANSIENT,
                     LGS_DECISION_GIVE_UP, 1, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    CU_ASSERT_STRING_EQUAL(lt_records[0].authority, "host/db1.contoso.com");
    CU_ASSERT_PTR_NULL(strstr(lt_records[0].user, "bob"));
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
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("storm", tests, lt_suite_setup, lt_suite_teardown);
}
