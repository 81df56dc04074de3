/* config_sources.c — the configuration sources on Windows: the INI file
 * named by LOGONSHIM_CONFIG (read with GetPrivateProfileStringW), the
 * registry (HKLM\SOFTWARE\logonshim) and the environment
 * (LOGONSHIM_<SECTION>_<KEY>), applied in that order through the settings
 * module (settings.h), engine and log keys alike, so every source is
 * validated the same way and a refused value leaves the previous one in
 * force. The keys the environment is searched for are the settings
 * module's list (lgs__settings_each).
 *
 * Names: a key's section is the part before its first dot ("retry" for
 * retry.transient.attempts, "log" for log.level); keys without a dot
 * (deadline_ms) are in section "engine". The INI file has [section] name=
 * value; the registry has the same as subkeys and values (and also takes a
 * whole key name as a value of HKLM\SOFTWARE\logonshim itself); the
 * environment variable is LOGONSHIM_, the section, _, and the name with dots
 * as underscores, upper case. Names nothing knows are reported too: a typo
 * in a file must not be silently ignored.
 *
 * Bad values are collected and reported after every source is applied, so
 * the records reach the sinks the sources turned on; each (source, key,
 * value) is reported once per process, however often the sources are read.
 */
#include <windows.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "config_sources.h"
#include "log_internal.h"
#include "logonshim/codes.h"
#include "settings.h"
#include "suggest.h"
#include "why.h"

#define VALUE_MAX 1024
#define MAX_BAD 32
#define MAX_SEEN 128

typedef struct bad_value {
    char setting[300];
    char value[200];
    char why[300];
} bad_value;

typedef struct load_state {
    bad_value bad[MAX_BAD];
    int nbad;
    /* log.sinks waits for the rest of its source: jsonl needs the path. */
    int have_sinks;
    char sinks[VALUE_MAX], sinks_where[700];
} load_state;

static uint64_t seen[MAX_SEEN]; /* hashes of what was reported; guarded by loading */
static size_t nseen;
static atomic_flag loading = ATOMIC_FLAG_INIT;

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return (h ^ 0xffu) * 0x100000001b3ull;
}

static void to_utf8(const wchar_t *w, char *buf, int size)
{
    if (WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, size, NULL, NULL) == 0)
        buf[size - 1] = '\0';
}

static void add_bad(load_state *st, const char *setting, const char *value, const char *why);

/* Applies section/name = value, written at `where` (the source and the
 * place in it); a refusal is kept for later. */
static void apply(load_state *st, const char *where, const char *section, const char *name,
                  const char *value)
{
    char key[160], why[300];
    int is_log = _stricmp(section, "log") == 0;
    if (is_log && _stricmp(name, "sinks") == 0 && !st->have_sinks) {
        st->have_sinks = 1;
        snprintf(st->sinks, sizeof st->sinks, "%s", value);
        snprintf(st->sinks_where, sizeof st->sinks_where, "%s", where);
        return;
    }
    if (_stricmp(section, "engine") == 0 || section[0] == '\0')
        snprintf(key, sizeof key, "%s", name);
    else
        snprintf(key, sizeof key, "%s.%s", section, name);
    /* The reason alone: the record names the source, key and value itself. */
    int rc = lgs__settings_set(key, value, LGS__SET_ANY, why, sizeof why);
    if (rc == LGS_OK)
        return;
    add_bad(st, where, lgs__secret_key(key) ? "(not shown)" : value,
            why); /* for an unknown key, the key meant when it is near one */
}

/* Applies the log.sinks of the source just read, now that its path is set. */
static void end_source(load_state *st)
{
    if (st->have_sinks) {
        static char value[VALUE_MAX];
        snprintf(value, sizeof value, "%s", st->sinks);
        apply(st, st->sinks_where, "log", "sinks", value);
        st->have_sinks = 0;
    }
}

static void add_bad(load_state *st, const char *setting, const char *value, const char *why)
{
    if (st->nbad < MAX_BAD) {
        bad_value *b = &st->bad[st->nbad];
        snprintf(b->setting, sizeof b->setting, "%s", setting);
        snprintf(b->value, sizeof b->value, "%s", value);
        snprintf(b->why, sizeof b->why, "%s", why);
    }
    st->nbad++;
}

/* ---- the INI file ---- */

/* The section list (sec NULL) or a section's key list, whole: the buffer
 * grows until the list fits (GetPrivateProfileStringW returns size - 2 when
 * it cut the list, and keys after the cut were lost). NULL when out of
 * memory; free() it. */
