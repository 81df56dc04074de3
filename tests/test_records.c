/* test_records.c — the records of one logical call, decision by decision,
 * as an operator reads them (issue 19): the counters mean one thing
 * ("attempt n" counts calls to the API; the ceiling shows only while a
 * retry follows; a fail-fast calls nothing and says so), the attempt and
 * outcome records of a call agree and share a correlation id, the text
 * after " -- " is chosen for the decision and never contradicts it, a
 * refusal says when the guard lets the call through again, and
 * log.records decides which records are written (by default one per
 * failed call that is not retried).
 */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "log_internal.h"
#include "logonshim/log.h"
#include "logtest.h"
#include "suites.h"
#include "vtime.h"

enum { LOGON_FAILURE = 1326, SESSION_COLLISION = 1366, NO_LOGON_SERVERS = 1311 };

static char text[LT_MAX][2048];

/* The decisions the suite's records have shown, checked by its last test:
 * every decision has a test. */
static unsigned seen_decisions;

static void saw(lgs_decision d)
{
    seen_decisions |= 1u << d;
}

/* A record of a call that waited for an open breaker's probe says how
 * long, in text and JSON; one of a call that never waited says nothing. */
static void check_waited(const lgs_record *r, const char *line)
{
    char want[80];
    snprintf(want, sizeof want, ", waited %llu ms for the breaker", (unsigned long long)r->waited_ms);
    char json[8192];
    lgs_record_format_json(r, json, sizeof json);
    char key[80];
    snprintf(key, sizeof key, "\"logonshim.breaker.waited_ms\":%llu", (unsigned long long)r->waited_ms);
    if (r->waited) {
        CU_ASSERT_PTR_NOT_NULL(strstr(line, want));
        CU_ASSERT_PTR_NOT_NULL(strstr(json, key));
    } else {
        CU_ASSERT_EQUAL(r->waited_ms, 0);
        CU_ASSERT_PTR_NULL(strstr(line, " for the breaker"));
        CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"logonshim.breaker.waited_ms\":null"));
    }
}

static void records(const char *which)
{
    CU_ASSERT_EQUAL_FATAL(lgs_log_config_set("log.records", which, NULL, 0), LGS_OK);
}

static void format_all(void)
{
    for (unsigned i = 0; i < lt_count && i < LT_MAX; i++)
        lgs_record_format_text(&lt_records[i], text[i], sizeof text[i]);
}

/* The checks every call's records pass, with log.records=all: records
 * first..first+n-1 are one call's attempts (retries, then its last attempt
 * or fail-fast) and its outcome. */
