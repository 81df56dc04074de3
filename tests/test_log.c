/* test_log.c — the failure record and the callback sink: the records a
 * scripted call produces (retry then recovery, a final failure, a security
 * failure), their severities, the thread's last failure, the text form,
 * Wine-stub and setting warnings, levels and configuration. Storm control
 * and redaction have suites of their own (test_storm.c).
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "log_internal.h"
#include "logonshim/log.h"
#include "logtest.h"
#include "suites.h"
#include "threads.h"
#include "vtime.h"

static void test_retry_then_recovery(void)
{
    lt_setup();
    vt_script s;
    vt_script_repeat(&s, vt_win32(1366), 1);
    vt_script_push(&s, vt_win32(0));
    lt_run(&s, "LogonUserW", "alice", "CONTOSO");
    CU_ASSERT_EQUAL_FATAL(lt_count, 2);
    const lgs_record *a = &lt_records[0], *o = &lt_records[1];
    CU_ASSERT_EQUAL(a->kind, LGS_RECORD_ATTEMPT);
    CU_ASSERT_EQUAL(a->severity, LGS_SEVERITY_WARNING);
    CU_ASSERT_EQUAL(a->decision, LGS_DECISION_RETRY);
    CU_ASSERT_EQUAL(a->attempt, 1);
    CU_ASSERT_EQUAL(a->max_attempts, 2);
    CU_ASSERT_EQUAL(a->space, LGS_SPACE_WIN32);
    CU_ASSERT_EQUAL(a->value, 1366);
    CU_ASSERT_EQUAL(a->win32, 1366);
    CU_ASSERT_EQUAL(a->cls, LGS_CLASS_SESSION_COLLISION);
    CU_ASSERT_STRING_EQUAL(a->api, "LogonUserW");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a->name);
    CU_ASSERT_STRING_EQUAL(a->name, "ERROR_LOGON_SESSION_COLLISION");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a->guidance);
    CU_ASSERT(a->pid != 0);
    CU_ASSERT(a->tid != 0);
    CU_ASSERT(a->time_ms > 1600000000000ull); /* after 2020: a real UTC time */
    CU_ASSERT_EQUAL(o->kind, LGS_RECORD_OUTCOME);
    CU_ASSERT_EQUAL(o->decision, LGS_DECISION_RECOVERED);
    CU_ASSERT_EQUAL(o->severity, LGS_SEVERITY_WARNING);
    CU_ASSERT_EQUAL(o->attempts, 2);
    CU_ASSERT_EQUAL(o->value, 1366); /* what it recovered from */
    lgs_record last;
    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&last), LGS_OK);
    CU_ASSERT_EQUAL(last.kind, LGS_RECORD_ATTEMPT); /* a recovery is not a failure */
    CU_ASSERT_EQUAL(last.value, 1366);
}

static void test_final_failure(void)
{
    lt_setup();
    vt_script s;
    vt_script_repeat(&s, vt_win32(1366), 2);
    lt_run(&s, "LogonUserW", "alice", "CONTOSO");
    /* The retried attempt, then the outcome, which tells the last attempt
     * (log.records=outcomes, the default). */
    CU_ASSERT_EQUAL_FATAL(lt_count, 2);
    CU_ASSERT_EQUAL(lt_records[0].severity, LGS_SEVERITY_WARNING);
    CU_ASSERT_EQUAL(lt_records[0].decision, LGS_DECISION_RETRY);
    CU_ASSERT_EQUAL(lt_records[0].max_attempts, 2);
    CU_ASSERT_EQUAL(lt_records[1].kind, LGS_RECORD_OUTCOME);
    CU_ASSERT_EQUAL(lt_records[1].severity, LGS_SEVERITY_ERROR);
    CU_ASSERT_EQUAL(lt_records[1].decision, LGS_DECISION_GIVE_UP);
    CU_ASSERT_EQUAL(lt_records[1].attempt, 2);
    CU_ASSERT_EQUAL(lt_records[1].attempts, 2);
    CU_ASSERT_EQUAL(lt_records[1].max_attempts, 0); /* final: no ceiling applies */
    lgs_record last;
    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&last), LGS_OK);
    CU_ASSERT_EQUAL(last.kind, LGS_RECORD_OUTCOME);
    CU_ASSERT_EQUAL(last.decision, LGS_DECISION_GIVE_UP);
}

