/* fuzz_log_config.c — the log configuration (lgs_log_config_set and
 * lgs_log_configure, what LOGONSHIM_LOG goes through) on any text. An odd
 * first byte sends the rest to lgs_log_configure() as a whole spec; an even
 * one picks a key (the next byte) and the rest is its value. A refused value
 * must say why and leave the setting as it was.
 *
 * The JSON lines sink is fuzzed inside a private folder: every path the
 * input gives it ("jsonl:PATH", "jsonl.path=PATH", the value of a jsonl.path
 * key) is rewritten to a file there, named after the path's own characters
 * (a path with a '/' goes to a subfolder that does not exist, so opening
 * fails). The files are deleted after each input and the folder at exit (or,
 * after a crash, by the next run), so a run neither writes outside it nor
 * fills the disk. Inputs that name stderr are skipped: that sink would
 * flood the fuzzer's own output. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "logonshim/codes.h"
#include "logonshim/log.h"

static const char *const keys[] = {
    "log.sinks", "log.level", "log.storm.limit", "log.storm.interval_ms", "log.redact",
    "log.eventlog.source", "sinks", "level", "storm", "storm.interval", "redact", "source",
    "LOG.LEVEL", "log.", "log.bogus", "log.jsonl.path", "JSONL.Path",
};
#define KEY_COUNT (sizeof keys / sizeof keys[0])

static unsigned long records;

static void count(void *ctx, const lgs_record *r)
{
    (void)ctx;
    LGS_FUZZ_CHECK(r->guidance != NULL);
    LGS_FUZZ_CHECK(memchr(r->detail, '\0', sizeof r->detail) != NULL);
    records++;
}

static void quiet(void)
{
    lgs_log_reset();
    LGS_FUZZ_CHECK(lgs_log_config_set("log.sinks", "none", NULL, 0) == LGS_OK);
    lgs_log_set_callback(count, NULL);
}

#define TMP_PREFIX "lgs-fuzz-log-"
static char tmp_dir[256]; /* the private folder, made at start */

/* Calls fn for every entry of dir but "." and "..". */
static void each_entry(const char *dir, void (*fn)(const char *dir, const char *name))
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            fn(dir, e->d_name);
    }
    closedir(d);
}

static void unlink_entry(const char *dir, const char *name)
{
    char path[2 * sizeof tmp_dir + 300];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    (void)unlink(path);
}

/* Deletes the files the JSON lines sink made in dir (it makes no folders). */
static void empty_dir(const char *dir)
{
    each_entry(dir, unlink_entry);
}

static void remove_tmp_dir(void)
{
    lgs_log_reset(); /* closes the file */
    empty_dir(tmp_dir);
    (void)rmdir(tmp_dir);
}

/* A run that crashed (abort, sanitizer report) exits without atexit: its
 * folder, named after its process id, is removed by the next run once no
 * process has that id. */
static void remove_if_stale(const char *base, const char *name)
{
    long pid;
    char tail[16];
    if (sscanf(name, TMP_PREFIX "%ld-%15s", &pid, tail) != 2 || pid <= 0)
        return;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
        return;
    char dir[sizeof tmp_dir + 300];
    snprintf(dir, sizeof dir, "%s/%s", base, name);
    empty_dir(dir);
    (void)rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *base = getenv("TMPDIR");
    if (base == NULL || base[0] != '/' || strlen(base) >= 128)
        base = "/tmp";
    each_entry(base, remove_if_stale);
    snprintf(tmp_dir, sizeof tmp_dir, "%s/" TMP_PREFIX "%ld-XXXXXX", base, (long)getpid());
    LGS_FUZZ_CHECK(mkdtemp(tmp_dir) != NULL);
    atexit(remove_tmp_dir);
    quiet();
    return 0;
}

/* The length of `word` when s starts with it, ignoring ASCII case; else 0. */
static size_t starts_with(const char *s, const char *word)
{
    size_t n = 0;
    while (word[n] != '\0' && tolower((unsigned char)s[n]) == word[n])
        n++;
    return word[n] == '\0' ? n : 0;
}

/* Whether `word` appears in s, ignoring ASCII case. */
static int mentions(const char *s, const char *word)
{
    for (; *s != '\0'; s++) {
        if (starts_with(s, word))
            return 1;
    }
    return 0;
}

/* Writes to out a file in tmp_dir for the path p[0..n): named after its
 * characters, anything but letters, digits, '.', '-' and '_' made '_', so it
 * cannot leave the folder; under a missing subfolder when the path had a
 * '/'; nothing when it is blank (the empty-path refusal is fuzzed too). The
 * name keeps the path's length, so the length limits are fuzzed as well (a
 * name longer than the system allows is refused by open). Returns the length
 * written. */