static void check_call(unsigned first, unsigned n)
{
    CU_ASSERT_FATAL(n >= 2 && first + n <= lt_count);
    const lgs_record *last = &lt_records[first + n - 2];
    const lgs_record *o = &lt_records[first + n - 1];
    CU_ASSERT_EQUAL(o->kind, LGS_RECORD_OUTCOME);
    CU_ASSERT(o->call_id != 0);
    unsigned calls = 0;
    for (unsigned i = first; i < first + n - 1; i++) {
        const lgs_record *a = &lt_records[i];
        CU_ASSERT_EQUAL(a->kind, LGS_RECORD_ATTEMPT);
        CU_ASSERT_EQUAL(a->call_id, o->call_id);
        if (!a->failed_fast)
            calls++;
        saw(a->decision);
        check_waited(a, text[i]);
        /* The time waited for the breaker only grows within a call. */
        if (i > first)
            CU_ASSERT(a->waited_ms >= lt_records[i - 1].waited_ms);
        CU_ASSERT_EQUAL(a->attempts, calls);
        CU_ASSERT_EQUAL(a->attempt, a->failed_fast ? 0u : calls);
        if (i < first + n - 2) {
            /* A retried attempt: a warning (or critical), with the ceiling
             * that applied, and it is more than this attempt. */
            CU_ASSERT_EQUAL(a->decision, LGS_DECISION_RETRY);
            CU_ASSERT(a->max_attempts > a->attempt);
            char want[64];
            snprintf(want, sizeof want, ", attempt %u of at most %u, retry in ", a->attempt,
                     a->max_attempts);
            CU_ASSERT_PTR_NOT_NULL(strstr(text[i], want));
        }
    }
    /* The last attempt and the outcome tell the same story. */
    CU_ASSERT_EQUAL(last->decision, o->decision);
    CU_ASSERT_EQUAL(last->severity, o->severity);
    CU_ASSERT_EQUAL(last->attempt, o->attempt);
    CU_ASSERT_EQUAL(last->attempts, o->attempts);
    CU_ASSERT_EQUAL(last->failed_fast, o->failed_fast);
    CU_ASSERT_EQUAL(last->value, o->value);
    CU_ASSERT_EQUAL(last->max_attempts, 0);
    CU_ASSERT_EQUAL(o->max_attempts, 0);
    CU_ASSERT_EQUAL(last->has_next_probe, o->has_next_probe);
    CU_ASSERT_EQUAL(last->next_probe_ms, o->next_probe_ms);
    CU_ASSERT_EQUAL(last->has_lockout, o->has_lockout);
    CU_ASSERT_EQUAL(last->waited, o->waited);
    CU_ASSERT_EQUAL(last->waited_ms, o->waited_ms);
    CU_ASSERT_EQUAL(o->attempts, calls);
    saw(o->decision);
    check_waited(o, text[first + n - 1]);
    const char *otext = text[first + n - 1];
    if (o->failed_fast) {
        char want[80];
        snprintf(want, sizeof want, ", no call to the API (failed fast after %u attempt%s)", calls,
                 calls == 1 ? "" : "s");
        CU_ASSERT_PTR_NOT_NULL(strstr(otext, want));
        CU_ASSERT_PTR_NOT_NULL(strstr(text[first + n - 2], want));
    } else {
        char want[64];
        snprintf(want, sizeof want, ", %u attempt%s in ", calls, calls == 1 ? "" : "s");
        CU_ASSERT_PTR_NOT_NULL(strstr(otext, want));
    }
    /* A final record never ends with the class's generic sentence, which
     * may promise a retry that did not happen. */
    CU_ASSERT_PTR_NULL(strstr(otext, o->guidance->summary));
    CU_ASSERT_PTR_NULL(strstr(text[first + n - 2], last->guidance->summary));
    char id[32];
    snprintf(id, sizeof id, ", call %llu", (unsigned long long)o->call_id);
    CU_ASSERT_PTR_NOT_NULL(strstr(otext, id));
}

/* Runs the codes as one call with log.records=all; *all is how many
 * records it wrote, and text[] holds them as lines. */
static void run_all(const lgs_status_code *codes, unsigned n, const char *user, unsigned *all)
{
    vt_script s;
    lt_setup();
    records("all");
    vt_script_repeat(&s, codes[0], 1);
    for (unsigned i = 1; i < n; i++)
        vt_script_push(&s, codes[i]);
    lt_run(&s, "LogonUserW", user, "CONTOSO");
    *all = lt_count;
    format_all();
}

/* The same call with the default log.records: how many records. */
static unsigned default_count(const lgs_status_code *codes, unsigned n, const char *user)
{
    vt_script s;
    lt_setup();
    vt_script_repeat(&s, codes[0], 1);
    for (unsigned i = 1; i < n; i++)
        vt_script_push(&s, codes[i]);
    lt_run(&s, "LogonUserW", user, "CONTOSO");
    return lt_count;
}

/* LOGONSHIM_FAULTS='LogonUserW=1366,1722,1326' as issue 19 tells it: the
 * ceiling follows the class of each attempt, the last attempt has none. */
