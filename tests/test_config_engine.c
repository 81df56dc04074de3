/* test_config_engine.c — configuring the engine by key and value: the
 * documented defaults, units, rejection of bad keys and values (with a
 * message naming key, value and reason, and the old setting kept), the dump
 * (every key the getter takes, log keys included), the one number parser,
 * and that a setting changes what calls do.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "settings.h"
#include "suites.h"
#include "vtime.h"

static int setup(void)
{
    vt_setup(0, 1);
    return 0;
}

static unsigned long get(const char *key)
{
    char buf[32];
    CU_ASSERT_EQUAL_FATAL(lgs_config_get(key, buf, sizeof buf), LGS_OK);
    unsigned long v = 0;
    CU_ASSERT_EQUAL(sscanf(buf, "%lu", &v), 1);
    return v;
}

/* The defaults the issue and docs/configuration.md promise. */
static void test_documented_defaults(void)
{
    lgs_config_reset();
    CU_ASSERT_EQUAL(get("deadline_ms"), 20000);
    CU_ASSERT_EQUAL(get("retry.transient.attempts"), 4);
    CU_ASSERT_EQUAL(get("retry.transient.base_ms"), 200);
    CU_ASSERT_EQUAL(get("retry.transient.cap_ms"), 5000);
    CU_ASSERT_EQUAL(get("retry.resource.attempts"), 3);
    CU_ASSERT_EQUAL(get("retry.resource.base_ms"), 100);
    CU_ASSERT_EQUAL(get("retry.resource.cap_ms"), 2000);
    CU_ASSERT_EQUAL(get("retry.session_collision.attempts"), 2);
    CU_ASSERT_EQUAL(get("retry.session_collision.base_ms"), 10);
    CU_ASSERT_EQUAL(get("retry.context_expired.attempts"), 2);
    CU_ASSERT_EQUAL(get("retry.credentials.attempts"), 1);
    CU_ASSERT_EQUAL(get("retry.unknown.attempts"), 1);
    CU_ASSERT_EQUAL(get("budget.percent"), 10);
    CU_ASSERT_EQUAL(get("budget.window_ms"), 10000);
    CU_ASSERT_EQUAL(get("budget.floor"), 10);
    CU_ASSERT_EQUAL(get("breaker.threshold"), 5);
    CU_ASSERT_EQUAL(get("breaker.break_min_ms"), 250);
    CU_ASSERT_EQUAL(get("breaker.break_max_ms"), 600);
    CU_ASSERT_EQUAL(get("breaker.probe_lease_ms"), 10000);
    CU_ASSERT_EQUAL(get("breaker.release_ms"), 400);
    CU_ASSERT_EQUAL(get("lockout.threshold"), 3);
    CU_ASSERT_EQUAL(get("lockout.window_ms"), 900000);
}

static void test_values_and_units(void)
{
    vt_set("deadline_ms", "2s");
    CU_ASSERT_EQUAL(get("deadline_ms"), 2000);
    vt_set("deadline_ms", " 1min ");
    CU_ASSERT_EQUAL(get("deadline_ms"), 60000);
    vt_set("DEADLINE_MS", "750ms");
    CU_ASSERT_EQUAL(get("deadline_ms"), 750);
    vt_set("budget.percent", "25%");
    CU_ASSERT_EQUAL(get("budget.percent"), 25);
    vt_set("Retry.Transient.Attempts", "6");
    CU_ASSERT_EQUAL(get("retry.transient.attempts"), 6);
    vt_set("retry.credentials.attempts", "1"); /* allowed: it changes nothing */
    lgs_config_reset();
    CU_ASSERT_EQUAL(get("deadline_ms"), 20000);
}

/* Refused: the error names the key, the value and the reason, and the
 * previous setting stays. */
