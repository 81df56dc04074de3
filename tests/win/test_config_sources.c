/* test_config_sources.c — the configuration sources under Wine: the INI file
 * named by LOGONSHIM_CONFIG, the registry (HKLM\SOFTWARE\logonshim, Wine's
 * own registry through the API), the environment (LOGONSHIM_<SECTION>_<KEY>)
 * and API calls; each source alone, every key of the settings table through
 * each, log and engine keys read the same way, the precedence, and bad
 * values (reported once, previous value kept).
 *
 * config_sources runs inside the all-suites process and reloads with
 * lgs_config_load(). config_first_use runs in a process of its own with
 * LOGONSHIM_ENGINE_DEADLINE_MS=9s and LOGONSHIM_BUDGET_FLOOR=17 set by CTest:
 * the sources load at the first use, and an API call made then still wins. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "logonshim/logonshim.h"
#include "settings.h"
#include "suites.h"

#define REG_ROOT L"SOFTWARE\\logonshim"

static wchar_t ini_path[MAX_PATH];
static char jsonl_path[MAX_PATH];
static int setting_records;
static char last_setting[512];
static char settings_seen[8][512]; /* the first records of a test */

static void on_record(void *ctx, const lgs_record *r)
{
    (void)ctx;
    if (r->kind == LGS_RECORD_SETTING) {
        setting_records++;
        snprintf(last_setting, sizeof last_setting, "%s", r->detail);
        if (setting_records <= 8)
            snprintf(settings_seen[setting_records - 1], sizeof settings_seen[0], "%s", r->detail);
        if (getenv("LGS_TEST_VERBOSE") != NULL)
            fprintf(stderr, "setting: %s\n", r->detail);
    }
}

static void reg_clear(void)
{
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, REG_ROOT);
}

static void reg_put(const wchar_t *sub, const wchar_t *name, const wchar_t *value)
{
    wchar_t path[256];
    swprintf(path, 256, sub != NULL ? L"%ls\\%ls" : L"%ls", REG_ROOT, sub);
    HKEY k;
    CU_ASSERT_FATAL(RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0,
                                    KEY_WRITE | KEY_WOW64_64KEY, NULL, &k, NULL) == ERROR_SUCCESS);
    RegSetValueExW(k, name, 0, REG_SZ, (const BYTE *)value,
                   (DWORD)((wcslen(value) + 1) * sizeof(wchar_t)));
    RegCloseKey(k);
}

static void reg_put_dword(const wchar_t *sub, const wchar_t *name, DWORD v)
{
    wchar_t path[256];
    swprintf(path, 256, L"%ls\\%ls", REG_ROOT, sub);
    HKEY k;
    CU_ASSERT_FATAL(RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0,
                                    KEY_WRITE | KEY_WOW64_64KEY, NULL, &k, NULL) == ERROR_SUCCESS);
    RegSetValueExW(k, name, 0, REG_DWORD, (const BYTE *)&v, sizeof v);
    RegCloseKey(k);
}

static void ini_write(const char *text)
{
    FILE *f = _wfopen(ini_path, L"w");
    CU_ASSERT_FATAL(f != NULL);
    fputs(text, f);
    fclose(f);
    SetEnvironmentVariableW(L"LOGONSHIM_CONFIG", ini_path);
}

static void env_clear(void)
{
    /* In rounds of up to 32 names: the environment block is re-read after
     * each round, so every LOGONSHIM_ variable goes however many there are. */
    for (;;) {
        wchar_t *block = GetEnvironmentStringsW();
        wchar_t names[32][128];
        int n = 0;
        for (const wchar_t *e = block; *e != L'\0' && n < 32; e += wcslen(e) + 1) {
            if (_wcsnicmp(e, L"LOGONSHIM_", 10) == 0) {
                const wchar_t *eq = wcschr(e, L'=');
                size_t len = eq != NULL ? (size_t)(eq - e) : wcslen(e);
                if (len < 128) {
                    wcsncpy(names[n], e, len);
                    names[n++][len] = L'\0';
                }
            }
        }
        FreeEnvironmentStringsW(block);
        if (n == 0)
            return;
        for (int i = 0; i < n; i++)
            SetEnvironmentVariableW(names[i], NULL);
    }
}