static void test_never_retry_after_retries(void)
{
    lgs_status_code codes[] = {vt_win32(SESSION_COLLISION), vt_win32(1722), vt_win32(LOGON_FAILURE)};
    unsigned all;
    run_all(codes, 3, "alice", &all);
    CU_ASSERT_EQUAL_FATAL(all, 4);
    check_call(0, 4);
    CU_ASSERT_EQUAL(lt_records[0].max_attempts, 2);
    CU_ASSERT_EQUAL(lt_records[1].max_attempts, 4);
    CU_ASSERT_EQUAL(lt_records[3].decision, LGS_DECISION_NEVER_RETRY);
    CU_ASSERT_EQUAL(lt_records[3].severity, LGS_SEVERITY_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(text[2], "credentials, attempt 3, never_retry,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text[3], "Not retried: class credentials is never retried."));
    /* By default: the two retried attempts and the outcome. */
    CU_ASSERT_EQUAL(default_count(codes, 3, "alice"), 3);
    CU_ASSERT_EQUAL(lt_records[2].kind, LGS_RECORD_OUTCOME);
}

/* One attempt, not retried: one record by default, the outcome. */
static void test_never_retry_one_record(void)
{
    lgs_status_code codes[] = {vt_win32(LOGON_FAILURE)};
    unsigned all;
    run_all(codes, 1, "alice", &all);
    CU_ASSERT_EQUAL_FATAL(all, 2);
    check_call(0, 2);
    CU_ASSERT_EQUAL(lt_records[1].attempt, 1);
    CU_ASSERT_EQUAL_FATAL(default_count(codes, 1, "alice"), 1);
    CU_ASSERT_EQUAL(lt_records[0].kind, LGS_RECORD_OUTCOME);
    CU_ASSERT_EQUAL(lt_records[0].severity, LGS_SEVERITY_ERROR);
    /* log.records=attempts: the attempt alone. */
    lt_setup();
    records("attempts");
    vt_script s;
    vt_script_repeat(&s, vt_win32(LOGON_FAILURE), 1);
    lt_run(&s, "LogonUserW", "alice", "CONTOSO");
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    CU_ASSERT_EQUAL(lt_records[0].kind, LGS_RECORD_ATTEMPT);
}

static void test_give_up(void)
{
    lgs_status_code codes[] = {vt_win32(SESSION_COLLISION), vt_win32(SESSION_COLLISION)};
    unsigned all;
    run_all(codes, 2, NULL, &all);
    CU_ASSERT_EQUAL_FATAL(all, 3);
    check_call(0, 3);
    CU_ASSERT_EQUAL(lt_records[2].decision, LGS_DECISION_GIVE_UP);
    CU_ASSERT_EQUAL(lt_records[2].severity, LGS_SEVERITY_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(text[2], "Gave up: all 2 attempts the class allows failed."));
    CU_ASSERT_EQUAL(default_count(codes, 2, NULL), 2);
}

static void test_recovered(void)
{
    lgs_status_code codes[] = {vt_win32(SESSION_COLLISION), vt_win32(0)};
    unsigned all;
    run_all(codes, 2, NULL, &all);
    CU_ASSERT_EQUAL_FATAL(all, 2);
    const lgs_record *a = &lt_records[0], *o = &lt_records[1];
    CU_ASSERT_EQUAL(a->call_id, o->call_id);
    CU_ASSERT_EQUAL(o->decision, LGS_DECISION_RECOVERED);
    CU_ASSERT_EQUAL(o->severity, LGS_SEVERITY_WARNING);
    CU_ASSERT_EQUAL(o->attempt, 2);
    CU_ASSERT_EQUAL(o->attempts, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(text[1], "LogonUserW recovered from: ERROR_LOGON_SESSION_COLLISION"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text[1], ", 2 attempts in "));
    CU_ASSERT_PTR_NOT_NULL(strstr(text[1], " -- Recovered: "));
    saw(o->decision);
    check_waited(o, text[1]);
    CU_ASSERT_EQUAL(default_count(codes, 2, NULL), 2);
}

/* The process's retry budget is spent (no floor, no share): the first
 * failure of a retried class is not retried, the record says why, and the
 * decision is final. */
static void test_budget_exhausted(void)
{
    lt_setup();
    vt_set("budget.floor", "0");
    vt_set("budget.percent", "0");
    records("all");
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
    vt_script_push(&s, vt_win32(0));
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    format_all();
    CU_ASSERT_EQUAL(s.calls, 1);
    CU_ASSERT_EQUAL_FATAL(lt_count, 2);
    check_call(0, 2);
    const lgs_record *o = &lt_records[1];
    CU_ASSERT_EQUAL(o->decision, LGS_DECISION_BUDGET_EXHAUSTED);
    CU_ASSERT_EQUAL(o->severity, LGS_SEVERITY_ERROR);
    CU_ASSERT_EQUAL(o->attempts, 1);
    CU_ASSERT_EQUAL(o->failed_fast, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(text[1], ", 1 attempt in "));
    CU_ASSERT_PTR_NOT_NULL(strstr(text[1], ", budget_exhausted, "));
    CU_ASSERT_PTR_NOT_NULL(strstr(text[1], " -- Not retried: the process's retry budget is spent"));
    /* By default: one record, the outcome. */
    lt_setup();
    vt_set("budget.floor", "0");
    vt_set("budget.percent", "0");
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 1);
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    CU_ASSERT_EQUAL(lt_records[0].kind, LGS_RECORD_OUTCOME);
    CU_ASSERT_EQUAL(lt_records[0].decision, LGS_DECISION_BUDGET_EXHAUSTED);
}

/* Opens CONTOSO's breaker for LogonUserW: a call whose 4 transient
 * attempts fail (threshold 5: the next failure opens it). */
static void breaker_almost_open(void)
{
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 4);
    lgs_outcome o = lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    CU_ASSERT_EQUAL_FATAL(o.decision, LGS_DECISION_GIVE_UP);
    CU_ASSERT_EQUAL_FATAL(s.calls, 4);
}