static void expect_refused(const char *key, const char *value, int rc, const char *reason)
{
    char before[32] = "", after[32] = "";
    int known = lgs_config_get(key, before, sizeof before) == LGS_OK;
    char why[256] = "";
    CU_ASSERT_EQUAL(lgs_config_set(key, value, why, sizeof why), rc);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, key));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, value));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, reason));
    if (strstr(why, key) == NULL || strstr(why, reason) == NULL)
        fprintf(stderr, "message: %s\n", why);
    if (known) {
        CU_ASSERT_EQUAL(lgs_config_get(key, after, sizeof after), LGS_OK);
        CU_ASSERT_STRING_EQUAL(before, after);
    }
}

static void test_invalid_settings(void)
{
    lgs_config_reset();
    expect_refused("deadline", "10", LGS_ENOTFOUND, "unknown key");
    expect_refused("retry.ok.attempts", "2", LGS_ENOTFOUND, "unknown key");
    expect_refused("retry.continue.attempts", "2", LGS_ENOTFOUND, "unknown key");
    expect_refused("retry.transient.tries", "2", LGS_ENOTFOUND, "unknown key");
    expect_refused("retry.nonsense.attempts", "2", LGS_ENOTFOUND, "unknown key");
    expect_refused("deadline_ms", "abc", LGS_EINVAL, "not a whole number");
    expect_refused("deadline_ms", "", LGS_EINVAL, "not a whole number");
    expect_refused("deadline_ms", "-5", LGS_EINVAL, "negative");
    expect_refused("deadline_ms", "5 apples", LGS_EINVAL, "unexpected text");
    expect_refused("deadline_ms", "5h", LGS_EINVAL, "unknown unit");
    expect_refused("deadline_ms", "0", LGS_EINVAL, "out of range");
    expect_refused("deadline_ms", "99999999999999999999", LGS_EINVAL, "too large");
    expect_refused("retry.transient.attempts", "0", LGS_EINVAL, "out of range");
    expect_refused("retry.transient.attempts", "5s", LGS_EINVAL, "not a whole number");
    expect_refused("budget.percent", "101", LGS_EINVAL, "out of range");
    expect_refused("lockout.threshold", "33", LGS_EINVAL, "out of range");
    expect_refused("retry.credentials.attempts", "2", LGS_EINVAL, "never retried");
    expect_refused("retry.account.attempts", "3", LGS_EINVAL, "never retried");
    /* A misspelt key or value is answered with the one meant (issue 15);
     * a word near nothing gets no guess. */
    expect_refused("breaker.treshold", "3", LGS_ENOTFOUND, "did you mean \"breaker.threshold\"?");
    expect_refused("retry.transient.atempts", "2", LGS_ENOTFOUND, "did you mean \"retry.transient.attempts\"?");
    expect_refused("DEADLINE_MS_", "9s", LGS_ENOTFOUND, "did you mean \"deadline_ms\"?");
    expect_refused("log.level", "eror", LGS_EINVAL, "did you mean \"error\"?");
    expect_refused("log.redact", "hsah", LGS_EINVAL, "did you mean \"hash\"?");
    char hinted[256] = "";
    CU_ASSERT_EQUAL(lgs_config_set("log.levle", "info", hinted, sizeof hinted), LGS_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(hinted, "did you mean \"log.level\"?"));
    CU_ASSERT_EQUAL(lgs_log_config_set("levle", "info", hinted, sizeof hinted), LGS_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(hinted, "did you mean \"level\"?"));
    CU_ASSERT_EQUAL(lgs_config_set("zebra", "1", hinted, sizeof hinted), LGS_ENOTFOUND);
    CU_ASSERT_PTR_NULL(strstr(hinted, "did you mean"));
    char why[64];
    CU_ASSERT_EQUAL(lgs_config_set(NULL, "1", why, sizeof why), LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_config_set("deadline_ms", NULL, why, sizeof why), LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_config_set("deadline_ms", "x", NULL, 0), LGS_EINVAL);
    char tiny[8];
    CU_ASSERT_EQUAL(lgs_config_set("deadline_ms", "x", tiny, sizeof tiny), LGS_EINVAL);
    CU_ASSERT_EQUAL(strlen(tiny), sizeof tiny - 1);
    char buf[8];
    CU_ASSERT_EQUAL(lgs_config_get("nope", buf, sizeof buf), LGS_ENOTFOUND);
    CU_ASSERT_EQUAL(lgs_config_get(NULL, buf, sizeof buf), LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_config_get("deadline_ms", NULL, 4), LGS_EINVAL);
    CU_ASSERT_EQUAL(get("deadline_ms"), 20000);
}