static int setup(void)
{
    wchar_t dir[MAX_PATH];
    GetTempPathW(MAX_PATH, dir);
    swprintf(ini_path, MAX_PATH, L"%lslgs-config-%lu.ini", dir, (unsigned long)GetCurrentProcessId());
    char dir8[MAX_PATH];
    WideCharToMultiByte(CP_UTF8, 0, dir, -1, dir8, MAX_PATH, NULL, NULL);
    snprintf(jsonl_path, sizeof jsonl_path, "%slgs-config-%lu.jsonl", dir8,
             (unsigned long)GetCurrentProcessId());
    return 0;
}

static int teardown(void)
{
    reg_clear();
    env_clear();
    DeleteFileW(ini_path);
    lgs_log_reset();
    lgs_config_reset();
    DeleteFileA(jsonl_path);
    return 0;
}

/* Every test starts from the compiled defaults with no source present. */
static void fresh(void)
{
    reg_clear();
    env_clear();
    DeleteFileW(ini_path);
    lgs_log_reset();
    lgs_config_reset();
    setting_records = 0;
    last_setting[0] = '\0';
    lgs_log_set_callback(on_record, NULL);
    CU_ASSERT_EQUAL(lgs_log_config_set("sinks", "none", NULL, 0), LGS_OK);
}

static unsigned long get_num(const char *key)
{
    char buf[64];
    CU_ASSERT_EQUAL(lgs_config_get(key, buf, sizeof buf), LGS_OK);
    return strtoul(buf, NULL, 10);
}

static const char *get_log(const char *key)
{
    static char buf[512];
    CU_ASSERT_EQUAL(lgs_log_config_get(key, buf, sizeof buf), LGS_OK);
    return buf;
}

static void test_ini(void)
{
    fresh();
    ini_write("; a comment\n[engine]\ndeadline_ms = 7s\n[retry]\ntransient.attempts=5\n"
              "session_collision.base_ms = 20ms\n[budget]\npercent=30%\n[log]\nlevel=error\n");
    CU_ASSERT_EQUAL(lgs_config_load(), 0);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 7000);
    CU_ASSERT_EQUAL(get_num("retry.transient.attempts"), 5);
    CU_ASSERT_EQUAL(get_num("retry.session_collision.base_ms"), 20);
    CU_ASSERT_EQUAL(get_num("budget.percent"), 30);
    CU_ASSERT_STRING_EQUAL(get_log("level"), "error");
    CU_ASSERT_EQUAL(setting_records, 0);
}

static void test_registry(void)
{
    fresh();
    reg_put(NULL, L"deadline_ms", L"8s");          /* a whole key name at the root */
    reg_put(NULL, L"log.redact", L"omit");
    reg_put_dword(L"budget", L"floor", 25);        /* section subkey, REG_DWORD */
    reg_put(L"breaker", L"threshold", L"9");
    reg_put(L"log", L"storm.limit", L"4");
    CU_ASSERT_EQUAL(lgs_config_load(), 0);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 8000);
    CU_ASSERT_EQUAL(get_num("budget.floor"), 25);
    CU_ASSERT_EQUAL(get_num("breaker.threshold"), 9);
    CU_ASSERT_STRING_EQUAL(get_log("redact"), "omit");
    CU_ASSERT_STRING_EQUAL(get_log("storm.limit"), "4");
    CU_ASSERT_EQUAL(setting_records, 0);
}

