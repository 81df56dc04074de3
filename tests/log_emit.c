/* log_emit.c — a program that logs scripted records the way the wrappers
 * do, for tests/log_test.sh to check from outside: the sinks configured by
 * LOGONSHIM_LOG exactly as a user sets them, the JSON lines with jq, the
 * stderr text, appends from many threads, and the canary search.
 *
 *   lgs_log_emit sequence [FILE]     retry then recovery, a final failure, a
 *                                    security failure, a Wine stub, a bad setting;
 *                                    on Windows the debugger sink's output goes
 *                                    to FILE (through its capture hook)
 *   lgs_log_emit threads N M         N threads log M distinct failures each
 *   lgs_log_emit canary FILE USER DOMAIN
 *                                    one failure of every class for USER, every
 *                                    record the callback receives appended to
 *                                    FILE as text and JSON
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>

#include "log_win32.h"
#endif

#include "init.h"
#include "log_internal.h"
#include "logonshim/logonshim.h"
#include "threads.h"

static void attempt(const lgs__call_log *cl, lgs_space space, uint32_t value, unsigned n,
                    unsigned max, lgs_decision d, uint64_t delay)
{
    lgs_attempt a = {"LogonUser", n, max, space, value, lgs_classify(space, value), d, 1,
                     delay, 10u * n, 20000u - 10u * n, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(cl, &a);
}

static void outcome(const lgs__call_log *cl, lgs_space space, uint32_t value, lgs_decision d,
                    unsigned attempts)
{
    lgs_outcome o = {space, value, lgs_classify(space, value), d, attempts, 10u * attempts};
    lgs__log_outcome(cl, &o);
}

#ifdef _WIN32
/* The debugger sink's output, through its capture hook, one line each. */
static void copy_debug(void *ctx, const wchar_t *text)
{
    char utf8[8192];
    if (WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, sizeof utf8, NULL, NULL) > 0)
        fprintf((FILE *)ctx, "debugger: %s", utf8);
}
#endif

static int sequence(const char *debug_copy)
{
#ifdef _WIN32
    FILE *dbg = debug_copy != NULL ? fopen(debug_copy, "ab") : NULL;
    if (dbg != NULL)
        lgs__debugger_set_capture(copy_debug, dbg);
#else
    (void)debug_copy;
#endif
    lgs__call_log cl = {.api = "LogonUserW", .user = "alice", .domain = "CONTOSO"};
    /* Retry then recovery. */
    attempt(&cl, LGS_SPACE_WIN32, 1366, 1, 2, LGS_DECISION_RETRY, 8);
    outcome(&cl, LGS_SPACE_WIN32, 0, LGS_DECISION_RECOVERED, 2);
    /* A final failure. */
    attempt(&cl, LGS_SPACE_WIN32, 1366, 1, 2, LGS_DECISION_RETRY, 9);
    attempt(&cl, LGS_SPACE_WIN32, 1366, 2, 2, LGS_DECISION_GIVE_UP, 0);
    outcome(&cl, LGS_SPACE_WIN32, 1366, LGS_DECISION_GIVE_UP, 2);
    /* A security failure: SEC_E_MESSAGE_ALTERED. */
    lgs__call_log sec = {.api = "DecryptMessage", .authority = "host/db1.contoso.com"};
    attempt(&sec, LGS_SPACE_SECURITY, 0x8009030Fu, 1, 1, LGS_DECISION_NEVER_RETRY, 0);
    outcome(&sec, LGS_SPACE_SECURITY, 0x8009030Fu, LGS_DECISION_NEVER_RETRY, 1);
    lgs__log_wine_stub("LogonUserW", "Wine returns TRUE and a fake token");
    lgs__log_setting("LOGONSHIM_FAULTS", "LogonUserW=bogus", "unknown code \"bogus\"");
    lgs_log_flush();
#ifdef _WIN32
    if (dbg != NULL) {
        lgs__debugger_set_capture(NULL, NULL);
        fclose(dbg);
    }
#endif
    return 0;
}

static void worker(void *arg, unsigned index)
{
    unsigned m = *(unsigned *)arg;
    lgs__call_log cl = {.api = "LogonUserW", .user = "bob"};
    for (unsigned i = 0; i < m; i++)
        attempt(&cl, LGS_SPACE_WIN32, 30000u + index * 1000u + i % 1000u, 1, 1,
                LGS_DECISION_GIVE_UP, 0);
}

static FILE *copies;

static void copy_record(void *ctx, const lgs_record *r)
{
    (void)ctx;
    char text[4096], json[8192];
    lgs_record_format_text(r, text, sizeof text);
    lgs_record_format_json(r, json, sizeof json);
    fprintf(copies, "%s\n%s\n%s\n%s\n", text, json, r->user, r->authority);
}

static int canary(const char *file, const char *user, const char *domain)
{
    copies = fopen(file, "ab");
    if (copies == NULL)
        return 2;
    lgs_log_set_callback(copy_record, NULL);
#ifdef _WIN32
    lgs__debugger_set_capture(copy_debug, copies);
#endif
    lgs__call_log cl = {.api = "LogonUserW", .user = user, .domain = domain};
    for (int c = LGS_CLASS_CONTINUE + 1; c < LGS_CLASS_COUNT_; c++) {
        for (size_t i = 0; i < lgs_catalogue_count(); i++) {
            const lgs_code_info *row = lgs_catalogue_row(i);
            if (row->cls == (lgs_class)c) {
                attempt(&cl, row->space, row->value, 1, 2, LGS_DECISION_RETRY, 5);
                outcome(&cl, row->space, row->value, LGS_DECISION_GIVE_UP, 1);
                break;
            }
        }
    }
    lgs_log_flush();
    lgs_log_set_callback(NULL, NULL);
    fclose(copies);
    return 0;
}

int main(int argc, char **argv)
{
    /* The wrappers run the first use before they make a record; so does a
     * program that makes records the way they do. */
    lgs__init();
    if (argc >= 2 && strcmp(argv[1], "sequence") == 0)
        return sequence(argc >= 3 ? argv[2] : NULL);
    if (argc >= 4 && strcmp(argv[1], "threads") == 0) {
        unsigned n = (unsigned)atoi(argv[2]), m = (unsigned)atoi(argv[3]);
        return lgs_test_run_threads(n, worker, &m) == 0 ? 0 : 1;
    }
    if (argc >= 5 && strcmp(argv[1], "canary") == 0)
        return canary(argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: lgs_log_emit sequence | threads N M | canary FILE USER DOMAIN\n");
    return 2;
}