/* The number of keys the enumerator lists. */
static int count_key(void *ctx, const lgs__key *key)
{
    (void)key;
    (*(unsigned *)ctx)++;
    return 0;
}

/* The dump lists every key once, and feeding it back is accepted. */
static void test_dump_round_trips(void)
{
    lgs_config_reset();
    lgs_log_reset();
    vt_set("retry.resource.cap_ms", "1234");
    size_t need = lgs_config_dump(NULL, 0);
    CU_ASSERT_FATAL(need > 0 && need < 8192);
    char buf[8192];
    CU_ASSERT_EQUAL(lgs_config_dump(buf, sizeof buf), need);
    CU_ASSERT_EQUAL(strlen(buf), need);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "deadline_ms = 20000\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "retry.resource.cap_ms = 1234\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "retry.unknown.attempts = 1\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "log.level = warning\n"));
    CU_ASSERT_PTR_NULL(strstr(buf, "retry.ok."));
    unsigned lines = 0;
    char *save = buf;
    for (char *line = buf; *line != '\0'; line = save) {
        char *nl = strchr(line, '\n');
        CU_ASSERT_PTR_NOT_NULL_FATAL(nl);
        *nl = '\0';
        save = nl + 1;
        char *eq = strstr(line, " = ");
        CU_ASSERT_PTR_NOT_NULL_FATAL(eq);
        *eq = '\0';
        vt_set(line, eq + 3); /* an empty value too: log.jsonl.path */
        lines++;
    }
    /* 13 fixed keys (hook.exclude among them), 3 per class except ok and
     * continue, 9 log keys (log.records among them). */
    CU_ASSERT_EQUAL(lines, 13u + 3u * (LGS_CLASS_COUNT_ - 2u) + 9u);
    unsigned listed = 0;
    lgs__settings_each(count_key, &listed);
    CU_ASSERT_EQUAL(lines, listed);
    CU_ASSERT_EQUAL(get("retry.resource.cap_ms"), 1234);
    char small[16];
    CU_ASSERT_EQUAL(lgs_config_dump(small, sizeof small), need);
    CU_ASSERT_EQUAL(strlen(small), sizeof small - 1);
}

/* Checks one key of the enumerator: the getter takes it, and the dump has
 * its line with the value the getter gives. */
static int check_listed(void *ctx, const lgs__key *key)
{
    const char *dump = ctx;
    char value[1100], line[1200];
    int rc = lgs_config_get(key->name, value, sizeof value);
    CU_ASSERT_EQUAL(rc, LGS_OK);
    snprintf(line, sizeof line, "%s = %s\n", key->name, value);
    int found = strncmp(dump, line, strlen(line)) == 0;
    for (const char *nl = strchr(dump, '\n'); !found && nl != NULL; nl = strchr(nl + 1, '\n'))
        found = strncmp(nl + 1, line, strlen(line)) == 0;
    CU_ASSERT(found);
    if (rc != LGS_OK || !found)
        fprintf(stderr, "%s: get %d, in the dump %d\n", key->name, rc, found);
    CU_ASSERT_PTR_NOT_NULL(key->row->doc);
    return 0;
}

/* Every key the enumerator lists is one lgs_config_get() takes and one the
 * dump shows; every key the getter takes (engine, log.*, any case) is in
 * the dump. */
static void test_dump_lists_every_key(void)
{
    lgs_config_reset();
    lgs_log_reset();
    static char dump[8192];
    CU_ASSERT_FATAL(lgs_config_dump(dump, sizeof dump) < sizeof dump);
    lgs__settings_each(check_listed, dump);
    static const char *const log_keys[] = {"log.sinks", "log.level", "log.storm.limit",
                                           "log.storm.interval_ms", "log.records", "log.redact",
                                           "log.eventlog.source", "log.jsonl.path"};
    for (size_t i = 0; i < sizeof log_keys / sizeof log_keys[0]; i++) {
        char value[256], line[300];
        CU_ASSERT_EQUAL_FATAL(lgs_config_get(log_keys[i], value, sizeof value), LGS_OK);
        snprintf(line, sizeof line, "%s = %s\n", log_keys[i], value);
        CU_ASSERT_PTR_NOT_NULL(strstr(dump, line));
    }
}