static void test_environment(void)
{
    fresh();
    SetEnvironmentVariableW(L"LOGONSHIM_ENGINE_DEADLINE_MS", L"9s");
    SetEnvironmentVariableW(L"LOGONSHIM_RETRY_SESSION_COLLISION_CAP_MS", L"250");
    SetEnvironmentVariableW(L"LOGONSHIM_LOCKOUT_WINDOW_MS", L"2min");
    SetEnvironmentVariableW(L"LOGONSHIM_LOG_STORM_INTERVAL_MS", L"30s");
    CU_ASSERT_EQUAL(lgs_config_load(), 0);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 9000);
    CU_ASSERT_EQUAL(get_num("retry.session_collision.cap_ms"), 250);
    CU_ASSERT_EQUAL(get_num("lockout.window_ms"), 120000);
    CU_ASSERT_STRING_EQUAL(get_log("storm.interval_ms"), "30000");
    CU_ASSERT_EQUAL(setting_records, 0);
}

/* INI < registry < environment < API, key by key. */
static void test_precedence(void)
{
    fresh();
    ini_write("[engine]\ndeadline_ms=7s\n[budget]\nfloor=11\npercent=21\n[breaker]\nthreshold=7\n"
              "[log]\nlevel=critical\n");
    reg_put(NULL, L"deadline_ms", L"8s");
    reg_put(L"budget", L"floor", L"12");
    reg_put(L"log", L"level", L"error");
    SetEnvironmentVariableW(L"LOGONSHIM_ENGINE_DEADLINE_MS", L"9s");
    CU_ASSERT_EQUAL(lgs_config_load(), 0);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 9000);    /* environment */
    CU_ASSERT_EQUAL(get_num("budget.floor"), 12);     /* registry over INI */
    CU_ASSERT_EQUAL(get_num("budget.percent"), 21);   /* INI alone */
    CU_ASSERT_EQUAL(get_num("breaker.threshold"), 7); /* INI alone */
    CU_ASSERT_STRING_EQUAL(get_log("level"), "error");
    CU_ASSERT_EQUAL(get_num("budget.window_ms"), 10000); /* no source: the default */
    /* An API call after the load wins. */
    CU_ASSERT_EQUAL(lgs_config_set("deadline_ms", "3s", NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 3000);
    /* Without the environment, the registry's value; without that, the INI's. */
    SetEnvironmentVariableW(L"LOGONSHIM_ENGINE_DEADLINE_MS", NULL);
    CU_ASSERT_EQUAL(lgs_config_load(), 0);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 8000);
    reg_clear();
    CU_ASSERT_EQUAL(lgs_config_load(), 0);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 7000);
    CU_ASSERT_EQUAL(get_num("budget.floor"), 11);
    CU_ASSERT_STRING_EQUAL(get_log("level"), "critical");
}

/* A value valid for key, and different from its default where one exists. */
static void valid_value(const char *key, unsigned long dflt, char *out, size_t size)
{
    if (strstr(key, "credentials.attempts") != NULL || strstr(key, "account.attempts") != NULL ||
        strstr(key, "unknown.attempts") != NULL)
        snprintf(out, size, "1"); /* only 1 is accepted */
    else if (strcmp(key, "breaker.wait") == 0)
        snprintf(out, size, "off"); /* on by default; read back as text */
    else
        snprintf(out, size, "%lu", dflt + 1);
}

typedef struct key_list {
    char keys[80][64];
    unsigned long dflt[80];
    int n;
} key_list;

static const struct {
    const char *key, *value, *expect;
} log_values[] = {
    {"sinks", "jsonl", "jsonl"}, {"level", "info", "info"}, {"storm.limit", "4", "4"},
    {"storm.interval_ms", "5s", "5000"}, {"redact", "omit", "omit"},
    {"eventlog.source", "lgs-src", "lgs-src"}, {"jsonl.path", NULL, NULL},
    {"records", "all", "all"},
    /* A secret: read from every source, shown by get only as set. */
    {"redact.key", "a key of sixteen characters or more", "(set, not shown)"},
};
#define LOG_VALUE_COUNT (sizeof log_values / sizeof log_values[0])

