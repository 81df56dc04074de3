/* service.c — logonshim-service: a Windows service that logs on through the
 * shim when it starts. Copy it for your own service: the parts that matter
 * are the wait hook (the SCM hears a checkpoint and a wait hint before every
 * wait between attempts, so a slow domain controller does not make it kill
 * the service), the log sinks (Event Log and a JSON lines file), and the
 * reaction to each failure class.
 *
 *   logonshim-service install [--log DIR] [--faults SPEC]   register the service
 *                                                            and its Event Log source
 *   logonshim-service uninstall                              remove both
 *   logonshim-service --service [--log DIR] [--faults SPEC]  what the SCM runs
 *
 * DIR receives logonshim.jsonl (the shim's records) and service.log (the
 * service's own steps). --faults takes LOGONSHIM_FAULTS's syntax, so a test
 * can make the start-up logon meet failures on demand. Installing needs
 * administrator rights. */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "logonshim/logonshim.h"

#define SERVICE_NAME L"logonshim-service"
#define EVENT_SOURCE "logonshim-service"

static SERVICE_STATUS_HANDLE status_handle;
static SERVICE_STATUS status;
static HANDLE stop_event;
static wchar_t log_dir[MAX_PATH] = L".";
static wchar_t faults[512];
static FILE *steps;

/* One line in service.log; flushed at once so a test can follow it. */
static void step(const char *fmt, ...)
{
    if (steps == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(steps, fmt, ap);
    va_end(ap);
    fputc('\n', steps);
    fflush(steps);
}

static void set_state(DWORD state, DWORD wait_hint)
{
    status.dwCurrentState = state;
    status.dwWaitHint = wait_hint;
    status.dwControlsAccepted = state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
    if (state == SERVICE_RUNNING || state == SERVICE_STOPPED)
        status.dwCheckPoint = 0;
    else
        status.dwCheckPoint++;
    SetServiceStatus(status_handle, &status);
}

/* The engine calls this before every wait between attempts: tell the SCM
 * the service is still starting and how long the next step may take. */
static void on_wait(void *user, unsigned attempt, uint64_t delay_ms, uint64_t remaining_ms)
{
    (void)user;
    DWORD hint = (DWORD)(delay_ms + 2000);
    set_state(SERVICE_START_PENDING, hint);
    step("checkpoint %lu: attempt %u failed, waiting %llu ms (wait hint %lu ms, %llu ms left)",
         (unsigned long)status.dwCheckPoint, attempt, (unsigned long long)delay_ms,
         (unsigned long)hint, (unsigned long long)remaining_ms);
}

static DWORD WINAPI control(DWORD code, DWORD type, void *data, void *ctx)
{
    (void)type, (void)data, (void)ctx;
    if (code == SERVICE_CONTROL_STOP || code == SERVICE_CONTROL_SHUTDOWN) {
        set_state(SERVICE_STOP_PENDING, 5000);
        SetEvent(stop_event);
        return NO_ERROR;
    }
    if (code == SERVICE_CONTROL_PARAMCHANGE) {
        step("configuration read again: %d bad value(s)", lgs_config_load());
        return NO_ERROR;
    }
    return code == SERVICE_CONTROL_INTERROGATE ? NO_ERROR : ERROR_CALL_NOT_IMPLEMENTED;
}

/* What a failure means for this service, by class: it either starts
 * degraded (and says why) or refuses to start. */
static int fatal_for_service(lgs_class cls)
{
    return cls == LGS_CLASS_CREDENTIALS || cls == LGS_CLASS_ACCOUNT ||
           cls == LGS_CLASS_PRIVILEGE || cls == LGS_CLASS_CONFIG || cls == LGS_CLASS_SHUTDOWN;
}

static void log_failure(const char *what)
{
    lgs_record rec;
    if (lgs_last_failure(&rec) != LGS_OK)
        return;
    step("%s failed: %s (0x%08lX) class %s, %s after %u attempt(s): %s", what,
         rec.name != NULL ? rec.name : "?", (unsigned long)rec.value, lgs_class_name(rec.cls),
         lgs_decision_name(rec.decision), rec.attempts, rec.guidance->summary);
}

/* The start-up work: a logon and outbound credentials, through the shim. */
static int start_work(void)
{
    HANDLE token = NULL;
    if (lgs_LogonUserW(L"svc-account", L"TEST.LOCAL", L"not-a-real-password",
                       LOGON32_LOGON_SERVICE, LOGON32_PROVIDER_DEFAULT, &token)) {
        step("LogonUserW ok");
        CloseHandle(token);
    } else {
        log_failure("LogonUserW");
        lgs_record rec;
        if (lgs_last_failure(&rec) == LGS_OK && fatal_for_service(rec.cls))
            return 0;
    }
    CredHandle cred;
    TimeStamp expiry;
    SECURITY_STATUS st = lgs_AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND,
                                                       NULL, NULL, NULL, NULL, &cred, &expiry);
    if (st == SEC_E_OK) {
        step("AcquireCredentialsHandleW ok");
        lgs_FreeCredentialsHandle(&cred);
    } else {
        /* session_gone (no credentials for this logon session): the service
         * runs without outbound authentication and says so. */
        log_failure("AcquireCredentialsHandleW");
    }
    return 1;
}