/* One parser: the same text gets the same answer on an engine key and a
 * log key, accepted or refused with the same reason. */
static void test_one_number_parser(void)
{
    static const char *const texts[] = {"10 s", "10s", " 2min ", "750ms", "750", "5 apples",
                                        "5h",   "-1",  "abc",    "",      "1.5s", "3 s x"};
    static const char *const keys[] = {"deadline_ms", "log.storm.interval_ms"};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        int rc[2];
        char why[2][256], value[2][32];
        for (int k = 0; k < 2; k++) {
            lgs_config_reset();
            lgs_log_reset();
            rc[k] = lgs_config_set(keys[k], texts[t], why[k], sizeof why[k]);
            CU_ASSERT_EQUAL(lgs_config_get(keys[k], value[k], sizeof value[k]), LGS_OK);
        }
        CU_ASSERT_EQUAL(rc[0], rc[1]);
        if (rc[0] == LGS_OK && rc[1] == LGS_OK) {
            CU_ASSERT_STRING_EQUAL(value[0], value[1]);
        } else {
            /* The reason follows the key and the value: `key = "value": reason`. */
            const char *r0 = strstr(why[0], "\": "), *r1 = strstr(why[1], "\": ");
            CU_ASSERT_FATAL(r0 != NULL && r1 != NULL);
            CU_ASSERT_STRING_EQUAL(r0, r1);
            if (strcmp(r0, r1) != 0)
                fprintf(stderr, "\"%s\": %s | %s\n", texts[t], why[0], why[1]);
        }
    }
    lgs_config_reset();
    lgs_log_reset();
    /* A blank between the number and its unit is refused, for both kinds. */
    char why[256];
    CU_ASSERT_EQUAL(lgs_config_set("log.storm.interval_ms", "10 s", why, sizeof why), LGS_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "unexpected text after the number"));
}

#ifdef LGS_DOCS_DIR
/* Reads docs/NAME into buf; 0 when it cannot. */
static int read_doc(const char *name, char *buf, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", LGS_DOCS_DIR, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
    return 1;
}

static const char *docs;

/* Every listed key has its row in the docs' tables: "| `name` |", with
 * "<class>" for a per-class key. */
static int check_documented(void *ctx, const lgs__key *key)
{
    (void)ctx;
    char name[80], row[100];
    const char *star = strchr(key->row->name, '*');
    if (star != NULL)
        snprintf(name, sizeof name, "%.*s<class>%s", (int)(star - key->row->name),
                 key->row->name, star + 1);
    else
        snprintf(name, sizeof name, "%s", key->row->name);
    snprintf(row, sizeof row, "| `%s` |", name);
    CU_ASSERT_PTR_NOT_NULL(strstr(docs, row));
    if (strstr(docs, row) == NULL)
        fprintf(stderr, "not documented: %s\n", row);
    return 0;
}

/* docs/configuration.md and docs/logging.md have a row for every key. */
static void test_every_key_documented(void)
{
    static char text[2][65536];
    CU_ASSERT_FATAL(read_doc("configuration.md", text[0], sizeof text[0]));
    CU_ASSERT_FATAL(read_doc("logging.md", text[1], sizeof text[1]));
    static char both[sizeof text];
    snprintf(both, sizeof both, "%s\n%s", text[0], text[1]);
    docs = both;
    lgs__settings_each(check_documented, NULL);
}
#endif