/* Collects the engine keys of the settings table with their defaults; each
 * log key must have a value in log_values, so no key goes untested. */
static int list_key(void *ctx, const lgs__key *key)
{
    key_list *kl = ctx;
    if (lgs__is_log_key(key->name)) {
        size_t i = 0;
        while (i < LOG_VALUE_COUNT && strcmp(log_values[i].key, key->name + 4) != 0)
            i++;
        CU_ASSERT(i < LOG_VALUE_COUNT);
        if (i == LOG_VALUE_COUNT)
            fprintf(stderr, "no test value for %s\n", key->name);
        return 0;
    }
    if (kl->n < 80) {
        snprintf(kl->keys[kl->n], 64, "%s", key->name);
        kl->dflt[kl->n++] = get_num(key->name);
    }
    return 0;
}

static void engine_keys(key_list *kl)
{
    lgs_config_reset();
    kl->n = 0;
    lgs__settings_each(list_key, kl);
    CU_ASSERT(kl->n >= 50);
}

enum { VIA_INI, VIA_REGISTRY, VIA_ENV };

static void section_and_name(const char *key, char *section, size_t ssize, const char **name)
{
    const char *dot = strchr(key, '.');
    if (dot == NULL) {
        snprintf(section, ssize, "engine");
        *name = key;
    } else {
        snprintf(section, ssize, "%.*s", (int)(dot - key), key);
        *name = dot + 1;
    }
}

