/* fuzz_log_config.c — the log configuration (lgs_log_config_set and
 * lgs_log_configure, what LOGONSHIM_LOG goes through) on any text. An odd
 * first byte sends the rest to lgs_log_configure() as a whole spec; an even
 * one picks a key (the next byte) and the rest is its value. A refused value
 * must say why and leave the setting as it was.
 *
 * Inputs that name the JSON lines sink or stderr are skipped: the first
 * would create files wherever the fuzzer points it, the second would flood
 * the fuzzer's own output. Their parsing is shared with the other sinks. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "logonshim/codes.h"
#include "logonshim/log.h"

static const char *const keys[] = {
    "log.sinks", "log.level", "log.storm.limit", "log.storm.interval_ms", "log.redact",
    "log.eventlog.source", "sinks", "level", "storm", "storm.interval", "redact", "source",
    "LOG.LEVEL", "log.", "log.bogus",
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

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    quiet();
    return 0;
}

static int names_file_or_stderr(const char *s)
{
    char low[8] = "";
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < 6 && i + k < n) {
            low[k] = (char)tolower((unsigned char)s[i + k]);
            k++;
        }
        low[k] = '\0';
        if (strncmp(low, "jsonl", 5) == 0 || strncmp(low, "stderr", 6) == 0)
            return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    char *text = lgs_fuzz_string(data, size);
    if (names_file_or_stderr(text + 1)) {
        free(text);
        return 0;
    }
    if (data[0] & 1u) {
        int bad = lgs_log_configure(text + 1);
        LGS_FUZZ_CHECK(bad >= 0);
    } else {
        const char *key = keys[data[1] % KEY_COUNT];
        const char *value = text + 2;
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
    quiet();
    free(text);
    return 0;
}