static void test_security_is_critical(void)
{
    lt_setup();
    vt_script s;
    vt_script_repeat(&s, vt_code_of(LGS_CLASS_SECURITY), 1);
    lt_run(&s, "AcceptSecurityContext", NULL, NULL);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1); /* one attempt, not retried: the outcome alone */
    for (unsigned i = 0; i < 1; i++) {
        CU_ASSERT_EQUAL(lt_records[i].cls, LGS_CLASS_SECURITY);
        CU_ASSERT_EQUAL(lt_records[i].severity, LGS_SEVERITY_CRITICAL);
        CU_ASSERT_EQUAL(lt_records[i].decision, LGS_DECISION_NEVER_RETRY);
    }
}

static void test_success_is_silent(void)
{
    lt_setup();
    vt_script s;
    vt_script_repeat(&s, vt_win32(0), 1);
    lt_run(&s, "LogonUserW", "alice", NULL);
    CU_ASSERT_EQUAL(lt_count, 0);
}

static void test_substatus_and_stub_flag(void)
{
    lt_setup_all();
    lgs__call_log cl = {.api = "LsaLogonUser", .authority = "CONTOSO", .has_substatus = 1,
                        .substatus = 0xC000006Au};
    lgs_attempt a = {"LsaLogonUser", 1, 1, LGS_SPACE_NTSTATUS, 0xC000006Du,
                     LGS_CLASS_CREDENTIALS, LGS_DECISION_NEVER_RETRY, 1, 0, 5, 19995, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    CU_ASSERT_EQUAL(lt_records[0].has_substatus, 1);
    CU_ASSERT_EQUAL(lt_records[0].substatus, 0xC000006Au);
    CU_ASSERT_EQUAL(lt_records[0].win32, 1326);
    CU_ASSERT_EQUAL(lt_records[0].elapsed_ms, 5);
    CU_ASSERT_EQUAL(lt_records[0].remaining_ms, 19995);
    char line[1024];
    lgs_record_format_text(&lt_records[0], line, sizeof line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "SubStatus STATUS_WRONG_PASSWORD (0xC000006A)"));
}

/* A breaker fail-fast never reached the API: an error, and the line says so. */
static void test_fail_fast(void)
{
    lt_setup_all();
    lgs__call_log cl = {.api = "LogonUserW", .authority = "CONTOSO"};
    lgs_attempt a = {"LogonUser", 1, 1, LGS_SPACE_WIN32, 1311, LGS_CLASS_TRANSIENT,
                     LGS_DECISION_BREAKER_OPEN, 0, 0, 0, 20000, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    CU_ASSERT_EQUAL(lt_records[0].severity, LGS_SEVERITY_ERROR);
    CU_ASSERT_EQUAL(lt_records[0].attempts, 0);
    CU_ASSERT_EQUAL(lt_records[0].attempt, 0);
    CU_ASSERT_EQUAL(lt_records[0].failed_fast, 1);
    char line[2048];
    lgs_record_format_text(&lt_records[0], line, sizeof line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, ", no call to the API (failed fast after 0 attempts), breaker_open"));
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "Refused without calling the API: the circuit breaker"));
}