static void put_via(int via, const char *section, const char *name, const char *value, char *ini,
                    size_t ini_size)
{
    wchar_t wsec[64], wname[96], wvalue[600];
    MultiByteToWideChar(CP_UTF8, 0, section, -1, wsec, 64);
    MultiByteToWideChar(CP_UTF8, 0, name, -1, wname, 96);
    MultiByteToWideChar(CP_UTF8, 0, value, -1, wvalue, 600);
    if (via == VIA_INI) {
        /* A section written twice would be read once: keys come grouped. */
        static char last_section[64];
        size_t len = strlen(ini);
        if (len == 0 || strcmp(last_section, section) != 0)
            snprintf(ini + len, ini_size - len, "[%s]\n", section);
        snprintf(last_section, sizeof last_section, "%s", section);
        len = strlen(ini);
        snprintf(ini + len, ini_size - len, "%s=%s\n", name, value);
    } else if (via == VIA_REGISTRY) {
        reg_put(wsec, wname, wvalue);
    } else {
        char var[160];
        snprintf(var, sizeof var, "LOGONSHIM_%s_%s", section, name);
        for (char *p = var; *p != '\0'; p++)
            *p = *p == '.' ? '_' : (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
        SetEnvironmentVariableA(var, value);
    }
}

/* Every engine key and every log key, through each source. */
static void test_every_key_each_way(void)
{
    static key_list kl;
    engine_keys(&kl);
    static char ini[16384];
    for (int via = VIA_INI; via <= VIA_ENV; via++) {
        fresh();
        ini[0] = '\0';
        char value[64], section[64];
        const char *name;
        for (int i = 0; i < kl.n; i++) {
            valid_value(kl.keys[i], kl.dflt[i], value, sizeof value);
            section_and_name(kl.keys[i], section, sizeof section, &name);
            put_via(via, section, name, value, ini, sizeof ini);
        }
        for (size_t i = 0; i < LOG_VALUE_COUNT; i++)
            put_via(via, "log", log_values[i].key,
                    log_values[i].value != NULL ? log_values[i].value : jsonl_path, ini, sizeof ini);
        if (via == VIA_INI)
            ini_write(ini);
        int bad = lgs_config_load();
        CU_ASSERT_EQUAL(bad, 0);
        if (bad != 0)
            fprintf(stderr, "via %d: %s\n", via, last_setting);
        for (int i = 0; i < kl.n; i++) {
            valid_value(kl.keys[i], kl.dflt[i], value, sizeof value);
            if (strcmp(kl.keys[i], "breaker.wait") == 0) {
                char text[16] = "";
                lgs_config_get(kl.keys[i], text, sizeof text);
                CU_ASSERT_STRING_EQUAL(text, value);
                continue;
            }
            unsigned long got = get_num(kl.keys[i]);
            CU_ASSERT_EQUAL(got, strtoul(value, NULL, 10));
            if (got != strtoul(value, NULL, 10))
                fprintf(stderr, "via %d: %s = %lu, expected %s\n", via, kl.keys[i], got, value);
        }
        for (size_t i = 0; i < LOG_VALUE_COUNT; i++)
            CU_ASSERT_STRING_EQUAL(get_log(log_values[i].key),
                                   log_values[i].expect != NULL ? log_values[i].expect : jsonl_path);
        CU_ASSERT_EQUAL(setting_records, 0);
        lgs_log_config_set("sinks", "none", NULL, 0);
        lgs_log_config_set("jsonl.path", "", NULL, 0);
        lgs_log_config_set("redact.key", "", NULL, 0);
    }
}

/* A bad value in any source is reported once, naming source, key, value and
 * reason, and the previous value stays in force; unknown names are reported. */
static void test_bad_values(void)
{
    fresh();
    ini_write("[retry]\ntransient.attempts=lots\ncredentials.attempts=3\ntransient.atempts=2\n"
              "[engine]\ndeadline_ms=7s\n");
    reg_put(L"budget", L"percent", L"250");
    SetEnvironmentVariableW(L"LOGONSHIM_LOG_LEVEL", L"loud");
    SetEnvironmentVariableW(L"LOGONSHIM_BREAKER_TRESHOLD", L"3");
    int bad = lgs_config_load();
    CU_ASSERT_EQUAL(bad, 6);
    CU_ASSERT_EQUAL(setting_records, 6);
    CU_ASSERT_EQUAL(get_num("retry.transient.attempts"), 4);    /* the default stays */
    CU_ASSERT_EQUAL(get_num("retry.credentials.attempts"), 1);
    CU_ASSERT_EQUAL(get_num("budget.percent"), 10);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 7000);              /* the good one applied */
    CU_ASSERT_STRING_EQUAL(get_log("level"), "warning");
    CU_ASSERT(strstr(last_setting, "LOGONSHIM_BREAKER_TRESHOLD") != NULL);
    CU_ASSERT(strstr(last_setting, "did you mean \"LOGONSHIM_BREAKER_THRESHOLD\"?") != NULL);
    /* Read again: still bad, not reported again. */
    setting_records = 0;
    CU_ASSERT_EQUAL(lgs_config_load(), 6);
    CU_ASSERT_EQUAL(setting_records, 0);
    /* A previous valid setting stays when a later source is bad. */
    fresh();
    ini_write("[budget]\npercent=30\n");
    SetEnvironmentVariableW(L"LOGONSHIM_BUDGET_PERCENT", L"-5");
    CU_ASSERT_EQUAL(lgs_config_load(), 1);
    CU_ASSERT_EQUAL(get_num("budget.percent"), 30);
    CU_ASSERT(strstr(last_setting, "LOGONSHIM_BUDGET_PERCENT") != NULL);
    CU_ASSERT(strstr(last_setting, "-5") != NULL);
    /* A bad log.redact.key is reported without its value, from every source. */
    fresh();
    ini_write("[log]\nredact.key=hunter2\n");
    CU_ASSERT_EQUAL(lgs_config_load(), 1);
    CU_ASSERT(strstr(last_setting, "redact.key") != NULL);
    CU_ASSERT(strstr(last_setting, "hunter2") == NULL);
    CU_ASSERT(strstr(last_setting, "(not shown)") != NULL);
    fresh();
    SetEnvironmentVariableW(L"LOGONSHIM_LOG_REDACT_KEY", L"swordfish");
    CU_ASSERT_EQUAL(lgs_config_load(), 1);
    CU_ASSERT(strstr(last_setting, "swordfish") == NULL);
    SetEnvironmentVariableW(L"LOGONSHIM_LOG_REDACT_KEY", NULL);
    /* A missing file is reported, not ignored. */
    fresh();
    SetEnvironmentVariableW(L"LOGONSHIM_CONFIG", L"C:\\no\\such\\logonshim.ini");
    CU_ASSERT_EQUAL(lgs_config_load(), 1);
    CU_ASSERT(strstr(last_setting, "LOGONSHIM_CONFIG") != NULL);
}

