/* log_examples.c — real failing calls whose records docs/logging.md and the
 * README show: the program makes wrapped LogonUserW calls through the fault
 * injector (LOGONSHIM_FAULTS, set by the caller) and the policy engine, in
 * virtual time (a clock hook that the sleep hook advances), so the counters
 * and delays come out the same on every run. The records go wherever
 * LOGONSHIM_LOG says; tests/log_examples_test.sh compares them with the
 * documents.
 *
 * Usage: lgs_log_examples sequence|breaker|wait|lockout
 *   sequence  one call (LOGONSHIM_FAULTS='LogonUserW=1366,1722,1326')
 *   breaker   breaker.threshold=2, breaker.wait=off: a call whose retries
 *             open the breaker, then a call the open breaker refuses
 *             (LOGONSHIM_FAULTS='LogonUserW=1722*2')
 *   wait      breaker.threshold=2, breaker.wait=on (the default): a call
 *             whose retries open the breaker waits for its probes, the
 *             first fails, the second reaches the real LogonUserW
 *             (LOGONSHIM_FAULTS='LogonUserW=1722*3')
 *   lockout   lockout.threshold=2: two bad passwords, then a call the guard
 *             refuses (LOGONSHIM_FAULTS='LogonUserW=1326*2')
 */
#include <windows.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logonshim/logonshim.h"

static uint64_t now_ms = 1000;

static uint64_t clock_hook(void *user)
{
    (void)user;
    return now_ms;
}

static void sleep_hook(void *user, uint64_t ms)
{
    (void)user;
    now_ms += ms;
}

static void set(const char *key, const char *value)
{
    char why[256];
    if (lgs_config_set(key, value, why, sizeof why) != LGS_OK) {
        fprintf(stderr, "log_examples: %s=%s: %s\n", key, value, why);
        exit(2);
    }
}

static void logon(void)
{
    HANDLE token = NULL;
    wchar_t password[] = L"not-a-real-password";
    if (lgs_LogonUserW(L"alice", L"CONTOSO", password, LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT,
                       &token))
        CloseHandle(token);
    now_ms += 100; /* the caller's own pace between calls */
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: lgs_log_examples sequence|breaker|wait|lockout\n");
        return 2;
    }
    lgs_hooks h = {.clock_ms = clock_hook, .sleep_ms = sleep_hook};
    lgs_engine_set_hooks(&h);
    lgs_engine_seed(19);
    if (strcmp(argv[1], "sequence") == 0) {
        logon();
    } else if (strcmp(argv[1], "breaker") == 0) {
        set("breaker.threshold", "2");
        set("breaker.wait", "off");
        logon();
        logon();
    } else if (strcmp(argv[1], "wait") == 0) {
        set("breaker.threshold", "2");
        logon();
    } else if (strcmp(argv[1], "lockout") == 0) {
        set("lockout.threshold", "2");
        logon();
        logon();
        logon();
    } else {
        fprintf(stderr, "log_examples: unknown scenario '%s'\n", argv[1]);
        return 2;
    }
    lgs_log_flush();
    return 0;
}