static wchar_t *ini_list(const wchar_t *sec, const wchar_t *path)
{
    for (DWORD size = 8192; size <= (1u << 24); size *= 2) {
        wchar_t *buf = malloc(size * sizeof *buf);
        if (buf == NULL)
            return NULL;
        DWORD n = GetPrivateProfileStringW(sec, NULL, L"", buf, size, path);
        if (n < size - 2)
            return buf;
        free(buf);
    }
    return NULL;
}

/* Applies one key of a section: its whole value (a value longer than any
 * setting takes is reported, never cut and applied: "5<1 100 spaces>min"
 * once became 5 ms), and a key written twice is reported (Windows reads
 * the first; the later one would otherwise never be checked). */
static void ini_apply_one(load_state *st, const wchar_t *path, const wchar_t *sec, const char *sec8,
                          const char *source_sec, const wchar_t *names, const wchar_t *name)
{
    static wchar_t value[VALUE_MAX];
    char name8[128], value8[VALUE_MAX * 3], where[700];
    to_utf8(name, name8, (int)sizeof name8);
    snprintf(where, sizeof where, "%s %s", source_sec, name8);
    for (const wchar_t *k = names; k != name; k += wcslen(k) + 1) {
        if (_wcsicmp(k, name) == 0) {
            add_bad(st, where, "(a second time)",
                    "the key is written more than once in the section: the first value is used, "
                    "later ones are ignored");
            return;
        }
    }
    DWORD n = GetPrivateProfileStringW(sec, name, L"", value, VALUE_MAX, path);
    if (n >= VALUE_MAX - 1) {
        add_bad(st, where, "(too long)", "the value is longer than 1 022 characters: not applied");
        return;
    }
    to_utf8(value, value8, (int)sizeof value8);
    apply(st, where, sec8, name8, value8);
}

static void load_ini(load_state *st)
{
    wchar_t env[MAX_PATH], path[MAX_PATH];
    DWORD n = GetEnvironmentVariableW(L"LOGONSHIM_CONFIG", env, MAX_PATH);
    if (n == 0)
        return;
    char path8[MAX_PATH * 3];
    if (n >= MAX_PATH) {
        add_bad(st, "LOGONSHIM_CONFIG", "(too long)", "the path is longer than MAX_PATH");
        return;
    }
    /* A relative name would be looked for in the Windows directory. */
    DWORD full = GetFullPathNameW(env, MAX_PATH, path, NULL);
    to_utf8(full > 0 && full < MAX_PATH ? path : env, path8, (int)sizeof path8);
    DWORD attrs = full > 0 && full < MAX_PATH ? GetFileAttributesW(path) : INVALID_FILE_ATTRIBUTES;
    if (attrs == INVALID_FILE_ATTRIBUTES || (attrs & FILE_ATTRIBUTE_DIRECTORY)) {
        add_bad(st, "LOGONSHIM_CONFIG", path8, "no such file: the INI file was not read");
        return;
    }
    char source[MAX_PATH * 3 + 8];
    snprintf(source, sizeof source, "INI %s", path8);
    wchar_t *sections = ini_list(NULL, path);
    if (sections == NULL) {
        add_bad(st, source, "(the section list)", "out of memory: the INI file was not read");
        return;
    }
    for (const wchar_t *sec = sections; *sec != L'\0'; sec += wcslen(sec) + 1) {
        char sec8[96], source_sec[sizeof source + 100];
        to_utf8(sec, sec8, (int)sizeof sec8);
        snprintf(source_sec, sizeof source_sec, "%s [%s]", source, sec8);
        wchar_t *names = ini_list(sec, path);
        if (names == NULL) {
            add_bad(st, source_sec, "(the key list)", "out of memory: the section was not read");
            continue;
        }
        for (const wchar_t *name = names; *name != L'\0'; name += wcslen(name) + 1)
            ini_apply_one(st, path, sec, sec8, source_sec, names, name);
        free(names);
    }
    free(sections);
}

/* ---- the registry ---- */