/* breaker.wait=on (the default): a call that waits for the breaker's
 * probes says so in its records, with how long it waited in all. Its
 * first attempt opens the breaker; after the retry's delay it waits for
 * the probe, which is its own attempt 2 and fails; it waits for the next
 * probe, attempt 3, which succeeds. Attempts take no virtual time, so the
 * time waited is the call's time less its retry delays, exactly. */
static void test_breaker_wait_recovered(void)
{
    lt_setup();
    records("all");
    breaker_almost_open();
    unsigned first = lt_count;
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 2);
    vt_script_push(&s, vt_win32(0));
    lgs_outcome out = lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    format_all();
    CU_ASSERT_EQUAL(out.decision, LGS_DECISION_RECOVERED);
    CU_ASSERT_EQUAL(s.calls, 3);
    CU_ASSERT_EQUAL_FATAL(lt_count - first, 3);
    const lgs_record *a1 = &lt_records[first], *a2 = &lt_records[first + 1], *o = &lt_records[first + 2];
    /* The attempt that opened the breaker had not waited. */
    CU_ASSERT_EQUAL(a1->waited, 0);
    check_waited(a1, text[first]);
    CU_ASSERT_EQUAL_FATAL(a1->has_next_probe, 1);
    /* The failed probe: it waited from the end of the retry's delay until
     * the probe was due, and says when the next one is. */
    CU_ASSERT_EQUAL(a2->decision, LGS_DECISION_RETRY);
    CU_ASSERT_EQUAL_FATAL(a2->waited, 1);
    CU_ASSERT(a2->waited_ms > 0);
    CU_ASSERT_EQUAL(a2->waited_ms, a2->elapsed_ms - a1->delay_ms);
    CU_ASSERT_EQUAL(a1->delay_ms + a2->waited_ms, a1->next_probe_ms);
    CU_ASSERT_EQUAL(a2->has_next_probe, 1);
    check_waited(a2, text[first + 1]);
    /* The outcome: both waits. */
    CU_ASSERT_EQUAL(o->decision, LGS_DECISION_RECOVERED);
    CU_ASSERT_EQUAL_FATAL(o->waited, 1);
    CU_ASSERT_EQUAL(o->waited_ms, o->elapsed_ms - a1->delay_ms - a2->delay_ms);
    CU_ASSERT(o->waited_ms > a2->waited_ms);
    CU_ASSERT_EQUAL(o->has_next_probe, 0); /* the authority answered: no probe to wait for */
    CU_ASSERT_PTR_NULL(strstr(text[first + 2], "next probe"));
    CU_ASSERT_EQUAL(o->call_id, a1->call_id);
    check_waited(o, text[first + 2]);
    saw(o->decision);
    /* The next call, after the release window: it did not wait. */
    vt_advance(1000);
    first = lt_count;
    vt_script_repeat(&s, vt_win32(LOGON_FAILURE), 1);
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    format_all();
    CU_ASSERT_EQUAL_FATAL(lt_count - first, 2);
    check_call(first, 2);
    CU_ASSERT_EQUAL(lt_records[first + 1].waited, 0);
}