/* No value is lost without a word (issue 15): a long INI value is reported,
 * not cut and applied; a long environment value is reported, not ignored;
 * keys after an 8 191-character section list are read; a key written twice
 * is reported. */
static void test_nothing_lost_silently(void)
{
    static char ini[16384];
    fresh();
    int n = snprintf(ini, sizeof ini, "[engine]\ndeadline_ms=5");
    for (int i = 0; i < 1100; i++)
        ini[n++] = ' ';
    snprintf(ini + n, sizeof ini - (size_t)n, "min\n");
    ini_write(ini);
    CU_ASSERT_EQUAL(lgs_config_load(), 1);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 20000); /* not 5 ms */
    CU_ASSERT(strstr(last_setting, "too long") != NULL);

    fresh();
    n = 0;
    for (int s = 0; s < 120; s++) {
        n += snprintf(ini + n, sizeof ini - (size_t)n, "[section-%03d-", s);
        for (int i = 0; i < 80; i++)
            ini[n++] = 'x';
        n += snprintf(ini + n, sizeof ini - (size_t)n, "]\n");
    }
    snprintf(ini + n, sizeof ini - (size_t)n, "[engine]\ndeadline_ms=7s\n");
    ini_write(ini);
    lgs_config_load();
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 7000);

    fresh();
    ini_write("[engine]\ndeadline_ms=7s\ndeadline_ms=lots\n");
    CU_ASSERT_EQUAL(lgs_config_load(), 1);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 7000);
    CU_ASSERT(strstr(last_setting, "more than once") != NULL);

    fresh();
    static wchar_t big[1200];
    for (int i = 0; i < 1100; i++)
        big[i] = L'9';
    big[1100] = L'\0';
    SetEnvironmentVariableW(L"LOGONSHIM_ENGINE_DEADLINE_MS", big);
    CU_ASSERT_EQUAL(lgs_config_load(), 1);
    CU_ASSERT(strstr(last_setting, "LOGONSHIM_ENGINE_DEADLINE_MS") != NULL);
    CU_ASSERT(strstr(last_setting, "too long") != NULL);
    SetEnvironmentVariableW(L"LOGONSHIM_ENGINE_DEADLINE_MS", NULL);

    /* A LOGONSHIM_LOG longer than the library reads (4 095 characters) is
     * reported on the sinks there are, and none of it is applied: not the
     * level at its start, nor a cut-off remainder. */
    fresh();
    static wchar_t spec[5000];
    int k = swprintf(spec, 64, L"level=error;");
    while (k < 4990)
        spec[k++] = L' ';
    spec[k] = L'\0';
    SetEnvironmentVariableW(L"LOGONSHIM_LOG", spec);
    CU_ASSERT_EQUAL(lgs_config_load(), 1);
    CU_ASSERT_EQUAL(setting_records, 1);
    CU_ASSERT(strstr(last_setting, "LOGONSHIM_LOG") != NULL);
    CU_ASSERT(strstr(last_setting, "too long") != NULL);
    CU_ASSERT_STRING_EQUAL(get_log("level"), "warning");
    SetEnvironmentVariableW(L"LOGONSHIM_LOG", NULL);
}