/* Reads value `i` of key k as text; 0 when there is no such value. */
static int reg_value(load_state *st, HKEY k, DWORD i, const char *where, char *name8, size_t nsize,
                     char *value8, size_t vsize)
{
    wchar_t name[128];
    BYTE data[VALUE_MAX * sizeof(wchar_t)];
    DWORD nlen = 128, dlen = sizeof data - sizeof(wchar_t), type = 0;
    LONG rc = RegEnumValueW(k, i, name, &nlen, NULL, &type, data, &dlen);
    if (rc == ERROR_NO_MORE_ITEMS)
        return 0;
    if (rc != ERROR_SUCCESS) {
        snprintf(name8, nsize, "%s", "");
        return -1; /* too long: skipped */
    }
    to_utf8(name, name8, (int)nsize);
    value8[0] = '\0';
    if (type == REG_DWORD && dlen == sizeof(DWORD)) {
        DWORD v;
        memcpy(&v, data, sizeof v);
        snprintf(value8, vsize, "%lu", (unsigned long)v);
    } else if (type == REG_SZ || type == REG_EXPAND_SZ) {
        data[dlen] = 0;
        data[dlen + 1] = 0;
        wchar_t text[VALUE_MAX], expanded[VALUE_MAX];
        memcpy(text, data, dlen + sizeof(wchar_t));
        const wchar_t *use = text;
        if (type == REG_EXPAND_SZ) {
            DWORD e = ExpandEnvironmentStringsW(text, expanded, VALUE_MAX);
            if (e > 0 && e <= VALUE_MAX)
                use = expanded;
        }
        to_utf8(use, value8, (int)vsize);
    } else {
        char setting[300];
        snprintf(setting, sizeof setting, "%s %s", where, name8);
        add_bad(st, setting, "(binary)", "unsupported value type: use REG_SZ, REG_EXPAND_SZ or REG_DWORD");
        return -1;
    }
    return 1;
}

static void load_reg_values(load_state *st, HKEY k, const char *where, const char *section)
{
    char name8[384], value8[VALUE_MAX * 3];
    int r;
    for (DWORD i = 0; (r = reg_value(st, k, i, where, name8, sizeof name8, value8, sizeof value8)) != 0; i++) {
        if (r < 0 || name8[0] == '\0')
            continue;
        char at[700];
        snprintf(at, sizeof at, "%s %s", where, name8);
        if (section != NULL) {
            apply(st, at, section, name8, value8);
        } else {
            /* A whole key name as a value of the root key. */
            int is_log = lgs__is_log_key(name8);
            apply(st, at, is_log ? "log" : "engine", is_log ? name8 + 4 : name8, value8);
        }
    }
}

static void load_registry(load_state *st)
{
    HKEY root;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\logonshim", 0,
                      KEY_READ | KEY_WOW64_64KEY, &root) != ERROR_SUCCESS)
        return;
    load_reg_values(st, root, "registry HKLM\\SOFTWARE\\logonshim", NULL);
    wchar_t sub[96];
    for (DWORD i = 0;; i++) {
        DWORD len = 96;
        LONG rc = RegEnumKeyExW(root, i, sub, &len, NULL, NULL, NULL, NULL);
        if (rc == ERROR_NO_MORE_ITEMS)
            break;
        if (rc != ERROR_SUCCESS)
            continue;
        HKEY k;
        if (RegOpenKeyExW(root, sub, 0, KEY_READ | KEY_WOW64_64KEY, &k) != ERROR_SUCCESS)
            continue;
        char sub8[96 * 3], where[sizeof sub8 + 40];
        to_utf8(sub, sub8, (int)sizeof sub8);
        snprintf(where, sizeof where, "registry HKLM\\SOFTWARE\\logonshim\\%s", sub8);
        load_reg_values(st, k, where, sub8);
        RegCloseKey(k);
    }
    RegCloseKey(root);
}

/* ---- the environment ---- */

/* LOGONSHIM_<SECTION>_<NAME> for section and name. */
static void env_name(const char *section, const char *name, char *out, size_t size)
{
    snprintf(out, size, "LOGONSHIM_%s_%s", section, name);
    for (char *p = out; *p != '\0'; p++) {
        if (*p == '.')
            *p = '_';
        else if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    }
}

/* Splits an engine key into section and name ("engine" for plain keys). */
static void split_key(const char *key, char *section, size_t ssize, const char **name)
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

typedef struct key_visit {
    void (*fn)(void *ctx, const char *section, const char *name);
    void *ctx;
} key_visit;

static int visit_key(void *ctx, const lgs__key *key)
{
    key_visit *v = ctx;
    char section[64];
    const char *name;
    split_key(key->name, section, sizeof section, &name);
    v->fn(v->ctx, section, name);
    return 0;
}

/* Calls fn for every key the engine and the logs know: section and name. */
static void for_each_key(void (*fn)(void *ctx, const char *section, const char *name), void *ctx)
{
    key_visit v = {fn, ctx};
    lgs__settings_each(visit_key, &v);
}