/* breaker.wait=on: a call that waited for probes and failed them until the
 * next probe would come after its deadline is refused, and its records say
 * how long it waited and when the next probe is due. */
static void test_breaker_wait_refused(void)
{
    lt_setup();
    records("all");
    breaker_almost_open();
    vt_set("deadline_ms", "700");
    unsigned first = lt_count;
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 8);
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    format_all();
    unsigned n = lt_count - first;
    CU_ASSERT_FATAL(n >= 3);
    check_call(first, n);
    const lgs_record *last = &lt_records[first + n - 2], *o = &lt_records[first + n - 1];
    CU_ASSERT_EQUAL(o->decision, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(o->failed_fast, 1);
    CU_ASSERT_EQUAL(o->attempts, s.calls);
    CU_ASSERT_EQUAL_FATAL(o->waited, 1);
    CU_ASSERT(o->waited_ms > 0);
    CU_ASSERT_EQUAL_FATAL(o->has_next_probe, 1);
    /* Refused because the next probe comes after the deadline. */
    CU_ASSERT(o->next_probe_ms > o->remaining_ms);
    char want[96];
    snprintf(want, sizeof want, ", waited %llu ms for the breaker, next probe in %llu ms",
             (unsigned long long)o->waited_ms, (unsigned long long)o->next_probe_ms);
    CU_ASSERT_PTR_NOT_NULL(strstr(text[first + n - 1], want));
    CU_ASSERT_PTR_NOT_NULL(strstr(text[first + n - 2], want));
    CU_ASSERT_EQUAL(last->kind, LGS_RECORD_ATTEMPT);
    /* By default the refusal is told once, by the outcome, which says it. */
    lt_setup();
    breaker_almost_open();
    vt_set("deadline_ms", "700");
    first = lt_count;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 8);
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    CU_ASSERT_FATAL(lt_count > first);
    o = &lt_records[lt_count - 1];
    CU_ASSERT_EQUAL(o->kind, LGS_RECORD_OUTCOME);
    CU_ASSERT_EQUAL(o->decision, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(o->waited, 1);
}

static void test_deadline(void)
{
    lgs_status_code codes[] = {vt_win32(NO_LOGON_SERVERS)};
    unsigned all;
    lt_setup();
    vt_set("deadline_ms", "1");
    records("all");
    vt_script s;
    vt_script_repeat(&s, codes[0], 1);
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    all = lt_count;
    format_all();
    CU_ASSERT_EQUAL_FATAL(all, 2);
    check_call(0, 2);
    CU_ASSERT_EQUAL(lt_records[1].decision, LGS_DECISION_DEADLINE);
    CU_ASSERT_PTR_NOT_NULL(strstr(text[1], "Not retried: the next wait would end past the call's deadline"));
}