static void WINAPI service_main(DWORD argc, LPWSTR *argv)
{
    (void)argc, (void)argv;
    status_handle = RegisterServiceCtrlHandlerExW(SERVICE_NAME, control, NULL);
    if (status_handle == NULL)
        return;
    status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    set_state(SERVICE_START_PENDING, 3000);
    stop_event = CreateEventW(NULL, TRUE, FALSE, NULL);

    wchar_t path[MAX_PATH];
    swprintf(path, MAX_PATH, L"%ls\\service.log", log_dir);
    steps = _wfopen(path, L"a");
    step("starting (pid %lu)", (unsigned long)GetCurrentProcessId());

    /* Logs: the Event Log and a JSON lines file next to service.log. */
    char jsonl[MAX_PATH * 3], spec[MAX_PATH * 3 + 64];
    swprintf(path, MAX_PATH, L"%ls\\logonshim.jsonl", log_dir);
    WideCharToMultiByte(CP_UTF8, 0, path, -1, jsonl, (int)sizeof jsonl, NULL, NULL);
    snprintf(spec, sizeof spec, "eventlog:%s,jsonl:%s,level=warning", EVENT_SOURCE, jsonl);
    step("log sinks: %d bad item(s)", lgs_log_configure(spec));

    lgs_hooks hooks = {.wait = on_wait};
    lgs_engine_set_hooks(&hooks);
    if (faults[0] != L'\0') {
        char spec8[1024], why[256];
        WideCharToMultiByte(CP_UTF8, 0, faults, -1, spec8, (int)sizeof spec8, NULL, NULL);
        if (lgs_faults_set(spec8, why, sizeof why) != LGS_OK)
            step("bad --faults: %s", why);
    }
    if (!start_work()) {
        step("not starting: the failure above needs an administrator");
        status.dwWin32ExitCode = ERROR_SERVICE_SPECIFIC_ERROR;
        status.dwServiceSpecificExitCode = 1;
    } else {
        set_state(SERVICE_RUNNING, 0);
        step("running");
        WaitForSingleObject(stop_event, INFINITE);
        step("stopping");
    }
    lgs_stats s;
    lgs_stats_snapshot(&s);
    step("stats: %llu calls, %llu attempts, %llu retries, %llu recovered, %llu failed",
         (unsigned long long)s.calls, (unsigned long long)s.attempts,
         (unsigned long long)s.retries, (unsigned long long)s.recovered,
         (unsigned long long)s.failed);
    lgs_log_flush();
    step("stopped");
    if (steps != NULL)
        fclose(steps);
    set_state(SERVICE_STOPPED, 0);
}

static int install(void)
{
    wchar_t exe[MAX_PATH], cmd[MAX_PATH * 2 + 600];
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    swprintf(cmd, sizeof cmd / sizeof cmd[0], L"\"%ls\" --service --log \"%ls\"%ls%ls%ls", exe,
             log_dir, faults[0] ? L" --faults \"" : L"", faults, faults[0] ? L"\"" : L"");
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CREATE_SERVICE);
    if (scm == NULL) {
        fprintf(stderr, "OpenSCManager: error %lu (administrator rights needed)\n", GetLastError());
        return 1;
    }
    SC_HANDLE svc = CreateServiceW(scm, SERVICE_NAME, L"logonshim example service",
                                   SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS,
                                   SERVICE_DEMAND_START, SERVICE_ERROR_NORMAL, cmd, NULL, NULL,
                                   NULL, NULL, NULL);
    if (svc == NULL) {
        fprintf(stderr, "CreateService: error %lu\n", GetLastError());
        CloseServiceHandle(scm);
        return 1;
    }
    CloseServiceHandle(svc);
    CloseServiceHandle(scm);
    char why[256];
    if (lgs_eventlog_register(EVENT_SOURCE, NULL, why, sizeof why) != LGS_OK)
        fprintf(stderr, "event source: %s\n", why);
    printf("installed %ls: %ls\n", SERVICE_NAME, cmd);
    return 0;
}

static int uninstall(void)
{
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    SC_HANDLE svc = scm != NULL ? OpenServiceW(scm, SERVICE_NAME, DELETE) : NULL;
    int ok = svc != NULL && DeleteService(svc);
    DWORD err = ok ? 0 : GetLastError();
    if (svc != NULL)
        CloseServiceHandle(svc);
    if (scm != NULL)
        CloseServiceHandle(scm);
    lgs_eventlog_unregister(EVENT_SOURCE, NULL, 0);
    if (!ok) {
        fprintf(stderr, "DeleteService: error %lu\n", err);
        return 1;
    }
    printf("uninstalled %ls\n", SERVICE_NAME);
    return 0;
}

int wmain(int argc, wchar_t **argv);
int wmain(int argc, wchar_t **argv)
{
    int service = 0;
    for (int i = 1; i < argc; i++) {
        if (wcscmp(argv[i], L"--service") == 0)
            service = 1;
        else if (wcscmp(argv[i], L"--log") == 0 && i + 1 < argc)
            GetFullPathNameW(argv[++i], MAX_PATH, log_dir, NULL);
        else if (wcscmp(argv[i], L"--faults") == 0 && i + 1 < argc)
            swprintf(faults, 512, L"%ls", argv[++i]);
    }
    if (argc >= 2 && wcscmp(argv[1], L"install") == 0)
        return install();
    if (argc >= 2 && wcscmp(argv[1], L"uninstall") == 0)
        return uninstall();
    if (!service) {
        fprintf(stderr, "usage: logonshim-service install|uninstall [--log DIR] [--faults SPEC]\n");
        return 2;
    }
    SERVICE_TABLE_ENTRYW table[] = {{SERVICE_NAME, service_main}, {NULL, NULL}};
    if (!StartServiceCtrlDispatcherW(table)) {
        fprintf(stderr, "StartServiceCtrlDispatcher: error %lu (run by the SCM only)\n",
                GetLastError());
        return 1;
    }
    return 0;
}
