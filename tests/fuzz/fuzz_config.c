/* fuzz_config.c — the engine's configuration values (lgs_config_set, what
 * the INI file, registry and environment go through) on any text. The first
 * byte picks a key from the library's own list (lgs_config_dump), so every
 * value parser is reached; with a '\n' in the input, the text before it is
 * the key instead (keys of the log configuration are skipped: see below).
 * A refused value must leave the setting as it was and say
 * why; an accepted one must read back with lgs_config_get. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "logonshim/codes.h"
#include "logonshim/config.h"

#define MAX_KEYS 128
static char *keys[MAX_KEYS];
static size_t key_count;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    lgs_config_reset();
    size_t need = lgs_config_dump(NULL, 0);
    char *dump = malloc(need + 1);
    LGS_FUZZ_CHECK(dump != NULL);
    LGS_FUZZ_CHECK(lgs_config_dump(dump, need + 1) == need);
    for (char *line = strtok(dump, "\n"); line != NULL && key_count < MAX_KEYS;
         line = strtok(NULL, "\n")) {
        char *eq = strstr(line, " = ");
        if (eq == NULL)
            continue;
        *eq = '\0';
        keys[key_count++] = strdup(line);
    }
    free(dump);
    LGS_FUZZ_CHECK(key_count > 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char *text = lgs_fuzz_string(data, size);
    const char *key, *value;
    char *nl = memchr(text, '\n', size);
    if (nl != NULL) {
        *nl = '\0';
        key = text;
        value = nl + 1;
    } else {
        key = keys[data[0] % key_count];
        value = text + 1;
    }
    /* Keys starting with "log." go on to lgs_log_config_set(), whose own
     * harness (fuzz_log_config.c) keeps it away from files and stderr. */
    if (strlen(key) >= 4 && (key[0] | 0x20) == 'l' && (key[1] | 0x20) == 'o' && (key[2] | 0x20) == 'g' &&
        key[3] == '.') {
        free(text);
        return 0;
    }
    char before[256], after[256], why[300];
    int known = lgs_config_get(key, before, sizeof before) == LGS_OK;
    memset(why, 'x', sizeof why);
    int rc = lgs_config_set(key, value, why, sizeof why);
    LGS_FUZZ_CHECK(rc == LGS_OK || rc == LGS_EINVAL || rc == LGS_ENOTFOUND);
    LGS_FUZZ_CHECK(known == (rc != LGS_ENOTFOUND));
    if (rc != LGS_OK) {
        LGS_FUZZ_CHECK(memchr(why, '\0', sizeof why) != NULL);
        if (known) {
            LGS_FUZZ_CHECK(lgs_config_get(key, after, sizeof after) == LGS_OK);
            LGS_FUZZ_CHECK(strcmp(before, after) == 0);
        }
    } else {
        LGS_FUZZ_CHECK(lgs_config_get(key, after, sizeof after) == LGS_OK);
    }
    (void)lgs_config_set(key, value, why, 1);
    (void)lgs_config_set(key, value, NULL, 0);
    char small[4];
    (void)lgs_config_get(key, small, sizeof small);
    LGS_FUZZ_CHECK(lgs_config_dump(small, sizeof small) > 0);
    lgs_config_reset();
    free(text);
    return 0;
}