/* A breaker that opens during a call's retries: the refusal is not an
 * attempt, and says when the next probe is due. Then a call it refuses
 * outright: 0 calls to the API, one record by default. */
static void test_breaker_open(void)
{
    lt_setup();
    vt_set("breaker.wait", "off");
    records("all");
    vt_script s;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 4);
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    CU_ASSERT_EQUAL_FATAL(lt_count, 5);
    unsigned first = lt_count;
    vt_script_repeat(&s, vt_win32(NO_LOGON_SERVERS), 4);
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    format_all();
    CU_ASSERT_EQUAL_FATAL(lt_count - first, 3);
    check_call(first, 3);
    const lgs_record *o = &lt_records[first + 2];
    CU_ASSERT_EQUAL(o->decision, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(o->failed_fast, 1);
    CU_ASSERT_EQUAL(o->attempts, 1);
    CU_ASSERT_EQUAL(o->attempt, 0);
    CU_ASSERT(o->call_id > lt_records[0].call_id);
    CU_ASSERT_EQUAL_FATAL(o->has_next_probe, 1);
    CU_ASSERT(o->next_probe_ms > 0 && o->next_probe_ms <= 600);
    char want[64];
    snprintf(want, sizeof want, ", next probe in %llu ms", (unsigned long long)o->next_probe_ms);
    CU_ASSERT_PTR_NOT_NULL(strstr(text[first + 2], want));
    CU_ASSERT_PTR_NOT_NULL(strstr(text[first + 2], "its next probe is due in"));
    /* A third call, refused before any attempt: one record by default. */
    records("outcomes");
    first = lt_count;
    vt_script_repeat(&s, vt_win32(0), 1);
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    CU_ASSERT_EQUAL_FATAL(lt_count - first, 1);
    o = &lt_records[first];
    CU_ASSERT_EQUAL(o->decision, LGS_DECISION_BREAKER_OPEN);
    CU_ASSERT_EQUAL(o->attempts, 0);
    CU_ASSERT_EQUAL(o->has_next_probe, 1);
    CU_ASSERT_EQUAL(s.calls, 0);
}

/* The lockout guard's refusal: no call to the API, how many failures it
 * counted, and when the window lets the account through again. */
static void test_lockout_guard(void)
{
    lt_setup();
    vt_set("lockout.threshold", "2");
    vt_set("lockout.window_ms", "60000");
    records("all");
    vt_script s;
    for (int i = 0; i < 2; i++) {
        vt_script_repeat(&s, vt_win32(LOGON_FAILURE), 1);
        lt_run(&s, "LogonUserW", "alice", "CONTOSO");
        vt_advance(1000);
    }
    unsigned first = lt_count;
    vt_script_repeat(&s, vt_win32(0), 1);
    lt_run(&s, "LogonUserW", "alice", "CONTOSO");
    format_all();
    CU_ASSERT_EQUAL(s.calls, 0);
    CU_ASSERT_EQUAL_FATAL(lt_count - first, 2);
    check_call(first, 2);
    CU_ASSERT(lt_records[0].call_id < lt_records[2].call_id);
    CU_ASSERT(lt_records[2].call_id < lt_records[first].call_id);
    const lgs_record *o = &lt_records[first + 1];
    CU_ASSERT_EQUAL(o->decision, LGS_DECISION_LOCKOUT_GUARD);
    CU_ASSERT_EQUAL(o->severity, LGS_SEVERITY_ERROR);
    CU_ASSERT_EQUAL(o->attempts, 0);
    CU_ASSERT_EQUAL_FATAL(o->has_lockout, 1);
    CU_ASSERT_EQUAL(o->lockout_failures, 2);
    /* The first failure was 2 s ago: it leaves the 60 s window in 58 s. */
    CU_ASSERT_EQUAL(o->lockout_lift_ms, 58000);
    CU_ASSERT_PTR_NOT_NULL(strstr(text[first + 1], ", 2 failures in the window, lifts in 58000 ms"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text[first + 1], "(2 in its window; it lifts in 58000 ms)"));
}