static size_t confined_path(const char *p, size_t n, char *out)
{
    int slash = 0, blank = 1;
    for (size_t i = 0; i < n; i++) {
        slash |= p[i] == '/';
        blank &= isspace((unsigned char)p[i]) != 0;
    }
    if (blank)
        return 0;
    size_t len = (size_t)sprintf(out, "%s/%s", tmp_dir, slash ? "no-such-dir/" : "");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        out[len++] = isalnum(c) || c == '.' || c == '-' || c == '_' ? (char)c : '_';
    }
    return len;
}

/* The length of a path introducer at s: "jsonl" or "jsonl.path", blanks,
 * then ':' or '=' (any case); 0 when there is none. */
static size_t path_introducer(const char *s)
{
    size_t n = starts_with(s, "jsonl");
    if (n == 0)
        return 0;
    n += starts_with(s + n, ".path");
    while (s[n] == ' ' || s[n] == '\t')
        n++;
    return s[n] == ':' || s[n] == '=' ? n + 1 : 0;
}

/* A heap copy of text with every JSON lines path in it confined to
 * tmp_dir; the whole text is one path when whole_is_path. */
static char *confine(const char *text, int whole_is_path, int *rewrites)
{
    size_t len = strlen(text);
    /* Each path grows by the folder's name and "/no-such-dir/" at most, and
     * each takes at least the 6 characters of "jsonl:" in the text. */
    char *out = malloc(len + (len / 6 + 2) * (strlen(tmp_dir) + 16));
    if (out == NULL)
        abort();
    *rewrites = 0;
    if (whole_is_path) {
        out[confined_path(text, len, out)] = '\0';
        *rewrites = 1;
        return out;
    }
    size_t o = 0;
    for (const char *s = text; *s != '\0';) {
        size_t intro = path_introducer(s);
        if (intro == 0) {
            out[o++] = *s++;
            continue;
        }
        memcpy(out + o, s, intro);
        o += intro;
        s += intro;
        size_t n = strcspn(s, ",");
        o += confined_path(s, n, out + o);
        s += n;
        (*rewrites)++;
    }
    out[o] = '\0';
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    char *raw = lgs_fuzz_string(data, size);
    if (mentions(raw + 1, "stderr")) {
        free(raw);
        return 0;
    }
    const char *key = keys[data[1] % KEY_COUNT];
    int spec = data[0] & 1u;
    int rewrites;
    char *text = confine(raw + (spec ? 1 : 2), !spec && mentions(key, "jsonl"), &rewrites);
    free(raw);
    if (spec) {
        int bad = lgs_log_configure(text);
        LGS_FUZZ_CHECK(bad >= 0);
    } else {
        const char *value = text;
        char before[512], after[512], why[300];
        int known = lgs_log_config_get(key, before, sizeof before) == LGS_OK;
        memset(why, 'x', sizeof why);
        int rc = lgs_log_config_set(key, value, why, sizeof why);
        LGS_FUZZ_CHECK(rc == LGS_OK || rc == LGS_EINVAL || rc == LGS_ENOTFOUND);
        if (rc != LGS_OK) {
            LGS_FUZZ_CHECK(memchr(why, '\0', sizeof why) != NULL);
            if (known && rc == LGS_EINVAL) {
                LGS_FUZZ_CHECK(lgs_log_config_get(key, after, sizeof after) == LGS_OK);
                LGS_FUZZ_CHECK(strcmp(before, after) == 0);
            }
        }
        (void)lgs_log_config_set(key, value, why, 1);
        (void)lgs_log_config_set(key, value, NULL, 0);
        char small[3];
        (void)lgs_log_config_get(key, small, sizeof small);
    }
    lgs_log_flush();
    /* Whatever the input did, the sink's file is in the private folder, and
     * a path the settings kept is a file the sink could open. */
    char path[2048];
    LGS_FUZZ_CHECK(lgs_log_config_get("log.jsonl.path", path, sizeof path) == LGS_OK);
    LGS_FUZZ_CHECK(path[0] == '\0' || strncmp(path, tmp_dir, strlen(tmp_dir)) == 0);
    LGS_FUZZ_CHECK(path[0] == '\0' || access(path, F_OK) == 0);
    quiet();
    if (rewrites > 0)
        empty_dir(tmp_dir);
    free(text);
    return 0;
}