static void test_text_line(void)
{
    lt_setup();
    lgs__call_log cl = {.api = "LogonUserW"};
    lgs_attempt a = {"LogonUser", 1, 2, LGS_SPACE_WIN32, 1366, LGS_CLASS_SESSION_COLLISION,
                     LGS_DECISION_RETRY, 1, 8, 0, 20000, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    char line[1024];
    size_t n = lgs_record_format_text(&lt_records[0], line, sizeof line);
    CU_ASSERT_EQUAL(n, strlen(line));
    const char *want = "logonshim: warning: LogonUserW: ERROR_LOGON_SESSION_COLLISION (1366, "
                       "0x556) session_collision, attempt 1 of at most 2, retry in 8 ms, call ";
    CU_ASSERT_NSTRING_EQUAL(line, want, strlen(want));
    CU_ASSERT_PTR_NOT_NULL(strstr(line, lt_records[0].guidance->summary));
    /* snprintf's contract: truncated but NUL-terminated, full length returned. */
    char small[16];
    CU_ASSERT_EQUAL(lgs_record_format_text(&lt_records[0], small, sizeof small), n);
    CU_ASSERT_EQUAL(strlen(small), sizeof small - 1);
    CU_ASSERT_EQUAL(lgs_record_format_text(&lt_records[0], NULL, 0), n);
    CU_ASSERT_EQUAL(lgs_record_format_json(&lt_records[0], NULL, 0) > 100, 1);
}

/* Names and echoed values cannot forge a line or reach a terminal raw:
 * C0, DEL, C1, U+2028/2029 and bytes that are not UTF-8 are escaped in
 * every text field (issue 15: 20 records became 50 lines). */
static void test_text_line_escapes(void)
{
    lt_setup_all();
    lgs__call_log cl = {.api = "LogonUserW"};
    lgs_attempt a = {"LogonUser", 1, 1, LGS_SPACE_WIN32, 1326, LGS_CLASS_CREDENTIALS,
                     LGS_DECISION_NEVER_RETRY, 1, 0, 0, 20000, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    lgs_record r = lt_records[0];
    const char *evil = "a\nlogonshim: critical: forged\r\x1b]0;t\x07\x7f\xC2\x85\xE2\x80\xA8\xE2\x80\xA9\xFF";
    snprintf(r.api, sizeof r.api, "%s", evil);
    snprintf(r.user, sizeof r.user, "%s", evil);
    snprintf(r.authority, sizeof r.authority, "HTTP/%s", evil);
    snprintf(r.detail, sizeof r.detail, "%s", evil);
    lgs_record_kind kinds[] = {LGS_RECORD_ATTEMPT, LGS_RECORD_OUTCOME, LGS_RECORD_WINE_STUB,
                               LGS_RECORD_SUPPRESSED, LGS_RECORD_SETTING};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        r.kind = kinds[k];
        char line[4096];
        lgs_record_format_text(&r, line, sizeof line);
        for (const unsigned char *p = (const unsigned char *)line; *p != '\0'; p++)
            CU_ASSERT(*p >= 0x20 && *p != 0x7F);
        CU_ASSERT_PTR_NULL(strstr(line, "\xC2\x85"));
        CU_ASSERT_PTR_NULL(strstr(line, "\xE2\x80\xA8"));
        CU_ASSERT_PTR_NULL(strstr(line, "\xE2\x80\xA9"));
        CU_ASSERT_PTR_NOT_NULL(strstr(line, "a\\x0Alogonshim: critical: forged\\x0D\\x1B]0;t\\x07\\x7F"
                                            "\\u0085\\u2028\\u2029\\xFF"));
    }
    /* Text that needs no escape is unchanged, backslashes included. */
    snprintf(r.user, sizeof r.user, "CORP\\\xC3\x85sa");
    r.kind = LGS_RECORD_ATTEMPT;
    char line[4096];
    lgs_record_format_text(&r, line, sizeof line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, ", user CORP\\\xC3\x85sa"));
}

