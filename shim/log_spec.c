/* log_spec.c — LOGONSHIM_LOG's syntax: a comma list of sinks ("stderr",
 * "jsonl:PATH", "eventlog:SOURCE", "debugger", "none") and key=value items
 * ("level=info", "storm=10/1min"), applied through the settings table.
 *
 * A sink is opened on its own, so one bad sink spares the others; the list
 * of sinks in force is the list of good sink items, and stderr with them
 * when a sink item was bad: a typo ("stdrr", a jsonl path in a folder that
 * does not exist) must never turn every sink off and lose its own warning.
 * When no sink item is good, the sinks in force stay. Bad items become
 * "setting" records, reported after the whole specification is applied so
 * that they reach every sink it turns on. An item naming a secret
 * (redact.key) is reported without its value. docs/logging.md documents it.
 */
#include <stdio.h>
#include <string.h>

#include "log_internal.h"
#include "log_sink.h"
#include "settings.h"
#include "suggest.h"
#include "why.h"

#define MAX_REPORTS 8

typedef struct bad_item {
    char setting[80];
    char value[160];
    char why[256];
} bad_item;

/* Turns on one sink item ("jsonl:PATH"), opening what it needs. Returns 1,
 * or 0 with the reason in why. *bit is the sink's bit. */
static int add_sink(const char *item, unsigned *bit, char *why, size_t size)
{
    char path[LGS__PATH_MAX], source[LGS__SOURCE_MAX];
    path[0] = source[0] = '\0';
    const char *reason = lgs__log_parse_sinks(item, bit, path, sizeof path, source, sizeof source);
    if (reason != NULL) {
        /* "stdrr", "debuger": the sink meant, when the name is near one. */
        char name[LGS__NEAREST_MAX + 1], hint[LGS__NEAREST_MAX + 32];
        size_t n = strcspn(item, ":");
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : 0), item);
        lgs__nearest near;
        lgs__nearest_init(&near, name);
        lgs__log_sink_offer(&near);
        snprintf(why, size, "%s%s", reason, lgs__nearest_hint(&near, hint, sizeof hint));
        return 0;
    }
    int has_value = strchr(item, ':') != NULL;
    if (has_value && *bit == LGS__SINK_JSONL &&
        lgs__settings_set_why("log.jsonl.path", path, LGS__SET_LOG_ONLY, why, size) != LGS_OK)
        return 0;
    if (has_value && *bit == LGS__SINK_EVENTLOG &&
        lgs__settings_set_why("log.eventlog.source", source, LGS__SET_LOG_ONLY, why, size) != LGS_OK)
        return 0;
    if (*bit == 0)
        return 1;
    /* Turned on now so that it opens; the final list is settled after. */
    char cur[96], list[96];
    unsigned mask;
    lgs__log_get(LGS__LOG_SINKS, cur, sizeof cur);
    if (lgs__log_parse_sinks(cur, &mask, path, sizeof path, source, sizeof source) != NULL)
        mask = 0;
    lgs__log_sinks_list(mask | *bit, list, sizeof list);
    return lgs__settings_set_why("log.sinks", list, LGS__SET_LOG_ONLY, why, size) == LGS_OK;
}

/* Applies a specification; bad items are stored in bad[] (up to max) and
 * counted. */
static int apply_spec(const char *spec, const char *origin, bad_item *bad, size_t max,
                      size_t *nbad)
{
    int failures = 0;
    unsigned sinks = 0;
    int any_sink = 0, bad_sink = 0;
    const char *p = spec;
    while (*p != '\0') {
        const char *end = strchr(p, ',');
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        char item[LGS__PATH_MAX + 64];
        char why[256];
        int ok = 1;
        if (!lgs__trimmed(p, n, item, sizeof item)) {
            snprintf(why, sizeof why, "the item is too long");
            ok = 0;
            item[0] = '\0';
        } else if (item[0] == '\0') {
            /* empty item: ignored */
        } else if (strchr(item, '=') != NULL && strchr(item, ':') == NULL) {
            char *eq = strchr(item, '=');
            *eq = '\0';
            ok = lgs__settings_set_why(item, eq + 1, LGS__SET_LOG_ONLY, why, sizeof why) == LGS_OK;
            *eq = '=';
        } else {
            unsigned bit = 0;
            ok = add_sink(item, &bit, why, sizeof why);
            if (ok) {
                sinks |= bit;
                any_sink = 1;
            } else {
                bad_sink = 1;
            }
        }
        if (!ok) {
            if (*nbad < max) {
                char *eq = strchr(item, '=');
                if (eq != NULL)
                    *eq = '\0';
                int secret = eq != NULL && lgs__secret_key(item);
                if (eq != NULL)
                    *eq = '=';
                snprintf(bad[*nbad].setting, sizeof bad[*nbad].setting, "%s item", origin);
                snprintf(bad[*nbad].value, sizeof bad[*nbad].value, "%s",
                         secret ? "redact.key=(not shown)" : item);
                snprintf(bad[*nbad].why, sizeof bad[*nbad].why, "%s", why);
                (*nbad)++;
            }
            failures++;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    if (any_sink)
        lgs__log_sinks_settle(bad_sink ? sinks | LGS__SINK_STDERR : sinks);
    return failures;
}

int lgs__log_configure(const char *spec, const char *origin)
{
    bad_item bad[MAX_REPORTS];
    size_t nbad = 0;
    int failures = apply_spec(spec, origin, bad, MAX_REPORTS, &nbad);
    for (size_t i = 0; i < nbad; i++)
        lgs__log_setting(bad[i].setting, bad[i].value, bad[i].why);
    return failures;
}