/* A setting changes what the next call does. */
static void test_setting_applies_to_calls(void)
{
    vt_setup(0, 2);
    vt_set("retry.transient.attempts", "2");
    vt_set("retry.privilege.attempts", "3");
    vt_script s;
    vt_script_repeat(&s, vt_win32(1311), 1);
    lgs_call c = vt_call(&s, "LogonUser", NULL);
    CU_ASSERT_EQUAL(vt_run(&c).attempts, 2);
    vt_script_repeat(&s, vt_code_of(LGS_CLASS_PRIVILEGE), 1);
    lgs_outcome o = vt_run(&c);
    CU_ASSERT_EQUAL(o.attempts, 3);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_GIVE_UP);
}

/* hook.exclude keeps the module names as written (what the hooks compare),
 * refuses a list it cannot hold whole, and the defaults clear it. */
static void test_hook_exclude(void)
{
    char why[200] = "", buf[600];
    lgs_config_reset();
    CU_ASSERT_EQUAL(lgs_config_get("hook.exclude", buf, sizeof buf), LGS_OK);
    CU_ASSERT_STRING_EQUAL(buf, "");
    CU_ASSERT_EQUAL(lgs_config_set("hook.exclude", "vendor.dll, Agent.EXE", why, sizeof why), LGS_OK);
    CU_ASSERT_EQUAL(lgs_config_get("HOOK.Exclude", buf, sizeof buf), LGS_OK);
    CU_ASSERT_STRING_EQUAL(buf, "vendor.dll, Agent.EXE");
    char long_list[600];
    memset(long_list, 'a', sizeof long_list - 1);
    long_list[sizeof long_list - 1] = '\0';
    CU_ASSERT_NOT_EQUAL(lgs_config_set("hook.exclude", long_list, why, sizeof why), LGS_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "hook.exclude"));
    CU_ASSERT_EQUAL(lgs_config_get("hook.exclude", buf, sizeof buf), LGS_OK);
    CU_ASSERT_STRING_EQUAL(buf, "vendor.dll, Agent.EXE");
    lgs_config_reset();
    CU_ASSERT_EQUAL(lgs_config_get("hook.exclude", buf, sizeof buf), LGS_OK);
    CU_ASSERT_STRING_EQUAL(buf, "");
}

/* lgs_config_set is the one entry point: log.* keys reach the log layer,
 * with its validation. */
static void test_log_keys_forwarded(void)
{
    char why[200] = "", buf[64];
    CU_ASSERT_EQUAL(lgs_config_set("log.level", "error", why, sizeof why), LGS_OK);
    CU_ASSERT_EQUAL(lgs_log_config_get("log.level", buf, sizeof buf), LGS_OK);
    CU_ASSERT_STRING_EQUAL(buf, "error");
    CU_ASSERT_EQUAL(lgs_config_get("LOG.Level", buf, sizeof buf), LGS_OK);
    CU_ASSERT_STRING_EQUAL(buf, "error");
    CU_ASSERT_NOT_EQUAL(lgs_config_set("log.level", "loud", why, sizeof why), LGS_OK);
    CU_ASSERT(strstr(why, "loud") != NULL);
    CU_ASSERT_EQUAL(lgs_log_config_get("log.level", buf, sizeof buf), LGS_OK);
    CU_ASSERT_STRING_EQUAL(buf, "error");
    CU_ASSERT_EQUAL(lgs_config_set("log.level", "warning", why, sizeof why), LGS_OK);
    CU_ASSERT_EQUAL(lgs_config_set("logx", "1", why, sizeof why), LGS_ENOTFOUND);
}

static CU_TestInfo tests[] = {
    {"log keys go to the log layer", test_log_keys_forwarded},
    {"documented defaults", test_documented_defaults},
    {"values and units", test_values_and_units},
    {"invalid settings are refused and named", test_invalid_settings},
    {"dump round-trips", test_dump_round_trips},
    {"dump lists every key get takes", test_dump_lists_every_key},
    {"one number parser for engine and log keys", test_one_number_parser},
#ifdef LGS_DOCS_DIR
    {"every key is documented", test_every_key_documented},
#endif
    {"a setting applies to calls", test_setting_applies_to_calls},
    {"hook.exclude", test_hook_exclude},
    CU_TEST_INFO_NULL,
};

int lgs_suite_config_engine(void)
{
    LGS_REGISTER("config_engine", tests, setup, vt_teardown);
}