/* The reason in a "setting" record: what follows `key = "value": `. */
static const char *reason_of(const char *detail)
{
    const char *r = strstr(detail, "\": ");
    return r != NULL ? r + 3 : detail;
}

/* A log key and an engine key go through the same path, in every source:
 * the same text is refused for the same reason, or read the same way. */
static void test_log_and_engine_same_path(void)
{
    fresh();
    ini_write("[engine]\ndeadline_ms=10 s\n[log]\nstorm.interval_ms=10 s\n");
    SetEnvironmentVariableW(L"LOGONSHIM_ENGINE_DEADLINE_MS", L"5 apples");
    SetEnvironmentVariableW(L"LOGONSHIM_LOG_STORM_INTERVAL_MS", L"5 apples");
    CU_ASSERT_EQUAL(lgs_config_load(), 4);
    CU_ASSERT_EQUAL_FATAL(setting_records, 4);
    CU_ASSERT_STRING_EQUAL(reason_of(settings_seen[0]), reason_of(settings_seen[1]));
    CU_ASSERT_STRING_EQUAL(reason_of(settings_seen[2]), reason_of(settings_seen[3]));
    for (int i = 0; i < 4; i++) {
        CU_ASSERT(strstr(settings_seen[i], "unexpected text after the number") != NULL);
        if (strstr(settings_seen[i], "unexpected text after the number") == NULL)
            fprintf(stderr, "setting: %s\n", settings_seen[i]);
    }
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 20000); /* the defaults stay */
    CU_ASSERT_STRING_EQUAL(get_log("storm.interval_ms"), "60000");
    fresh();
    ini_write("[engine]\ndeadline_ms=10s\n[log]\nstorm.interval_ms=10s\n");
    SetEnvironmentVariableW(L"LOGONSHIM_LOG_LEVEL", L"error");
    SetEnvironmentVariableW(L"LOGONSHIM_BUDGET_FLOOR", L"12");
    CU_ASSERT_EQUAL(lgs_config_load(), 0);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 10000);
    CU_ASSERT_STRING_EQUAL(get_log("storm.interval_ms"), "10000");
    CU_ASSERT_STRING_EQUAL(get_log("level"), "error");
    CU_ASSERT_EQUAL(get_num("budget.floor"), 12);
}

int lgs_suite_config_sources(void)
{
    static CU_TestInfo tests[] = {
        {"INI file (LOGONSHIM_CONFIG)", test_ini},
        {"registry HKLM\\SOFTWARE\\logonshim", test_registry},
        {"environment LOGONSHIM_<SECTION>_<KEY>", test_environment},
        {"INI < registry < environment < API", test_precedence},
        {"every engine and log key through each source", test_every_key_each_way},
        {"bad values: reported once, previous value kept", test_bad_values},
        {"log and engine keys through the same path", test_log_and_engine_same_path},
        {"no value lost silently: long, listed late, duplicate", test_nothing_lost_silently},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("config_sources", tests, setup, teardown);
}

/* The first use of the library loads the sources; an API call made then
 * wins over them, and keys it does not touch keep the sources' values. */
static void test_first_use(void)
{
    char buf[32];
    CU_ASSERT_FATAL(GetEnvironmentVariableA("LOGONSHIM_ENGINE_DEADLINE_MS", buf, sizeof buf) > 0);
    CU_ASSERT_EQUAL(lgs_config_set("deadline_ms", "3s", NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 3000);
    CU_ASSERT_EQUAL(get_num("budget.floor"), 17);
    /* An explicit load reads the sources again: now they win. */
    CU_ASSERT_EQUAL(lgs_config_load(), 0);
    CU_ASSERT_EQUAL(get_num("deadline_ms"), 9000);
}

int lgs_suite_config_first_use(void)
{
    static CU_TestInfo tests[] = {
        {"sources load at first use; later API calls win", test_first_use},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("config_first_use", tests, NULL, NULL);
}