static void test_wine_stub_and_setting(void)
{
    lt_setup();
    lgs__log_wine_stub("LogonUserW", "Wine returns a fake token");
    lgs__log_setting("LOGONSHIM_FAULTS", "LogonUserW=bogus", "unknown code 'bogus'");
    CU_ASSERT_EQUAL_FATAL(lt_count, 2);
    CU_ASSERT_EQUAL(lt_records[0].kind, LGS_RECORD_WINE_STUB);
    CU_ASSERT_EQUAL(lt_records[0].severity, LGS_SEVERITY_WARNING);
    CU_ASSERT_EQUAL(lt_records[0].wine_stub, 1);
    CU_ASSERT_STRING_EQUAL(lt_records[0].detail, "Wine returns a fake token");
    CU_ASSERT_EQUAL(lt_records[1].kind, LGS_RECORD_SETTING);
    CU_ASSERT_PTR_NOT_NULL(strstr(lt_records[1].detail, "LOGONSHIM_FAULTS"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lt_records[1].detail, "unknown code 'bogus'"));
    lgs_record last;
    /* Warnings are not failures. */
    CU_ASSERT_EQUAL(lgs_last_failure(&last) == LGS_OK && last.kind != LGS_RECORD_ATTEMPT &&
                        last.kind != LGS_RECORD_OUTCOME,
                    0);
}

static void failing_attempt(void *arg, unsigned index)
{
    (void)index;
    int *results = arg;
    lgs_record r;
    results[index] = lgs_last_failure(&r);
}

static void test_last_failure_is_per_thread(void)
{
    lt_setup();
    vt_script s;
    vt_script_repeat(&s, vt_win32(1326), 1);
    lt_run(&s, "LogonUserW", "alice", NULL);
    lgs_record r;
    CU_ASSERT_EQUAL(lgs_last_failure(&r), LGS_OK);
    CU_ASSERT_EQUAL(lgs_last_failure(NULL), LGS_EINVAL);
    int results[4] = {99, 99, 99, 99};
    CU_ASSERT_EQUAL_FATAL(lgs_test_run_threads(4, failing_attempt, results), 0);
    for (unsigned i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(results[i], LGS_ENOTFOUND);
    /* A later success keeps it. */
    vt_script ok;
    vt_script_repeat(&ok, vt_win32(0), 1);
    lt_run(&ok, "LogonUserW", "alice", NULL);
    CU_ASSERT_EQUAL(lgs_last_failure(&r), LGS_OK);
    CU_ASSERT_EQUAL(r.value, 1326);
}

static void test_level(void)
{
    lt_setup();
    char why[256];
    CU_ASSERT_EQUAL(lgs_log_config_set("log.level", "error", why, sizeof why), LGS_OK);
    /* Earlier tests left a record on this thread: this call's code (1363)
     * and API appear in none of them, so the record read back is this one. */
    vt_script s;
    vt_script_repeat(&s, vt_win32(1363), 1);
    vt_script_push(&s, vt_win32(0));
    lt_run(&s, "LogonUserExW", NULL, NULL);
    CU_ASSERT_EQUAL(lt_count, 0); /* a retry and a recovery are warnings */
    lgs_record r;
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL_FATAL(lgs_last_failure(&r), LGS_OK); /* kept all the same */
    CU_ASSERT_EQUAL(r.kind, LGS_RECORD_ATTEMPT);
    CU_ASSERT_EQUAL(r.decision, LGS_DECISION_RETRY);
    CU_ASSERT_EQUAL(r.value, 1363);
    CU_ASSERT_STRING_EQUAL(r.api, "LogonUserExW");
    CU_ASSERT_EQUAL(r.attempt, 1);
    vt_script f;
    vt_script_repeat(&f, vt_win32(1326), 1);
    lt_run(&f, "LogonUserW", NULL, NULL);
    CU_ASSERT_EQUAL(lt_count, 1); /* one failed call, one record */
}

static void test_names(void)
{
    CU_ASSERT_STRING_EQUAL(lgs_record_kind_name(LGS_RECORD_SUPPRESSED), "suppressed");
    CU_ASSERT_STRING_EQUAL(lgs_record_kind_name(LGS_RECORD_KIND_COUNT_), "invalid");
    CU_ASSERT_STRING_EQUAL(lgs_severity_name(LGS_SEVERITY_CRITICAL), "critical");
    CU_ASSERT_STRING_EQUAL(lgs_severity_name((lgs_severity)-1), "invalid");
}

static void test_config_keys(void)
{
    lt_setup();
    char why[256], buf[256];
    CU_ASSERT_EQUAL(lgs_log_config_set("log.level", "loud", why, sizeof why), LGS_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "log.level"));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "loud"));
    CU_ASSERT_EQUAL(lgs_log_config_get("log.level", buf, sizeof buf), LGS_OK);
    CU_ASSERT_STRING_EQUAL(buf, "warning"); /* the previous setting stays */
    CU_ASSERT_EQUAL(lgs_log_config_set("LOG.Storm.Interval_ms", "2s", why, sizeof why), LGS_OK);
    CU_ASSERT_EQUAL(lgs_log_config_get("storm.interval_ms", buf, sizeof buf), LGS_OK);
    CU_ASSERT_STRING_EQUAL(buf, "2000");
    CU_ASSERT_EQUAL(lgs_log_config_set("log.storm.limit", "-1", why, sizeof why), LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_log_config_set("log.redact", "omit", why, sizeof why), LGS_OK);
    CU_ASSERT_EQUAL(lgs_log_config_set("log.bogus", "1", why, sizeof why), LGS_ENOTFOUND);
    CU_ASSERT_EQUAL(lgs_log_config_set("log.sinks", "stderr,carrier-pigeon", why, sizeof why),
                    LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_log_config_set("log.sinks", "jsonl", why, sizeof why), LGS_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "path"));
    CU_ASSERT_EQUAL(lgs_log_config_set("log.jsonl.path", "/nonexistent-dir/x/y.jsonl", why,
                                       sizeof why),
                    LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_log_config_get("log.sinks", buf, sizeof buf), LGS_OK);
    CU_ASSERT_STRING_EQUAL(buf, "none");
    CU_ASSERT_EQUAL(lgs_log_config_set(NULL, "x", why, sizeof why), LGS_EINVAL);