static void env_apply_one(void *ctx, const char *section, const char *name)
{
    char var[160];
    env_name(section, name, var, sizeof var);
    wchar_t wvar[160], value[VALUE_MAX];
    MultiByteToWideChar(CP_UTF8, 0, var, -1, wvar, 160);
    DWORD n = GetEnvironmentVariableW(wvar, value, VALUE_MAX);
    char value8[VALUE_MAX * 3], source[200];
    snprintf(source, sizeof source, "environment %s", var);
    if (n == 0)
        return;
    if (n >= VALUE_MAX) { /* n is then the size it needs: reported, not ignored */
        add_bad(ctx, source, "(too long)", "the value is longer than 1 023 characters: not applied");
        return;
    }
    to_utf8(value, value8, (int)sizeof value8);
    apply(ctx, source, section, name, value8);
}

typedef struct env_match {
    const char *var;
    int found;
    lgs__nearest guess; /* the variable meant, for a typo */
} env_match;

static void env_match_one(void *ctx, const char *section, const char *name)
{
    env_match *m = ctx;
    char var[160];
    env_name(section, name, var, sizeof var);
    if (_stricmp(var, m->var) == 0)
        m->found = 1;
    lgs__nearest_offer(&m->guess, var);
}

static void load_environment(load_state *st)
{
    for_each_key(env_apply_one, st);
    /* A LOGONSHIM_ variable that names no key is most likely a typo. */
    wchar_t *block = GetEnvironmentStringsW();
    if (block == NULL)
        return;
    for (const wchar_t *e = block; *e != L'\0'; e += wcslen(e) + 1) {
        if (_wcsnicmp(e, L"LOGONSHIM_", 10) != 0)
            continue;
        char var[200];
        to_utf8(e, var, (int)sizeof var);
        char *eq = strchr(var, '=');
        if (eq != NULL)
            *eq = '\0';
        if (_stricmp(var, "LOGONSHIM_LOG") == 0 || _stricmp(var, "LOGONSHIM_FAULTS") == 0 ||
            _stricmp(var, "LOGONSHIM_CONFIG") == 0)
            continue;
        env_match m = {.var = var};
        lgs__nearest_init(&m.guess, var);
        for_each_key(env_match_one, &m);
        if (!m.found) {
            char setting[240], hint[LGS__NEAREST_MAX + 32], why[LGS__NEAREST_MAX + 128];
            snprintf(setting, sizeof setting, "environment %s", var);
            snprintf(why, sizeof why, "no such setting: the variable names no key%s (see docs/configuration.md)",
                     lgs__nearest_hint(&m.guess, hint, sizeof hint));
            add_bad(st, setting, eq != NULL ? eq + 1 : "", why);
        }
    }
    FreeEnvironmentStringsW(block);
}

/* ---- loading ---- */

int lgs__config_sources_load(void)
{
    static load_state st; /* large; one load at a time */
    while (atomic_flag_test_and_set(&loading))
        Sleep(0);
    memset(&st, 0, sizeof st);
    load_ini(&st);
    end_source(&st);
    load_registry(&st);
    end_source(&st);
    load_environment(&st);
    end_source(&st);
    int count = st.nbad;
    bad_value report[MAX_BAD];
    int nreport = 0;
    for (int i = 0; i < count && i < MAX_BAD; i++) {
        uint64_t h = fnv(fnv(fnv(0xcbf29ce484222325ull, st.bad[i].setting), st.bad[i].value),
                         st.bad[i].why);
        size_t j = 0;
        while (j < nseen && seen[j] != h)
            j++;
        if (j < nseen)
            continue; /* reported by an earlier load */
        if (nseen < MAX_SEEN)
            seen[nseen++] = h;
        report[nreport++] = st.bad[i];
    }
    atomic_flag_clear(&loading);
    for (int i = 0; i < nreport; i++)
        lgs__log_setting(report[i].setting, report[i].value, report[i].why);
    return count;
}

int lgs__config_sources_reload(void)
{
    int bad = lgs__config_sources_load();
    /* LOGONSHIM_LOG is environment too: it still comes after the files. As
     * the process has it now, which the C runtime's copy may not be. */
    char spec[4096];
    DWORD n = GetEnvironmentVariableA("LOGONSHIM_LOG", spec, sizeof spec);
    if (n > 0 && n < sizeof spec) {
        bad += lgs__log_configure(spec, "lgs_log_configure");
    } else if (n >= sizeof spec) { /* reported, not ignored */
        lgs__log_setting("LOGONSHIM_LOG", "(too long)", "longer than 4 095 characters: not applied");
        bad++;
    }
    return bad;
}