/* Who failed: the user, the domain, the package and the target are fields
 * of their own, and the text says what the authority is. */
static void test_who(void)
{
    lt_setup();
    (void)lgs_log_config_set("log.redact", "plain", NULL, 0);
    lgs__call_log cl = {.api = "AcquireCredentialsHandleW", .user = "alice", .domain = "CONTOSO",
                        .authority = "Kerberos", .package = "Kerberos", .has_last_error = 1,
                        .last_error = 5};
    lgs_outcome out = {LGS_SPACE_SECURITY, 0x8009030Eu, LGS_CLASS_SESSION_GONE,
                       LGS_DECISION_NEVER_RETRY, 1, 3};
    lgs__log_outcome(&cl, &out);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    const lgs_record *r = &lt_records[0];
    CU_ASSERT_STRING_EQUAL(r->user, "CONTOSO\\alice");
    CU_ASSERT_STRING_EQUAL(r->domain, "CONTOSO");
    CU_ASSERT_STRING_EQUAL(r->package, "Kerberos");
    CU_ASSERT_STRING_EQUAL(r->authority, "Kerberos");
    CU_ASSERT_STRING_EQUAL(r->authority_kind, "package");
    CU_ASSERT_EQUAL(r->has_last_error, 1);
    CU_ASSERT_EQUAL(r->last_error, 5);
    format_all();
    CU_ASSERT_PTR_NOT_NULL(strstr(text[0], ", last error 5 ERROR_ACCESS_DENIED, user CONTOSO\\alice, "
                                           "domain CONTOSO, package Kerberos, authority Kerberos "
                                           "(package), call "));
    lgs__call_log isc = {.api = "InitializeSecurityContextW", .authority = "HTTP/web.contoso.com",
                         .target = "HTTP/web.contoso.com"};
    lgs__log_outcome(&isc, &out);
    CU_ASSERT_EQUAL_FATAL(lt_count, 2);
    CU_ASSERT_STRING_EQUAL(lt_records[1].target, "HTTP/web.contoso.com");
    CU_ASSERT_STRING_EQUAL(lt_records[1].authority_kind, "target");
    CU_ASSERT(lt_records[1].call_id > lt_records[0].call_id);
}

/* Runs last: every decision a failed or recovered call can end with, and
 * retry, was checked by a test above. */
static void test_every_decision(void)
{
    for (int d = 0; d < LGS_DECISION_COUNT_; d++) {
        if (d == LGS_DECISION_OK)
            continue;
        if (!(seen_decisions & (1u << d)))
            printf("\n  no records test checks decision %s\n", lgs_decision_name((lgs_decision)d));
        CU_ASSERT((seen_decisions & (1u << d)) != 0);
    }
}

int lgs_suite_records(void)
{
    static CU_TestInfo tests[] = {
        {"1366,1722,1326: counters and ceilings", test_never_retry_after_retries},
        {"never_retry: one record by default", test_never_retry_one_record},
        {"give_up", test_give_up},
        {"recovered", test_recovered},
        {"deadline", test_deadline},
        {"breaker_open: next probe", test_breaker_open},
        {"lockout_guard: failures and lift", test_lockout_guard},
        {"who: user, domain, package, target, last error", test_who},
        {"budget_exhausted", test_budget_exhausted},
        {"breaker wait: waited, then recovered", test_breaker_wait_recovered},
        {"breaker wait: waited, then refused before the deadline", test_breaker_wait_refused},
        {"every decision has a test", test_every_decision},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("records", tests, lt_suite_setup, lt_suite_teardown);
}