#ifndef _WIN32
    CU_ASSERT_EQUAL(lgs_log_config_set("log.sinks", "eventlog", why, sizeof why), LGS_EINVAL);
#endif
}

/* A bad item is reported once, as a setting record naming it, and the other
 * items still apply. */
static void test_configure_spec(void)
{
    lt_setup();
    CU_ASSERT_EQUAL(lgs_log_configure("none,level=eror,redact=plain,storm=5/10s"), 1);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    CU_ASSERT_EQUAL(lt_records[0].kind, LGS_RECORD_SETTING);
    CU_ASSERT_PTR_NOT_NULL(strstr(lt_records[0].detail, "level=eror"));
    char buf[64];
    lgs_log_config_get("redact", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "plain");
    lgs_log_config_get("storm.limit", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "5");
    lgs_log_config_get("storm.interval_ms", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "10000");
    lgs_log_config_get("sinks", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "none");
    CU_ASSERT_EQUAL(lgs_log_configure(NULL), -1);
}

/* A typo in a sink item never turns every sink off (issue 15: "stdrr", a
 * bare path, a jsonl path in a missing folder silenced everything, their
 * own warning included): the sinks in force stay, or stderr joins the good
 * ones; a secret's value is not in the report. */
static void test_configure_typos_keep_sinks(void)
{
    char buf[64];
    const char *typos[] = {"stdrr", "debuger", "/tmp/x.jsonl", "jsonl:/nonexistent-dir/x.jsonl"};
    for (size_t i = 0; i < sizeof typos / sizeof typos[0]; i++) {
        lt_setup();
        CU_ASSERT_EQUAL(lgs_log_config_set("log.sinks", "stderr", NULL, 0), LGS_OK);
        CU_ASSERT_EQUAL(lgs_log_configure(typos[i]), 1);
        lgs_log_config_get("sinks", buf, sizeof buf);
        CU_ASSERT_STRING_EQUAL(buf, "stderr");
        CU_ASSERT_EQUAL(lt_count, 1);
    }
    /* The report names the sink meant (issue 15: "did you mean `stderr`?"). */
    const char *meant[][2] = {{"stdrr", "\"stderr\""}, {"debuger", "\"debugger\""}, {"jsnol:x", "\"jsonl\""}};
    for (size_t i = 0; i < sizeof meant / sizeof meant[0]; i++) {
        lt_setup();
        CU_ASSERT_EQUAL(lgs_log_configure(meant[i][0]), 1);
        CU_ASSERT_EQUAL_FATAL(lt_count, 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(lt_records[0].detail, "did you mean"));
        CU_ASSERT_PTR_NOT_NULL(strstr(lt_records[0].detail, meant[i][1]));
    }
    lt_setup();
    CU_ASSERT_EQUAL(lgs_log_config_set("log.sinks", "none", NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(lgs_log_configure("jsonl:/nonexistent-dir/x.jsonl,stdrr"), 2);
    lgs_log_config_get("sinks", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "none"); /* no good sink item: what was in force stays */
    lt_setup();
    CU_ASSERT_EQUAL(lgs_log_configure("redact.key=hunter2"), 1);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    CU_ASSERT_PTR_NULL(strstr(lt_records[0].detail, "hunter2"));
    CU_ASSERT_EQUAL(lgs_log_config_set("log.sinks", "none", NULL, 0), LGS_OK);
}

/* lgs_log_hash_name() gives the digest a record shows for the account
 * (issue 15: an operator finds an account in the logs with the key), in
 * each spelling the lockout guard takes as that account; without a
 * configured key there is no digest to give. */
static void test_hash_name_matches_records(void)
{
    char digest[32], other[32];
    lt_setup();
    CU_ASSERT_EQUAL(lgs_log_config_set("redact.key", "", NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(lgs_log_hash_name("alice", digest, sizeof digest), LGS_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(digest, "");
    CU_ASSERT_EQUAL(lgs_log_config_set("redact.key", "correct horse battery staple", NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(lgs_log_config_set("redact", "hash", NULL, 0), LGS_OK);
    lgs__call_log cl = {.api = "LogonUserW", .user = "alice", .domain = "CORP"};
    /* A retried attempt: a record under the default log.records=outcomes. */
    lgs_attempt a = {.api = "LogonUser", .attempt = 1, .max_attempts = 2, .space = LGS_SPACE_WIN32,
                     .value = 1722, .cls = LGS_CLASS_TRANSIENT, .decision = LGS_DECISION_RETRY,
                     .reached_api = 1};
    lgs__log_attempt(&cl, &a);
    CU_ASSERT_EQUAL_FATAL(lt_count, 1);
    CU_ASSERT_EQUAL(lt_records[0].user[0], '#');
    const char *spellings[] = {"CORP\\alice", "alice@corp.example.com", "ALICE@CORP", "corp\\Alice"};
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        CU_ASSERT_EQUAL(lgs_log_hash_name(spellings[i], digest, sizeof digest), LGS_OK);
        CU_ASSERT_STRING_EQUAL(digest, lt_records[0].user);
    }
    CU_ASSERT_EQUAL(lgs_log_hash_name("CORP\\bob", other, sizeof other), LGS_OK);
    CU_ASSERT_STRING_NOT_EQUAL(other, digest);
    /* Another key, another digest. */
    CU_ASSERT_EQUAL(lgs_log_config_set("redact.key", "another key of sixteen+", NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(lgs_log_hash_name("CORP\\alice", other, sizeof other), LGS_OK);
    CU_ASSERT_STRING_NOT_EQUAL(other, digest);
    CU_ASSERT_EQUAL(lgs_log_hash_name("CORP\\alice", other, 17), LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_log_config_set("redact.key", "", NULL, 0), LGS_OK);
}

/* The callback can be replaced while others log; the old one then never
 * runs again. */
static void replace_cb(void *ctx, const lgs_record *r)
{
    (void)r;
    (*(unsigned *)ctx)++;
}

static void test_callback_replace(void)
{
    lt_setup();
    unsigned first = 0, second = 0;
    lgs_log_set_callback(replace_cb, &first);
    lgs__log_wine_stub("A", "one");
    lgs_log_set_callback(replace_cb, &second);
    lgs__log_wine_stub("A", "two");
    lgs_log_set_callback(NULL, NULL);
    lgs__log_wine_stub("A", "three");
    CU_ASSERT_EQUAL(first, 1);
    CU_ASSERT_EQUAL(second, 1);
}

/* Replacing the callback while three threads log: once
 * lgs_log_set_callback() returns, the old callback never runs again. */
static atomic_uint calls_a, calls_b, after_swap_a;
static atomic_int swapped;

static void cb_a(void *ctx, const lgs_record *r)
{
    (void)ctx;
    (void)r;
    atomic_fetch_add(&calls_a, 1);
}

static void cb_b(void *ctx, const lgs_record *r)
{
    (void)ctx;
    (void)r;
    atomic_fetch_add(&calls_b, 1);
}

static void swap_worker(void *arg, unsigned index)
{
    (void)arg;
    if (index == 0) {
        while (atomic_load(&calls_a) < 500)
            ;
        lgs_log_set_callback(cb_b, NULL);
        atomic_store(&after_swap_a, atomic_load(&calls_a));
        atomic_store(&swapped, 1);
        return;
    }
    lgs__call_log cl = {.api = "LogonUserW"};
    for (uint32_t i = 0; i < 20000 || !atomic_load(&swapped); i++) {
        lgs_attempt a = {"LogonUser", 1, 1, LGS_SPACE_WIN32, 1326, LGS_CLASS_CREDENTIALS,
                         LGS_DECISION_NEVER_RETRY, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        lgs__log_attempt(&cl, &a);
    }
}

static void test_callback_replace_concurrent(void)
{
    lt_setup_all();
    CU_ASSERT_EQUAL(lgs_log_configure("storm=off"), 0);
    atomic_store(&calls_a, 0);
    atomic_store(&calls_b, 0);
    atomic_store(&swapped, 0);
    lgs_log_set_callback(cb_a, NULL);
    CU_ASSERT_EQUAL_FATAL(lgs_test_run_threads(4, swap_worker, NULL), 0);
    CU_ASSERT_EQUAL(atomic_load(&calls_a), atomic_load(&after_swap_a));
    CU_ASSERT(atomic_load(&calls_b) > 0);
    CU_ASSERT(atomic_load(&calls_a) + atomic_load(&calls_b) >= 60000);
}

int lgs_suite_log(void)
{
    static CU_TestInfo tests[] = {
        {"retry then recovery", test_retry_then_recovery},
        {"final failure", test_final_failure},
        {"security is critical", test_security_is_critical},
        {"first-try success is silent", test_success_is_silent},
        {"SubStatus", test_substatus_and_stub_flag},
        {"breaker fail-fast", test_fail_fast},
        {"text line", test_text_line},
        {"text line escapes what could forge a line", test_text_line_escapes},
        {"Wine stub and setting warnings", test_wine_stub_and_setting},
        {"last failure is per thread", test_last_failure_is_per_thread},
        {"level", test_level},
        {"kind and severity names", test_names},
        {"config keys", test_config_keys},
        {"LOGONSHIM_LOG syntax", test_configure_spec},
        {"LOGONSHIM_LOG typos keep the sinks", test_configure_typos_keep_sinks},
        {"callback replaced", test_callback_replace},
        {"hash of a name as records show it", test_hash_name_matches_records},
        {"callback replaced while threads log", test_callback_replace_concurrent},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("log", tests, lt_suite_setup, lt_suite_teardown);
}
